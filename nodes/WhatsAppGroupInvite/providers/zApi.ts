import type { GroupRef } from '../whatsapp/groupId';
import { zApiGroupId } from '../whatsapp/groupId';
import { firstInvite } from '../whatsapp/invite';
import type { Requester } from '../whatsapp/requester';
import { RequesterError } from '../whatsapp/requester';
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
 * - Join requests (docs/research/join-requests-ryzeapi-meta-zapi-uazapi.md §3):
 *   - Approve `POST /approve-participant` and reject `POST /reject-participant`, body `{groupId:
 *     "<digits>-group", phones: ["<digits>"]}` (Z-API/z-api-docs@7021b82
 *     i18n/en/docusaurus-plugin-content-docs/current/group/approve-participant.md:8-10,36-39,56-72 and
 *     reject-participant.md:8-10,36-39,56-72; json-examples/approve-participant.json:19), answer
 *     `{value: true | false}` ("true if successful, and false if there is a failure",
 *     approve-participant.md:78-90, reject-participant.md:78-90). One boolean for the whole batch, so one
 *     phone is sent per call. `value: false` does not say why (no pending request from that number,
 *     or the connected number is not an admin; Z-API documents no reason and no other answer): it is
 *     reported as a failure saying both, never as "not pending" for sure. `phones` takes phone numbers
 *     (bare digits with the country code); `@lid` is not documented, so a requester given only as a
 *     LID is refused before any request.
 *   - No list: Z-API has no HTTP call for the pending requests (its group docs have none; they come
 *     only as the webhook `MEMBERSHIP_APPROVAL_REQUEST`, webhooks/on-message-received.md:593-691).
 *   - No approval on/off: `POST /update-group-settings` marks all four settings required (`phone`,
 *     `adminOnlyMessage`, `adminOnlySettings`, `requireAdminApproval`, `adminOnlyAddMember`;
 *     group/update-group-settings.md:42-48,54-76), and `adminOnlyAddMember` cannot be read back
 *     anywhere (group metadata gives only the other three, group/metadata-group.md:70-72,128-130).
 *     Turning approval on or off would overwrite who may add members, a setting the user made
 *     elsewhere, so setJoinApproval is absent.
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

/** The requester's phone digits, as Z-API's `phones` takes them; a LID without a phone cannot be given. */
function phoneOf(requester: Requester, verb: string): string {
	if (requester.phone !== undefined) return requester.phone;
	throw new RequesterError(
		`Z-API can only ${verb} a join request by the requester's phone number, and ${requester.jid} is a LID`,
		"Give the requester's phone number with its country code (e.g. 5511999999999), as in Z-API's MEMBERSHIP_APPROVAL_REQUEST webhook (participantPhone).",
	);
}

async function settle(client: ProviderClient, group: GroupRef, requester: Requester, verb: 'approve' | 'reject'): Promise<void> {
	const action = `${verb} the join request`;
	const phone = phoneOf(requester, verb);
	const response = await client.send({
		method: 'POST',
		path: verb === 'approve' ? '/approve-participant' : '/reject-participant',
		body: { groupId: zApiGroupId(group), phones: [phone] },
		idempotent: false,
		action,
	});
	const value = field(response.body, 'value');
	if (value === true) return;
	if (value === false) {
		throw client.reportedFailure(
			action,
			`Z-API does not say why ({"value": false}): there may be no pending request from ${phone} in this group, or the connected number is not an admin of the group`,
			response,
		);
	}
	throw client.invalidResponse(`did not say whether it could ${action}`, response);
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

	async approveJoinRequest(client, group, requester) {
		await settle(client, group, requester, 'approve');
	},

	async rejectJoinRequest(client, group, requester) {
		await settle(client, group, requester, 'reject');
	},
};
