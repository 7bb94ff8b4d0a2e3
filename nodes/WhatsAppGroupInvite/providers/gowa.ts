import type { GroupRef } from '../whatsapp/groupId';
import { groupJid } from '../whatsapp/groupId';
import { firstInvite } from '../whatsapp/invite';
import { connectedIds, engineGroup, goSliceAt, lookedUp, sendLookup, summaries } from './listing';
import type { InviteResult, ProviderAdapter, ProviderClient, ProviderRequest, ProviderResponse } from './types';
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
 */

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

	secrets: (credentials) => [credentials.password],

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
};
