/**
 * WPPConnect Server's group events read by the trigger's source
 * (nodes/WhatsAppGroupInvite/providers/events/wppconnect.ts). Fixtures follow callWebHook's
 * `{event, session, ...data}` (wppconnect-team/wppconnect-server@348a672 src/util/functions.ts:117-157,
 * createSessionUtil.ts:239-244) with the lib's ParticipantEvent `{by, byPushName, groupId, action,
 * operation, who}` (wppconnect-team/wppconnect@05a7769 src/api/layers/listener.layer.ts:562-588) and wa-js's
 * actions (wppconnect-team/wa-js@6972a84 src/group/events/registerParticipantsChangedEvent.ts:26-61).
 */
import { wppconnectEvents } from '../../../nodes/WhatsAppGroupInvite/providers/events/wppconnect';
import type { IncomingWebhook } from '../../../nodes/WhatsAppGroupInvite/providers/events/types';

const GROUP = '120363019502650977@g.us';

function request(body: unknown): IncomingWebhook {
	return { method: 'POST', headers: {}, query: {}, body: body as IncomingWebhook['body'], rawBody: Buffer.from(JSON.stringify(body)) };
}
const changed = (action: string, operation: string, who: string[], by?: string) => ({
	event: 'onparticipantschanged',
	session: 'acme-wpp',
	...(by === undefined ? {} : { by }),
	byPushName: 'Someone',
	groupId: GROUP,
	action,
	operation,
	who,
});

describe('WPPConnect: parse', () => {
	it('action "join" (an add by invite) → memberJoined via invite_link; "add" → via added, by the admin', () => {
		const join = wppconnectEvents.parse(request(changed('join', 'add', ['5511977776666@c.us'], '5511977776666@c.us')));
		expect(join).toEqual([
			{ event: 'memberJoined', groupId: GROUP, participant: '5511977776666@s.whatsapp.net', phone: '5511977776666', joinedVia: 'invite_link', by: '5511977776666@s.whatsapp.net', timestamp: expect.stringMatching(/Z$/) },
		]);
		const add = wppconnectEvents.parse(request(changed('add', 'add', ['5511977776666@c.us', '201234567890123@lid'], '5511888888888@c.us')));
		expect(add?.map((e) => [e.event, e.participant, e.joinedVia, e.by])).toEqual([
			['memberJoined', '5511977776666@s.whatsapp.net', 'added', '5511888888888@s.whatsapp.net'],
			['memberJoined', '201234567890123@lid', 'added', '5511888888888@s.whatsapp.net'],
		]);
	});

	it('"remove", "leave" (and the type\'s spelling "leaver") → memberLeft; promote and demote → nothing', () => {
		for (const action of ['remove', 'leave', 'leaver']) {
			expect(wppconnectEvents.parse(request(changed(action, 'remove', ['5511977776666@c.us'])))?.map((e) => [e.event, e.participant, e.joinedVia])).toEqual([
				['memberLeft', '5511977776666@s.whatsapp.net', undefined],
			]);
		}
		expect(wppconnectEvents.parse(request(changed('promote', 'promote', ['5511977776666@c.us'])))).toEqual([]);
		expect(wppconnectEvents.parse(request(changed('demote', 'demote', ['5511977776666@c.us'])))).toEqual([]);
	});

	it('other events → []; a body without WPPConnect\'s {event, session} → undefined', () => {
		expect(wppconnectEvents.parse(request({ event: 'onmessage', session: 'acme-wpp', body: 'hi', from: '5511977776666@c.us' }))).toEqual([]);
		expect(wppconnectEvents.parse(request({ event: 'qrcode', session: 'acme-wpp', qrcode: 'data:' }))).toEqual([]);
		expect(wppconnectEvents.parse(request({ groupId: GROUP, action: 'add', who: ['5511977776666@c.us'] }))).toBeUndefined();
		expect(wppconnectEvents.parse(request(null))).toBeUndefined();
	});

	it('is manual only, with the URL token as its proof (effective only where the node registers)', () => {
		expect(wppconnectEvents.setups).toEqual(['manual']);
		expect(wppconnectEvents.proof).toBe('urlToken');
		expect(wppconnectEvents.verify).toBeUndefined();
		expect(wppconnectEvents.manualSteps).toMatch(/start-session.*onParticipantsChanged.*private/s);
	});
});
