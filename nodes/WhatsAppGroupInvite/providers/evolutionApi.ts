
import type { GroupRef } from '../whatsapp/groupId';
import { groupJid } from '../whatsapp/groupId';
import { firstInvite } from '../whatsapp/invite';
import { adminIn, arrayAt, connectedIds, lookedUp, summaries } from './listing';
import type { InviteResult, ProviderAdapter, ProviderClient, ProviderResponse } from './types';
import { field, joinedText, text } from './read';

/**
 * Evolution API v2 (https://doc.evolution-api.com), self-hosted. The global API key or the instance's
 * token travels in the `apikey` header, the instance name in the path and the group JID in the query
 * string. Get answers `{inviteUrl, inviteCode}`, Revoke HTTP 201 `{revoked, inviteCode}`.
 * Per EvolutionAPI/evolution-api@3454bec (v2.3.6; v1.8 at 5d91876):
 * - List `GET /group/fetchAllGroups/{instance}?getParticipants=true|false` (the parameter is required:
 *   400 without it; src/api/abstract/abstract.router.ts:188-195, src/validate/group.schema.ts:57-65)
 *   answers a bare array of `{id, subject, size, …}` plus `participants: [{id, phoneNumber?, admin:
 *   admin|superadmin|null}]` with getParticipants=true (whatsapp.baileys.service.ts:4282-4315). No paging,
 *   no "I am admin" flag, and it fetches every group's picture: slow for many groups. v1.8 answers an
 *   empty body when the instance ignores groups. The instance's own number is `ownerJid` in
 *   `GET /instance/fetchInstances?instanceName=` (v1.8: `instance.owner`).
 * - Invite lookup `GET /group/inviteInfo/{instance}?inviteCode=<22 letters or digits>` answers Baileys'
 *   group metadata `{id, subject, size, …}`; a revoked code and a disconnected instance both answer 404
 *   `["No invite info", code]` (:4326-4332), so the connection state tells them apart.
 */

function inviteFrom(client: ProviderClient, response: ProviderResponse, what: string): InviteResult {
	const body = response.body;
	if (field(body, 'revoked') === false) {
		throw client.invalidResponse(`reported {"revoked": false}: it could not ${what}`, response);
	}
	const invite = firstInvite(field(body, 'inviteUrl'), field(body, 'inviteCode'));
	if (!invite) throw client.invalidResponse('did not include an invite link or code', response);
	return invite;
}

function instancePath(client: ProviderClient): string {
	return encodeURIComponent(String(client.credentials.instanceName ?? '').trim());
}

function query(group: GroupRef) {
	return { groupJid: groupJid(group) ?? group.input };
}

/**
 * Whether the POST route does not exist (a server older than v2, PUT only): a 405, or a 404 whose
 * body is Express's "Cannot POST /group/revokeInviteCode/…" (JSON envelope or HTML page).
 */
function postRouteMissing(response: ProviderResponse): boolean {
	if (response.statusCode === 405) return true;
	const shown = response.text ?? JSON.stringify(response.body ?? '');
	return response.statusCode === 404 && shown.includes('Cannot POST');
}

/**
 * Whether a 500 is the TypeError of an instance that exists but is not loaded in the server's monitor
 * (e.g. "Cannot read properties of undefined (reading 'groupInviteCode')"): the call on the instance
 * failed before anything was sent to WhatsApp.
 */
function instanceNotLoaded(vendorMessage: string | undefined): boolean {
	return /cannot read propert(?:y|ies) of (?:undefined|null) \(reading '\w*(?:invitecode|fetchallgroups|inviteinfo)'\)/i.test(
		vendorMessage ?? '',
	);
}

