import type { GroupRef } from '../whatsapp/groupId';
import { groupJid } from '../whatsapp/groupId';
import { firstInvite } from '../whatsapp/invite';
import type { Requester } from '../whatsapp/requester';
import { RequesterError, requesterFromVendor, sameRequester } from '../whatsapp/requester';
import { connectedIds, engineGroup, goSliceAt, joinRequestOf, lookedUp, sendLookup, summaries } from './listing';
import type { InviteResult, JoinRequest, ProviderAdapter, ProviderClient, ProviderRequest, ProviderResponse } from './types';
import { errorEnvelope, field, text } from './read';

/**
 * GOWA, go-whatsapp-web-multidevice (https://github.com/aldinokemal/go-whatsapp-web-multidevice),
 * self-hosted, on whatsmeow. Read in aldinokemal/go-whatsapp-web-multidevice@51f7b19 (paths under
 * src/), Fiber v3.4.0 (gofiber/fiber@e88e762) and tulir/whatsmeow@33cfac5:
 * - Envelope: {"code": "SUCCESS", "message": "…", "results": …} (pkg/utils/response.go:7-12). The
 *   shared error-envelope rule reads `{code, message}` without a link as an error, so this adapter
 *   says what an error looks like here: any `code` other than "SUCCESS" (isErrorEnvelope below).
 * - Auth: HTTP Basic only when APP_BASIC_AUTH / --basic-auth is set (cmd/rest.go:121-133, 313-324);
 *   otherwise none. Fiber's basicauth answers a bad or missing header with 401 and the *plain-text*
 *   body "Unauthorized" (fiber v3.4.0 middleware/basicauth/config.go:164-181, basicauth.go:40-120),
 *   a malformed one with 400 "Bad Request".
 * - Device: `X-Device-Id` (or ?device_id=), else the default device (ui/rest/middleware/
 *   device.go:17-67): unknown → 404 {"code": "DEVICE_NOT_FOUND"}, several devices and none named →
 *   400 {"code": "DEVICE_ID_REQUIRED"}.
 * - Get: GET /group/invite-link?group_id=<id>@g.us (ui/rest/group.go:43, 430-446; domains/group/
 *   group.go:123-131; usecase/group.go:467-494) → {"code": "SUCCESS", "results": {"invite_link":
 *   "https://chat.whatsapp.com/<code>", "group_id"}}. `reset=false` is sent explicitly.
 * - Reset: the same GET with `reset=true`: whatsmeow sends an IQ *set* that revokes the link
 *   (group.go:423-428). A GET that changes state: sent once (idempotent: false).
 * - Not logged in: `MustLogin` (pkg/utils/whatsapp.go:973-983, pkg/error/app_error.go:29-36, 86-89)
 *   → **401** {"code": "AUTHENTICATION_ERROR", "message": "you are not connect to services server,
 *   please reconnect" | "you are not logged in"}: the same status as bad Basic credentials, which only
 *   the body (JSON or plain text) tells apart.
 * - WhatsApp's refusals: the Recovery middleware (ui/rest/middleware/recovery.go:13-46) answers 500
 *   {"code": "INTERNAL_SERVER_ERROR", "message": "<whatsmeow's text>"}: "you don't have the permission
 *   to get the group's invite link" (not an admin), "that group does not exist", "you're not
 *   participating in that group" (errors.go:83-88), "info query returned status 429: rate-overlimit"
 *   (errors.go:186-224), "websocket not connected" (errors.go:22). WhatsApp answered (or nothing was
 *   sent), so they are definite. A context deadline is 504 GATEWAY_TIMEOUT.
 * - Missing group_id: 400 {"code": "VALIDATION_ERROR", "message": "group_id: cannot be blank."}
 *   (validations/group_validation.go:220-230).
 * - List: GET /user/my/groups (ui/rest/user.go:21, 103-119; usecase/user.go:187-212) → {"results":
 *   {"data": [GroupInfo] | null}}, no paging (WhatsApp answers at most 500 groups, per the comment
 *   there). GroupInfo is whatsmeow's, PascalCase (types/group.go): `JID`, `Name`, `ParticipantCount`
 *   (may be 0: then the participant list's length), `Participants: [{JID, PhoneNumber, LID, IsAdmin,
 *   IsSuperAdmin}]`.
 * - Status: GET /app/status (ui/rest/app.go:28, 205-225; usecase/app.go:314-334) → {"results":
 *   {"is_connected", "is_logged_in", "device_id", "jid"}}; `jid` is the device's phone-number JID
 *   (infrastructure/whatsapp/device_instance.go:95-99, 183-188), used for isAdmin.
 * - Invite lookup: GET /group/info-from-link?link=<link> (ui/rest/group.go:26, 65-79; usecase/
 *   group.go:92-121) → {"results": {"group_id", "name", "participant_count", …}}; a revoked or invalid
 *   code is 500 "that group invite link has been revoked" / "…is not valid" (whatsmeow group.go:
 *   487-506, errors.go:89-92). Its participant_count is len(Participants), not the group's size, so
 *   it is not reported.
 *
 * Join requests, GOWA v5.6.0 and later (commit d43aa43, "feat: approval requested participant group
 * (#276)"), read at @51f7b19 (ui/rest/group.go:35-37, 211-277; usecase/group.go:215-315, 550-557;
 * domains/group/group.go:56-71; validations/group_validation.go:100-113; pkg/utils/whatsapp.go:
 * 893-946); notes in docs/research/join-requests-waha-whapi-gowa-wuzapi.md §3:
 * - List `GET /group/participant-requests?group_id=` → `results: [{jid: …@lid | …@s.whatsapp.net,
 *   phone_number, display_name?, requested_at}]` (RFC 3339 with the server's offset), no paging, no
 *   request method; `null` when none (a nil Go slice). `phone_number` is the LID's own digits when
 *   GOWA could not resolve the LID to a number: then it is no phone number and is left out.
 * - Approve / reject `POST /group/participant-requests/approve|reject` with `{"group_id", "participants":
 *   ["<phone digits>"]}` → 200 `results: [{participant, status: "success" | "error", message: "Action
 *   approve failed (code 404)"}]`. GOWA appends `@s.whatsapp.net` to every entry (participantToJID),
 *   so it acts by phone number only: a requester known only by a LID fails with a RequesterError
 *   before any request. Code 404 in the message is "not pending", any other error row a reported
 *   failure; no row is a failure. The row's `participant` may be the LID although a phone was sent
 *   (UNVERIFIED): with one requester per call, the only row is its result. A number not on WhatsApp:
 *   400 INVALID_JID "user is not registered"; not an admin or no such group: 500 with whatsmeow's
 *   "info query returned status 401: not-authorized" / "403: forbidden" / "404: item-not-found".
 * - No call turns admin approval on or off (no route calls SetGroupJoinApprovalMode at @51f7b19, only
 *   /group/locked and /group/announce): setJoinApproval is absent.
 */

