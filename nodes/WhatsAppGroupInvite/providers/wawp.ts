import type { GroupRef } from '../groupId';
import { groupJid } from '../groupId';
import { firstInvite } from '../invite';
import type { InviteResult, ProviderAdapter, ProviderClient, ProviderResponse } from './types';
import { field, text } from './types';

/**
 * Wawp (https://api.wawp.net). `instance_id` and `access_token` travel in the query string. The
 * invite-code body may be a bare string, `{code}`, `{inviteCode}`, `{invite_code}` or a link.
 */
const KEYS = ['code', 'inviteCode', 'invite_code', 'inviteLink', 'invite_link', 'link'];

function inviteFrom(client: ProviderClient, response: ProviderResponse): InviteResult {
	const body = response.body;
	// An error envelope at HTTP 200 (e.g. {code: "invalid_session", message}) never gets here: the
	// transport turns it into an error first (errorEnvelope in ./types).
	const invite = firstInvite(
		body,
		...KEYS.map((key) => field(body, key)),
		...KEYS.map((key) => field(body, 'data', key)),
		field(body, 'data'),
	);
	if (!invite) throw client.invalidResponse('did not include an invite code', response);
	return invite;
}

function groupPath(group: GroupRef): string {
	return `/groups/${encodeURIComponent(groupJid(group) ?? group.input)}/invite-code`;
}

export const wawp: ProviderAdapter = {
	id: 'wawp',
	name: 'Wawp',
	credentialType: 'groupInviteWawpApi',
	groupIdRules: { acceptsInvite: false },

	apiRoot: (_credentials, baseUrl) => `${baseUrl}/v2`,

	secrets: (credentials) => [credentials.accessToken, credentials.instanceId],

	errorMessage: (body) =>
		text(field(body, 'message')) ?? text(field(body, 'error', 'message')) ?? text(field(body, 'error')),

	errorHint(statusCode) {
		if (statusCode === 401 || statusCode === 403) {
			return 'Check the Instance ID and Access Token in the Wawp credential (Wawp dashboard → your instance).';
		}
		return undefined;
	},

	async getInviteLink(client, group) {
		const response = await client.send({
			method: 'GET',
			path: groupPath(group),
			idempotent: true,
			action: 'get the invite code',
		});
		return inviteFrom(client, response);
	},

	async resetInviteLink(client, group) {
		const response = await client.send({
			method: 'POST',
			path: `${groupPath(group)}/revoke`,
			idempotent: false,
			action: 'revoke the invite code',
		});
		return inviteFrom(client, response);
	},
};
