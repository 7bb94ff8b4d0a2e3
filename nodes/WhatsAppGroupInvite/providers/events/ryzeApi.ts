/**
 * RyzeAPI's group events (closed source; official docs only).
 *
 * Envelope (https://docs.ryzeapi.cloud/en/api/events/overview): `{event, data, instanceData: {baseUrl,
 * instance, token}}`; `instanceData.token` is the instance's own token (a secret: never read into an
 * item). Group changes are the event `group.flow` ("joined/left/promoted/demoted + metadata"); its `data`
 * is not documented. UNVERIFIED, modelled: `data: {groupJid, action, participants: [jid | {jid,
 * phoneNumber}], author?, timestamp?, requestMethod?}` with `action` joined / left / removed / promoted /
 * demoted / join_request (the words of the overview, in RyzeAPI's lower-case style, with its `jid` +
 * `phoneNumber` pair as in /en/api/groups/requests), and whatsmeow's own GroupInfo (`JID, Join[],
 * Leave[], Sender, Timestamp, JoinReason`; tulir/whatsmeow@33cfac5 types/events/events.go:487-525),
 * which RyzeAPI, a whatsmeow-based gateway, may pass through. joinedVia is `invite_link` only for
 * whatsmeow's `JoinReason: "invite"`; else `unknown`.
 *
 * Registration, automatic (https://docs.ryzeapi.cloud/en/api/events/webhook-configure, /webhook-list):
 * `POST /api/events/webhook/{instance}` `{label, enabled, url, events, authorization, byEvents,
 * mediaBase64}` upserts the `(instance, label)` row; up to 3 enabled webhooks per instance (a 4th is
 * refused here before the call, naming the labels in use); `GET /api/events/getWebhook/{instance}`
 * lists them all, `?label=` reads one (404 when none). This trigger's row has its own label, derived
 * from its URL. RyzeAPI has no delete: the docs' "soft-disable" (the same label with `{enabled:
 * false}`) clears url, authorization, events and mediaBase64 but keeps the row. So after deactivation
 * one disabled row labelled `n8n-…` stays in the list (it receives nothing and does not count toward
 * the 3); activating again reuses it. Every other row is untouched.
 *
 * Proof: RyzeAPI sends the `authorization` value given at registration as the Authorization header
 * ("sends the header Authorization: Bearer svc-token-xyz"); registered as the registration's secret
 * and compared in constant time, bare or after `Bearer ` (which of the two RyzeAPI sends: UNVERIFIED).
 */
import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { sameSecret } from './signature';
import type { ProviderClient } from '../types';
import { eventsFor, field, groupOf, header, listOf, text, timeOf } from './read';
import type { GroupEventName, GroupEventSource, HookTarget, ParticipantEvent } from './types';

/** RyzeAPI's limit of enabled webhooks per instance. */
const MAX_ENABLED = 3;

const ACTIONS: Record<string, GroupEventName> = {
	joined: 'memberJoined',
	join: 'memberJoined',
	add: 'memberJoined',
	added: 'memberJoined',
	left: 'memberLeft',
	leave: 'memberLeft',
	remove: 'memberLeft',
	removed: 'memberLeft',
	join_request: 'joinRequested',
	request: 'joinRequested',
	requested: 'joinRequested',
};

function instancePath(client: ProviderClient): string {
	return encodeURIComponent(String(client.credentials.instanceName ?? '').trim());
}

