import type { JsonObject } from 'n8n-workflow';

import type { GroupIdRules } from '../whatsapp/groupId';
import { firstInvite } from '../whatsapp/invite';
import { arrayAt, summaries } from './listing';
import { errorCode, groupPath, isThrottled, numberOf, THROTTLING } from './metaGraph';
import { allJoinRequests, errorsOf, NOT_PENDING, settle } from './metaJoinRequests';
import type { InviteResult, ProviderAdapter, ProviderClient, ProviderResponse } from './types';
import { field, text } from './read';

/**
 * Meta WhatsApp Cloud API, Groups API (the official API; businesses with an Official Business
 * Account). Every source is cited where it is relied on:
 *
 * - Get `GET /{version}/{group_id}/invite_link` and reset `POST` on the same path with
 *   `{"messaging_product": "whatsapp"}`; both answer `{"messaging_product": "whatsapp", "invite_link":
 *   "https://chat.whatsapp.com/<LINK_ID>"}`. "Once an invite link is reset, all previous invite links
 *   will become invalid." Meta, Group management, §"Get and reset group invite link"
 *   (https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/reference,
 *   updated Mar 25, 2026). Same calls in david-lev/pywa@0bcf2f1 pywa/api.py:2599-2633
 *   (`get_group_invite_link`, `reset_group_invite_link` with `json={"messaging_product": "whatsapp"}`).
 *   The reset is marked idempotent: false (each POST makes a new link). `DELETE …/invite_link` exists
 *   (v23.0 "Groups Invite Link API" reference) and removes the link: never called here.
 * - Auth `Authorization: Bearer <system-user or OAuth token>`, host https://graph.facebook.com, the
 *   Graph version in the path (reference pages; latest v26.0, released 2026-07-29, per
 *   https://developers.facebook.com/docs/graph-api/changelog; the Groups reference starts at v23.0).
 * - Group IDs are opaque (e.g. `Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD`, same
 *   page): sent as given, percent-encoded, never decoded or built (groupId.ts, idForm `meta`).
 * - List `GET /{version}/{phone_number_id}/groups?limit=&after=` ("Get active groups", same page):
 *   limit 1–1024 (default 25), `{data: {groups: [{id, subject, created_at}]}, paging: {cursors:
 *   {before, after}, previous, next}}`. pywa (api.py:2680-2725) and Gupshup read `data` as the array
 *   itself (`{data: [{id, subject, creation_timestamp}]}`): both shapes are read. No participant
 *   count, no role and no invite link in the list; no invite-link lookup exists (no resolveInvite).
 *   The business number that creates a group "is always added to the group as the creator and admin"
 *   (same page, "Remove group participants"), but the list does not say so: isAdmin stays absent.
 * - Errors, Graph envelope `{error: {message, type, code, error_subcode, error_data: {details},
 *   fbtrace_id}}` (https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes,
 *   "build your app's error handling logic around code values and details"): the message is Meta's
 *   `message` plus `details`; fbtrace_id, code and subcode go in the error details.
 * - Throttling is told by `error.code`, not by the status: Meta's own table gives HTTP 400 for 4,
 *   80007, 130429, 131048 and 131056 (older copies 429); the Groups code 131208 "Group Rate Limit Hit"
 *   is 429 (https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/error-codes).
 *   Graph's 17 (user request limit) and 341 (application limit) are the same kind
 *   (https://developers.facebook.com/docs/graph-api/guides/error-handling). Such a refusal did
 *   nothing: it is retried like a 429, a reset too (isRateLimited).
 * - Code 100 with subcode 33 ("Object with ID … does not exist, cannot be loaded due to missing
 *   permissions, or does not support this operation", HTTP 400) is a missing group or phone number
 *   ID or a token without access to it: the hint says both. 190 (subcodes 463 expired, 467 invalid;
 *   Graph error-handling page) is the token; 10 and 200–299 are permissions
 *   (`whatsapp_business_management`, `whatsapp_business_messaging`; Groups "Get started"). Groups codes
 *   131041 (group unknown), 131207 (group suspended), 131215 (number not eligible: no OBA, a WhatsApp
 *   Business app / coexistence number, or Multi-solution Conversations) and 131059 (invalid cursor)
 *   per the Groups error-codes page.
 * - Paging `next` URLs carry the access token: it is a secret, so it is redacted from every body kept.
 * - Join requests: ./metaJoinRequests.ts.
 */

