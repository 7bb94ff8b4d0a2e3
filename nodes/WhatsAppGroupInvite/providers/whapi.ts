import type { GroupRef } from '../whatsapp/groupId';
import { groupJid } from '../whatsapp/groupId';
import { firstInvite } from '../whatsapp/invite';
import type { Requester } from '../whatsapp/requester';
import { requesterFromVendor, sameRequester } from '../whatsapp/requester';
import { adminIn, arrayAt, connectedIds, lookedUp, summaries } from './listing';
import type { InviteResult, JoinRequest, ProviderAdapter, ProviderClient, ProviderResponse } from './types';
import { field, text } from './read';

/**
 * Whapi.Cloud (https://whapi.cloud). The channel token travels as `Authorization: Bearer <token>`.
 * Per its OpenAPI spec 1.8.7 (Whapi's own openapi.yaml, as copied in purelines/whapi-sdk@6cca379,
 * agreeing with Whapi-Cloud/whapi-mcp@3d0f077 generated-mcp/*):
 * - Get `GET /groups/{GroupID}/invite` answers `{invite_code}`; Revoke is `DELETE` on the same path and
 *   answers `ResponseSuccess {success}` only, so the new code is read with a Get after `{success: true}`
 *   (and read from the answer, should a server ever carry it).
 * - List `GET /groups?count=&offset=` (count 1–500, default 100) answers `{groups, count, total, offset}`;
 *   each Group has `id` (…@g.us), `name`, `participants_count`, `participants: [{id, rank: admin|member|
 *   creator}]` (ids are phone digits) and an optional `invite_code`. No "I am admin" flag: the connected
 *   number is `GET /health` → `user.id`. No name filter on the server.
 * - Invite lookup `GET /groups/link/{InviteCode}` answers `GroupInfoByInviteCode {id, name,
 *   participantsCount, …}` (camelCase there), 404 "Specified group not found".
 *
 * Join requests (spec 1.8.7: purelines/whapi-sdk@6cca379 openapi.yaml ~3343-3390, ~3880-3935,
 * ~8438-8455, ~9076-9083, ~9506-9519, ~9977-9994, ~10148-10177; wire names per
 * lib/Model/GroupApplication.php:177; notes in docs/research/join-requests-waha-whapi-gowa-wuzapi.md
 * §2; nothing of it was seen live):
 * - List `GET /groups/{GroupID}/applications?count=&offset=` → `{applications: [{chatId,
 *   request_method, timestamp}], count, total, offset}` (`chatId` on the wire, `timestamp` Unix
 *   seconds); read page by page until `total`.
 * - Approve `POST /groups/{GroupID}/applications`, reject **`DELETE`** on the same path, both with the
 *   JSON body `{"application": "<ChatID>"}`: one requester per call, the ChatID with its `@` suffix
 *   (bare digits are refused), sent as listed (`…@s.whatsapp.net`, or `…@lid`: UNVERIFIED whether
 *   Whapi lists LIDs) → 200 `[{chatId, success, error?}]`, `error` a string. A row with `success:
 *   false` whose error says the request is not found / not pending is client.notPending, any other a
 *   reported failure; no row for the requester is a failure. The spec gives no "not pending" text:
 *   UNVERIFIED. Errors `{error: {code, message}}`: 400 wrong parameters, 404 "Specified group not
 *   found"; not an admin: UNVERIFIED for /applications (403 on the settings route).
 * - Approval `PATCH /groups/{GroupID}` with `{"setting": "approve_participants", "policy": "admins"}`
 *   (on) or `"anyone"` (off) → 200 `{"success": true}`. One setting per call, so nothing else the
 *   user set up changes. UNVERIFIED: the policy-to-on/off mapping is read from the enum's names.
 */

function inviteIn(body: unknown): InviteResult | undefined {
	return firstInvite(field(body, 'invite_code'), field(body, 'invite_link'), field(body, 'link'));
}

function inviteFrom(client: ProviderClient, response: ProviderResponse): InviteResult {
	const invite = inviteIn(response.body);
	if (!invite) throw client.invalidResponse('did not include an invite code', response);
	return invite;
}

function invitePath(group: GroupRef): string {
	return `/groups/${encodeURIComponent(groupJid(group) ?? group.input)}/invite`;
}

/** The group's own path: `/groups/{GroupID}`. */
function groupPath(group: GroupRef): string {
	return `/groups/${encodeURIComponent(groupJid(group) ?? group.input)}`;
}

