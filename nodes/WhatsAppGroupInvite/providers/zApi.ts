import { zApiGroupId } from '../whatsapp/groupId';
import { firstInvite } from '../whatsapp/invite';
import { arrayAt, lookedUp, summaries } from './listing';
import type { InviteResult, ProviderAdapter, ProviderClient, ProviderResponse } from './types';
import { field, text } from './read';

/**
 * Z-API (https://developer.z-api.io; docs repo Z-API/z-api-docs@7021b82). Instance ID and token travel
 * in the URL path, the account security token in the `Client-Token` header. Group IDs are sent as
 * `<digits>-group` (or the legacy `<phone>-<timestamp>`).
 * - List `GET /groups?page=&pageSize=` (EN/group/get-groups.md; both required, page 1-based) answers a
 *   bare array of chat rows `{isGroup, name, phone: "…-group", …}`: no participant count, no admin
 *   flag, no invite link, no total. The end is a page shorter than pageSize (or empty).
 * - Invite lookup `GET /group-invitation-metadata?url=<link>` (EN/group/group-invitation-metadata.md)
 *   answers `{phone, subject, participants[], …}` (the current docs add `participantsCount`).
 */
function inviteFrom(client: ProviderClient, response: ProviderResponse, what: string): InviteResult {
	const body = response.body;
	const invite = firstInvite(field(body, 'invitationLink'), field(body, 'link'));
	if (invite) return invite;
	if (field(body, 'value') === false) {
		throw client.invalidResponse(`reported {"value": false}: it could not ${what}`, response);
	}
	const linkError = text(field(body, 'invitationLinkError'));
	if (linkError) {
		throw client.invalidResponse(`gave no invite link (reason: ${linkError})`, response);
	}
	throw client.invalidResponse('did not include an invite link', response);
}

/** ProviderClient.memo key: the method this server's get-invite-link route accepts. */
const GET_METHOD = 'getInviteLinkMethod';

export const zApi: ProviderAdapter = {
	id: 'zApi',
	name: 'Z-API',
	credentialType: 'groupInviteZApi',
	groupIdRules: { acceptsInvite: false },

	apiRoot(credentials, baseUrl) {
		const instance = encodeURIComponent(String(credentials.instanceId ?? '').trim());
		const token = encodeURIComponent(String(credentials.instanceToken ?? '').trim());
		return `${baseUrl}/instances/${instance}/token/${token}`;
	},

	secrets: (credentials) => [credentials.instanceToken, credentials.clientToken, credentials.instanceId],

	errorMessage: (body) =>
		text(field(body, 'error')) ?? text(field(body, 'error', 'message')) ?? text(field(body, 'message')),

	errorHint(statusCode, vendorMessage) {
		const message = (vendorMessage ?? '').toLowerCase();
		if (message.includes('client-token') || message.includes('null not allowed')) {
			return 'Your Z-API account has the security token turned on: copy it from Z-API → Security into the Client-Token field of the Z-API credential.';
		}
		if (message.includes('instance not found')) {
			return 'Check the Instance ID and Instance Token in the Z-API credential (Z-API panel → Instances).';
		}
		return undefined;
	},

	async getInviteLink(client, group) {
		const path = `/group-invitation-link/${encodeURIComponent(zApiGroupId(group))}`;
		const action = 'get the invite link';
		// Documented as GET today and as POST before February 2026: try GET, fall back on 405. A server
		// that wanted POST once gets POST for the rest of the execution (no extra request per item).
		const post = { method: 'POST' as const, path, body: {}, idempotent: true, action };
		if (client.memo.get(GET_METHOD) === 'POST') return inviteFrom(client, await client.send(post), action);
		let response = await client.send({ method: 'GET', path, idempotent: true, action, passStatuses: [405] });
		if (response.statusCode === 405) {
			response = await client.send(post);
			client.memo.set(GET_METHOD, 'POST');
		}
		return inviteFrom(client, response, action);
	},

	async resetInviteLink(client, group) {
		const action = 'reset the invite link';
		const response = await client.send({
			method: 'POST',
			path: `/redefine-invitation-link/${encodeURIComponent(zApiGroupId(group))}`,
			body: {},
			idempotent: false,
			action,
		});
		// Current API: {"invitationLink": "..."}; older API: {"value": true}, then read the new link.
		if (field(response.body, 'value') === true && !firstInvite(field(response.body, 'invitationLink'))) {
			return await zApi.getInviteLink(client, group);
		}
		return inviteFrom(client, response, action);
	},

	async listGroups(client, { cursor, pageSize }) {
		const page = cursor !== undefined && /^\d+$/.test(cursor) ? Number(cursor) : 1;
		const response = await client.send({
			method: 'GET',
			path: '/groups',
			qs: { page, pageSize },
			idempotent: true,
			action: 'list the groups',
		});
		const rows = arrayAt(response.body, []);
		if (!rows) throw client.invalidResponse('did not include the list of groups', response);
		const groups = summaries(rows, (row) => ({ id: field(row, 'phone'), name: field(row, 'name') }));
		return { groups, ...(rows.length >= pageSize ? { next: String(page + 1) } : {}) };
	},

	async resolveInvite(client, inviteCode) {
		const response = await client.send({
			method: 'GET',
			path: '/group-invitation-metadata',
			qs: { url: `https://chat.whatsapp.com/${inviteCode}` },
			idempotent: true,
			action: 'look up the invite link',
			// The docs do not say how a link that leads nowhere is answered: a 400/404, or a 200 without
			// the group's `phone`, is taken as that.
			passStatuses: [400, 404],
		});
		const body = response.body;
		if (response.statusCode >= 400 || field(body, 'phone') === undefined) throw client.inviteGone(response);
		return lookedUp(client, response, {
			id: field(body, 'phone'),
			name: field(body, 'subject'),
			participantCount: field(body, 'participantsCount'),
			participants: field(body, 'participants'),
		});
	},
};