/** The group list fetches every group's picture on the server: give it time. */
const LIST_TIMEOUT_MS = 120_000;
export const evolutionApi: ProviderAdapter = {
	id: 'evolutionApi',
	name: 'Evolution API',
	credentialType: 'groupInviteEvolutionApi',
	groupIdRules: { acceptsInvite: false },

	apiRoot: (_credentials, baseUrl) => baseUrl,

	secrets: (credentials) => [credentials.apiKey],

	// Per EvolutionAPI/evolution-api (src/api/integrations/channel/whatsapp/whatsapp.baileys.service.ts),
	// WhatsApp's failures come back as 404 {response: {message: ["Revoke error", "Error: not-authorized"]}}
	// or "... Connection Closed"; an instance on the Evolution channel answers 400 "Method not available
	// on Evolution Channel" (its channel service), one on the Meta channel "... on WhatsApp Business API". An
	// instance that exists but is not loaded in the server's monitor fails before WhatsApp is asked: 500
	// with a TypeError such as "Cannot read properties of undefined (reading 'groupInviteCode')".
	errorMessage: (body) =>
		joinedText(field(body, 'response', 'message'), ': ') ??
		joinedText(field(body, 'message'), ': ') ??
		text(field(body, 'error', 'message')) ??
		text(field(body, 'error')),

	// The instance was not loaded, so nothing reached WhatsApp: the link did not change.
	isDefiniteFailure: (_statusCode, vendorMessage) => instanceNotLoaded(vendorMessage),

	errorHint(statusCode, vendorMessage) {
		const message = (vendorMessage ?? '').toLowerCase();
		if (message.includes('not-authorized') || message.includes('forbidden')) {
			return 'Make the WhatsApp number connected to this Evolution API instance an admin of the group, then run again.';
		}
		if (message.includes('instance does not exist')) {
			return 'Check the Instance Name in the Evolution API credential (Evolution Manager → Instances; the name, not the ID).';
		}
		if (message.includes('connection closed') || message.includes('not connected')) {
			return 'The instance is not connected to WhatsApp: reconnect it in the Evolution Manager (Instances → your instance → Connect, scan the QR code), then run again.';
		}
		if (message.includes('not available on evolution channel')) {
			return 'This instance uses the Evolution channel, which has no group invite links: use a WhatsApp (Baileys) instance.';
		}
		if (message.includes('not available on whatsapp business api')) {
			return 'This instance uses the WhatsApp Cloud API channel, which has no group invite codes: use a WhatsApp (Baileys) instance.';
		}
		if (instanceNotLoaded(vendorMessage)) {
			return 'The instance exists but is not loaded on the Evolution API server: restart the instance in the Evolution Manager (or restart the server), check that it is connected, then run again.';
		}
		if (statusCode === 401 || statusCode === 403) {
			return "Check the API Key in the Evolution API credential: the server's global API key (AUTHENTICATION_API_KEY) or this instance's token.";
		}
		return undefined;
	},

	async getInviteLink(client, group) {
		const action = 'get the invite code';
		const response = await client.send({
			method: 'GET',
			path: `/group/inviteCode/${instancePath(client)}`,
			qs: query(group),
			idempotent: true,
			action,
		});
		return inviteFrom(client, response, action);
	},

	async resetInviteLink(client, group) {
		const action = 'revoke the invite code';
		const request = {
			path: `/group/revokeInviteCode/${instancePath(client)}`,
			qs: query(group),
			idempotent: false,
			action,
		};
		// v2 documents POST, v1 PUT. A server without the POST route answers 404 "Cannot POST …" (or a
		// proxy 405): nothing was revoked, so the PUT route is tried. Any other 404 is the failure it is.
		const post = await client.send({ ...request, method: 'POST', passStatuses: [404, 405] });
		let response = post;
		if (postRouteMissing(post)) response = await client.send({ ...request, method: 'PUT' });
		else if (post.statusCode === 404) throw client.httpError({ ...request, method: 'POST' }, post);
		return inviteFrom(client, response, action);
	},
	listReportsAdmin: true,

	async listGroups(client, { roles }) {
		const response = await client.send({
			method: 'GET',
			path: `/group/fetchAllGroups/${instancePath(client)}`,
			qs: { getParticipants: roles ? 'true' : 'false' },
			idempotent: true,
			action: 'list the groups',
			minTimeout: LIST_TIMEOUT_MS,
		});
		// v1.8 answers an empty body for an instance that ignores groups.
		const entries = response.body === undefined ? [] : arrayAt(response.body, []);
		if (!entries) throw client.invalidResponse('did not include the list of groups', response);
		const me = roles
			? await connectedIds(
					client,
					{ method: 'GET', path: '/instance/fetchInstances', qs: { instanceName: String(client.credentials.instanceName ?? '').trim() } },
					(body) => {
						const instance = arrayAt(body, [])?.[0] ?? body;
						return [field(instance, 'ownerJid') ?? field(instance, 'instance', 'owner')];
					},
				)
			: [];
		const groups = summaries(entries, (g) => ({
			id: field(g, 'id'),
			name: field(g, 'subject'),
			participantCount: field(g, 'size'),
			participants: field(g, 'participants'),
			isAdmin: roles ? adminIn(field(g, 'participants'), ...me) : undefined,
		}));
		return { groups };
	},

	async resolveInvite(client, inviteCode) {
		const lookup = {
			method: 'GET' as const,
			path: `/group/inviteInfo/${instancePath(client)}`,
			qs: { inviteCode },
			idempotent: true,
			action: 'look up the invite link',
		};
		// 400: a code outside the server's ^[a-zA-Z0-9]{22}$ (a code WhatsApp never issued to it).
		const response = await client.send({ ...lookup, passStatuses: [400, 404] });
		if (response.statusCode === 400) throw client.inviteGone(response);
		if (response.statusCode === 404) {
			if (!/no invite info/i.test(evolutionApi.errorMessage(response.body) ?? '')) throw client.httpError(lookup, response);
			const state = await client.send({
				method: 'GET',
				path: `/instance/connectionState/${instancePath(client)}`,
				idempotent: true,
				action: 'check whether the instance is connected',
			});
			const value = text(field(state.body, 'instance', 'state')) ?? text(field(state.body, 'state'));
			if (value !== 'open') {
				throw client.invalidResponse(
					`says the instance is not connected to WhatsApp (state "${value ?? 'unknown'}"), so the invite link could not be looked up`,
					state,
				);
			}
			throw client.inviteGone(response);
		}
		return lookedUp(client, response, {
			id: field(response.body, 'id'),
			name: field(response.body, 'subject'),
			participantCount: field(response.body, 'size'),
			participants: field(response.body, 'participants'),
		});
	},
};