/** The digits of a JID's user part (`123@lid` → `123`). */
function userDigits(value: unknown): string | undefined {
	return text(value)?.match(/^\+?(\d+)(?::\d+)?(?:@|$)/)?.[1];
}

/** GOWA acts by phone number only: the requester's digits, or a RequesterError for a LID-only requester. */
function phoneOf(requester: Requester): string {
	if (requester.phone === undefined) {
		throw new RequesterError(
			`GOWA can only approve or reject a join request by phone number, and ${requester.jid} is a LID`,
			"Give the requester's phone number (Get Many Join Requests outputs it beside the LID when GOWA can resolve it), or approve the request in WhatsApp.",
		);
	}
	return requester.phone;
}

async function settle(client: ProviderClient, group: GroupRef, requester: Requester, action: 'approve' | 'reject'): Promise<void> {
	const words = action === 'approve' ? 'approve the join request' : 'reject the join request';
	const phone = phoneOf(requester);
	const response = await client.send({
		method: 'POST',
		path: `/group/participant-requests/${action}`,
		body: { group_id: groupJid(group) ?? group.input, participants: [phone] },
		idempotent: false,
		action: words,
	});
	const rows = goSliceAt(response.body, 'results');
	if (!rows) throw client.invalidResponse(`did not say whether it could ${words}`, response);
	const row =
		rows.find((r) => {
			const who = requesterFromVendor(field(r, 'participant'));
			return who !== undefined && sameRequester(who, requester);
		}) ?? (rows.length === 1 ? rows[0] : undefined);
	if (row === undefined) throw client.reportedFailure(words, `its answer has no result for ${phone}`, response);
	const status = text(field(row, 'status'))?.toLowerCase();
	if (status === 'success') return;
	const message = text(field(row, 'message'));
	if (message !== undefined && /\(code 404\)|item-not-found/i.test(message)) throw client.notPending(requester, response);
	throw client.reportedFailure(words, message ?? (status ? `status "${status}"` : undefined), response);
}

