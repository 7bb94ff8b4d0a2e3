/**
 * WAHA's group events read by the trigger's source (nodes/WhatsAppGroupInvite/providers/events/waha.ts),
 * and its HMAC check. Fixtures follow devlikeapro/waha@193eb53 src/structures/groups.events.dto.ts and
 * groups.webhooks.dto.ts (the envelope: src/structures/webhooks.dto.ts `WAHAWebhook`); the `_data` of each
 * engine: NOWEB Baileys' `{id, author, participants, action}`, GOWS whatsmeow's GroupInfo
 * (waha@0da9ef6 src/core/engines/gows/types.group.ts), WEBJS WhatsApp Web's notification (`type: "invite"`).
 * The HMAC vector is WAHA's own docs example (waha tag 2024.5.8 docs/.../how-to/webhooks/index.md:479-488).
 */
import { createHmac } from 'node:crypto';

import { wahaEvents } from '../../../nodes/WhatsAppGroupInvite/providers/events/waha';
import type { IncomingWebhook } from '../../../nodes/WhatsAppGroupInvite/providers/events/types';

const GROUP = '120363019502650977@g.us';

function request(body: unknown, headers: Record<string, string> = {}, raw?: string): IncomingWebhook {
	const text = raw ?? JSON.stringify(body);
	return { method: 'POST', headers, query: {}, body: body as IncomingWebhook['body'], rawBody: Buffer.from(text) };
}

const envelope = (event: string, payload: unknown) => ({
	id: 'evt_01aaaaaaaaaaaaaaaaaaaaaaaa',
	timestamp: 1764979200000,
	event,
	session: 'default',
	metadata: {},
	me: { id: '5511999999999@c.us', pushName: 'Acme' },
	payload,
	engine: 'NOWEB',
	environment: { version: '2026.9.1', engine: 'NOWEB', tier: 'PLUS', browser: null },
});

describe('WAHA: parse', () => {
	it('group.v2.participants join (NOWEB) → memberJoined, joinedVia unknown, by the author, pn as the phone beside a LID', () => {
		const body = envelope('group.v2.participants', {
			group: { id: GROUP },
			type: 'join',
			timestamp: 1764979200,
			participants: [
				{ id: '5511977776666@c.us', pn: '5511977776666@c.us', role: 'participant' },
				{ id: '201234567890123@lid', pn: '5511966665555@c.us', role: 'participant' },
			],
			_data: { id: GROUP, author: '5511888888888@s.whatsapp.net', participants: ['5511977776666@s.whatsapp.net'], action: 'add' },
		});
		expect(wahaEvents.parse(request(body))).toEqual([
			{ event: 'memberJoined', groupId: GROUP, participant: '5511977776666@s.whatsapp.net', phone: '5511977776666', joinedVia: 'unknown', by: '5511888888888@s.whatsapp.net', timestamp: '2025-12-06T00:00:00.000Z' },
			{ event: 'memberJoined', groupId: GROUP, participant: '201234567890123@lid', phone: '5511966665555', joinedVia: 'unknown', by: '5511888888888@s.whatsapp.net', timestamp: '2025-12-06T00:00:00.000Z' },
		]);
	});

	it('joinedVia invite_link only where the engine says it: GOWS JoinReason "invite", WEBJS type "invite"', () => {
		const gows = envelope('group.v2.participants', {
			group: { id: GROUP },
			type: 'join',
			timestamp: 1764979200000,
			participants: [{ id: '5511977776666@c.us', pn: '5511977776666@c.us', role: 'participant' }],
			_data: { JID: GROUP, Notify: 'invite', JoinReason: 'invite', Join: ['5511977776666@s.whatsapp.net'], Leave: null },
		});
		const webjs = envelope('group.v2.participants', {
			group: { id: GROUP },
			type: 'join',
			timestamp: 1764979200,
			participants: [{ id: '5511977776666@c.us', role: 'participant' }],
			_data: { type: 'invite', author: '5511977776666@c.us', recipientIds: ['5511977776666@c.us'] },
		});
		const gowsAdd = envelope('group.v2.participants', {
			group: { id: GROUP },
			type: 'join',
			timestamp: 1764979200,
			participants: [{ id: '5511977776666@c.us', role: 'participant' }],
			_data: { JID: GROUP, JoinReason: '', Join: ['5511977776666@s.whatsapp.net'] },
		});
		expect(wahaEvents.parse(request(gows))?.map((e) => [e.joinedVia, e.timestamp])).toEqual([['invite_link', '2025-12-06T00:00:00.000Z']]);
		expect(wahaEvents.parse(request(webjs))?.map((e) => [e.joinedVia, e.by])).toEqual([['invite_link', '5511977776666@s.whatsapp.net']]);
		expect(wahaEvents.parse(request(gowsAdd))?.map((e) => e.joinedVia)).toEqual(['unknown']);
	});

	it('leave → memberLeft; promote and demote → nothing', () => {
		const leave = envelope('group.v2.participants', { group: { id: GROUP }, type: 'leave', timestamp: 1764979200, participants: [{ id: '201234567890123@lid', role: 'left' }], _data: {} });
		expect(wahaEvents.parse(request(leave))).toEqual([{ event: 'memberLeft', groupId: GROUP, participant: '201234567890123@lid', timestamp: '2025-12-06T00:00:00.000Z' }]);
		for (const type of ['promote', 'demote']) {
			expect(wahaEvents.parse(request(envelope('group.v2.participants', { group: { id: GROUP }, type, timestamp: 1, participants: [{ id: '5511977776666@c.us', role: 'admin' }], _data: {} })))).toEqual([]);
		}
	});

	it('join-request created → joinRequested with requestMethod and requesterPn; rejected and revoked → nothing', () => {
		const created = envelope('group.v2.participants.join-request', {
			group: { id: GROUP },
			action: 'created',
			requesterId: '201234567890123@lid',
			requesterPn: '5511955554444@c.us',
			requestMethod: 'invite_link',
			timestamp: 1764979200,
			_data: {},
		});
		expect(wahaEvents.parse(request(created))).toEqual([
			{ event: 'joinRequested', groupId: GROUP, participant: '201234567890123@lid', phone: '5511955554444', requestMethod: 'invite_link', timestamp: '2025-12-06T00:00:00.000Z' },
		]);
		for (const action of ['rejected', 'revoked']) {
			expect(wahaEvents.parse(request(envelope('group.v2.participants.join-request', { group: { id: GROUP }, action, requesterId: '5511955554444@c.us', timestamp: 1 })))).toEqual([]);
		}
	});

	it('other WAHA events (message, session.status, group.v2.join for the own number) → []; a body not in WAHA\'s format → undefined', () => {
		expect(wahaEvents.parse(request(envelope('message', { id: 'x', body: 'hi', from: '5511977776666@c.us' })))).toEqual([]);
		expect(wahaEvents.parse(request(envelope('session.status', { status: 'WORKING' })))).toEqual([]);
		expect(wahaEvents.parse(request(envelope('group.v2.join', { group: { id: GROUP }, timestamp: 1 })))).toEqual([]);
		expect(wahaEvents.parse(request({ groups_participants: [{ group_id: GROUP, participants: ['5511977776666'], action: 'add' }] }))).toBeUndefined();
		expect(wahaEvents.parse(request([1, 2]))).toBeUndefined();
		expect(wahaEvents.parse(request('text'))).toBeUndefined();
	});
});

