import type { GroupRef } from '../whatsapp/groupId';
import { groupJid } from '../whatsapp/groupId';
import { toInvite } from '../whatsapp/invite';
import { arrayAt, participantCountOf, summaries } from './listing';
import type { InviteResult, ProviderAdapter, ProviderClient, ProviderRequest, ProviderResponse } from './types';
import { field, text } from './read';

/**
 * Evolution GO (https://github.com/EvolutionAPI/evolution-go), self-hosted: a Go/Gin server on a
 * whatsmeow fork, a different product from Evolution API. Read at EvolutionAPI/evolution-go@89eaae3
 * (0.6.1); the fork (submodule whatsmeow-lib → EvolutionAPI/whatsmeow@28cca79) could not be read, so
 * WhatsApp's own error texts are upstream whatsmeow's (tulir/whatsmeow@33cfac5), UNVERIFIED for the fork.
 * - Auth: header `apikey`. Instance routes look the value up as an instance token
 *   (pkg/middleware/auth_middleware.go:21-37); the server's GLOBAL_API_KEY is accepted only on the admin
 *   routes (:39-52; pkg/routes/routes.go:80-93), so on /group/* it gets 401 {"error":"not authorized"},
 *   the same answer as a wrong token (auth_middleware.go:24,30).
 * - Get and Reset are ONE route, `POST /group/invitelink` (routes.go:177) with body {groupJid, reset}
 *   (pkg/group/service/group_service.go:58-61): reset=false reads, reset=true revokes and issues a new
 *   link (whatsmeow group.go:423-443: IQ get vs set). The answer is {"message":"success","data":"<full
 *   https://chat.whatsapp.com/… link>"}, `data` a bare string (group_handler.go:108-136). So the reset
 *   request is marked non-idempotent although its URL is the read's: never re-sent after a timeout, a
 *   dropped connection or a 5xx; and `reset` is always sent explicitly, false for a read.
 * - Errors are {"error":"…"}: 400 "groupJID is required" / a bind error (group_handler.go:118-127), 400
 *   "Invalid JSON format" (pkg/middleware/jid_validation_middleware.go:131-160); 500 for everything
 *   else (group_handler.go:129-133): "no active session found" (no client in memory and starting it
 *   failed or did not connect within 2 s), "client disconnected" (group_service.go:120-157), "invalid
 *   group jid" (:209-214), and whatsmeow's "you don't have the permission to get the group's invite
 *   link" (not admin), "that group does not exist", "you're not participating in that group"
 *   (whatsmeow errors.go:83-88), "info query returned status 429: rate-overlimit", "websocket not
 *   connected" (errors.go:22, 195, 214-227). Those are definite: nothing changed.
 * - Side effect: with no client in memory, every instance-token route (group calls and /instance/status)
 *   starts the instance (group_service.go:120-134; pkg/instance/service/instance_service.go:114-128).
 * - List `GET /group/list` (routes.go:175; group_handler.go:38-54; group_service.go:159-181) answers
 *   {"message":"success","data":[GroupInfo…]}: whatsmeow's GroupInfo without json tags, so PascalCase
 *   with embedded structs flattened (`JID`, `Name`, `Participants[{JID, PhoneNumber, LID, IsAdmin,
 *   IsSuperAdmin}]`, `ParticipantCount`; whatsmeow types/group.go:21-50,103-120). The project's wiki
 *   shows the name nested as `GroupName.Name` (docs/wiki/guias-api/api-groups.md:22-70): both are read.
 *   No paging. No "I am admin" flag, and the connected number's own JID is not available with the
 *   instance token (/instance/status serialises only Connected, LoggedIn, Name: instance_service.go:82-87),
 *   so isAdmin is never reported (listReportsAdmin stays false).
 * - No invite lookup: the only route that takes a code, `POST /group/join` (routes.go:184), joins the
 *   group. resolveInvite is therefore absent.
 */

function inviteFrom(client: ProviderClient, response: ProviderResponse): InviteResult {
	// `data` is the full link as a bare string; nothing else in the answer is a link.
	const invite = toInvite(field(response.body, 'data'));
	if (!invite) throw client.invalidResponse('did not include an invite link', response);
	return invite;
}

