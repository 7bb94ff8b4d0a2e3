import type { GroupRef } from '../whatsapp/groupId';
import { groupJid } from '../whatsapp/groupId';
import { firstInvite } from '../whatsapp/invite';
import type { Requester } from '../whatsapp/requester';
import { requesterFromVendor } from '../whatsapp/requester';
import { arrayAt, lookedUp, summaries, userPart } from './listing';
import type { InviteResult, JoinRequest, ProviderAdapter, ProviderClient, ProviderResponse } from './types';
import { field, joinedText, text } from './read';

/**
 * RyzeAPI (https://docs.ryzeapi.cloud). Token in the `token` header, instance name in the path.
 * Accepts a group JID, an invite code or an invite link as `identifier`. No dedicated "get link"
 * endpoint: the link is read from the group details.
 * - List `GET /api/group/list/{instance}` (docs /en/api/groups/overview; no paging documented). Its
 *   answer is not documented: the docs' GroupInfo has `jid`, `name`, `participantCount`; a third-party
 *   client (NeritonDias/hermes-ryzeapi@f9e7cad) reads `groups[]` with `groupJid`, `memberCount`. Both
 *   spellings are read, from `groups`, `data.groups` or `data`. No admin flag is documented.
 * - Invite lookup: `GET /api/group/info/{instance}?identifier=<code>` (docs /en/api/groups/info: "the
 *   service extracts the code, discovers the JID, and returns the same data as the JID lookup").
 * - Join requests (docs read 2026, docs/research/join-requests-ryzeapi-meta-zapi-uazapi.md §1):
 *   - List `GET /api/group/requests/{instance}?identifier=<group>` (https://docs.ryzeapi.cloud/en/api/groups/requests):
 *     `{success, message, groupJid, requests: [{jid: "…@lid", phoneNumber: "…@s.whatsapp.net" | null,
 *     requestedAt: ISO 8601}], meta: {total}}`; no paging, no request method. 403 "Not authorized to view
 *     group requests (must be admin)", 404 "Group not found or you are not a member of this group".
 *   - Approve / reject `POST /api/group/participants/{instance}` `{action: "approve" | "reject",
 *     identifier, participants: [id]}` (https://docs.ryzeapi.cloud/en/api/groups/participants): the id is
 *     the `@lid` JID the list gives, or bare phone digits ("the service automatically resolves the
 *     equivalent LID when you pass only the phone number"). It "may return 200 even with some members
 *     failing … Always inspect each entry": each entry of the answer's `participants` carries `success`
 *     and, when false, `error`. UNVERIFIED: the key naming the participant in an entry (`jid`,
 *     `participant`, `phoneNumber`, `id` and `number` are all read) and WhatsApp's text for "no pending
 *     request" (a reason saying not found / 404 / no (pending) request is taken as that; any other
 *     reason is reported as the failure it is). One requester is sent per call, so a single entry is
 *     its result. No pending list is read first: the list's `phoneNumber` may be null, so a requester
 *     given by phone may be pending without the list showing it.
 *   - Approval on/off `PUT /api/group/update/{instance}` `{identifier, groupSettings:
 *     {requireAdminApproval}}` (https://docs.ryzeapi.cloud/en/api/groups/update): a partial update ("Updates
 *     any subset … At least one field beyond identifier must be sent"), so no other setting is touched.
 *     The answer (a GroupInfo with `groupSettings`, per /en/api/groups/overview; inferred) is checked
 *     when it shows the setting.
 */
const PLACES = [[], ['group'], ['data'], ['data', 'group']];

function inviteFrom(client: ProviderClient, response: ProviderResponse, what: string): InviteResult {
	const body = response.body;
	// The transport already turns every 2xx error envelope into a definite failure before an adapter
	// reads it (providers/read.ts errorEnvelope); this stays as a second guard: never a link from it.
	if (field(body, 'success') === false) {
		const message = text(field(body, 'error', 'message')) ?? text(field(body, 'message'));
		throw client.invalidResponse(
			`reported {"success": false}${message ? ` (${message})` : ''}: it could not ${what}`,
			response,
		);
	}
	const invite = firstInvite(
		...PLACES.flatMap((place) => [field(body, ...place, 'inviteLink'), field(body, ...place, 'inviteCode')]),
	);
	if (!invite) throw client.invalidResponse('did not include an invite link or code', response);
	const jid = PLACES.map((place) => text(field(body, ...place, 'groupJid')) ?? text(field(body, ...place, 'jid'))).find(
		(value) => value !== undefined,
	);
	return { ...invite, ...(jid ? { groupJid: jid } : {}) };
}

