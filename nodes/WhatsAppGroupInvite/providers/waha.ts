import type { GroupRef } from '../whatsapp/groupId';
import { groupJid } from '../whatsapp/groupId';
import { toInvite } from '../whatsapp/invite';
import type { Requester } from '../whatsapp/requester';
import { requesterFromVendor, sameRequester } from '../whatsapp/requester';
import { connectedIds, engineGroup, entriesOf, joinRequestOf, lookedUp, sendLookup, summaries } from './listing';
import type { InviteResult, JoinRequest, ProviderAdapter, ProviderClient, ProviderResponse } from './types';
import { field, joinedText, text } from './read';

/**
 * WAHA, WhatsApp HTTP API (https://waha.devlike.pro), self-hosted. The optional API key travels in
 * the `X-Api-Key` header, the session name in the path. Both invite-code endpoints answer the bare
 * invite code as the body (a JSON string or plain text), 200 or 201.
 * Per devlikeapro/waha (src/api/groups.controller.ts @193eb53; engines src/core/engines/{noweb,webjs,
 * gows}/groups.*.ts; session.abc.ts):
 * - List `GET /api/{session}/groups` (limit/offset/sortBy/exclude=participants are optional; the
 *   engines fetch the whole list and page in memory, so it is read whole, in one request). The answer
 *   depends on the engine: NOWEB an object keyed by JID of `{id, subject, size, participants: [{id,
 *   admin: admin|superadmin|null}]}`, WEBJS an array of chats `{id: {_serialized}, groupMetadata:
 *   {subject, size, participants: [{id, isAdmin, isSuperAdmin}]}}`, GOWS (whatsmeow) `{JID, Name,
 *   Participants: [{JID, IsAdmin, IsSuperAdmin}]}`. No "I am admin" flag: the session's own ids are
 *   `GET /api/sessions/{session}` → `me.id` (and `me.lid`).
 * - Invite lookup `GET /api/{session}/groups/join-info?code=` answers the engine's group object; a
 *   revoked code is a 500 whose exception says "gone" (NOWEB) or "…has been revoked" (GOWS); an engine
 *   without the method answers 501.
 *
 * Join requests, WAHA 2026.8.2 and later (release note on devlikeapro/waha#2200; older servers answer
 * 404 "Cannot GET …" for these routes). Per devlikeapro/waha src/api/groups.controller.ts@0da9ef6 and
 * src/structures/groups.dto.ts@6aa4282 (engines: groups.noweb.ts@6aa4282, groups.gows.ts@193eb53,
 * groups.webjs.ts@193eb53; per-participant codes as whatsapp-web.js names them, pedroslopez/
 * whatsapp-web.js@03498ea src/util/Injected/Utils.js:1514-1523); notes in docs/research/
 * join-requests-waha-whapi-gowa-wuzapi.md §1:
 * - List `GET /api/{session}/groups/{id}/participants/join-requests` → a bare array, no paging, of
 *   `{requesterId: …@c.us | …@lid, requesterPn?, addedById, parentGroupId, requestMethod:
 *   invite_link | linked_group_join | non_admin_add | null, timestamp}` (Unix seconds; GOWS gives 0
 *   or less when WhatsApp sent no time, then no requestedAt). `requesterPn` (NOWEB only) is the
 *   phone beside a LID.
 * - Approve / reject `POST /api/{session}/groups/{id}/participants/join-requests/approve|reject` with
 *   `{"participants": [{"id": "<…@c.us | …@lid>"}]}` (one requester here, in the list's own spelling:
 *   a phone as `…@c.us`) → 200 `[{requesterId, success, error?}]`, `error` WhatsApp's numeric code:
 *   404 (ParticipantRequestNotFoundError) is "not pending", any other a reported failure. A 200
 *   without a row for the requester (`[]`: WEBJS after an exception) is a failure, never a success.
 *   Not an admin or no such group: 500 with WhatsApp's `not-authorized` / `item-not-found`.
 *   UNVERIFIED: whether WAHA's whatsapp-web.js fork can still answer `success: true` for a failed
 *   WEBJS approve (the library's `ServerStatusCodeError` carries no `error` field); the answer is
 *   taken as it is, not checked by listing again.
 * - Approval `PUT /api/{session}/groups/{id}/settings/security/membership-approval` with
 *   `{"newMembersApprovalRequired": bool}` → 200 `true`, or `false` when WEBJS could not apply it
 *   (e.g. not an admin): then a reported failure. It changes only that setting.
 */