function inviteLinkRequest(group: GroupRef, reset: boolean): ProviderRequest {
	return {
		method: 'POST',
		path: '/group/invitelink',
		body: { groupJid: groupJid(group) ?? group.input, reset },
		// The same URL reads and resets: only the read may be sent twice.
		idempotent: !reset,
		action: reset ? 'reset the invite link' : 'get the invite link',
	};
}

/** Whatsmeow's and Evolution GO's own texts for a call that did nothing (see the header). */
const DEFINITE =
	/no active session found|client disconnected|invalid group jid|groupjid is required|invalid json format|permission|does not exist|not participating|rate-overlimit|websocket not connected/i;

export const evolutionGo: ProviderAdapter = {
	id: 'evolutionGo',
	name: 'Evolution GO',
	credentialType: 'groupInviteEvolutionGoApi',
	groupIdRules: { acceptsInvite: false },

	apiRoot: (_credentials, baseUrl) => baseUrl,

	secrets: (credentials) => [credentials.token],

	errorMessage: (body) =>
		text(field(body, 'error')) ?? text(field(body, 'error', 'message')) ?? text(field(body, 'message')),

	isDefiniteFailure: (_statusCode, vendorMessage) => DEFINITE.test(vendorMessage ?? ''),

	errorHint(statusCode, vendorMessage) {
		const message = (vendorMessage ?? '').toLowerCase();
		if (statusCode === 401 || message.includes('not authorized')) {
			return "Evolution GO did not accept the token: set the credential's Instance Token to the instance's own token (Evolution GO manager → Instances → your instance; the token the instance was created with). The server's global API key (GLOBAL_API_KEY) is not accepted here: it works only on the admin routes and gets this same 401 on the group routes.";
		}
		if (message.includes('no active session')) {
			return 'The Evolution GO instance has no active WhatsApp session: Evolution GO tried to start it and it was not connected 2 s later. Connect it in the Evolution GO manager (Instances → your instance → Connect, scan the QR code if asked), or wait a moment if it was just starting, then run again.';
		}
		if (message.includes('client disconnected') || message.includes('websocket not connected')) {
			return 'The Evolution GO instance is disconnected from WhatsApp: reconnect it in the Evolution GO manager (Instances → your instance → Reconnect, or scan the QR code again if it was logged out), then run again.';
		}
		if (message.includes('permission')) {
			return 'WhatsApp refused because the number connected to this Evolution GO instance is not an admin of the group: make it an admin, then run again. Nothing was changed.';
		}
		if (message.includes('does not exist')) {
			return 'WhatsApp knows no such group: check the Group ID (e.g. from Get Many Groups). If the group was picked From List, pick it again: it may no longer exist.';
		}
		if (message.includes('not participating')) {
			return 'The number connected to this Evolution GO instance is not a member of the group: add it to the group (as an admin), or check the Group ID.';
		}
		if (message.includes('rate-overlimit')) {
			return 'WhatsApp is limiting this number (rate-overlimit): wait a few minutes, then run again with fewer requests (Options → Max Requests per Minute).';
		}
		if (message.includes('invalid group jid') || message.includes('groupjid is required') || message.includes('invalid json')) {
			return 'Evolution GO could not read the group ID: check the Group ID, e.g. 120363019502650977@g.us.';
		}
		return undefined;
	},

	async getInviteLink(client, group) {
		return inviteFrom(client, await client.send(inviteLinkRequest(group, false)));
	},

	async resetInviteLink(client, group) {
		return inviteFrom(client, await client.send(inviteLinkRequest(group, true)));
	},

	listReportsAdmin: false,

	async listGroups(client) {
		const response = await client.send({
			method: 'GET',
			path: '/group/list',
			idempotent: true,
			action: 'list the groups',
		});
		// whatsmeow's empty slice is nil: a number in no group answers {"message":"success","data":null}.
		const empty = field(response.body, 'data') === null && field(response.body, 'message') === 'success';
		const entries = empty ? [] : arrayAt(response.body, ['data']);
		if (!entries) throw client.invalidResponse('did not include the list of groups', response);
		const groups = summaries(entries, (g) => ({
			id: field(g, 'JID'),
			name: field(g, 'Name') ?? field(g, 'GroupName', 'Name'),
			participantCount: participantCountOf(field(g, 'Participants'), field(g, 'ParticipantCount')),
		}));
		return { groups };
	},
};
