/**
 * Wuzapi's group events (asternic/wuzapi).
 *
 * Payload: Wuzapi posts `{type, event}` where `event` is whatsmeow's raw event, JSON-encoded into the
 * form field `jsonData` of an application/x-www-form-urlencoded POST (asternic/wuzapi@79ee4cd
 * wmiau.go:676-691, helpers.go:26-42), with `token` (older builds) or `userID` (newer builds) and
 * `instanceName` beside it; with WEBHOOK_FORMAT=json newer builds post the decoded object itself as JSON
 * (helpers.go callHook in later trees, found in the code index; exact commit UNVERIFIED). Both are read.
 * `type: "GroupInfo"` carries whatsmeow's events.GroupInfo (`{JID, Sender, SenderPN, Timestamp,
 * JoinReason, Join, Leave, …}`, tulir/whatsmeow@33cfac5 types/events/events.go:488-523); JoinReason
 * "invite" (group.go:896-898) → joinedVia `invite_link`, else `unknown`. The May-2025 snapshot does not
 * forward GroupInfo at all (it falls to `default`, wmiau.go); later builds list GroupInfo and JoinedGroup
 * among the event types (asternic/wuzapi@97a67e9 constants.go). whatsmeow has no typed join-request
 * event: none is reported.
 *
 * Registration, replace (one webhook per user token; routes.go:80-83, handlers.go:246-420):
 * `GET /webhook` → `{webhook, subscribe: events.split(",")}` (wrapped by Respond in {code, data,
 * success}); `POST /webhook` `{webhookurl, events}` sets the URL and, when events are given, the
 * comma-joined events (unknown ones dropped, none left → "All"), the URL only without events;
 * `DELETE /webhook` empties both. The trigger subscribes its token URL to GroupInfo; on deactivation the
 * previous pair is written back exactly: with POST {webhookurl, events}, or — where the previous events
 * were empty — DELETE, then POST {webhookurl} alone when there was a URL. Wuzapi does not sign by
 * default (a user HMAC key in newer builds is not set by this trigger): the URL carries the token.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ProviderClient } from '../types';
import { whatsmeowGroupInfoEvents } from './evolutionGo';
import { field, text } from './read';
import type { GroupEventSource, HookTarget } from './types';

interface WuzapiHook {
	webhook: string;
	subscribe: string[];
}

/** Respond's `data`: an object, or JSON text in older builds. */
function dataOf(body: unknown): unknown {
	const data = field(body, 'data');
	if (typeof data !== 'string') return data;
	try {
		return JSON.parse(data) as unknown;
	} catch {
		return undefined;
	}
}

async function readHook(client: ProviderClient): Promise<WuzapiHook> {
	const response = await client.send({ method: 'GET', path: '/webhook', idempotent: true, action: 'read the webhook settings' });
	const data = dataOf(response.body);
	const webhook = field(data, 'webhook');
	const subscribe = field(data, 'subscribe');
	if (typeof webhook !== 'string' || (subscribe !== undefined && subscribe !== null && !Array.isArray(subscribe))) {
		throw client.invalidResponse('did not answer its webhook settings', response);
	}
	return { webhook, subscribe: Array.isArray(subscribe) ? subscribe.map(String) : [] };
}

async function setHook(client: ProviderClient, body: IDataObject, action: string): Promise<void> {
	await client.send({ method: 'POST', path: '/webhook', body, idempotent: false, action });
}

/** The JSON of a Wuzapi webhook: the form's `jsonData` text, or the body itself in JSON mode. */
function payloadOf(body: unknown): unknown {
	const json = field(body, 'jsonData');
	if (typeof json === 'string') {
		try {
			return JSON.parse(json) as unknown;
		} catch {
			return undefined;
		}
	}
	return body;
}

export const wuzapiEvents: GroupEventSource = {
	setups: ['manual', 'replace'],
	proof: 'urlToken',
	manualSteps:
		'in Wuzapi (dashboard → Webhook, or POST /webhook {"webhookurl": "<this URL>", "events": ["GroupInfo", …your other events]}), set this URL and subscribe GroupInfo (or All). Wuzapi keeps one webhook URL per user, so this replaces yours.',
	parse(request) {
		const payload = payloadOf(request.body);
		if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
		const type = text(field(payload, 'type'));
		if (type === undefined || !('event' in payload)) return undefined;
		if (type !== 'GroupInfo') return [];
		return whatsmeowGroupInfoEvents(field(payload, 'event'));
	},
	async find(client, target: HookTarget) {
		return (await readHook(client)).webhook === target.tokenUrl;
	},
	async register(client, target: HookTarget) {
		const previous = await readHook(client);
		await setHook(client, { webhookurl: target.tokenUrl, events: ['GroupInfo'] }, 'point the webhook at this trigger');
		return { webhook: previous.webhook, subscribe: previous.subscribe };
	},
	async unregister(client, target: HookTarget, _mode, state) {
		const current = await readHook(client);
		if (current.webhook !== target.tokenUrl) return; // The user changed it meanwhile: left as it is.
		const webhook = typeof state.webhook === 'string' ? state.webhook : '';
		const events = (Array.isArray(state.subscribe) ? state.subscribe.map(String) : []).filter((e) => e !== '');
		if (events.length > 0) {
			await setHook(client, { webhookurl: webhook, events }, 'put the previous webhook back');
			return;
		}
		// No events before: only DELETE empties them; then the URL alone, if there was one.
		await client.send({ method: 'DELETE', path: '/webhook', idempotent: false, action: 'put the previous webhook back' });
		if (webhook !== '') await setHook(client, { webhookurl: webhook }, 'put the previous webhook URL back');
	},
};