describe('WAHA: verify (X-Webhook-Hmac, sha512)', () => {
	const keys = (webhookSecret: string) => ({ credentials: { webhookSecret }, mode: 'manual' as const });

	it('accepts WAHA\'s documented example, refuses another key, a changed body, a missing signature or another algorithm', () => {
		const raw = '{"event":"message","session":"default","engine":"WEBJS"}';
		const mac = '208f8a55dde9e05519e898b10b89bf0d0b3b0fdf11fdbf09b6b90476301b98d8097c462b2b17a6ce93b6b47a136cf2e78a33a63f6752c2c1631777076153fa89';
		const good = request(JSON.parse(raw), { 'x-webhook-hmac': mac, 'x-webhook-hmac-algorithm': 'sha512' }, raw);
		expect(wahaEvents.verify?.(good, keys('my-secret-key'))).toBe(true);
		expect(wahaEvents.verify?.(good, { credentials: { webhookHmacKey: 'my-secret-key' }, mode: 'manual' })).toBe(true);
		expect(wahaEvents.verify?.(good, keys('other-key'))).toBe(false);
		expect(wahaEvents.verify?.(request({}, { 'x-webhook-hmac': mac }, `${raw} `), keys('my-secret-key'))).toBe(false);
		expect(wahaEvents.verify?.(request({}, {}, raw), keys('my-secret-key'))).toBe(false);
		const sha256 = createHmac('sha256', 'my-secret-key').update(raw).digest('hex');
		expect(wahaEvents.verify?.(request({}, { 'x-webhook-hmac': sha256, 'x-webhook-hmac-algorithm': 'sha256' }, raw), keys('my-secret-key'))).toBe(false);
	});

	it('without a key in the credential nothing can be checked (undefined)', () => {
		expect(wahaEvents.verify?.(request({}, {}, '{}'), keys(''))).toBeUndefined();
		expect(wahaEvents.verify?.(request({}, {}, '{}'), { credentials: {}, mode: 'manual' })).toBeUndefined();
	});

	it('is manual only and says why', () => {
		expect(wahaEvents.setups).toEqual(['manual']);
		expect(wahaEvents.sideEffect).toMatch(/restart/i);
		expect(wahaEvents.manualSteps).toMatch(/group\.v2\.participants".*group\.v2\.participants\.join-request/);
	});
});
