/**
 * Wuzapi's group-event parsing. Fixtures follow asternic/wuzapi@79ee4cd wmiau.go:676-691 and
 * helpers.go:26-42 (form field jsonData = {type, event}), the later JSON mode (WEBHOOK_FORMAT=json:
 * the decoded object, with `token`), and whatsmeow's events.GroupInfo (tulir/whatsmeow@33cfac5).
 */
import { wuzapiEvents } from '../../../nodes/WhatsAppGroupInvite/providers/events/wuzapi';
import type { IncomingWebhook } from '../../../nodes/WhatsAppGroupInvite/providers/events/types';

const req = (body: unknown): IncomingWebhook => ({ method: 'POST', headers: {}, query: {}, body: body as IncomingWebhook['body'], rawBody: Buffer.alloc(0) });
const event = { JID: '120363019502650977@g.us', Sender: '5511999999999@s.whatsapp.net', Timestamp: '2025-12-06T10:00:00Z', JoinReason: '', Join: ['5511977776666@s.whatsapp.net'], Leave: null };

describe('wuzapiEvents.parse', () => {
	it('reads the form field jsonData', () => {
		const form = { jsonData: JSON.stringify({ type: 'GroupInfo', event }), userID: '1', instanceName: 'acme' };
		expect(wuzapiEvents.parse(req(form))).toEqual([
			{ event: 'memberJoined', groupId: '120363019502650977@g.us', participant: '5511977776666@s.whatsapp.net', phone: '5511977776666', joinedVia: 'unknown', by: '5511999999999@s.whatsapp.net', timestamp: '2025-12-06T10:00:00.000Z' },
		]);
	});

	it('reads the JSON mode body, JoinReason invite → invite_link', () => {
		const parsed = wuzapiEvents.parse(req({ type: 'GroupInfo', event: { ...event, Sender: null, JoinReason: 'invite' }, token: 'x' }));
		expect(parsed?.map((e) => [e.event, e.joinedVia, e.by])).toEqual([['memberJoined', 'invite_link', undefined]]);
	});

	it('other types → [], an unreadable form or foreign body → undefined', () => {
		expect(wuzapiEvents.parse(req({ jsonData: JSON.stringify({ type: 'Message', event: {} }) }))).toEqual([]);
		expect(wuzapiEvents.parse(req({ jsonData: '{not json' }))).toBeUndefined();
		expect(wuzapiEvents.parse(req({ hello: 'world' }))).toBeUndefined();
	});
});
