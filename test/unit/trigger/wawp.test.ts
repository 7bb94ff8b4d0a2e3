/**
 * Wawp's group-event source: payloads from Wawp's page (https://api.wawp.net/en/docs/group.v2.participants)
 * and WAHA's types (devlikeapro/waha@193eb53 src/structures/groups.events.dto.ts), the HMAC proof (WAHA's
 * X-Webhook-Hmac, Wawp's X-Wawp-Signature: UNVERIFIED which one), the paid-plan 403 and the registration
 * (api.wawp.net/en/docs/v2/webhook/set, /delete, /v2/session/webhook) against canned answers.
 */
import { createHmac } from 'node:crypto';

import { wawpEvents } from '../../../nodes/WhatsAppGroupInvite/providers/events/wawp';
import type { HookTarget, IncomingWebhook } from '../../../nodes/WhatsAppGroupInvite/providers/events/types';
import { FakeClient, ok, status } from '../../support/fakeProviderClient';

const req = (body: unknown, headers: Record<string, string> = {}): IncomingWebhook => ({ method: 'POST', headers, query: {}, body: body as IncomingWebhook['body'], rawBody: Buffer.from(JSON.stringify(body)) });
const target: HookTarget = { url: 'https://n8n.example.com/webhook/abc/webhook', secret: 'S3CRET', tokenUrl: 'https://n8n.example.com/webhook/abc/webhook?token=S3CRET', events: ['memberJoined'] };
const G = '120363019502650977@g.us';

describe('Wawp parse', () => {
	it('Wawp\'s documented example shape (chatId, action, participants {"0": …})', () => {
		const body = { id: 'evt_01', timestamp: 1634567890123, session: 'default', engine: 'WEBJS', event: 'group.v2.participants', payload: { chatId: G, action: 'add', participants: { 0: '11111111111@c.us' } } };
		expect(wawpEvents.parse(req(body))).toEqual([{ event: 'memberJoined', groupId: G, participant: '11111111111@s.whatsapp.net', phone: '11111111111', joinedVia: 'unknown', timestamp: '2021-10-18T14:38:10.123Z' }]);
		expect(wawpEvents.parse(req({ ...body, payload: { ...body.payload, action: 'promote' } }))).toEqual([]);
	});

	it('WAHA\'s shape (group.id, type, participants [{id, role}]) and the join-request event', () => {
		expect(wawpEvents.parse(req({ event: 'group.v2.participants', payload: { group: { id: G }, type: 'leave', participants: [{ id: '5511977776666@c.us', role: 'participant' }], timestamp: 1764979200 } }))?.map((e) => [e.event, e.participant, e.timestamp])).toEqual([
			['memberLeft', '5511977776666@s.whatsapp.net', '2025-12-06T00:00:00.000Z'],
		]);
		const request = { event: 'group.v2.participants.join-request', payload: { group: { id: G }, action: 'created', requesterId: '81896604192873@lid', requesterPn: '5511955554444@c.us', requestMethod: 'non_admin_add', timestamp: 1764979200 } };
		expect(wawpEvents.parse(req(request))).toEqual([{ event: 'joinRequested', groupId: G, participant: '81896604192873@lid', phone: '5511955554444', requestMethod: 'non_admin_add', timestamp: '2025-12-06T00:00:00.000Z' }]);
		expect(wawpEvents.parse(req({ ...request, payload: { ...request.payload, action: 'revoked' } }))).toEqual([]);
	});

	it('other events give []; a body without event and payload gives undefined', () => {
		expect(wawpEvents.parse(req({ event: 'message', payload: { body: 'hi' } }))).toEqual([]);
		expect(wawpEvents.parse(req({ event: 'group.v2.participants' }))).toBeUndefined();
	});
});

describe('Wawp verify', () => {
	const keys = { credentials: {}, secret: 'S3CRET', mode: 'automatic' as const };
	const body = { event: 'group.v2.participants', payload: {} };
	const raw = Buffer.from(JSON.stringify(body));
	const mac = (algorithm: string, key = 'S3CRET') => createHmac(algorithm, key).update(raw).digest('hex');
	it('WAHA\'s X-Webhook-Hmac (sha512, or the algorithm it names), Wawp\'s X-Wawp-Signature (the key or an HMAC)', () => {
		expect(wawpEvents.verify!(req(body, { 'x-webhook-hmac': mac('sha512'), 'x-webhook-hmac-algorithm': 'sha512' }), keys)).toBe(true);
		expect(wawpEvents.verify!(req(body, { 'x-webhook-hmac': mac('sha256'), 'x-webhook-hmac-algorithm': 'sha256' }), keys)).toBe(true);
		expect(wawpEvents.verify!(req(body, { 'x-webhook-hmac': mac('sha512', 'other') }), keys)).toBe(false);
		expect(wawpEvents.verify!(req(body, { 'x-wawp-signature': 'S3CRET' }), keys)).toBe(true);
		expect(wawpEvents.verify!(req(body, { 'x-wawp-signature': mac('sha256') }), keys)).toBe(true);
		expect(wawpEvents.verify!(req(body, { 'x-wawp-signature': 'nope' }), keys)).toBe(false);
		expect(wawpEvents.verify!(req(body), keys)).toBe(false);
		expect(wawpEvents.verify!(req(body), { credentials: {}, mode: 'manual' })).toBeUndefined();
	});
});

describe('Wawp registration', () => {
	const user = { url: 'https://bot', events: ['message'], is_active: 1 };
	const mine = { url: target.url, events: ['group.v2.participants'], is_active: 1, hmac: 'S3CRET' };
	it('sets its URL with the secret as hmac; finds it active; deletes only its own', async () => {
		const set = new FakeClient({}, ok({ success: true }));
		await wawpEvents.register!(set, { ...target, events: ['memberJoined', 'joinRequested'] }, 'automatic');
		expect(set.requests.map((r) => [r.method, r.path, r.body, r.idempotent])).toEqual([
			['POST', '/webhook/set', { url: target.url, events: ['group.v2.participants', 'group.v2.participants.join-request'], is_active: 1, hmac: 'S3CRET' }, false],
		]);
		expect(await wawpEvents.find!(new FakeClient({}, ok({ webhooks: [user, mine] })), target, 'automatic', {})).toBe(true);
		expect(await wawpEvents.find!(new FakeClient({}, ok({ webhooks: [user, { ...mine, is_active: 0 }] })), target, 'automatic', {})).toBe(false);
		const del = new FakeClient({}, ok({ webhooks: [user, mine] }), ok({ success: true }));
		await wawpEvents.unregister!(del, target, 'automatic', {});
		expect(del.requests[1]).toMatchObject({ method: 'DELETE', path: '/webhook/delete', body: { url: target.url }, idempotent: false });
		const gone = new FakeClient({}, ok({ webhooks: [user] }));
		await wawpEvents.unregister!(gone, target, 'automatic', {});
		expect(gone.requests).toHaveLength(1);
	});

	it('a free plan\'s 403 subscription_required says a paid plan is needed', async () => {
		const free = new FakeClient({}, status(403, { code: 'subscription_required', message: 'paid only' }));
		await expect(wawpEvents.find!(free, target, 'automatic', {})).rejects.toThrow(/only paid plans.*subscription_required/);
		expect(free.requests[0].passStatuses).toEqual([403]);
	});
});
