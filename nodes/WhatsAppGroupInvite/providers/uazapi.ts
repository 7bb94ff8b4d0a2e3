import type { GroupRef } from '../whatsapp/groupId';
import { groupJid } from '../whatsapp/groupId';
import { firstInvite } from '../whatsapp/invite';
import type { Requester } from '../whatsapp/requester';
import { adminIn, arrayAt, connectedIds, participantCountOf, summaries, summary, userPart } from './listing';
import type { InviteResult, ProviderAdapter, ProviderClient, ProviderResponse } from './types';
import { field, text } from './read';

/**
 * uazapi (uazapiGO, https://docs.uazapi.com), closed source: what it does is read from its OpenAPI
 * spec "uazapiGO - WhatsApp API" v2.0.1 as copied in jonesfernandess/uazapi-cli@7233784
 * uazapi-openapi.json (line numbers below), the older v1.0.0 copy in euventura/uazapi-sdk@046bcd5
 * docs/uazapi-openapi-spec.yaml, and third-party notes from real calls (uazapi-cli@7233784
 * skills/uazapi-api/SKILL.md). Nothing here was run against a live server.
 * - Base URL per customer, `https://{subdomain}.uazapi.com` (:11-25); the instance token travels in
 *   the `token` header (:9, :26-38).
 * - Get `POST /group/info` {groupjid, getInviteLink: true} answers the Group with `invite_link`
 *   (:7517-7636; schema :1481-1653). Reset `POST /group/resetInviteCode` {groupjid} answers
 *   {InviteLink, group, needs_refresh} (:8115-8219), 403 "User is not an admin of this group".
 *   The older GET /group/invitelink/:groupJID answered {inviteLink} (euventura copy :6598-6655). The
 *   same link is thus spelled `invite_link`, `InviteLink` and `inviteLink`: all three are read on
 *   every answer. A reset's own `group` object is never read for the new link: `needs_refresh` says
 *   the server's group cache may be stale, so that object may carry the old link. For the same reason
 *   every Get asks uazapi to bypass its cache (`force: true`, :7517-7636 "Forçar atualização").
 * - 401 means a bad token OR no session: the spec answers it for "Token inválido, ausente ou cliente
 *   não encontrado" (client not found, :2242-2251), "Sem sessão ativa" (No session, :3107-3116) and an
 *   unknown token on /instance/status (instance info not found, :2400-2409). Hints name both.
 * - List: `POST /group/list` {page, pageSize ≤ 1000, noParticipants} answers {groups, pagination:
 *   {hasNextPage, …}} (:7929-8114, "post"); `GET /group/list?noparticipants=` answers {groups} without
 *   paging (same path, "get"), the fallback for a server without the POST route (404/405). Groups are
 *   whatsmeow's PascalCase GroupInfo plus `OwnerIsAdmin` ("Verifica se você [é] administrador do
 *   grupo", :1636-1639). A real answer lacked `OwnerIsAdmin` and had `@lid` participant JIDs with the
 *   phone in `PhoneNumber`, plus `ParticipantCount` (SKILL.md:316-384): without the flag, isAdmin is
 *   read from the participants, matched against the connected number from `GET /instance/status`
 *   (`status.jid` {user, server} :2337-2424, and `instance.owner`, the instance's number per
 *   illumi-ai/uazapi-mcp@96637b0 src/uazapi_mcp/uazapi.py resolver_instancia).
 * - Invite lookup `POST /group/inviteInfo` {invitecode: code or link} answers the Group; 400 "Invalid
 *   invite code", 404 "Group invite link is invalid or has expired" (:7637-7741).
 * - Errors are {"error": "…"} throughout; no HTTP-200 error is documented.
 * - Join requests (docs/research/join-requests-ryzeapi-meta-zapi-uazapi.md §4):
 *   - Approve / reject `POST /group/updateParticipants` `{groupjid, action: "approve" | "reject",
 *     participants: [id]}` (:8669-8760; euventura copy :7244-7327): "Lista de números de telefone ou
 *     JIDs". A phone number is sent as its digits, a LID as `…@lid` (whatsmeow sends exactly the JID it
 *     is given, tulir/whatsmeow@33cfac5 group.go:285-317; whether uazapi turns a phone into the
 *     requester's LID is UNVERIFIED). 200 `{groupUpdated: [{JID, Error}], group, needs_refresh}`: `Error`
 *     is WhatsApp's code per participant, "0 para sucesso" (euventura copy :7300-7321), so a 200 can
 *     carry a failure. Error 404 (WhatsApp's item-not-found) is read as "no pending request from them"
 *     (which code WhatsApp uses for that is UNVERIFIED); any other code is reported as the failure it
 *     is. An answer without the requester's entry is not taken as success. 403 "Usuário não é
 *     administrador do grupo" is the transport's error.
 *   - No list: the spec's only source, `POST /group/info` {getRequestsParticipants: true} →
 *     `request_participants`, is typed "string, comma-separated" (:1648-1651) and its real format (ids?
 *     times?) is UNVERIFIED, so listJoinRequests is absent rather than guessed.
 *   - No approval on/off: neither spec copy has a route for it (third-party clients call `POST
 *     /group/updateJoinApproval` with three different field names; UNVERIFIED), so setJoinApproval is
 *     absent.
 */

