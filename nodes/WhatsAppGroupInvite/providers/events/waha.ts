/**
 * WAHA's group events.
 *
 * Payload: every webhook is WAHA's envelope `{id, timestamp, event, session, metadata, me, payload,
 * engine, environment}` (devlikeapro/waha src/structures/webhooks.dto.ts `WAHAWebhook`;
 * waha@193eb53 src/structures/groups.webhooks.dto.ts). Two events concern members
 * (waha@193eb53 src/structures/groups.events.dto.ts, whole file):
 * - `group.v2.participants`: `payload {group: {id}, type: join|leave|promote|demote, timestamp,
 *   participants: [{id, pn?, role}], _data}`; `id` is `…@c.us` or `…@lid`, `pn` the `…@c.us` beside a
 *   LID (devlikeapro/waha src/structures/groups.dto.ts `GroupParticipant`). join → memberJoined,
 *   leave → memberLeft, promote/demote → nothing.
 * - `group.v2.participants.join-request` (WAHA ≥ 2026.8.2): `payload {group, action:
 *   created|rejected|revoked, requesterId, requesterPn, requestMethod, timestamp, _data}`; only
 *   `created` is a new request (joinRequested, with the requestMethod WAHA normalizes to
 *   `invite_link`, `non_admin_add` or `linked_group_join`).
 * `group.v2.join` / `group.v2.leave` are the session's own number (groups.webhooks.dto.ts), and every
 * other event (message, session.status, …) is answered with nothing.
 *
 * joinedVia: WAHA's normalized event has no such field; only the engine's raw `_data` says it, where
 * the engine keeps it: GOWS passes whatsmeow's `GroupInfo` whole as `_data` (waha@0da9ef6
 * src/core/engines/gows/types.group.ts `GroupInfoEvent.JoinReason`, groups.gows.ts
 * `ToGroupV2ParticipantsEvents` `_data: event`), whose `JoinReason` is "invite" for a join by link
 * (tulir/whatsmeow@33cfac5 types/events/events.go:487-525, group.go:896-898); WEBJS passes WhatsApp
 * Web's notification, whose `type` is "invite" for a join by link (WAHA's WEBJS engine,
 * `ToGroupV2ParticipantsEvent`, maps add|invite|linked_group_join to join with `_data: notification`;
 * whatsapp-web.js `GroupNotificationTypes.INVITE`). NOWEB (Baileys) gives `action: "add"` for every
 * way in: unknown. `by`: `_data.author` (NOWEB, WEBJS) or `_data.Sender` (GOWS), when given.
 *
 * Registration: manual only. A session's webhooks live in its `config.webhooks` and change only with
 * `PUT /api/sessions/{session}`, which stops and restarts the session (waha@193eb53
 * src/core/services/SessionService.ts `updateSession`), or server-wide with WHATSAPP_HOOK_URL /
 * WHATSAPP_HOOK_EVENTS (waha@55fc6a4 src/config.service.ts:124-131).
 *
 * Proof: WAHA signs when the webhook has `hmac.key`: `X-Webhook-Hmac` = hex HMAC-SHA512 of the raw
 * body, `X-Webhook-Hmac-Algorithm: sha512` (waha@35e92be, tag 2024.5.8,
 * docs/site/content/en/docs/how-to/webhooks/index.md:447-488; its example digest checks out). The
 * credential's optional Webhook Secret (`webhookSecret`) is that key: set, a request must carry its signature; empty,
 * nothing can be checked (the URL must then stay private).
 */
import { validHmac } from './signature';
import { eventsFor, field, groupOf, listOf, personOf, text, timeOf } from './read';
import type { GroupEventSource, JoinedVia, ParticipantEvent } from './types';

const PARTICIPANTS = 'group.v2.participants';
const JOIN_REQUEST = 'group.v2.participants.join-request';

/** How a member came in, only where the engine's raw event says it (GOWS JoinReason, WEBJS type). */
function joinedViaOf(data: unknown): JoinedVia {
	if (text(field(data, 'JoinReason')) === 'invite') return 'invite_link';
	if (text(field(data, 'type')) === 'invite') return 'invite_link';
	return 'unknown';
}

function byOf(data: unknown): unknown {
	const by = field(data, 'author') ?? field(data, 'Sender');
	return typeof by === 'string' && personOf(by) !== undefined ? by : undefined;
}

export const wahaEvents: GroupEventSource = {
	setups: ['manual'],
	proof: 'signature',
	manualSteps:
		'in WAHA, add this URL to the session\'s webhooks (Dashboard → Sessions → the session → Webhooks, or config.webhooks when the session is started) with the events "group.v2.participants" and "group.v2.participants.join-request"; or server-wide with WHATSAPP_HOOK_URL and WHATSAPP_HOOK_EVENTS. To have requests signed, give the webhook an HMAC key (hmac.key) and put the same key under Webhook Secret in the credential; without one, keep this URL private.',
	sideEffect:
		'WAHA restarts the session whenever its webhooks are edited (PUT /api/sessions/{session} stops and starts it), so this trigger does not register itself: add the URL to the session by hand.',
	verify(request, { credentials }) {
		// `webhookSecret` (n8n's lint wants a secret's name to say so); `webhookHmacKey`, the name first planned, is read too.
		const given = credentials.webhookSecret ?? credentials.webhookHmacKey;
		const key = typeof given === 'string' ? given : '';
		if (key === '') return undefined;
		const algorithm = request.headers['x-webhook-hmac-algorithm'];
		if (algorithm !== undefined && algorithm.trim().toLowerCase() !== 'sha512') return false;
		return validHmac(request.headers['x-webhook-hmac'], 'sha512', key, request.rawBody);
	},
	parse(request) {
		const body = request.body;
		const event = text(field(body, 'event'));
		if (event === undefined || (field(body, 'payload') === undefined && field(body, 'session') === undefined)) return undefined;
		const payload = field(body, 'payload');
		if (event !== PARTICIPANTS && event !== JOIN_REQUEST) return [];
		const groupId = groupOf(field(payload, 'group', 'id') ?? field(payload, 'group'));
		if (!groupId) return [];
		const timestamp = timeOf(field(payload, 'timestamp'));
		if (event === JOIN_REQUEST) {
			if (text(field(payload, 'action')) !== 'created') return [];
			const requestMethod = text(field(payload, 'requestMethod'));
			return eventsFor(
				'joinRequested',
				groupId,
				[field(payload, 'requesterId')],
				{ timestamp, ...(requestMethod === undefined ? {} : { requestMethod }) },
				() => field(payload, 'requesterPn'),
			);
		}
		const type = text(field(payload, 'type'));
		if (type !== 'join' && type !== 'leave') return [];
		const data = field(payload, '_data');
		const out: ParticipantEvent[] = eventsFor(
			type === 'join' ? 'memberJoined' : 'memberLeft',
			groupId,
			listOf(field(payload, 'participants')),
			{ timestamp, ...(type === 'join' ? { joinedVia: joinedViaOf(data) } : {}), by: byOf(data) },
			(participant) => field(participant, 'pn'),
		);
		return out;
	},
};
