/**
 * Wawp's group events (closed source; Wawp runs WAHA under /v2; official docs only).
 *
 * Payload: WAHA's envelope `{id, timestamp, session, engine, event, payload, me}`. `group.v2.participants`:
 * Wawp's page (https://api.wawp.net/en/docs/group.v2.participants) shows `payload: {chatId, action,
 * participants: {"0": "…@c.us"}}`; WAHA's own type (devlikeapro/waha@193eb53
 * src/structures/groups.events.dto.ts) is `payload: {group: {id}, type: join | leave | promote | demote,
 * participants: [{id, role}], timestamp}`. Both are read; join / add → memberJoined, leave / remove →
 * memberLeft, the rest []. `group.v2.participants.join-request` (WAHA 2026.8.2+: `{group, action:
 * created | rejected | revoked, requesterId, requesterPn, requestMethod, timestamp}`) → joinRequested
 * for `created`, with the requestMethod as given; whether Wawp sends it: UNVERIFIED (its events table
 * is not fully shown). `group.v2.join` is WAHA's "you joined" (Wawp's page says "a new member",
 * UNVERIFIED): not read. Nothing says how a member came in: joinedVia `unknown`.
 *
 * Registration, automatic, paid plans only ("Free tier users will receive a 403 Forbidden error with
 * code subscription_required", on every page below; this source says so in its error):
 * `GET /v2/session/webhook` → `{webhooks: [...], systemConfig}` (https://api.wawp.net/en/docs/v2/session/webhook);
 * `POST /v2/webhook/set` `{url, events, is_active, hmac}` adds one URL or updates it in place, leaving
 * the others (https://api.wawp.net/en/docs/v2/webhook/set); `DELETE /v2/webhook/delete` `{url}` removes
 * one custom URL (https://api.wawp.net/en/docs/v2/webhook/delete). The method of /webhook/set (POST) is
 * UNVERIFIED (the page shows none).
 *
 * Proof: registered with `hmac` = the registration's secret. Wawp: "A secret string added to the
 * X-Wawp-Signature header for basic verification"; WAHA signs the body (HMAC, hex) in `X-Webhook-Hmac`
 * with `X-Webhook-Hmac-Algorithm` (sha512). Which one Wawp sends is UNVERIFIED: WAHA's headers are
 * checked as WAHA signs; `X-Wawp-Signature` as the secret itself or a hex HMAC (sha256 or sha512) of
 * the body. A request with neither is refused.
 */
import type { IDataObject } from 'n8n-workflow';

import { sameSecret, validHmac } from './signature';
import type { ProviderClient, ProviderRequest, ProviderResponse } from '../types';
import { eventsFor, field, groupOf, header, listOf, text, timeOf } from './read';
import type { GroupEventName, GroupEventSource, HookTarget, ParticipantEvent } from './types';

const TYPES: Record<string, GroupEventName> = { join: 'memberJoined', add: 'memberJoined', leave: 'memberLeft', remove: 'memberLeft' };

/** Sends a webhook request; a free plan's 403 becomes an error that says a paid plan is needed. */
async function send(client: ProviderClient, request: ProviderRequest): Promise<ProviderResponse> {
	const response = await client.send({ ...request, passStatuses: [403] });
	if (response.statusCode !== 403) return response;
	if (text(field(response.body, 'code')) === 'subscription_required') {
		throw new Error(
			'Wawp lets only paid plans (the Unlimited tiers) manage webhooks through its API: it answered 403 subscription_required. Upgrade the Wawp plan, or choose Webhook Setup "Manual" and add this URL in Wawp\'s dashboard',
		);
	}
	throw client.httpError(request, response);
}

async function hooks(client: ProviderClient): Promise<IDataObject[]> {
	const response = await send(client, { method: 'GET', path: '/session/webhook', idempotent: true, action: 'read the webhooks' });
	const list = field(response.body, 'webhooks');
	if (list === undefined || list === null) return [];
	if (!Array.isArray(list)) throw client.invalidResponse('did not list its webhooks', response);
	return list as IDataObject[];
}

function active(hook: IDataObject): boolean {
	return hook.is_active === undefined || hook.is_active === 1 || hook.is_active === true || hook.is_active === '1';
}