/** whatsmeow's own refusals (and GOWA's "no client"): WhatsApp said no, or nothing was sent. */
const DEFINITE =
	/you don't have the permission to get the group's invite link|that group does not exist|you're not participating in that group|info query returned status 4\d\d|websocket not connected|whatsapp client is not initialized|whatsapp cli is invalid|invalid jid/i;

function inviteFrom(client: ProviderClient, response: ProviderResponse): InviteResult {
	const invite = firstInvite(field(response.body, 'results', 'invite_link'));
	if (!invite) throw client.invalidResponse('did not include an invite link', response);
	return invite;
}

/** Get and Reset are one route: a `reset` flag on a GET that revokes the link, so only the read may be sent twice. */
function inviteLinkRequest(group: GroupRef, reset: boolean): ProviderRequest {
	return {
		method: 'GET',
		path: '/group/invite-link',
		qs: { group_id: groupJid(group) ?? group.input, reset: reset ? 'true' : 'false' },
		idempotent: !reset,
		action: reset ? 'reset the invite link' : 'get the invite link',
	};
}

export const gowa: ProviderAdapter = {
	id: 'gowa',
	name: 'GOWA',
	credentialType: 'groupInviteGowaApi',
	groupIdRules: { acceptsInvite: false },

	// The Base URL carries GOWA's APP_BASE_PATH, if it has one.
	apiRoot: (_credentials, baseUrl) => baseUrl,

	secrets: (credentials) => [credentials.password, credentials.webhookSecret],

	errorMessage: (body) =>
		text(field(body, 'message')) ?? text(field(body, 'error', 'message')) ?? text(field(body, 'error')),

	/** GOWA's genuine answers carry {"code": "SUCCESS", "message"}: only another code is an error. */
	isErrorEnvelope(body) {
		const code = field(body, 'code');
		if (typeof code === 'string' && code.trim().toUpperCase() === 'SUCCESS') {
			const rest: Record<string, unknown> = { ...(body as Record<string, unknown>) };
			delete rest.code;
			delete rest.message;
			return errorEnvelope(rest);
		}
		return errorEnvelope(body);
	},

	isDefiniteFailure: (_statusCode, vendorMessage) => DEFINITE.test(vendorMessage ?? ''),

	errorHint(statusCode, vendorMessage) {
		const message = (vendorMessage ?? '').toLowerCase();
		if (statusCode === 401) {
			// JSON AUTHENTICATION_ERROR: the device; plain text (no vendor message): Basic auth.
			if (/not connect|not logged in|reconnect/.test(message)) {
				return "GOWA answered, but its WhatsApp device is not connected or not logged in: log it in from GOWA's dashboard (scan the QR code) or reconnect it (GET /app/reconnect), then run again.";
			}
			return "GOWA refused the user name or password: set Username and Password in the GOWA credential to one user:password pair of the server's APP_BASIC_AUTH (--basic-auth) setting, or leave both empty for a server without it.";
		}
		if (message.includes('device not found')) {
			return "GOWA has no device with the Device ID in the credential: copy it from GOWA's device list (GET /app/devices, or the dashboard), or leave it empty when the server runs one device.";
		}
		if (message.includes('device_id is required')) {
			return 'This GOWA server runs several devices: set Device ID in the GOWA credential to the device to use (GET /app/devices lists them).';
		}
		if (message.includes("don't have the permission")) {
			return 'Make the WhatsApp number of this GOWA device an admin of the group, then run again.';
		}
		if (message.includes('not-authorized') || message.includes(': forbidden')) {
			return 'Make the WhatsApp number of this GOWA device an admin of the group, then run again.';
		}
		if (message.includes('item-not-found')) {
			return 'WhatsApp knows no such group for this device: check the Group ID, and that the number of this GOWA device is a member of the group.';
		}
		if (message.includes('user is not registered')) {
			return "WhatsApp knows no account with this phone number: check the requester's number (country code first), as Get Many Join Requests outputs it.";
		}
		if (message.includes('group does not exist')) {
			return 'WhatsApp knows no such group: check the Group ID.';
		}
		if (message.includes('not participating')) {
			return 'The WhatsApp number of this GOWA device is not a member of the group: check the Group ID, or add the number to the group.';
		}
		if (message.includes('rate-overlimit')) {
			return 'WhatsApp is limiting requests for this number: wait a few minutes, or lower Options → Max Requests per Minute, then run again.';
		}
		if (message.includes('websocket not connected') || message.includes('not initialized')) {
			return "GOWA's WhatsApp device is not connected: reconnect it from GOWA's dashboard (or GET /app/reconnect), then run again.";
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
			path: '/user/my/groups',
			idempotent: true,
			action: 'list the groups',
		});
		const groups = goSliceAt(response.body, 'results', 'data');
		if (!groups) throw client.invalidResponse('did not include the list of groups', response);
		const me = roles ? await connectedIds(client, { method: 'GET', path: '/app/status' }, (body) => [field(body, 'results', 'jid')]) : undefined;
		return { groups: summaries(groups, (entry) => engineGroup(entry, me)) };
	},

	async resolveInvite(client, inviteCode) {
		const response = await sendLookup(
			client,
			{
				method: 'GET',
				path: '/group/info-from-link',
				qs: { link: `https://chat.whatsapp.com/${inviteCode}` },
				idempotent: true,
				action: 'look up the invite link',
			},
			500,
			/invite link (?:has been revoked|is not valid)/i,
			gowa.errorMessage,
		);
		return lookedUp(client, response, {
			id: field(response.body, 'results', 'group_id'),
			name: field(response.body, 'results', 'name'),
		});
	},

	async listJoinRequests(client, group) {
		const response = await client.send({
			method: 'GET',
			path: '/group/participant-requests',
			qs: { group_id: groupJid(group) ?? group.input },
			idempotent: true,
			action: 'list the join requests',
		});
		const entries = goSliceAt(response.body, 'results');
		if (!entries) throw client.invalidResponse('did not include the list of join requests', response);
		const requests: JoinRequest[] = [];
		for (const entry of entries) {
			const jid = field(entry, 'jid');
			// An unresolved LID's phone_number is the LID's own digits: no phone number.
			let phone = field(entry, 'phone_number');
			if (/@lid$/i.test(text(jid) ?? '') && userDigits(phone) === userDigits(jid)) phone = undefined;
			const request = joinRequestOf({ requester: requesterFromVendor(jid, phone), at: field(entry, 'requested_at') });
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
};
