import type { GroupRef } from '../whatsapp/groupId';
import { groupJid } from '../whatsapp/groupId';
import { firstInvite } from '../whatsapp/invite';
import { arrayAt, lookedUp, summaries } from './listing';
import type { InviteResult, ProviderAdapter, ProviderClient, ProviderResponse } from './types';
import { field, text } from './read';

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
};
