/**
 * Meta WhatsApp Cloud API's group events.
 *
 * Payload: Meta's webhook envelope `{object: "whatsapp_business_account", entry: [{id, changes:
 * [{field, value}]}]}`; the Groups API's changes carry `value.groups: [{timestamp, group_id, type,
 * …}]` (https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/webhooks,
 * "Webhooks for Groups API", updated Feb 11 2026: the group_lifecycle_update examples; mirror
 * https://support.chatarchitect.com/books/meta-whatsapp/page/webhooks-for-groups-api-developer-documentation).
 * Members come under `field: "group_participants_update"`, sent "when a WhatsApp user joins a group
 * with an invite link, requests to join a group, cancels their request, or when one or more join
 * requests are approved", and when a participant is removed or leaves, with `initiated_by` and
 * `removed_participants[].wa_id` (same page). Read here:
 * - `type: "group_participants_add"` → memberJoined for each `added_participants[].wa_id`;
 *   `reason: "invite_link"` → joinedVia invite_link, a reason naming an approved join request →
 *   request_approved, any other → unknown;
 * - `type: "group_participants_remove"` → memberLeft for each `removed_participants[].wa_id` (the
 *   ones in `failed_participants` stayed), `by` = `initiated_by`;
 * - `type: "group_join_request_created"` → joinRequested for the entry's `wa_id`;
 *   `group_join_request_revoked` (cancelled) → nothing.
 * Every other field (messages, statuses, group_lifecycle_update, group_settings_update,
 * group_status_update) → nothing. `wa_id` is phone digits: participant `<digits>@s.whatsapp.net`.
 * The group id is Meta's own opaque id, kept as it is.
 * UNVERIFIED: Meta's own participants examples were not retrieved verbatim; the field names above
 * (`type` values, `reason`, `added_participants`, `removed_participants`, `wa_id`, `initiated_by`)
 * are Meta's page text and a BSP's rendering of the same events (https://docs.ycloud.com/reference/
 * whatsapp-group-participants-update-webhook-examples: `type: group_participants_add`, `reason:
 * invite_link`, `addedParticipants[].waId`, `group_join_request_created` with `waId`), and the reason
 * of a join from an approved request is not documented (the names accepted for it are a guess, and
 * anything else stays unknown). A user known only by a username (no wa_id) is left out.
 *
 * Registration: manual only. The callback URL and its verify token are set in the Meta app's
 * dashboard (WhatsApp → Configuration → Webhook), and the fields are subscribed there. Meta first
 * checks the URL with a GET `hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`, answered with
 * the challenge when the token is the credential's Verify Token. Every POST is signed:
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the App Secret>` (Meta's
 * Graph API webhooks guide, "Validating payloads"); with the credential's App Secret set, a request
 * without that signature is refused.
 */
import { sameSecret, validHmac } from './signature';
import { eventsFor, field, listOf, text, timeOf } from './read';
import type { GroupEventSource, JoinedVia, ParticipantEvent } from './types';

/** Reasons that name a join from an approved request (UNVERIFIED: Meta documents none). */
const APPROVED = new Set(['join_request', 'join_request_approved', 'approved_join_request', 'request_approved']);

function joinedViaOf(reason: string | undefined): JoinedVia {
	if (reason === 'invite_link') return 'invite_link';
	return reason !== undefined && APPROVED.has(reason) ? 'request_approved' : 'unknown';
}

/** A participant's wa_id as a JID (phone digits), or undefined. */
function waIdOf(entry: unknown): string | undefined {
	const raw = typeof entry === 'string' || typeof entry === 'number' ? String(entry) : text(field(entry, 'wa_id'));
	const digits = raw?.replace(/^\+/, '');
	return digits !== undefined && /^\d{6,15}$/.test(digits) ? `${digits}@s.whatsapp.net` : undefined;
}

function secretOf(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

export const metaCloudApiEvents: GroupEventSource = {
	setups: ['manual'],
	proof: 'signature',
	manualSteps:
		'in the Meta app\'s dashboard (WhatsApp → Configuration → Webhook), set this URL as the Callback URL and the credential\'s Verify Token as the Verify token, then subscribe to the webhook field "group_participants_update". Put the app\'s App Secret (App settings → Basic) in the credential so that every request\'s X-Hub-Signature-256 is checked.',
	verify(request, { credentials }) {
		const appSecret = secretOf(credentials.appSecret);
		if (appSecret === '') return undefined;
		const signature = request.headers['x-hub-signature-256'];
		if (signature === undefined || !/^sha256=/i.test(signature.trim())) return false;
		return validHmac(signature, 'sha256', appSecret, request.rawBody);
	},
	challenge(request, credentials) {
		const expected = secretOf(credentials.verifyToken);
		if (expected === '') {
			return {
				status: 403,
				body: 'No Verify Token is set in the Meta WhatsApp Cloud API credential: set one there and give Meta the same value.',
			};
		}
		const mode = request.query['hub.mode'];
		const challenge = request.query['hub.challenge'];
		if (mode !== 'subscribe' || challenge === undefined || !sameSecret(request.query['hub.verify_token'], expected)) {
			return { status: 403, body: 'The verify token does not match the credential\'s Verify Token.' };
		}
		return { status: 200, body: challenge };
	},
	parse(request) {
		const body = request.body;
		if (field(body, 'object') !== 'whatsapp_business_account' || !Array.isArray(field(body, 'entry'))) return undefined;
		const now = new Date();
		const out: ParticipantEvent[] = [];
		for (const entry of listOf(field(body, 'entry'))) {
			for (const change of listOf(field(entry, 'changes'))) {
				if (field(change, 'field') !== 'group_participants_update') continue;
				for (const group of listOf(field(change, 'value', 'groups'))) {
					const groupId = text(field(group, 'group_id'));
					if (groupId === undefined) continue;
					const timestamp = timeOf(field(group, 'timestamp'), now);
					const type = text(field(group, 'type'));
					const people = (list: unknown) => listOf(list).map(waIdOf).filter((jid): jid is string => jid !== undefined);
					if (type === 'group_participants_add') {
						const added = people(field(group, 'added_participants'));
						out.push(
							...eventsFor('memberJoined', groupId, added, {
								timestamp,
								joinedVia: joinedViaOf(text(field(group, 'reason'))),
								by: waIdOf(field(group, 'initiated_by')),
							}),
						);
					} else if (type === 'group_participants_remove') {
						const removed = people(field(group, 'removed_participants'));
						out.push(...eventsFor('memberLeft', groupId, removed, { timestamp, by: waIdOf(field(group, 'initiated_by')) }));
					} else if (type === 'group_join_request_created') {
						out.push(...eventsFor('joinRequested', groupId, people([field(group, 'wa_id')]), { timestamp }));
					}
				}
			}
		}
		return out;
	},
};