/** This trigger's label: the same for its URL wherever it is computed, and nothing secret. */
export function ryzeLabel(url: string): string {
	return `n8n-${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;
}

async function hooks(client: ProviderClient): Promise<IDataObject[]> {
	const response = await client.send({
		method: 'GET',
		path: `/events/getWebhook/${instancePath(client)}`,
		idempotent: true,
		action: 'read the webhooks',
	});
	const list = field(response.body, 'webhooks');
	if (!Array.isArray(list)) throw client.invalidResponse('did not list its webhooks', response);
	return list as IDataObject[];
}

async function ours(client: ProviderClient, target: HookTarget): Promise<IDataObject | undefined> {
	const response = await client.send({
		method: 'GET',
		path: `/events/getWebhook/${instancePath(client)}`,
		qs: { label: ryzeLabel(target.url) },
		idempotent: true,
		action: 'read this trigger\'s webhook',
		passStatuses: [404],
	});
	if (response.statusCode === 404) return undefined;
	const hook = field(response.body, 'webhook');
	if (hook === null || typeof hook !== 'object' || Array.isArray(hook)) throw client.invalidResponse('did not return the webhook', response);
	return hook as IDataObject;
}

/** Whether a row is this trigger's live registration (enabled, our URL). */
function live(hook: IDataObject | undefined, target: HookTarget): boolean {
	return hook !== undefined && hook.enabled === true && hook.url === target.url;
}

function groupEvents(data: unknown, now: Date): ParticipantEvent[] {
	const groupId = groupOf(field(data, 'groupJid') ?? field(data, 'jid') ?? field(data, 'chatJid') ?? field(data, 'group', 'jid') ?? field(data, 'JID'));
	if (!groupId) return [];
	const timestamp = timeOf(field(data, 'timestamp') ?? field(data, 'Timestamp'), now);
	const by = field(data, 'author') ?? field(data, 'actor') ?? field(data, 'Sender');
	const phoneOf = (entry: unknown) => field(entry, 'phoneNumber') ?? field(entry, 'PhoneNumber');
	const action = text(field(data, 'action'))?.toLowerCase();
	if (action !== undefined) {
		const event = ACTIONS[action];
		if (!event) return [];
		const requestMethod = event === 'joinRequested' ? text(field(data, 'requestMethod')) : undefined;
		return eventsFor(
			event,
			groupId,
			listOf(field(data, 'participants')),
			{ timestamp, ...(requestMethod === undefined ? {} : { requestMethod }), ...(by === undefined || by === null || by === '' ? {} : { by }) },
			phoneOf,
		);
	}
	// whatsmeow's GroupInfo, as passed through.
	const sender = by === undefined || by === null || by === '' ? {} : { by };
	return [
		...eventsFor('memberJoined', groupId, listOf(field(data, 'Join')), {
			timestamp,
			joinedVia: text(field(data, 'JoinReason')) === 'invite' ? 'invite_link' : 'unknown',
			...sender,
		}),
		...eventsFor('memberLeft', groupId, listOf(field(data, 'Leave')), { timestamp, ...sender }),
	];
}

export const ryzeApiEvents: GroupEventSource = {
	setups: ['automatic', 'manual'],
	proof: 'signature',
	proofNote: 'the Authorization value it registers, which RyzeAPI sends back',
	manualSteps:
		'in RyzeAPI, add a webhook to the instance (POST /api/events/webhook/{instance}, or the dashboard) with this URL and the event "group.flow"; RyzeAPI keeps up to 3 enabled webhooks per instance.',
	verify(request, keys) {
		if (keys.secret === undefined) return undefined; // Manual: the user set no authorization of ours.
		const given = header(request.headers, 'authorization');
		if (given === undefined) return false;
		const bare = given.replace(/^Bearer\s+/i, '');
		return sameSecret(given, keys.secret) || sameSecret(bare, keys.secret);
	},
	parse(request) {
		const body = request.body;
		const event = text(field(body, 'event'));
		if (event === undefined || field(body, 'data') === undefined) return undefined;
		if (event !== 'group.flow') return [];
		return groupEvents(field(body, 'data'), new Date());
	},
	async find(client, target: HookTarget) {
		const hook = await ours(client, target);
		return live(hook, target) && typeof hook?.authorization === 'string' && sameSecret(hook.authorization, target.secret);
	},
	async register(client, target: HookTarget) {
		const label = ryzeLabel(target.url);
		const others = (await hooks(client)).filter((hook) => hook.enabled === true && hook.label !== label);
		if (others.length >= MAX_ENABLED) {
			throw new Error(
				`RyzeAPI keeps at most ${MAX_ENABLED} enabled webhooks per instance, and this one has ${others.length} (labels ${others.map((hook) => `"${String(hook.label)}"`).join(', ')}): disable one of them in RyzeAPI, or choose Webhook Setup "Manual" and add this URL to one of them`,
			);
		}
		await client.send({
			method: 'POST',
			path: `/events/webhook/${instancePath(client)}`,
			body: { label, enabled: true, url: target.url, events: ['group.flow'], authorization: target.secret, byEvents: false, mediaBase64: false },
			idempotent: false,
			action: 'add this trigger\'s webhook',
		});
		return { label };
	},
	async unregister(client, target: HookTarget) {
		// Gone, disabled or pointed elsewhere by the user: left as it is.
		if (!live(await ours(client, target), target)) return;
		// RyzeAPI has no delete: its soft-disable keeps an empty, disabled row with this label.
		await client.send({
			method: 'POST',
			path: `/events/webhook/${instancePath(client)}`,
			body: { label: ryzeLabel(target.url), enabled: false },
			idempotent: false,
			action: 'disable this trigger\'s webhook',
		});
	},
};