function inviteFrom(client: ProviderClient, response: ProviderResponse): InviteResult {
	const invite = toInvite(response.body);
	if (!invite) throw client.invalidResponse('did not include an invite code', response);
	return invite;
}

/** The session's part of every path: `/{session}`. */
function sessionPath(client: ProviderClient): string {
	return `/${encodeURIComponent(String(client.credentials.session ?? '').trim() || 'default')}`;
}

/** The group's own path: `/{session}/groups/{id}`. */
function groupBase(client: ProviderClient, group: GroupRef): string {
	return `${sessionPath(client)}/groups/${encodeURIComponent(groupJid(group) ?? group.input)}`;
}

function groupPath(client: ProviderClient, group: GroupRef): string {
	return `${groupBase(client, group)}/invite-code`;
}

/** WhatsApp's per-participant codes, as whatsapp-web.js names them (Utils.js@03498ea:1514-1523). */
const PARTICIPANT_ERRORS: Record<number, string> = {
	400: 'ParticipantNotFoundError',
	401: 'ParticipantNotAuthorizedError',
	403: 'ParticipantForbiddenError',
	404: 'ParticipantRequestNotFoundError',
	408: 'ParticipantTemporarilyBlockedError',
	409: 'ParticipantConflictError',
	412: 'ParticipantParentLinkedGroupsResourceConstraintError',
	500: 'ParticipantResourceConstraintError',
};

/** The requester as WAHA takes it: a phone as `…@c.us` (the list's own spelling), a LID as `…@lid`. */
function wahaRequesterId(requester: Requester): string {
	return requester.phone !== undefined ? `${requester.phone}@c.us` : requester.jid;
}

async function settle(client: ProviderClient, group: GroupRef, requester: Requester, action: 'approve' | 'reject'): Promise<void> {
	const words = action === 'approve' ? 'approve the join request' : 'reject the join request';
	const response = await client.send({
		method: 'POST',
		path: `${groupBase(client, group)}/participants/join-requests/${action}`,
		body: { participants: [{ id: wahaRequesterId(requester) }] },
		idempotent: false,
		action: words,
	});
	if (!Array.isArray(response.body)) throw client.invalidResponse(`did not say whether it could ${words}`, response);
	const rows = response.body as unknown[];
	// One requester per call: its row, by id, or the only row (an engine may answer with the other id).
	const row =
		rows.find((r) => {
			const who = requesterFromVendor(field(r, 'requesterId'));
			return who !== undefined && sameRequester(who, requester);
		}) ?? (rows.length === 1 ? rows[0] : undefined);
	if (row === undefined) {
		throw client.reportedFailure(words, `its answer has no result for ${requester.phone ?? requester.jid}`, response);
	}
	if (field(row, 'success') === true) return;
	const code = field(row, 'error');
	const number = typeof code === 'number' ? code : typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : undefined;
	if (number === 404) throw client.notPending(requester, response);
	const reason =
		number !== undefined
			? `WhatsApp error ${number}${PARTICIPANT_ERRORS[number] ? ` (${PARTICIPANT_ERRORS[number]})` : ''}`
			: text(code) ?? text(field(row, 'message'));
	throw client.reportedFailure(words, reason, response);
}