/** The link, in any of uazapi's three spellings, at the top of an answer. */
function inviteIn(body: unknown): InviteResult | undefined {
	return firstInvite(field(body, 'invite_link'), field(body, 'InviteLink'), field(body, 'inviteLink'));
}

/** Most groups POST /group/list returns per page (its spec's maximum pageSize). */
const PAGE = 1000;
/** ProviderClient.memo key: the list route this server has. */
const LIST_METHOD = 'listMethod';

function groupBody(group: GroupRef) {
	return { groupjid: groupJid(group) ?? group.input };
}

/** The connected number's ids from /instance/status: its JID (a string, or whatsmeow's {user, server}) and the instance owner. */
function ownIds(body: unknown): unknown[] {
	const jid = field(body, 'status', 'jid');
	const user = text(field(jid, 'user'));
	const server = text(field(jid, 'server')) ?? 's.whatsapp.net';
	const own = typeof jid === 'string' ? jid : user ? `${user}@${server}` : undefined;
	return [own, field(body, 'instance', 'owner')];
}

/** WhatsApp's per-participant code for a request that is not there (item-not-found). */
const NOT_PENDING_CODE = 404;

async function settle(client: ProviderClient, group: GroupRef, requester: Requester, verb: 'approve' | 'reject'): Promise<void> {
	const action = `${verb} the join request`;
	const participant = requester.lid !== undefined ? requester.jid : (requester.phone ?? requester.jid);
	const response = await client.send({
		method: 'POST',
		path: '/group/updateParticipants',
		body: { ...groupBody(group), action: verb, participants: [participant] },
		idempotent: false,
		action,
	});
	const entries = arrayAt(response.body, ['groupUpdated']);
	if (!entries) throw client.invalidResponse(`did not say whether it could ${action} (no groupUpdated)`, response);
	const mine = userPart(requester.jid);
	const entry =
		entries.find((e) => {
			const id = userPart(field(e, 'JID'));
			return id !== undefined && id === mine;
		}) ?? (entries.length === 1 ? entries[0] : undefined);
	if (entry === undefined) throw client.invalidResponse(`did not report on the requester (no entry for ${participant} in groupUpdated)`, response);
	const raw = field(entry, 'Error');
	const code = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
	if (code === 0) return;
	if (typeof code !== 'number') throw client.invalidResponse(`did not say whether it could ${action} (no Error code)`, response);
	if (code === NOT_PENDING_CODE) throw client.notPending(requester, response);
	throw client.reportedFailure(action, `WhatsApp error code ${code}`, response);
}