/** A participant list that may be an array or Wawp's `{"0": …}` object. */
function entries(value: unknown): unknown[] {
	if (value !== null && typeof value === 'object' && !Array.isArray(value) && field(value, 'id') === undefined) {
		return Object.values(value as Record<string, unknown>);
	}
	return listOf(value);
}

function groupIdOf(payload: unknown): string | undefined {
	const group = field(payload, 'group');
	return groupOf(field(group, 'id') ?? (typeof group === 'string' ? group : undefined) ?? field(payload, 'chatId'));
}

function participantsEvent(payload: unknown, envelopeTime: unknown, now: Date): ParticipantEvent[] {
	const event = TYPES[text(field(payload, 'type') ?? field(payload, 'action'))?.toLowerCase() ?? ''];
	const groupId = groupIdOf(payload);
	if (!event || !groupId) return [];
	return eventsFor(event, groupId, entries(field(payload, 'participants')), {
		timestamp: timeOf(field(payload, 'timestamp') ?? envelopeTime, now),
	});
}

function joinRequestEvent(payload: unknown, envelopeTime: unknown, now: Date): ParticipantEvent[] {
	if (text(field(payload, 'action')) !== 'created') return [];
	const groupId = groupIdOf(payload);
	if (!groupId) return [];
	const requestMethod = text(field(payload, 'requestMethod'));
	return eventsFor(
		'joinRequested',
		groupId,
		[field(payload, 'requesterId')],
		{ timestamp: timeOf(field(payload, 'timestamp') ?? envelopeTime, now), ...(requestMethod === undefined ? {} : { requestMethod }) },
		() => field(payload, 'requesterPn'),
	);
}

export const wawpEvents: GroupEventSource = {
	setups: ['automatic', 'manual'],
	proof: 'signature',
	proofNote: "Wawp's HMAC signature, with the key it registers",
	manualSteps:
		'in Wawp\'s dashboard, open the instance → Webhooks, add this URL and subscribe it to "group.v2.participants" (and "group.v2.participants.join-request" for join requests).',
	verify(request, keys) {
		if (keys.secret === undefined) return undefined; // Manual: no key of ours was set.
		const waha = header(request.headers, 'x-webhook-hmac');
		if (waha !== undefined) {
			const algorithm = header(request.headers, 'x-webhook-hmac-algorithm')?.trim().toLowerCase() === 'sha256' ? 'sha256' : 'sha512';
			return validHmac(waha, algorithm, keys.secret, request.rawBody);
		}
		const wawp = header(request.headers, 'x-wawp-signature');
		if (wawp === undefined) return false;
		return (
			sameSecret(wawp.trim(), keys.secret) ||
			validHmac(wawp, 'sha256', keys.secret, request.rawBody) ||
			validHmac(wawp, 'sha512', keys.secret, request.rawBody)
		);
	},
	parse(request) {
		const body = request.body;
		const event = text(field(body, 'event'));
		if (event === undefined || field(body, 'payload') === undefined) return undefined;
		const now = new Date();
		if (event === 'group.v2.participants') return participantsEvent(field(body, 'payload'), field(body, 'timestamp'), now);
		if (event === 'group.v2.participants.join-request') return joinRequestEvent(field(body, 'payload'), field(body, 'timestamp'), now);
		return [];
	},
	async find(client, target: HookTarget) {
		return (await hooks(client)).some((hook) => hook.url === target.url && active(hook));
	},
	async register(client, target: HookTarget) {
		const events = ['group.v2.participants', ...(target.events.includes('joinRequested') ? ['group.v2.participants.join-request'] : [])];
		await send(client, {
			method: 'POST',
			path: '/webhook/set',
			body: { url: target.url, events, is_active: 1, hmac: target.secret },
			idempotent: false,
			action: 'add this trigger\'s webhook',
		});
		return {};
	},
	async unregister(client, target: HookTarget) {
		if (!(await hooks(client)).some((hook) => hook.url === target.url)) return; // Already gone.
		await send(client, {
			method: 'DELETE',
			path: '/webhook/delete',
			body: { url: target.url },
			idempotent: false,
			action: 'remove this trigger\'s webhook',
		});
	},
};
