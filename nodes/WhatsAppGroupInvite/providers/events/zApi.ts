/**
 * Z-API's group events.
 *
 * Payload (Z-API/z-api-docs@7021b82, i18n/en/docusaurus-plugin-content-docs/current/ abbreviated zdocs/):
 * group events arrive on the "Upon receiving" webhook as `type: "ReceivedCallback"` messages with a
 * `notification` (zdocs/webhooks/on-message-received.md:1928-1975, "Notification Response"):
 * `GROUP_PARTICIPANT_ADD`, `GROUP_PARTICIPANT_LEAVE`, `GROUP_PARTICIPANT_REMOVE`, the affected numbers in
 * `notificationParameters[]`, the group in `phone` (`<id>-group`), who acted in `participantPhone`,
 * the time in `momment` (ms). Join requests: `MEMBERSHIP_APPROVAL_REQUEST` with `requestMethod`
 * `invite_link` or `non_admin_add` (:592-692; the table at :90). Everything else on that URL (the
 * messages themselves, `REVOKED_MEMBERSHIP_REQUESTS`, other notifications, Z-API's other callbacks) is
 * not a participant event: []. Z-API says nothing of how a member came in: joinedVia is `unknown`.
 * UNVERIFIED: `participantPhone` as `by` for ADD/REMOVE (the table calls it the member "who sent the
 * message"); `GROUP_PARTICIPANT_INVITE` / `GROUP_PARTICIPANT_ADD_REQUEST_JOIN` (WhatsApp's own stub
 * names for a join by link / after an approved request) are read as such if Z-API passes them on, but
 * Z-API does not document them.
 *
 * Registration, replace (Z-API has one "received" URL, shared with every incoming message): the URL
 * before is read from `GET /me` → `receivedCallbackUrl` (zdocs/instance/me.md:27-47), set with
 * `PUT /update-webhook-received` `{value}` (zdocs/webhooks/on-message-received.md:18-56) and put back the
 * same way on deactivation. "Z-API does not accept webhooks that aren't HTTPS"
 * (zdocs/webhooks/webhooksConf/update-webhook-receive.md:17-21): an http URL is refused here before any
 * call. UNVERIFIED: that Z-API accepts `{value: ""}` to put back an empty URL. Z-API does not sign its
 * webhooks: the URL carries the registration's token.
 */
import type { ProviderClient } from '../types';
import { eventsFor, field, groupOf, listOf, text, timeOf } from './read';
import type { GroupEventName, GroupEventSource, HookTarget, JoinedVia, ParticipantEvent, RegistrationState } from './types';

const NOTIFICATIONS: Record<string, { event: GroupEventName; joinedVia?: JoinedVia; by: boolean }> = {
	GROUP_PARTICIPANT_ADD: { event: 'memberJoined', by: true },
	GROUP_PARTICIPANT_INVITE: { event: 'memberJoined', joinedVia: 'invite_link', by: false },
	GROUP_PARTICIPANT_ADD_REQUEST_JOIN: { event: 'memberJoined', joinedVia: 'request_approved', by: false },
	GROUP_PARTICIPANT_LEAVE: { event: 'memberLeft', by: false },
	GROUP_PARTICIPANT_REMOVE: { event: 'memberLeft', by: true },
	MEMBERSHIP_APPROVAL_REQUEST: { event: 'joinRequested', by: false },
};

/** Z-API's callback types (zdocs/webhooks/*.md): a body with one of them is Z-API's, whatever else it holds. */
const CALLBACK = /callback$/i;

async function receivedUrl(client: ProviderClient): Promise<string> {
	const response = await client.send({ method: 'GET', path: '/me', idempotent: true, action: 'read the webhook settings' });
	if (response.body === null || typeof response.body !== 'object' || Array.isArray(response.body)) {
		throw client.invalidResponse('did not return the instance data', response);
	}
	return text(field(response.body, 'receivedCallbackUrl')) ?? '';
}

async function setReceivedUrl(client: ProviderClient, value: string, action: string): Promise<void> {
	const response = await client.send({ method: 'PUT', path: '/update-webhook-received', body: { value }, idempotent: false, action });
	if (field(response.body, 'value') === false) throw client.reportedFailure(action, undefined, response);
}

export const zApiEvents: GroupEventSource = {
	setups: ['manual', 'replace'],
	proof: 'urlToken',
	manualSteps:
		'in Z-API\'s panel, open the instance → Webhooks and put this URL (it must be https) in "Upon receiving". That is the URL every incoming message goes to: a bot that used it stops getting messages.',
	parse(request) {
		const body = request.body;
		const type = text(field(body, 'type'));
		if (type === undefined || !CALLBACK.test(type)) return undefined;
		if (type.toLowerCase() !== 'receivedcallback') return [];
		const kind = NOTIFICATIONS[text(field(body, 'notification')) ?? ''];
		const groupId = groupOf(field(body, 'phone'));
		if (!kind || !groupId) return [];
		const requestMethod = kind.event === 'joinRequested' ? text(field(body, 'requestMethod')) : undefined;
		const actor = kind.by ? text(field(body, 'participantPhone')) : undefined;
		const out: ParticipantEvent[] = [];
		for (const entry of listOf(field(body, 'notificationParameters'))) {
			// `by` only when it is someone else (a member who left or joined acts for themself).
			const by = actor !== undefined && actor !== text(entry) ? actor : undefined;
			out.push(
				...eventsFor(kind.event, groupId, [entry], {
					timestamp: timeOf(field(body, 'momment')),
					...(kind.joinedVia ? { joinedVia: kind.joinedVia } : {}),
					...(requestMethod === undefined ? {} : { requestMethod }),
					...(by === undefined ? {} : { by }),
				}),
			);
		}
		return out;
	},
	async find(client, target: HookTarget) {
		return (await receivedUrl(client)) === target.tokenUrl;
	},
	async register(client, target: HookTarget): Promise<RegistrationState> {
		if (!/^https:\/\//i.test(target.tokenUrl)) {
			throw new Error(
				`Z-API accepts only https webhook URLs, and this trigger's URL is ${target.url}: set n8n's WEBHOOK_URL to an https address (e.g. behind a TLS proxy) and activate again, or choose Webhook Setup "Manual"`,
			);
		}
		const previousUrl = await receivedUrl(client);
		await setReceivedUrl(client, target.tokenUrl, 'point the "Upon receiving" webhook at this trigger');
		return { previousUrl };
	},
	async unregister(client, target: HookTarget, _mode, state: RegistrationState) {
		// The user pointed it elsewhere meanwhile: theirs now, left as it is.
		if ((await receivedUrl(client)) !== target.tokenUrl) return;
		const previous = typeof state.previousUrl === 'string' ? state.previousUrl : '';
		await setReceivedUrl(client, previous, 'put the "Upon receiving" webhook back as it was');
	},
};
