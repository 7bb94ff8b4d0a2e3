import type { GroupRef } from '../whatsapp/groupId';
import { groupJid } from '../whatsapp/groupId';
import { firstInvite } from '../whatsapp/invite';
import { arrayAt, connectedIds, engineGroup, entriesOf, summaries } from './listing';
import type { InviteResult, ProviderAdapter, ProviderClient, ProviderResponse } from './types';
import { field, text } from './read';

/**
 * Wawp (https://api.wawp.net). `instance_id` and `access_token` travel in the query string. The
 * invite-code body may be a bare string, `{code}`, `{inviteCode}`, `{invite_code}` or a link.
 * Wawp runs WAHA's routes under /v2 (its invite-code pages mirror WAHA's). Its group list page is not
 * public; Wawp's own n8n node (Whatsapp-Automation-web-platform/n8n-nodes-wawp@8b5aa63,
 * nodes/Wawp/Wawp.node.ts L2049-2052) lists with `GET …/groups` and `limit`, as WAHA does (WAHA's
 * `limit`/`offset`, devlikeapro/waha-docs content/docs/how-to/groups). So the list is read WAHA's way
 * and its answer in any of WAHA's engine shapes (providers/listing.ts engineGroup), page by page with
 * `limit` and `offset`; the session's own id is `POST /v2/session/info` → `me.id`. Its invite lookup
 * (WAHA's join-info) exists only on Wawp's older host, so By Invite Link is not offered.
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

/** Groups asked for per list request. */
const PAGE = 100;
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
	listReportsAdmin: true,

	async listGroups(client, { cursor, roles }) {
		const offset = cursor !== undefined && /^\d+$/.test(cursor) ? Number(cursor) : 0;
		const response = await client.send({
			method: 'GET',
			path: '/groups',
			qs: { limit: PAGE, offset, ...(roles ? {} : { exclude: 'participants' }) },
			idempotent: true,
			action: 'list the groups',
		});
		const entries = arrayAt(response.body, ['groups'], ['data']) ?? entriesOf(response.body);
		if (!entries) throw client.invalidResponse('did not include the list of groups', response);
		const me = roles ? await connectedIds(client, { method: 'POST', path: '/session/info' }, (body) => [field(body, 'me', 'id')]) : undefined;
		const groups = summaries(entries, (entry) => engineGroup(entry, me));
		// A full page may have more after it; a server that ignores `limit` answers more than a page: all of it.
		return { groups, ...(entries.length === PAGE ? { next: String(offset + PAGE) } : {}) };
	},
};
