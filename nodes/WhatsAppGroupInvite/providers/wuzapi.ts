import type { GroupRef } from '../whatsapp/groupId';
import { groupJid } from '../whatsapp/groupId';
import { firstInvite } from '../whatsapp/invite';
import type { Requester } from '../whatsapp/requester';
import { requesterFromVendor, sameRequester } from '../whatsapp/requester';
import { connectedIds, engineGroup, goSliceAt, lookedUp, summaries } from './listing';
import type { InviteResult, JoinRequest, ProviderAdapter, ProviderClient, ProviderRequest, ProviderResponse } from './types';
import { field, text } from './read';

/**
 * Wuzapi (https://github.com/asternic/wuzapi), self-hosted, on whatsmeow. The user's token travels in
 * the `token` header. Read in asternic/wuzapi@79ee4cd (May 2025) and, for what 1.0.9 changed, the
 * newer handlers.go@02a462c (release-notes.md@476227f: "WuzAPI 1.0.9"); whatsmeow per
 * tulir/whatsmeow@33cfac5:
 * - Envelope: `Respond` (handlers.go:3368-3396) wraps everything as {"code": <HTTP status>, "data":
 *   …, "success": true}, and an error *value* as {"code", "error", "success": false}. The handlers pass
 *   WhatsApp's failures as a *string* ("Failed to get group invite link: %v"), which is not JSON, so
 *   the body becomes {"code": 500, "success": true}: HTTP 500 with `success: true` and no reason (not
 *   an admin, no such group, not a member, rate limit, socket down; whatsmeow group.go:423-443,
 *   errors.go:83-92). Only the HTTP status counts, never `success`.
 * - Auth: `authalice` (handlers.go:55-110): header `token` (or ?token=); unknown → 401 {"error":
 *   "Unauthorized"} ("unauthorized" in 1.0.9).
 * - Get: GET /group/invitelink?groupJID=<id>@g.us (routes.go:116, handlers.go:2933-2995) → {"code":
 *   200, "data": {"InviteLink": "https://chat.whatsapp.com/<code>"}, "success": true}; no client →
 *   500 {"error": "No session"} ("no session" in 1.0.9). `reset=false` is sent explicitly.
 * - Reset: the same GET with `reset=true` (strconv.ParseBool, handlers.go:2957-2967): whatsmeow
 *   sends an IQ *set* that revokes the link (group.go:423-428). A GET that changes state: sent once
 *   (idempotent: false). Its failure is the bare 500 above, which the transport cannot tell from a
 *   timeout: the reset is reported as possibly done and the current link read back.
 * - List: GET /group/list (routes.go:114, handlers.go:2840-2879) → {"data": {"Groups": [GroupInfo] |
 *   null}}, no paging. GroupInfo is whatsmeow's, PascalCase (types/group.go): `JID`, `Name`,
 *   `ParticipantCount` (may be 0: then the participant list's length), `Participants: [{JID,
 *   PhoneNumber, LID, IsAdmin, IsSuperAdmin}]`.
 * - Status: GET /session/status (routes.go:76). May 2025: {"data": {"Connected", "LoggedIn"}}, no
 *   client → 500 "No session" (handlers.go:600-624). 1.0.9: {"data": {"connected", "loggedIn", "jid":
 *   "<pn>:<device>@s.whatsapp.net", "token", …}}, 200 false/false without a client. The own `jid`
 *   (for isAdmin) exists only from 1.0.9 on: an older server's groups get no isAdmin.
 * - Invite lookup (1.0.9): POST /group/inviteinfo {"Code": "<code or link>"} (GetGroupInviteInfo) →
 *   {"data": GroupInfo}. A revoked or invalid code (whatsmeow group.go:487-506) is the bare 500 again,
 *   as is a disconnected socket: the session's status tells them apart. Older servers have no such
 *   route (404).
 *
 * Join requests: read in index copies of asternic/wuzapi handlers_grouprequests.go@5ef9565,
 * routes.go@5ef9565 and API.md@5ef9565 (examples dated 2026-05-27); whatsmeow group.go:254-317,
 * 1052-1070 and types/group.go:165-168; notes in docs/research/join-requests-waha-whapi-gowa-wuzapi.md
 * §4. UNVERIFIED: which Wuzapi release first ships these routes (the file says it was kept apart
 * "to minimise rebase conflicts against upstream"; the May 2025 tree has none of them). A server
 * without them answers gorilla/mux's plain 404 "404 page not found", reported as such.
 * - List `GET /group/requestparticipants?groupJID=` → `{"data": [{JID, RequestedAt}]}` (whatsmeow's
 *   GroupParticipantRequest: `JID` a phone JID or a LID, `RequestedAt` RFC 3339), no phone beside a
 *   LID, no method, no paging; `null` when none.
 * - Approve / reject `POST /group/updaterequestparticipants` with `{"GroupJID", "Phone": ["<JID>"],
 *   "Action": "approve" | "reject"}` → 200 `{"data": {"Details": "Group request participants updated
 *   successfully"}}`: whatsmeow's per-requester results are **dropped**, so the answer is the same
 *   whether the request was pending or not. The pending list is therefore read first: a requester not
 *   in it is client.notPending before anything is written, and the JID sent is the list's own (a
 *   phone number given for a requester listed only by LID does not match: Wuzapi gives no phone).
 *   Failures: 400 with the handler's text, 500 {"error": "failed to update group request participants:
 *   info query returned status …"} (not an admin, no such group: definite, WhatsApp refused).
 * - Approval `POST /group/joinapprovalmode` with `{"groupjid", "mode": bool}` → 200 `{"data":
 *   {"Details": "Group join approval mode updated successfully"}}`; one setting per call.
 */

