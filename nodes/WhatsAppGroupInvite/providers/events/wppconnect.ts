/**
 * WPPConnect Server's group events.
 *
 * Payload: the server posts every event as `{event, session, ...data}` (wppconnect-team/
 * wppconnect-server@348a672 src/util/functions.ts:117-157 `callWebHook`); group members come as
 * `event: "onparticipantschanged"` (src/util/createSessionUtil.ts:136-137, 239-244, sent while the
 * server option `webhook.onParticipantsChanged` is true, its default: src/config.ts:23-31) with the
 * lib's `{by, byPushName, groupId, action, operation, who: [...]}` (wppconnect-team/wppconnect@05a7769
 * src/api/layers/listener.layer.ts:562-588, src/api/model/participant-event.ts:18-25). wa-js emits
 * only add/remove/promote/demote and turns them into the `action` (wppconnect-team/wa-js@6972a84
 * src/group/events/registerParticipantsChangedEvent.ts:26-61):
 * - `join`: an add WhatsApp marks as by invite (`action.isInvite || reason === "invite"`) →
 *   memberJoined, joinedVia invite_link;
 * - `add`: any other add (an admin added them) → memberJoined, joinedVia added;
 * - `remove` → memberLeft; `leave` (a remove whose author is the participant; the lib's type spells it
 *   `leaver`) → memberLeft;
 * - `promote` / `demote` → nothing.
 * Ids are WhatsApp Web's (`…@c.us`, `…@lid`, `…@g.us`); `by` is the author. No time in the event:
 * the time received. Join requests: no event (not found in server, lib or wa-js).
 *
 * Registration: manual only. The URL is the session's `webhook` given in the start-session body
 * (`POST /api/{session}/start-session`, src/controller/sessionController.ts:193-241; taken only when
 * the session is CLOSED, src/util/createSessionUtil.ts:43-46) or the server's `webhook.url`
 * (WEBHOOK_URL, src/config.ts:23-24); the server has no route to change it on a running session.
 * WPPConnect does not sign its webhooks and sends no header of ours: nothing can be checked in
 * manual mode, so the URL must stay private.
 */
import { eventsFor, field, groupOf, listOf, text, timeOf } from './read';
import type { GroupEventName, GroupEventSource, JoinedVia } from './types';

const ACTIONS: Record<string, { event: GroupEventName; joinedVia?: JoinedVia }> = {
	join: { event: 'memberJoined', joinedVia: 'invite_link' },
	add: { event: 'memberJoined', joinedVia: 'added' },
	remove: { event: 'memberLeft' },
	leave: { event: 'memberLeft' },
	leaver: { event: 'memberLeft' },
};

export const wppconnectEvents: GroupEventSource = {
	setups: ['manual'],
	proof: 'urlToken',
	manualSteps:
		'in WPPConnect Server, give this URL as "webhook" in the body of POST /api/{session}/start-session (the session must be closed first), or server-wide as webhook.url in the config (WEBHOOK_URL); keep webhook.onParticipantsChanged true (the default). WPPConnect does not sign its requests: keep this URL private.',
	parse(request) {
		const body = request.body;
		const event = text(field(body, 'event'));
		if (event === undefined || field(body, 'session') === undefined) return undefined;
		if (event !== 'onparticipantschanged') return [];
		const groupId = groupOf(field(body, 'groupId'));
		const action = ACTIONS[text(field(body, 'action')) ?? ''];
		if (!groupId || !action) return [];
		return eventsFor(action.event, groupId, listOf(field(body, 'who')), {
			timestamp: timeOf(undefined),
			...(action.joinedVia === undefined ? {} : { joinedVia: action.joinedVia }),
			by: field(body, 'by'),
		});
	},
};