export const waha: ProviderAdapter = {
	id: 'waha',
	name: 'WAHA',
	credentialType: 'groupInviteWahaApi',
	groupIdRules: { acceptsInvite: false },

	apiRoot: (_credentials, baseUrl) => `${baseUrl}/api`,

	secrets: (credentials) => [credentials.apiKey, credentials.webhookSecret],

	errorMessage(body) {
		// 422 when the session is not WORKING: {error, session, status, expected}.
		const sessionError = text(field(body, 'error'));
		const status = text(field(body, 'status'));
		if (sessionError && status && field(body, 'expected') !== undefined) {
			return `${sessionError} (session status: ${status})`;
		}
		return (
			joinedText(field(body, 'message')) ??
			text(field(body, 'error', 'message')) ??
			// A non-HTTP error (e.g. WhatsApp's "not-authorized"): 500 {statusCode, exception: {message}}.
			text(field(body, 'exception', 'message')) ??
			sessionError
		);
	},

	// WhatsApp's own refusals come back as HTTP 500: they are definite, the link did not change.
	isDefiniteFailure: (_statusCode, vendorMessage) =>
		/not-authorized|forbidden|item-not-found/i.test(vendorMessage ?? ''),

	// Hints, per devlikeapro/waha: src/core/manager.core.ts (getSession: 404 "We didn't find a session
	// with name '…'. Please start it first by using POST /api/sessions/{name}/start request", for a
	// session that is missing or stopped; OnlyDefaultSessionIsAllowed: 422 "WAHA Core support only
	// 'default' session"), src/core/abc/manager.abc.ts (waitUntilStatus: 422 "Session status is not as
	// expected" for a session that runs but is not WORKING: STARTING, SCAN_QR_CODE or FAILED, never
	// STOPPED, which getSession answers first with the 404).
	errorHint(statusCode, vendorMessage) {
		const message = (vendorMessage ?? '').toLowerCase();
		if (message.includes("support only 'default' session") || message.includes('only default session')) {
			return 'WAHA Core runs only the session "default": set Session to "default" in the WAHA credential (and use that session in WAHA), or use WAHA Plus to run more sessions.';
		}
		if (statusCode === 422 || message.includes('session status is not as expected')) {
			if (message.includes('status: scan_qr_code')) {
				return 'The WAHA session is waiting for its QR code: scan it in the WAHA dashboard (Sessions → your session) with the WhatsApp phone, then run again.';
			}
			if (message.includes('status: starting')) {
				return 'The WAHA session is still starting: wait until its status is WORKING in the WAHA dashboard (Sessions), then run again.';
			}
			if (message.includes('status: failed')) {
				return 'The WAHA session has failed: restart it in the WAHA dashboard (Sessions → Restart, scan the QR code again if asked), then run again.';
			}
			return 'The WAHA session is not ready (its status is not WORKING): start it in the WAHA dashboard (Sessions → Start) or restart it, scan the QR code if asked, then run again.';
		}
		if (
			message.includes("didn't find a session") ||
			message.includes('start it first') ||
			message.includes('session not found') ||
			(statusCode === 404 && /\bsession\b/.test(message))
		) {
			return 'The WAHA session is not running (stopped, or not created yet): start it in the WAHA dashboard (Sessions → Start) or with POST /api/sessions/{session}/start, scan the QR code if asked, then run again.';
		}
		if (message.includes('not-authorized') || message.includes('forbidden')) {
			return 'Make the WhatsApp number connected to this WAHA session an admin of the group, then run again.';
		}
		if (message.includes('item-not-found')) {
			return 'WhatsApp knows no such group for this session: check the Group ID, and that the WhatsApp number connected to this WAHA session is a member of the group.';
		}
		if (message.startsWith('cannot ') && /join-requests|membership-approval/.test(message)) {
			return 'This WAHA server has no join-request routes: they came with WAHA 2026.8.2. Update WAHA, then run again.';
		}
		if (statusCode === 501) {
			return "This WAHA session's engine does not offer this: use a session with the NOWEB or GOWS engine, or pick the group From List or By ID.";
		}
		if (statusCode === 401 || statusCode === 403) {
			return "Check the API Key in the WAHA credential: it must be the WAHA server's key (WAHA_API_KEY, or WHATSAPP_API_KEY on older servers; WAHA prints a generated key in its log at startup when none is set).";
		}
		return undefined;
	},

	async getInviteLink(client, group) {
		const response = await client.send({
			method: 'GET',
			path: groupPath(client, group),
			idempotent: true,
			action: 'get the invite code',
		});
		return inviteFrom(client, response);
	},

	async resetInviteLink(client, group) {
		// WAHA revokes, then reads the new code itself: the answer is the new code.
		const response = await client.send({
			method: 'POST',
			path: `${groupPath(client, group)}/revoke`,
			idempotent: false,
			action: 'revoke the invite code',
		});
		return inviteFrom(client, response);
	},
	listReportsAdmin: true,

	async listGroups(client, { roles }) {
		const response = await client.send({
			method: 'GET',
			path: `${sessionPath(client)}/groups`,
			// The participant lists are only needed to tell whether the session is an admin.
			...(roles ? {} : { qs: { exclude: 'participants' } }),
			idempotent: true,
			action: 'list the groups',
		});
		const entries = entriesOf(response.body);
		if (!entries) throw client.invalidResponse('did not include the list of groups', response);
		const me = roles
			? await connectedIds(client, { method: 'GET', path: `/sessions${sessionPath(client)}` }, (body) => [
					field(body, 'me', 'id'),
					field(body, 'me', 'lid'),
				])
			: undefined;
		return { groups: summaries(entries, (entry) => engineGroup(entry, me)) };
	},

	async resolveInvite(client, inviteCode) {
		// A code that leads nowhere: a 500 with WhatsApp's answer, passed through by the engine.
		const response = await sendLookup(
			client,
			{
				method: 'GET',
				path: `${sessionPath(client)}/groups/join-info`,
				qs: { code: inviteCode },
				idempotent: true,
				action: 'look up the invite link',
			},
			500,
			/gone|revoked|not-acceptable|not valid|item-not-found/i,
			waha.errorMessage,
		);
		return lookedUp(client, response, engineGroup(response.body));
	},

	async listJoinRequests(client, group) {
		const response = await client.send({
			method: 'GET',
			path: `${groupBase(client, group)}/participants/join-requests`,
			idempotent: true,
			action: 'list the join requests',
		});
		if (!Array.isArray(response.body)) throw client.invalidResponse('did not include the list of join requests', response);
		const requests: JoinRequest[] = [];
		for (const entry of response.body as unknown[]) {
			const request = joinRequestOf({
				requester: requesterFromVendor(field(entry, 'requesterId'), field(entry, 'requesterPn')),
				method: field(entry, 'requestMethod'),
				at: field(entry, 'timestamp'),
			});
			if (request) requests.push(request);
		}
		return requests;
	},

	async approveJoinRequest(client, group, requester) {
		await settle(client, group, requester, 'approve');
	},

	async rejectJoinRequest(client, group, requester) {
		await settle(client, group, requester, 'reject');
	},

	async setJoinApproval(client, group, required) {
		const words = required ? 'turn admin approval on' : 'turn admin approval off';
		const response = await client.send({
			method: 'PUT',
			path: `${groupBase(client, group)}/settings/security/membership-approval`,
			body: { newMembersApprovalRequired: required },
			idempotent: false,
			action: words,
		});
		if (response.body === true) return;
		if (response.body === false) {
			throw client.reportedFailure(words, 'WAHA answered false: the setting was not applied (is the number an admin of the group?)', response);
		}
		throw client.invalidResponse(`did not say whether it could ${words}`, response);
	},
};
