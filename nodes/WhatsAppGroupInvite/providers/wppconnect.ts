import type { GroupRef } from '../whatsapp/groupId';
import { groupJid } from '../whatsapp/groupId';
import { firstInvite } from '../whatsapp/invite';
import { arrayAt, connectedIds, engineGroup, lookedUp, sendLookup, summaries } from './listing';
import type { InviteResult, ProviderAdapter, ProviderClient, ProviderRequest, ProviderResponse } from './types';
import { field, text } from './read';

/**
 * WPPConnect Server (https://github.com/wppconnect-team/wppconnect-server), self-hosted. The session
 * name goes in the path (`/api/{session}/…`), the session's token in `Authorization: Bearer <token>`.
 * Read in wppconnect-team/wppconnect-server@348a672 (v2.10.4), its library wppconnect-team/
 * wppconnect@05a7769 and wppconnect-team/wa-js@6972a84 (all paths below are in those commits):
 * - Auth: src/middleware/auth.ts:25-90 takes the token from `Authorization.split(' ')[1]` (so a bare
 *   token fails) and compares it with bcrypt(session + SECRET_KEY): 401 {"message": "Token is not
 *   present…"} or 401 {"error": "Check that the Session and Token are correct"}. The token is the
 *   `token` of POST /api/{session}/{SECRET_KEY}/generate-token (src/controller/encryptController.ts:
 *   40-65; its `full` is "session:token").
 * - Get: GET /api/{session}/group-invite-link/{groupId} (src/routes/index.ts:273-278,
 *   src/controller/groupController.ts:563-603) → 200 {"status": "success", "response":
 *   "https://chat.whatsapp.com/<code>"} (lib src/api/layers/group.layer.ts:84-92 adds the prefix).
 * - Reset: **GET** /api/{session}/group-revoke-link/{groupId} (routes :279-284, groupController.ts:
 *   605-650) → 200 {"status": "Success", "response": "<new link>"} (capital S). A GET that changes
 *   state: sent once (idempotent: false), never again after a timeout, a dropped connection or a 5xx.
 *   `groupToArray` (src/util/functions.ts:83-99) splits the id on "," and ";": the id is URL-encoded
 *   and is always one validated group JID.
 * - Failures: get → 500, revoke → 400, both {"status": "error", "message": "Error on get|revoke
 *   group invite link", "error": {"name": "<minified class>"}} (groupController.ts:597-601, 644-648).
 *   The reason is lost (puppeteer keeps only the class name, which terser mangled: "r" or "a"). wa-js
 *   getInviteCode / revokeInviteCode (src/group/functions/getInviteCode.ts:32-36,
 *   revokeInviteCode.ts:32-36) first run ensureGroup(id, true), which throws when the connected number
 *   is not an admin (unless the group lets every member add others) or when the group is not in the
 *   session's chat list (src/group/functions/ensureGroup.ts:21-45, src/assert/assertChat.ts:37-50),
 *   before the query is sent; these are the usual causes. (A failure of the query itself would come
 *   back the same way; the server gives no means to tell it apart.)
 * - A session without a logged-in client: 404 {"response": null, "status": "Disconnected", "message":
 *   "A sessão do WhatsApp não está ativa."} (src/middleware/statusConnection.ts:21-78).
 * - List: POST /api/{session}/list-chats with {"onlyGroups": true} (routes :384-389,
 *   src/controller/deviceController.ts:147-240) answers a bare array of chats. Without `count` wa-js
 *   returns every group at once (src/chat/functions/list.ts:85-155: count defaults to Infinity); its
 *   cursor pages start *at* the cursor chat of a store kept in recency order, so a group that gets a
 *   message between two pages can be skipped: the list is read in one request. Each group's metadata
 *   is awaited one after another (list.ts:145-152), hence the long minimum timeout. A chat is the
 *   lib's `_serializeChatObj` (src/lib/wapi/serializers/serialize-chat.js:26-46): `id`
 *   ({_serialized} or a string), `name`, `groupMetadata: {subject, size, participants: [{id, isAdmin,
 *   isSuperAdmin}]}`. The deprecated GET all-groups (groupController.ts:24-47) is not used: it runs
 *   ensureGroup on every group (lib src/api/layers/retriever.layer.ts:215-235), so one odd group fails
 *   the whole list.
 * - Own ids, for isAdmin: GET /api/{session}/get-phone-number → {"response": "<pn>@c.us"} (routes
 *   :826-831, deviceController.ts:488-512, lib src/lib/wapi/functions/get-wid.js:18-20), and its LID
 *   from GET /api/{session}/contact/pn-lid/<pn>@c.us → {lid, phoneNumber, contact} (routes :768-773,
 *   src/controller/contactController.ts:4-38): participants of LID-addressed groups are `…@lid`.
 * - Invite lookup: POST /api/{session}/group-info-from-invite-link {"invitecode"} (routes :333-338,
 *   groupController.ts:676-712) → {"status": "success", "response": {id: "…@g.us", subject, size,
 *   participants}}. wa-js turns any failure of the query into `invalid_invite_code` (src/group/
 *   functions/getGroupInfoFromInviteCode.ts:30-56, `.catch(() => null)`), answered 500 "Error on get
 *   group info from invite link": read as a link that leads nowhere.
 */

