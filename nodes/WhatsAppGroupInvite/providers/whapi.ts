import type { GroupRef } from '../groupId';
import { groupJid } from '../groupId';
import { firstInvite } from '../invite';
import type { InviteResult, ProviderAdapter, ProviderClient, ProviderResponse } from './types';
import { field, text } from './types';

/**
 * Whapi.Cloud (https://whapi.cloud). The channel token travels as `Authorization: Bearer <token>`.
 * Get answers `{invite_code}`; Revoke is `DELETE` on the same path, and its answer is not documented:
 * the new code is read from it when it carries one, otherwise with a Get after `{success: true}`.
 */

function inviteIn(body: unknown): InviteResult | undefined {
	return firstInvite(field(body, 'invite_code'), field(body, 'invite_link'), field(body, 'link'));
}

function inviteFrom(client: ProviderClient, response: ProviderResponse): InviteResult {
	const invite = inviteIn(response.body);
	if (!invite) throw client.invalidResponse('did not include an invite code', response);
	return invite;
}

function invitePath(group: GroupRef): string {
	return `/groups/${encodeURIComponent(groupJid(group) ?? group.input)}/invite`;
}

export const whapi: ProviderAdapter = {
	id: 'whapi',
	name: 'Whapi.Cloud',
	credentialType: 'groupInviteWhapiApi',
	groupIdRules: { acceptsInvite: false },

	apiRoot: (_credentials, baseUrl) => baseUrl,

	secrets: (credentials) => [credentials.token],

	errorMessage: (body) =>
		text(field(body, 'error', 'message')) ?? text(field(body, 'message')) ?? text(field(body, 'error')),

	// Per the Whapi.Cloud OpenAPI spec (1.8.x), errors are {error: {code, message, details}}: 401 "Need
	// channel authorization" is a channel not paired with a phone (the token is fine), 404 "Channel not
	// found" an unknown token (not a missing group).
	errorHint(statusCode, vendorMessage) {
		const message = (vendorMessage ?? '').toLowerCase();
		if (message.includes('need channel authorization') || message.includes('channel authorization')) {
			return 'The Whapi.Cloud channel is not paired with a phone: authorize it by scanning the QR code in the Whapi.Cloud dashboard (your channel) with the WhatsApp phone, then run again.';
		}
		if (message.includes('channel not found')) {
			return 'Whapi.Cloud knows no channel for this token: check the API Token in the Whapi.Cloud credential (Whapi.Cloud dashboard → your channel → API token).';
		}
		if (message.includes('admin')) {
			return 'Make the WhatsApp number connected to this Whapi.Cloud channel an admin of the group, then run again.';
		}
		if (statusCode === 401) {
			return 'Check the API Token in the Whapi.Cloud credential (Whapi.Cloud dashboard → your channel → API token).';
		}
		return undefined;
	},

	async getInviteLink(client, group) {
		const response = await client.send({
			method: 'GET',
			path: invitePath(group),
			idempotent: true,
			action: 'get the invite code',
		});
		return inviteFrom(client, response);
	},

	async resetInviteLink(client, group) {
		const response = await client.send({
			method: 'DELETE',
			path: invitePath(group),
			idempotent: false,
			action: 'revoke the invite code',
		});
		const invite = inviteIn(response.body);
		if (invite) return invite;
		// Only an explicit success is followed by a read: an empty or odd 200 proves no revocation.
		if (field(response.body, 'success') !== true) return inviteFrom(client, response);
		const read = await client.send({
			method: 'GET',
			path: invitePath(group),
			idempotent: true,
			action: 'read the new invite code after revoking the old one',
		});
		const renewed = inviteIn(read.body);
		if (!renewed) {
			throw client.invalidResponse('did not include the new invite code (the old one was revoked)', read);
		}
		return renewed;
	},
};
