/**
 * Evolution GO's group events (EvolutionAPI/evolution-go@89eaae3, 0.6.1; not Evolution API).
 *
 * Payload (pkg/whatsmeow/service/whatsmeow.go:836-840,1797-1799,1838-1866): a JSON POST
 * `{event: "GroupInfo", data: <whatsmeow events.GroupInfo>, instanceToken, instanceId, instanceName}`.
 * `data` is whatsmeow's struct without json tags (tulir/whatsmeow@33cfac5 types/events/events.go:488-523):
 * `{JID, Notify, Sender, SenderPN, Timestamp, JoinReason, Join: [JID…] | null, Leave, Promote, Demote, …}`,
 * JIDs as text. `JoinReason` is the `reason` of the notification's `add` child (group.go:896-898),
 * "invite" when the member came by the invite link ("This will be "invite" if the user joined via invite
 * link"): joinedVia `invite_link` then, `unknown` otherwise. Evolution GO runs on a whatsmeow fork
 * (EvolutionAPI/whatsmeow) that could not be read: that it keeps JoinReason is UNVERIFIED. whatsmeow
 * has no typed join-request event: none is reported.
 *
 * Setup: manual only. The one call that sets the webhook, `POST /instance/connect` `{webhookUrl,
 * subscribe, immediate, rabbitmqEnable, websocketEnable, natsEnable}` (pkg/routes/routes.go:96-101;
 * pkg/instance/service/instance_service.go:194-285), overwrites the instance's webhook, its subscriptions
 * AND its RabbitMQ/WebSocket/NATS switches, and starts a client when none runs. The instance token can
 * read none of them back: /instance/status answers only Connected, LoggedIn, Name (:82-87), and the
 * instance record (`webhook`, `events`, …: pkg/instance/model/instance_model.go:10-35) is served only by
 * the admin routes under the server's GLOBAL_API_KEY (`GET /instance/info/:instanceId`, `/instance/all`:
 * routes.go:80-93; pkg/middleware/auth_middleware.go:39-52), which the credential does not hold and the
 * transport cannot send. A replace setup could therefore not put the user's settings back: it is not
 * offered.
 *
 * Proof: every body carries `instanceToken`, the instance's own token (= the credential's token), so a
 * request is the instance's when that field is the credential's token (compared in constant time); the
 * token is a credential value and the node redacts it from `raw`.
 */
import { sameSecret } from './signature';
import { eventsFor, field, groupOf, listOf, text, timeOf } from './read';
import type { GroupEventSource, ParticipantEvent } from './types';

/**
 * The participant events of one whatsmeow `events.GroupInfo` as Go's encoding/json writes it (Evolution
 * GO's `data`, Wuzapi's `event`): Join → memberJoined (JoinReason "invite" → invite_link), Leave →
 * memberLeft; promotions, demotions and group setting changes give none.
 */
export function whatsmeowGroupInfoEvents(info: unknown, now: Date = new Date()): ParticipantEvent[] {
	const groupId = groupOf(field(info, 'JID'));
	if (!groupId) return [];
	const timestamp = timeOf(field(info, 'Timestamp'), now);
	const by = text(field(info, 'Sender'));
	const joinedVia = text(field(info, 'JoinReason')) === 'invite' ? 'invite_link' : 'unknown';
	return [
		...eventsFor('memberJoined', groupId, listOf(field(info, 'Join')), { timestamp, joinedVia, by }),
		...eventsFor('memberLeft', groupId, listOf(field(info, 'Leave')), { timestamp, by }),
	];
}

export const evolutionGoEvents: GroupEventSource = {
	setups: ['manual'],
	proof: 'urlToken',
	proofNote: "the instance's token, which Evolution GO puts in every body",
	manualSteps:
		'in Evolution GO, connect the instance with this URL as its webhook and the GROUP event subscribed (manager → your instance → Connect, or POST /instance/connect {"webhookUrl": "<this URL>", "subscribe": ["GROUP", …your other events]}). Evolution GO keeps one webhook URL per instance, so this replaces yours; requests are checked against the instance token in the credential.',
	verify(request, keys) {
		// Every Evolution GO webhook body carries the instance's token.
		const given = field(request.body, 'instanceToken');
		return sameSecret(typeof given === 'string' ? given : undefined, String(keys.credentials.token ?? ''));
	},
	parse(request) {
		const body = request.body;
		const event = text(field(body, 'event'));
		if (event === undefined || !('data' in body)) return undefined;
		if (event !== 'GroupInfo') return [];
		return whatsmeowGroupInfoEvents(field(body, 'data'));
	},
};