/** Graph API version used when the credential leaves it empty (the latest on 2026-07-29). */
export const DEFAULT_GRAPH_VERSION = 'v26.0';
/** The first Graph API version whose reference has the Groups API. */
const FIRST_GROUPS_VERSION = 23;
/** Most groups Meta returns per list request (the documented maximum `limit`). */
const PAGE = 1024;

const TOKEN_CODES = new Set([0, 102, 190]);
const PERMISSIONS = 'whatsapp_business_management and whatsapp_business_messaging';



function errorSubcode(body: unknown): number | undefined {
	return numberOf(field(body, 'error', 'error_subcode'));
}

/**
 * The Graph API version of the credential as sent in paths (`v26.0`): `v26.0`, `26.0`, `v26` and `26`
 * are read alike; empty is the default. Anything else, or a version older than the Groups API, is
 * refused before any request.
 */
export function graphVersion(value: unknown): string {
	const raw = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
	if (raw === '') return DEFAULT_GRAPH_VERSION;
	const match = /^v?(\d{1,3})(?:\.(\d{1,2}))?$/i.exec(raw);
	if (!match) {
		throw new Error(
			`The Graph API Version "${raw.slice(0, 40)}" of the Meta WhatsApp Cloud API credential is not a version: use e.g. ${DEFAULT_GRAPH_VERSION}`,
		);
	}
	const major = Number(match[1]);
	if (major < FIRST_GROUPS_VERSION) {
		throw new Error(
			`The Graph API Version v${major}.${match[2] ?? '0'} of the Meta WhatsApp Cloud API credential is older than the Groups API (v${FIRST_GROUPS_VERSION}.0): use e.g. ${DEFAULT_GRAPH_VERSION}`,
		);
	}
	return `v${major}.${match[2] ?? '0'}`;
}


function inviteFrom(client: ProviderClient, response: ProviderResponse): InviteResult {
	const invite = firstInvite(field(response.body, 'invite_link'));
	if (!invite) throw client.invalidResponse('did not include an invite link', response);
	return invite;
}

const rules: GroupIdRules = { acceptsInvite: false, idForm: 'meta' };