/** Join requests per list request (the spec's default `count`). */
const APPLICATIONS_PAGE = 100;

/** An ISO 8601 time from Unix seconds; undefined for 0, less, or none. */
function isoFromSeconds(value: unknown): string | undefined {
	const seconds = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined;
	const date = new Date(seconds * 1000);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A per-requester error that says there is no such pending request. */
const NOT_PENDING = /not.?found|no (?:such |pending )?(?:join )?(?:request|application)|not pending|\b404\b/i;

async function settle(client: ProviderClient, group: GroupRef, requester: Requester, approve: boolean): Promise<void> {
	const words = approve ? 'approve the join request' : 'reject the join request';
	const response = await client.send({
		method: approve ? 'POST' : 'DELETE',
		path: `${groupPath(group)}/applications`,
		body: { application: requester.jid },
		idempotent: false,
		action: words,
	});
	const rows = arrayAt(response.body, [], ['applications']);
	if (!rows) throw client.invalidResponse(`did not say whether it could ${words}`, response);
	// One requester per call: its row, by id, or the only row.
	const row =
		rows.find((r) => {
			const who = requesterFromVendor(field(r, 'chatId') ?? field(r, 'chat_id'));
			return who !== undefined && sameRequester(who, requester);
		}) ?? (rows.length === 1 ? rows[0] : undefined);
	if (row === undefined) {
		throw client.reportedFailure(words, `its answer has no result for ${requester.phone ?? requester.jid}`, response);
	}
	if (field(row, 'success') === true) return;
	const error = field(row, 'error');
	const reason = text(error) ?? text(field(error, 'message')) ?? (typeof error === 'number' ? String(error) : undefined);
	if (reason !== undefined && NOT_PENDING.test(reason)) throw client.notPending(requester, response);
	throw client.reportedFailure(words, reason, response);
}

/** Most groups Whapi.Cloud returns per list request (its spec's maximum `count`). */
const PAGE = 500;
export const whapi: ProviderAdapter = {
	id: 'whapi',
	name: 'Whapi.Cloud',
	credentialType: 'groupInviteWhapiApi',
	groupIdRules: { acceptsInvite: false },

	apiRoot: (_credentials, baseUrl) => baseUrl,

	secrets: (credentials) => [credentials.token],

	errorMessage: (body) =>
		text(field(body, 'error', 'message')) ?? text(field(body, 'message')) ?? text(field(body, 'error')),

	// Per the Whapi.Cloud OpenAPI spec (1.8.x), errors are {error: {code, message, details}}: 401 "Need
	// channel authorization" is a channel not paired with a phone (the token is fine), 404 "Channel not
	// found" an unknown token (not a missing group).
	errorHint(statusCode, vendorMessage) {
		const message = (vendorMessage ?? '').toLowerCase();
		if (message.includes('need channel authorization') || message.includes('channel authorization')) {
			return 'The Whapi.Cloud channel is not paired with a phone: authorize it by scanning the QR code in the Whapi.Cloud dashboard (your channel) with the WhatsApp phone, then run again.';
		}
		if (message.includes('channel not found')) {
			return 'Whapi.Cloud knows no channel for this token: check the API Token in the Whapi.Cloud credential (Whapi.Cloud dashboard → your channel → API token).';
		}
		if (message.includes('admin')) {
			return 'Make the WhatsApp number connected to this Whapi.Cloud channel an admin of the group, then run again.';
		}
		if (statusCode === 401) {
			return 'Check the API Token in the Whapi.Cloud credential (Whapi.Cloud dashboard → your channel → API token).';
		}
		return undefined;
	},

	async getInviteLink(client, group) {
		const response = await client.send({
			method: 'GET',
			path: invitePath(group),
			idempotent: true,
			action: 'get the invite code',
		});
		return inviteFrom(client, response);
	},

	async resetInviteLink(client, group) {
		const response = await client.send({
			method: 'DELETE',
			path: invitePath(group),
			idempotent: false,
			action: 'revoke the invite code',
		});
		const invite = inviteIn(response.body);
		if (invite) return invite;
		// Only an explicit success is followed by a read: an empty or odd 200 proves no revocation.
		if (field(response.body, 'success') !== true) return inviteFrom(client, response);
		const read = await client.send({
			method: 'GET',
			path: invitePath(group),
			idempotent: true,
			action: 'read the new invite code after revoking the old one',
		});
		const renewed = inviteIn(read.body);
		if (!renewed) {
			throw client.invalidResponse('did not include the new invite code (the old one was revoked)', read);
		}
		return renewed;
	},
	listReportsAdmin: true,

	async listGroups(client, { cursor, roles }) {
		const offset = cursor !== undefined && /^\d+$/.test(cursor) ? Number(cursor) : 0;
		// The spec's largest page, whatever the caller's page size: 1,000 groups cost 2 requests, not 10.
		const count = PAGE;
		const response = await client.send({
			method: 'GET',
			path: '/groups',
			qs: { count, offset },
			idempotent: true,
			action: 'list the groups',
		});
		const entries = arrayAt(response.body, ['groups']);
		if (!entries) throw client.invalidResponse('did not include the list of groups', response);
		// The connected number, without waking a sleeping channel.
		const me = roles
			? await connectedIds(client, { method: 'GET', path: '/health', qs: { wakeup: 'false' } }, (body) => [field(body, 'user', 'id')])
			: [];
		const groups = summaries(entries, (g) => ({
			id: field(g, 'id'),
			name: field(g, 'name'),
			// `participants_count` in the newer spec (1.8.7 above), `size` in an earlier one
			// (moham96/whapi-php-openapi@909fd64 docs/Model/Group.md); else the participants' number.
			participantCount: field(g, 'participants_count') ?? field(g, 'size'),
			participants: field(g, 'participants'),
			isAdmin: roles ? adminIn(field(g, 'participants'), ...me) : undefined,
			invite: field(g, 'invite_code'),
		}));
		const total = field(response.body, 'total');
		const seen = offset + entries.length;
		const more = entries.length > 0 && (typeof total === 'number' ? seen < total : entries.length >= count);
		return { groups, ...(more ? { next: String(seen) } : {}) };
	},

	async resolveInvite(client, inviteCode) {
		const response = await client.send({
			method: 'GET',
			path: `/groups/link/${encodeURIComponent(inviteCode)}`,
			idempotent: true,
			action: 'look up the invite link',
			// 404 "Specified group not found"; 400 for a code outside the spec's ^[A-Za-z0-9]{14,22}$.
			passStatuses: [400, 404],
		});
		if (response.statusCode >= 400) throw client.inviteGone(response);
		return lookedUp(client, response, {
			id: field(response.body, 'id'),
			name: field(response.body, 'name'),
			participantCount:
				field(response.body, 'participantsCount') ?? field(response.body, 'participants_count') ?? field(response.body, 'size'),
			participants: field(response.body, 'participants'),
		});
	},

	async listJoinRequests(client, group) {
		const requests: JoinRequest[] = [];
		let offset = 0;
		for (;;) {
			const response = await client.send({
				method: 'GET',
				path: `${groupPath(group)}/applications`,
				qs: { count: APPLICATIONS_PAGE, offset },
				idempotent: true,
				action: 'list the join requests',
			});
			const entries = arrayAt(response.body, ['applications'], []);
			if (!entries) throw client.invalidResponse('did not include the list of join requests', response);
			for (const entry of entries) {
				const requester = requesterFromVendor(field(entry, 'chatId') ?? field(entry, 'chat_id'));
				if (!requester) continue;
				const request: JoinRequest = { requester };
				const method = text(field(entry, 'request_method'));
				if (method !== undefined) request.requestMethod = method;
				const at = isoFromSeconds(field(entry, 'timestamp'));
				if (at !== undefined) request.requestedAt = at;
				requests.push(request);
			}
			offset += entries.length;
			const total = field(response.body, 'total');
			const more = entries.length > 0 && (typeof total === 'number' ? offset < total : entries.length >= APPLICATIONS_PAGE);
			if (!more) return requests;
		}
	},

	async approveJoinRequest(client, group, requester) {
		await settle(client, group, requester, true);
	},

	async rejectJoinRequest(client, group, requester) {
		await settle(client, group, requester, false);
	},

	async setJoinApproval(client, group, required) {
		const words = required ? 'turn admin approval on' : 'turn admin approval off';
		const response = await client.send({
			method: 'PATCH',
			path: groupPath(group),
			body: { setting: 'approve_participants', policy: required ? 'admins' : 'anyone' },
			idempotent: false,
			action: words,
		});
		if (field(response.body, 'success') !== true) {
			throw client.invalidResponse(`did not confirm that it could ${words}`, response);
		}
	},
};
