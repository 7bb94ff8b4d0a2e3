import { zApiGroupId } from '../groupId';
import { firstInvite } from '../invite';
import type { InviteResult, ProviderAdapter, ProviderClient, ProviderResponse } from './types';
import { field, text } from './types';

/**
 * Z-API (https://developer.z-api.io). Instance ID and token travel in the URL path, the account
 * security token in the `Client-Token` header. Group IDs are sent as `<digits>-group` (or the legacy
 * `<phone>-<timestamp>`).
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
};