/** The group JID, or for an invite link or code, just the code. */
function identifier(group: GroupRef): string {
	return group.kind === 'invite' ? group.inviteCode : (groupJid(group) ?? group.input);
}

function instancePath(client: ProviderClient): string {
	return encodeURIComponent(String(client.credentials.instanceName ?? '').trim());
}

/** The pending requests in a RyzeAPI list answer. */
function joinRequestsFrom(client: ProviderClient, response: ProviderResponse): JoinRequest[] {
	const entries = arrayAt(response.body, ['requests'], ['data', 'requests'], ['data']);
	if (!entries) throw client.invalidResponse('did not include the list of join requests', response);
	const requests: JoinRequest[] = [];
	for (const entry of entries) {
		const requester = requesterFromVendor(field(entry, 'jid'), field(entry, 'phoneNumber'));
		if (!requester) continue;
		const request: JoinRequest = { requester };
		const at = text(field(entry, 'requestedAt'));
		const time = at === undefined ? Number.NaN : Date.parse(at);
		if (!Number.isNaN(time)) request.requestedAt = new Date(time).toISOString();
		requests.push(request);
	}
	return requests;
}

/** How RyzeAPI takes a requester: the `@lid` JID, or the phone number's digits. */
function participantOf(requester: Requester): string {
	return requester.lid !== undefined ? requester.jid : (requester.phone ?? requester.jid);
}

/** Keys a per-participant entry may name its participant by (UNVERIFIED, see the header). */
const ENTRY_IDS = ['jid', 'participant', 'phoneNumber', 'id', 'number'];

/** A reason that means WhatsApp has no such pending request. */
const NOT_PENDING = /not[ _-]?found|\b404\b|no (?:pending )?(?:join )?request|not pending|does not exist/i;

/** Reads an approve or reject answer: returns on the requester's success, throws otherwise. */
function settled(client: ProviderClient, response: ProviderResponse, requester: Requester, action: string): void {
	const entries = arrayAt(response.body, ['participants'], ['data', 'participants'], ['results'], ['data', 'results']);
	if (!entries) {
		if (field(response.body, 'success') === true) return;
		throw client.invalidResponse(`did not say whether it could ${action}`, response);
	}
	const sent = userPart(participantOf(requester));
	const entry =
		entries.length === 1
			? entries[0]
			: entries.find((e) => ENTRY_IDS.some((key) => {
					const id = userPart(field(e, key));
					return id !== undefined && (id === sent || id === userPart(requester.jid));
				}));
	if (entry === undefined) throw client.invalidResponse(`did not report on the requester it was asked to ${action.replace(/ the join request$/, '')}`, response);
	if (field(entry, 'success') === true) return;
	if (field(entry, 'success') !== false) throw client.invalidResponse(`did not say whether it could ${action}`, response);
	const reason = joinedText(field(entry, 'error')) ?? text(field(entry, 'error', 'message')) ?? text(field(entry, 'message'));
	if (reason !== undefined && NOT_PENDING.test(reason)) throw client.notPending(requester, response);
	throw client.reportedFailure(action, reason, response);
}

async function settle(client: ProviderClient, group: GroupRef, requester: Requester, verb: 'approve' | 'reject'): Promise<void> {
	const action = `${verb} the join request`;
	const response = await client.send({
		method: 'POST',
		path: `/group/participants/${instancePath(client)}`,
		body: { action: verb, identifier: identifier(group), participants: [participantOf(requester)] },
		idempotent: false,
		action,
	});
	settled(client, response, requester, action);
}