function inviteFrom(client: ProviderClient, response: ProviderResponse): InviteResult {
	const invite = firstInvite(field(response.body, 'data', 'InviteLink'));
	if (!invite) throw client.invalidResponse('did not include an invite link', response);
	return invite;
}

/** Get and Reset are one route: a `reset` flag on a GET that revokes the link, so only the read may be sent twice. */
function inviteLinkRequest(group: GroupRef, reset: boolean): ProviderRequest {
	return {
		method: 'GET',
		path: '/group/invitelink',
		qs: { groupJID: groupJid(group) ?? group.input, reset: reset ? 'true' : 'false' },
		idempotent: !reset,
		action: reset ? 'reset the invite link' : 'get the invite link',
	};
}

/** An ISO 8601 time from an RFC 3339 text; undefined for Go's zero time or text that is no time. */
function isoFromText(value: unknown): string | undefined {
	const raw = text(value);
	if (raw === undefined) return undefined;
	const time = Date.parse(raw);
	return Number.isNaN(time) || time <= 0 ? undefined : new Date(time).toISOString();
}

/** The routes of the join-request handlers: a server without them answers a plain 404. */
const NO_ROUTE = 'has no join-request routes (GET /group/requestparticipants, POST /group/updaterequestparticipants, POST /group/joinapprovalmode): update Wuzapi to a release that has them';

/** Sends a join-request call; a 404 (no such route on this server) is said as such. */
async function sendJoinRequestCall(client: ProviderClient, request: ProviderRequest): Promise<ProviderResponse> {
	const response = await client.send({ ...request, passStatuses: [404] });
	if (response.statusCode === 404) {
		if (wuzapi.errorMessage(response.body) !== undefined) throw client.httpError(request, response);
		throw client.invalidResponse(NO_ROUTE, response);
	}
	return response;
}

/** The pending requests and the answer they came in. */
async function pending(client: ProviderClient, group: GroupRef): Promise<{ requests: JoinRequest[]; response: ProviderResponse }> {
	const response = await sendJoinRequestCall(client, {
		method: 'GET',
		path: '/group/requestparticipants',
		qs: { groupJID: groupJid(group) ?? group.input },
		idempotent: true,
		action: 'list the join requests',
	});
	const entries = goSliceAt(response.body, 'data');
	if (!entries) throw client.invalidResponse('did not include the list of join requests', response);
	const requests: JoinRequest[] = [];
	for (const entry of entries) {
		const requester = requesterFromVendor(field(entry, 'JID') ?? field(entry, 'jid'));
		if (!requester) continue;
		const request: JoinRequest = { requester };
		const at = isoFromText(field(entry, 'RequestedAt') ?? field(entry, 'requested_at'));
		if (at !== undefined) request.requestedAt = at;
		requests.push(request);
	}
	return { requests, response };
}

async function settle(client: ProviderClient, group: GroupRef, requester: Requester, action: 'approve' | 'reject'): Promise<void> {
	const words = action === 'approve' ? 'approve the join request' : 'reject the join request';
	// Wuzapi drops whatsmeow's per-requester result: only the list can tell that nothing is pending.
	const { requests } = await pending(client, group);
	const listed = requests.find((r) => sameRequester(r.requester, requester));
	if (!listed) throw client.notPending(requester);
	const response = await client.send({
		method: 'POST',
		path: '/group/updaterequestparticipants',
		body: { GroupJID: groupJid(group) ?? group.input, Phone: [listed.requester.jid], Action: action },
		idempotent: false,
		action: words,
	});
	if (field(response.body, 'data') === undefined) {
		throw client.invalidResponse(`did not confirm that it could ${words}`, response);
	}
}

/** Whether a 500 is Wuzapi's bare {"code": 500, "success": true}: WhatsApp failed, the reason dropped. */
function reasonDropped(response: ProviderResponse): boolean {
	return response.statusCode === 500 && wuzapi.errorMessage(response.body) === undefined;
}

/** The session's status: connected and logged in, in either spelling (May 2025 or 1.0.9). */
function usable(body: unknown): boolean {
	const data = field(body, 'data');
	const connected = field(data, 'connected') ?? field(data, 'Connected');
	const loggedIn = field(data, 'loggedIn') ?? field(data, 'LoggedIn');
	return connected === true && loggedIn === true;
}