export const metaCloudApi: ProviderAdapter = {
	id: 'metaCloudApi',
	name: 'Meta WhatsApp Cloud API',
	credentialType: 'groupInviteMetaWhatsAppApi',
	groupIdRules: rules,

	apiRoot: (credentials, baseUrl) => `${baseUrl}/${graphVersion(credentials.graphVersion)}`,

	// The Phone Number ID is an identifier, not a secret (it is in paths and in Meta's webhooks).
	secrets: (credentials) => [credentials.accessToken, credentials.appSecret, credentials.verifyToken],

	errorMessage(body) {
		const message = text(field(body, 'error', 'message'));
		const details = text(field(body, 'error', 'error_data', 'details'));
		if (message) return details && !message.includes(details) ? `${message} (${details})` : message;
		const failed = field(body, 'failed_join_requests');
		return (
			details ??
			text(field(body, 'error', 'error_user_msg')) ??
			text(field(body, 'message')) ??
			text(field(body, 'error')) ??
			// A join-request answer's per-request failures (HTTP 200/206), for the errors made from it.
			(Array.isArray(failed) ? errorsOf(field(failed[0], 'errors')).reason : undefined)
		);
	},

	isRateLimited: (_statusCode, body) => isThrottled(body),

	traceId(body) {
		const value = text(field(body, 'error', 'fbtrace_id'));
		return value ? { label: 'fbtrace_id', value } : undefined;
	},

	errorDetails(body) {
		const details: JsonObject = {};
		const trace = text(field(body, 'error', 'fbtrace_id'));
		if (trace) details.fbtrace_id = trace;
		const code = errorCode(body);
		if (code !== undefined) details.metaErrorCode = code;
		const subcode = errorSubcode(body);
		if (subcode !== undefined) details.metaErrorSubcode = subcode;
		const type = text(field(body, 'error', 'type'));
		if (type) details.metaErrorType = type;
		return details;
	},

	errorHint(statusCode, _vendorMessage, body) {
		const code = errorCode(body);
		const subcode = errorSubcode(body);
		const token =
			'Access Token in the Meta WhatsApp Cloud API credential: generate a new one (a System User token does not expire: Meta Business Settings → Users → System users → Generate new token)';
		if (code !== undefined && THROTTLING.has(code)) {
			const what =
				code === 131208
					? 'too many group operations from this phone number in a short time'
					: `Meta rate limit, code ${code}`;
			return `Meta is limiting requests (${what}). The node already waited and retried; try again in a few minutes, or lower Options → Max Requests per Minute.`;
		}
		if ((code !== undefined && TOKEN_CODES.has(code)) || (code === undefined && statusCode === 401)) {
			const why = subcode === 463 ? 'has expired' : subcode === 467 ? 'is invalid' : 'is expired, invalid or revoked';
			return `The access token ${why}. Check the ${token}, with the ${PERMISSIONS} permissions, and paste it into the credential.`;
		}
		if (code === 10 || code === 3 || (code !== undefined && code >= 200 && code <= 299)) {
			return `The access token lacks a permission for this phone number or group: it needs ${PERMISSIONS}, and its System User must be assigned to the WhatsApp Business Account (Meta Business Settings → Users → System users → Assign assets). Check the ${token}.`;
		}
		if (code === 100 && subcode === 33) {
			return "Meta answers the same for both, so it is one of them: the ID does not exist (a wrong or deleted group, or a wrong Phone Number ID in the credential), or this access token may not access it (its System User is not assigned to the WhatsApp Business Account, or the group belongs to another business number). Check the Group ID and the credential's Phone Number ID and token.";
		}
		if (code === 131041) {
			return "Meta knows no such group for this business number (deleted, or not one of this number's groups). Check the Group ID: pick it From List or list the IDs with Get Many Groups.";
		}
		if (code === 131207) {
			return 'WhatsApp suspended this group for violating its policies: its invite link can no longer be read or reset.';
		}
		if (code === 131215) {
			return 'This phone number cannot use the Groups API: it needs an Official Business Account (OBA), must be used with the Cloud API (not a WhatsApp Business app / coexistence number) and not be onboarded to Multi-solution Conversations.';
		}
		if (code === 131059) {
			return "Meta refused the group list's paging cursor (it may have expired): run again to list from the start.";
		}
		if (code === 368 || code === 131031) {
			return 'Meta has restricted or locked this WhatsApp Business Account: see WhatsApp Manager → Account quality.';
		}
		if (code === NOT_PENDING) {
			return 'The join request is no longer pending (approved, rejected or withdrawn). Get Many Join Requests lists the requests that are still pending.';
		}
		if (code === 100) {
			return "Meta refused a parameter: check the Group ID, and the credential's Phone Number ID and Graph API Version.";
		}
		return undefined;
	},

	async getInviteLink(client, group) {
		const response = await client.send({
			method: 'GET',
			path: groupPath(group),
			idempotent: true,
			action: 'get the invite link',
		});
		return inviteFrom(client, response);
	},

	async resetInviteLink(client, group) {
		const response = await client.send({
			method: 'POST',
			path: groupPath(group),
			body: { messaging_product: 'whatsapp' },
			idempotent: false,
			action: 'reset the invite link',
		});
		return inviteFrom(client, response);
	},

	async listGroups(client, { cursor }) {
		const phoneNumberId = String(client.credentials.phoneNumberId ?? '').trim();
		if (phoneNumberId === '') {
			throw new Error(
				'The Phone Number ID of the Meta WhatsApp Cloud API credential is empty: copy it from the App Dashboard → WhatsApp → API Setup (or WhatsApp Manager → Phone numbers)',
			);
		}
		const response = await client.send({
			method: 'GET',
			path: `/${encodeURIComponent(phoneNumberId)}/groups`,
			// The documented maximum, whatever the caller's page size: 1,000 groups cost 1 request, not 10.
			qs: { limit: PAGE, ...(cursor !== undefined ? { after: cursor } : {}) },
			idempotent: true,
			action: 'list the groups',
		});
		// {data: {groups: [...]}} (Meta's reference) or {data: [...]} (pywa, Gupshup).
		const rows = arrayAt(response.body, ['data'], ['data', 'groups']);
		if (!rows) throw client.invalidResponse('did not include the list of groups', response);
		const groups = summaries(rows, (g) => ({ id: field(g, 'id'), name: field(g, 'subject') }), rules);
		const after = text(field(response.body, 'paging', 'cursors', 'after'));
		const more = rows.length > 0 && after !== undefined && text(field(response.body, 'paging', 'next')) !== undefined;
		return { groups, ...(more ? { next: after } : {}) };
	},

	async listJoinRequests(client, group) {
		return await allJoinRequests(client, group);
	},

	async approveJoinRequest(client, group, requester) {
		await settle(client, group, requester, 'approve');
	},

	async rejectJoinRequest(client, group, requester) {
		await settle(client, group, requester, 'reject');
	},
};