export const ryzeApi: ProviderAdapter = {
	id: 'ryzeApi',
	name: 'RyzeAPI',
	credentialType: 'groupInviteRyzeApi',
	groupIdRules: { acceptsInvite: true },
	requestsPerMinute: 100,

	apiRoot: (_credentials, baseUrl) => `${baseUrl}/api`,

	secrets: (credentials) => [credentials.token],

	errorMessage: (body) =>
		text(field(body, 'error', 'message')) ?? text(field(body, 'error')) ?? text(field(body, 'message')),

	errorHint(statusCode, vendorMessage) {
		const message = (vendorMessage ?? '').toLowerCase();
		if (message.includes('must be admin')) {
			return 'Make the WhatsApp number connected to this RyzeAPI instance an admin of the group, then run again.';
		}
		if (message.includes('not connected')) {
			return 'Connect the instance to WhatsApp in the RyzeAPI panel (scan the QR code), then run again.';
		}
		// Every route checks that the token owns the instance in the path (docs.ryzeapi.cloud/en/api/groups/overview):
		// a TokenInstance of another instance is refused with 403 "Instance token does not match …", an
		// unknown name is 404 "Instance not found".
		if (message.includes('instance token does not match') || message.includes('does not match')) {
			return "The token belongs to another instance: set the Instance Name to the token's own instance (RyzeAPI panel → Instances), or use the account token (TokenAccount).";
		}
		if (message.includes('instance not found')) {
			return 'Check the Instance Name in the RyzeAPI credential: it must be the name shown in the RyzeAPI panel → Instances.';
		}
		if (statusCode === 401) {
			return 'Check the token in the RyzeAPI credential (an instance token or the account token from the RyzeAPI panel).';
		}
		return undefined;
	},

	async getInviteLink(client, group) {
		const action = 'get the invite link';
		const response = await client.send({
			method: 'GET',
			path: `/group/info/${instancePath(client)}`,
			qs: { identifier: identifier(group), participants: 'false' },
			idempotent: true,
			action,
		});
		return inviteFrom(client, response, action);
	},

	async resetInviteLink(client, group) {
		const action = 'reset the invite link';
		const response = await client.send({
			method: 'POST',
			path: `/group/resetLink/${instancePath(client)}`,
			body: { identifier: identifier(group) },
			idempotent: false,
			action,
		});
		return inviteFrom(client, response, action);
	},

	async listGroups(client) {
		const response = await client.send({
			method: 'GET',
			path: `/group/list/${instancePath(client)}`,
			idempotent: true,
			action: 'list the groups',
		});
		const entries = arrayAt(response.body, ['groups'], ['data', 'groups'], ['data'], []);
		if (!entries) throw client.invalidResponse('did not include the list of groups', response);
		const groups = summaries(entries, (g) => ({
			id: field(g, 'jid') ?? field(g, 'groupJid'),
			name: field(g, 'name'),
			participantCount: field(g, 'participantCount') ?? field(g, 'memberCount'),
			participants: field(g, 'participants'),
			invite: field(g, 'inviteLink') ?? field(g, 'inviteCode'),
		}));
		return { groups };
	},

	async resolveInvite(client, inviteCode) {
		const response = await client.send({
			method: 'GET',
			path: `/group/info/${instancePath(client)}`,
			qs: { identifier: inviteCode, participants: 'false' },
			idempotent: true,
			action: 'look up the invite link',
			passStatuses: [400, 404],
		});
		// docs /en/guide/errors: 400 is also "instance disconnected" (and validation), 404 "group does not
		// exist": only a message about the group or its code means the link leads nowhere.
		if (response.statusCode >= 400) {
			const message = ryzeApi.errorMessage(response.body) ?? '';
			if (/not connected|instance/i.test(message)) {
				throw client.httpError({ method: 'GET', path: '', idempotent: true, action: 'look up the invite link' }, response);
			}
			throw client.inviteGone(response);
		}
		const place = PLACES.find((p) => text(field(response.body, ...p, 'jid')) ?? text(field(response.body, ...p, 'groupJid')));
		const found = place === undefined ? undefined : field(response.body, ...place);
		return lookedUp(client, response, {
			id: field(found, 'jid') ?? field(found, 'groupJid'),
			name: field(found, 'name'),
			participantCount: field(found, 'participantCount') ?? field(found, 'memberCount'),
			participants: field(found, 'participants'),
		});
	},

	async listJoinRequests(client, group) {
		const response = await client.send({
			method: 'GET',
			path: `/group/requests/${instancePath(client)}`,
			qs: { identifier: identifier(group) },
			idempotent: true,
			action: 'list the join requests',
		});
		return joinRequestsFrom(client, response);
	},

	async approveJoinRequest(client, group, requester) {
		await settle(client, group, requester, 'approve');
	},

	async rejectJoinRequest(client, group, requester) {
		await settle(client, group, requester, 'reject');
	},

	async setJoinApproval(client, group, required) {
		const action = required ? 'turn admin approval on' : 'turn admin approval off';
		const response = await client.send({
			method: 'PUT',
			path: `/group/update/${instancePath(client)}`,
			body: { identifier: identifier(group), groupSettings: { requireAdminApproval: required } },
			idempotent: false,
			action,
		});
		const shown = PLACES.map((place) => field(response.body, ...place, 'groupSettings', 'requireAdminApproval')).find(
			(value) => typeof value === 'boolean',
		);
		if (shown === !required) {
			throw client.reportedFailure(action, `the group's requireAdminApproval is still ${String(shown)}`, response);
		}
		if (shown === undefined && field(response.body, 'success') !== true) {
			throw client.invalidResponse(`did not say whether it could ${action}`, response);
		}
	},
};
