/**
 * GOWA's group-event parsing and signature check. Fixtures follow aldinokemal/go-whatsapp-web-multidevice@51f7b19
 * src/infrastructure/whatsapp/event_group.go:15-38,97-127 and webhook.go:44-65 (X-Hub-Signature-256).
 */
import { createHmac } from 'node:crypto';

import { gowaEvents } from '../../../nodes/WhatsAppGroupInvite/providers/events/gowa';
import type { IncomingWebhook } from '../../../nodes/WhatsAppGroupInvite/providers/events/types';

const req = (body: unknown, key?: string): IncomingWebhook => {
	const raw = Buffer.from(JSON.stringify(body));
	return { method: 'POST', headers: key === undefined ? {} : { 'x-hub-signature-256': `sha256=${createHmac('sha256', key).update(raw).digest('hex')}` }, query: {}, body: body as IncomingWebhook['body'], rawBody: raw };
};
const join = { event: 'group.participants', device_id: '5511999999999@s.whatsapp.net', timestamp: '2025-12-06T07:00:00-03:00', payload: { chat_id: '120363019502650977@g.us', type: 'join', jids: ['5511977776666@s.whatsapp.net', '123456789012345@lid'] } };

describe('gowaEvents', () => {
	it('join → memberJoined per jid (joinedVia unknown), leave → memberLeft, GOWA\'s time', () => {
		expect(gowaEvents.parse(req(join))?.map((e) => [e.event, e.participant, e.phone, e.joinedVia, e.timestamp])).toEqual([
			['memberJoined', '5511977776666@s.whatsapp.net', '5511977776666', 'unknown', '2025-12-06T10:00:00.000Z'],
			['memberJoined', '123456789012345@lid', undefined, 'unknown', '2025-12-06T10:00:00.000Z'],
		]);
		expect(gowaEvents.parse(req({ ...join, payload: { ...join.payload, type: 'leave' } }))?.map((e) => e.event)).toEqual(['memberLeft', 'memberLeft']);
	});

	it('promote, group.joined and messages → []; foreign bodies → undefined', () => {
		expect(gowaEvents.parse(req({ ...join, payload: { ...join.payload, type: 'promote' } }))).toEqual([]);
		expect(gowaEvents.parse(req({ event: 'group.joined', payload: { chat_id: '120363019502650977@g.us', type: 'join', jids: ['5511999999999@s.whatsapp.net'], reason: 'invite' } }))).toEqual([]);
		expect(gowaEvents.parse(req({ event: 'message', payload: {} }))).toEqual([]);
		expect(gowaEvents.parse(req({ event: 'group.participants' }))).toBeUndefined();
	});

	it('verify: the registration secret in replace, the credential\'s Webhook Secret in manual, nothing to check without one', () => {
		expect(gowaEvents.verify?.(req(join, 'reg'), { credentials: {}, secret: 'reg', mode: 'replace' })).toBe(true);
		expect(gowaEvents.verify?.(req(join, 'other'), { credentials: {}, secret: 'reg', mode: 'replace' })).toBe(false);
		expect(gowaEvents.verify?.(req(join), { credentials: {}, secret: 'reg', mode: 'replace' })).toBe(false);
		expect(gowaEvents.verify?.(req(join, 'shared'), { credentials: { webhookSecret: 'shared' }, mode: 'manual' })).toBe(true);
		expect(gowaEvents.verify?.(req(join, 'x'), { credentials: { webhookSecret: 'shared' }, mode: 'manual' })).toBe(false);
		expect(gowaEvents.verify?.(req(join, 'x'), { credentials: {}, mode: 'manual' })).toBeUndefined();
	});
});