/** ProviderClient.memo key: the session's own LID (its phone number is kept by connectedIds). */
const LID = 'wppconnectLid';
/** The list awaits every group's metadata, one group after another: give it time. */
const LIST_TIMEOUT_MS = 120_000;
/** wa-js's failure messages on get/revoke, whose reason the server loses (see above). */
const LOST_REASON = /^Error on (?:get|revoke) group invite link$/i;

/** Get and Reset are both GETs (group-invite-link, group-revoke-link): only the read may be sent twice. */
function inviteLinkRequest(group: GroupRef, reset: boolean): ProviderRequest {
	const route = reset ? 'group-revoke-link' : 'group-invite-link';
	return {
		method: 'GET',
		path: `/${route}/${encodeURIComponent(groupJid(group) ?? group.input)}`,
		idempotent: !reset,
		action: reset ? 'reset the invite link' : 'get the invite link',
	};
}

function inviteFrom(client: ProviderClient, response: ProviderResponse): InviteResult {
	const invite = firstInvite(field(response.body, 'response'));
	if (!invite) throw client.invalidResponse('did not include an invite link', response);
	// "success" on get, "Success" on revoke: anything else is not a success, whatever it carries.
	const status = text(field(response.body, 'status'));
	if (status === undefined || status.toLowerCase() !== 'success') {
		throw client.invalidResponse(`did not report success (status ${JSON.stringify(status ?? null)})`, response);
	}
	return invite;
}

/** The token as sent: a `full` value ("session:token") is accepted, its token part is used. */
export function wppconnectToken(value: unknown): string {
	return String(value ?? '').trim().split(':').pop() ?? '';
}

/** The session's own ids, read once per execution: its phone number and, if the server can tell, its LID. */
async function sessionIds(client: ProviderClient): Promise<unknown[]> {
	const [pn] = await connectedIds(client, { method: 'GET', path: '/get-phone-number' }, (body) => [text(field(body, 'response'))]);
	if (!client.memo.has(LID)) {
		let lid: unknown;
		if (typeof pn === 'string') {
			// Older servers have no pn-lid route: then only the phone number is matched.
			const entry = await client.send({
				method: 'GET',
				path: `/contact/pn-lid/${encodeURIComponent(pn)}`,
				idempotent: true,
				action: "read the connected number's LID",
				passStatuses: [400, 404, 500],
			});
			if (entry.statusCode < 300) lid = field(entry.body, 'lid');
		}
		client.memo.set(LID, lid);
	}
	return [pn, client.memo.get(LID)];
}

export const wppconnect: ProviderAdapter = {
	id: 'wppconnect',
	name: 'WPPConnect Server',
	credentialType: 'groupInviteWppconnectApi',
	groupIdRules: { acceptsInvite: false },

	apiRoot(credentials, baseUrl) {
		return `${baseUrl}/api/${encodeURIComponent(String(credentials.session ?? '').trim())}`;
	},

	secrets: (credentials) => [credentials.token, wppconnectToken(credentials.token)],

	errorMessage: (body) =>
		text(field(body, 'message')) ?? text(field(body, 'error')) ?? text(field(body, 'error', 'message')),

	// wa-js refused before sending anything to WhatsApp (not an admin, or a chat it does not have).
	isDefiniteFailure: (_statusCode, vendorMessage) => LOST_REASON.test(vendorMessage ?? ''),

	errorHint(statusCode, vendorMessage) {
		const message = (vendorMessage ?? '').toLowerCase();
		if (LOST_REASON.test(vendorMessage ?? '')) {
			return 'WPPConnect Server does not pass the reason on (it only says this). The usual causes: the WhatsApp number connected to the session is not an admin of the group (make it one), or the group is not among the session\'s chats (check the Group ID and that the number is still a member of the group), then run again.';
		}
		if (message.includes('não está ativa') || (statusCode === 404 && message.includes('disconnected'))) {
			return 'The WPPConnect session is not running with a logged-in WhatsApp: start it (POST /api/{session}/start-session) and scan the QR code, then run again.';
		}
		if (statusCode === 401 || message.includes('token is not present') || message.includes('session and token')) {
			return 'Check the Session and Token in the WPPConnect Server credential: the token belongs to one session name; generate it with POST /api/{session}/{SECRET_KEY}/generate-token and copy its "token" value.';
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
			method: 'POST',
			path: '/list-chats',
			body: { onlyGroups: true },
			idempotent: true,
			action: 'list the groups',
			minTimeout: LIST_TIMEOUT_MS,
		});
		const entries = arrayAt(response.body, [], ['response']);
		if (!entries) throw client.invalidResponse('did not include the list of groups', response);
		const me = roles ? await sessionIds(client) : undefined;
		return { groups: summaries(entries, (entry) => engineGroup(entry, me)) };
	},

	async resolveInvite(client, inviteCode) {
		const response = await sendLookup(
			client,
			{
				method: 'POST',
				path: '/group-info-from-invite-link',
				body: { invitecode: inviteCode },
				idempotent: true,
				action: 'look up the invite link',
			},
			500,
			/error on get group info from invite link/i,
			wppconnect.errorMessage,
		);
		const found = field(response.body, 'response');
		return lookedUp(client, response, {
			id: field(found, 'id'),
			name: field(found, 'subject'),
			participantCount: field(found, 'size'),
			participants: field(found, 'participants'),
		});
	},
};