export const uazapi: ProviderAdapter = {
	id: 'uazapi',
	name: 'uazapi',
	credentialType: 'groupInviteUazapiApi',
	groupIdRules: { acceptsInvite: false },

	apiRoot: (_credentials, baseUrl) => baseUrl,

	secrets: (credentials) => [credentials.token],

	errorMessage: (body) =>
		text(field(body, 'error')) ?? text(field(body, 'error', 'message')) ?? text(field(body, 'message')),

	// A 500 that says the session is not there: nothing reached WhatsApp.
	isDefiniteFailure: (_statusCode, vendorMessage) =>
		/not connected|no (?:active )?session|client not found/i.test(vendorMessage ?? ''),

	errorHint(statusCode, vendorMessage) {
		const message = (vendorMessage ?? '').toLowerCase();
		if (statusCode === 401) {
			// uazapi answers 401 both for a token it does not know and for an instance without a session.
			if (/session|client not found|not connected/.test(message)) {
				return 'uazapi answers 401 for two reasons. Here it is most likely that the instance has no active WhatsApp session: connect it in the uazapi panel (your instance → Connect, scan the QR code) and check that its status is connected. Otherwise the Instance Token in the credential is wrong: copy it again from the uazapi panel (your instance → token; not the admin token).';
			}
			return 'uazapi answers 401 for two reasons: the Instance Token in the credential is wrong (copy it again from the uazapi panel → your instance → token; the admin token is not accepted here), or the instance has no active WhatsApp session (connect it in the uazapi panel and scan the QR code). Check both.';
		}
		if (statusCode === 403 || message.includes('not an admin')) {
			return 'Make the WhatsApp number connected to this uazapi instance an admin of the group, then run again.';
		}
		if (message.includes('not connected') || message.includes('connection closed') || message.includes('no active session')) {
			return 'The uazapi instance is not connected to WhatsApp: connect it in the uazapi panel (scan the QR code), then run again.';
		}
		if (message.includes('parse group jid')) {
			return 'uazapi could not read the group ID: check the Group ID, e.g. 120363019502650977@g.us.';
		}
		if (statusCode === 404) {
			// /group/info answers an unknown group with its invite-lookup text ("… invalid or has expired").
			return 'uazapi found no such group: check the Group ID (the connected number must be a member of the group). If the group was picked From List, pick it again: it may no longer exist.';
		}
		if (statusCode === 429) {
			return 'uazapi is limiting requests, or its server has reached its maximum of connected instances: wait a moment and run again, or lower Options → Max Requests per Minute.';
		}
		return undefined;
	},

	async getInviteLink(client, group) {
		const response = await client.send({
			method: 'POST',
			path: '/group/info',
			body: { ...groupBody(group), getInviteLink: true, getRequestsParticipants: false, force: true },
			idempotent: true,
			action: 'get the invite link',
		});
		const invite = inviteIn(response.body);
		if (invite) return invite;
		if (field(response.body, 'OwnerIsAdmin') === false) {
			throw client.invalidResponse(
				'did not include an invite link: it reports that the connected number is not an admin of the group (OwnerIsAdmin false)',
				response,
			);
		}
		throw client.invalidResponse('did not include an invite link', response);
	},

	async resetInviteLink(client, group) {
		const response = await client.send({
			method: 'POST',
			path: '/group/resetInviteCode',
			body: groupBody(group),
			idempotent: false,
			action: 'reset the invite link',
		});
		const invite = inviteIn(response.body);
		if (invite) return invite;
		// The documented success carries the group; without the new link at the top, the reset happened
		// but its link must be read (bypassing the cache), never taken from the maybe-stale `group`.
		const reported = field(response.body, 'group');
		if (reported === null || typeof reported !== 'object' || Array.isArray(reported)) {
			throw client.invalidResponse('did not include the new invite link', response);
		}
		const read = await client.send({
			method: 'POST',
			path: '/group/info',
			body: { ...groupBody(group), getInviteLink: true, getRequestsParticipants: false, force: true },
			idempotent: true,
			action: 'read the new invite link after the reset',
		});
		const renewed = inviteIn(read.body);
		if (!renewed) throw client.invalidResponse('did not include the new invite link (the old one was reset)', read);
		return renewed;
	},

	listReportsAdmin: true,

	async listGroups(client, { cursor, roles }) {
		const page = cursor !== undefined && /^\d+$/.test(cursor) ? Number(cursor) : 1;
		const action = 'list the groups';
		let response: ProviderResponse | undefined;
		let paged = false;
		if (client.memo.get(LIST_METHOD) !== 'GET') {
			const post = {
				method: 'POST' as const,
				path: '/group/list',
				body: { page, pageSize: PAGE, noParticipants: !roles },
				idempotent: true,
				action,
			};
			// A server from before the paged POST route answers 404 or 405: the GET route lists everything.
			response = await client.send({ ...post, passStatuses: cursor === undefined ? [404, 405] : undefined });
			if (response.statusCode >= 400) {
				client.memo.set(LIST_METHOD, 'GET');
				response = undefined;
			} else {
				paged = true;
			}
		}
		if (!response) {
			if (cursor !== undefined) return { groups: [] };
			response = await client.send({
				method: 'GET',
				path: '/group/list',
				qs: { noparticipants: String(!roles) },
				idempotent: true,
				action,
			});
		}
		const entries = arrayAt(response.body, ['groups']);
		if (!entries) throw client.invalidResponse('did not include the list of groups', response);
		// OwnerIsAdmin where uazapi sends it; otherwise the connected number among the participants,
		// looked up only when some group needs it.
		const needsMe = roles && entries.some((g) => typeof field(g, 'OwnerIsAdmin') !== 'boolean');
		const me = needsMe ? await connectedIds(client, { method: 'GET', path: '/instance/status' }, ownIds) : [];
		const groups = summaries(entries, (g) => {
			const flag = field(g, 'OwnerIsAdmin');
			return {
				id: field(g, 'JID'),
				name: field(g, 'Name'),
				participantCount: participantCountOf(field(g, 'Participants'), field(g, 'ParticipantCount')),
				isAdmin: !roles ? undefined : typeof flag === 'boolean' ? flag : adminIn(field(g, 'Participants'), ...me),
				invite: field(g, 'invite_link') ?? field(g, 'InviteLink') ?? field(g, 'inviteLink'),
			};
		});
		const more = paged && field(response.body, 'pagination', 'hasNextPage') === true && entries.length > 0;
		return { groups, ...(more ? { next: String(page + 1) } : {}) };
	},

	async resolveInvite(client, inviteCode) {
		const request = {
			method: 'POST' as const,
			path: '/group/inviteInfo',
			body: { invitecode: inviteCode },
			idempotent: true,
			action: 'look up the invite link',
			passStatuses: [400, 404],
		};
		const response = await client.send(request);
		if (response.statusCode >= 400) {
			// 400 "Invalid invite code", 404 "Group invite link is invalid or has expired"; any other 4xx
			// text (e.g. a server without the route) is the failure it is.
			const message = uazapi.errorMessage(response.body) ?? '';
			if (/invite|expired|invalid/i.test(message)) throw client.inviteGone(response);
			throw client.httpError(request, response);
		}
		const group = summary({
			id: field(response.body, 'JID'),
			name: field(response.body, 'Name'),
			participantCount: participantCountOf(field(response.body, 'Participants'), field(response.body, 'ParticipantCount')),
		});
		if (!group) throw client.invalidResponse('did not say which group the invite link belongs to', response);
		return group;
	},

	async approveJoinRequest(client, group, requester) {
		await settle(client, group, requester, 'approve');
	},

	async rejectJoinRequest(client, group, requester) {
		await settle(client, group, requester, 'reject');
	},
};