export const wuzapi: ProviderAdapter = {
	id: 'wuzapi',
	name: 'Wuzapi',
	credentialType: 'groupInviteWuzapiApi',
	groupIdRules: { acceptsInvite: false },

	apiRoot: (_credentials, baseUrl) => baseUrl,

	secrets: (credentials) => [credentials.token],

	errorMessage: (body) =>
		text(field(body, 'error')) ?? text(field(body, 'error', 'message')) ?? text(field(body, 'message')),

	// No client for the user: nothing reached WhatsApp.
	// No client for the user: nothing reached WhatsApp. WhatsApp's own refusal (the join-request
	// handlers pass its text on): it answered, nothing changed.
	isDefiniteFailure: (_statusCode, vendorMessage) =>
		/^no session$|info query returned status 4\d\d/i.test(vendorMessage ?? ''),

	errorHint(statusCode, vendorMessage) {
		const message = (vendorMessage ?? '').toLowerCase();
		if (message === 'no session') {
			return 'The Wuzapi user has no WhatsApp session running: connect it (POST /session/connect, then scan the QR code from GET /session/qr), then run again.';
		}
		if (statusCode === 401 || message === 'unauthorized') {
			return "Check the Token in the Wuzapi credential: it is the user's own token (set when the user was created, e.g. with POST /admin/users), not the admin token (WUZAPI_ADMIN_TOKEN).";
		}
		if (message.includes('not-authorized') || message.includes(': forbidden')) {
			return 'Make the WhatsApp number connected to this Wuzapi user an admin of the group, then run again.';
		}
		if (message.includes('item-not-found')) {
			return 'WhatsApp knows no such group for this number: check the Group ID, and that the number connected to this Wuzapi user is a member of the group.';
		}
		if (statusCode === 500 && vendorMessage === undefined) {
			return 'Wuzapi does not pass WhatsApp\'s reason on (it answers {"code": 500, "success": true}). The usual causes: the connected number is not an admin of the group, the group does not exist or the number is not in it, WhatsApp is limiting requests, or the session is disconnected. The Wuzapi log has the reason.';
		}
		return undefined;
	},

	async getInviteLink(client, group) {
		return inviteFrom(client, await client.send(inviteLinkRequest(group, false)));
	},

	async resetInviteLink(client, group) {
		return inviteFrom(client, await client.send(inviteLinkRequest(group, true)));
	},

	listReportsAdmin: true,

	async listGroups(client, { roles }) {
		const response = await client.send({
			method: 'GET',
			path: '/group/list',
			idempotent: true,
			action: 'list the groups',
		});
		const groups = goSliceAt(response.body, 'data', 'Groups');
		if (!groups) throw client.invalidResponse('did not include the list of groups', response);
		const me = roles ? await connectedIds(client, { method: 'GET', path: '/session/status' }, (body) => [field(body, 'data', 'jid')]) : undefined;
		return { groups: summaries(groups, (entry) => engineGroup(entry, me)) };
	},

	async resolveInvite(client, inviteCode) {
		const lookup = {
			method: 'POST' as const,
			path: '/group/inviteinfo',
			body: { Code: inviteCode },
			idempotent: true,
			action: 'look up the invite link',
		};
		const response = await client.send({ ...lookup, passStatuses: [404, 405, 500] });
		if (response.statusCode === 404 || response.statusCode === 405) {
			throw client.invalidResponse(
				'has no invite-link lookup (POST /group/inviteinfo came with Wuzapi 1.0.9): update Wuzapi, or pick the group From List, By Name or By ID',
				response,
			);
		}
		if (response.statusCode === 500) {
			if (!reasonDropped(response)) throw client.httpError(lookup, response);
			// A revoked or invalid code, or a session whose socket is down: the session's status tells.
			const status = await client.send({
				method: 'GET',
				path: '/session/status',
				idempotent: true,
				action: 'check whether the session is connected',
			});
			if (!usable(status.body)) {
				throw client.invalidResponse(
					'says the session is not connected and logged in to WhatsApp, so the invite link could not be looked up',
					status,
				);
			}
			throw client.inviteGone(response);
		}
		return lookedUp(client, response, engineGroup(field(response.body, 'data')));
	},

	async listJoinRequests(client, group) {
		return (await pending(client, group)).requests;
	},

	async approveJoinRequest(client, group, requester) {
		await settle(client, group, requester, 'approve');
	},

	async rejectJoinRequest(client, group, requester) {
		await settle(client, group, requester, 'reject');
	},

	async setJoinApproval(client, group, required) {
		const words = required ? 'turn admin approval on' : 'turn admin approval off';
		const response = await sendJoinRequestCall(client, {
			method: 'POST',
			path: '/group/joinapprovalmode',
			body: { groupjid: groupJid(group) ?? group.input, mode: required },
			idempotent: false,
			action: words,
		});
		if (field(response.body, 'data') === undefined) {
			throw client.invalidResponse(`did not confirm that it could ${words}`, response);
		}
	},
};
