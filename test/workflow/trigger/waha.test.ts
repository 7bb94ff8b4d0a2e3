/**
 * WhatsApp Group Trigger × WAHA, through n8n-core's HookContext and WebhookContext over real sockets
 * (test/support/triggerHarness.js), against the simulated WAHA (test/support/vendors/waha.js): manual
 * setup only (editing a session's webhooks restarts it), events posted as WAHA posts them, and the
 * X-Webhook-Hmac check with the credential's Webhook Secret.
 */
import { createHmac } from 'node:crypto';

import { TriggerHarness } from '../../support/triggerHarness';
import { startSimulator } from '../../support/scenario';
import type { VendorSimulator } from '../../support/simulator';

const GROUP = '120363019502650977';
let sim: VendorSimulator;
let trigger: TriggerHarness;

beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(async () => {
	sim.reset();
	trigger = await new TriggerHarness({
		provider: 'waha',
		credentials: sim.credentials(),
		parameters: { events: ['memberJoined', 'memberLeft', 'joinRequested'], webhookSetup: 'manual', options: { includeRaw: true } },
	}).start();
});
afterEach(async () => {
	await trigger.stop();
});

const deliver = (kind: 'memberJoined' | 'memberLeft' | 'joinRequested' | 'other', event: Record<string, unknown>, forge = false) =>
	sim.deliverTo('waha', { url: trigger.url }, kind, { group: GROUP, participants: [], ...event } as never, { forge });

describe('WAHA: manual setup', () => {
	it('activating and deactivating touch nothing on WAHA (the session would restart)', async () => {
		expect(await trigger.activate()).toEqual({ existed: true });
		await trigger.deactivate();
		expect(sim.requests.filter((r) => r.vendor === 'waha')).toHaveLength(0);
	});

	it('automatic is refused with the setups WAHA allows', async () => {
		trigger.set({ webhookSetup: 'automatic' });
		await expect(trigger.activate()).rejects.toThrow(/cannot use the webhook setup "automatic"/);
	});
});

describe('WAHA: events, signed with the session webhook\'s hmac.key', () => {
	beforeEach(async () => {
		await trigger.activate();
	});

	it('group.v2.participants join/leave and join-request created become memberJoined, memberLeft and joinRequested', async () => {
		await deliver('memberJoined', { participants: [{ phone: '5511977776666' }], via: 'invite_link' });
		await deliver('memberJoined', { participants: [{ phone: '5511966665555' }, { lid: '201234567890123' }], by: '5511888888888' });
		await deliver('memberLeft', { participants: [{ phone: '5511977776666' }] });
		await deliver('joinRequested', { participants: [{ lid: '201234567890124', phone: '5511955554444' }], method: 'non_admin_add' });
		expect(trigger.executions.map((e) => e.items.map((i) => [i.event, i.groupId, i.participant, i.phone, i.joinedVia, i.by, i.requestMethod]))).toEqual([
			[['memberJoined', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', 'invite_link', '5511977776666@s.whatsapp.net', undefined]],
			[
				['memberJoined', `${GROUP}@g.us`, '5511966665555@s.whatsapp.net', '5511966665555', 'unknown', '5511888888888@s.whatsapp.net', undefined],
				['memberJoined', `${GROUP}@g.us`, '201234567890123@lid', undefined, 'unknown', '5511888888888@s.whatsapp.net', undefined],
			],
			[['memberLeft', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', undefined, undefined, undefined]],
			[['joinRequested', `${GROUP}@g.us`, '201234567890124@lid', '5511955554444', undefined, undefined, 'non_admin_add']],
		]);
		for (const item of trigger.executions.flatMap((e) => e.items)) {
			expect(item.provider).toBe('waha');
			expect(item.timestamp).toBe('2025-12-06T00:00:00.000Z');
			expect(item.raw).toMatchObject({ session: 'default' });
		}
		const text = JSON.stringify(trigger.executions) + JSON.stringify(sim.deliveries);
		for (const secret of sim.secrets()) expect(text).not.toContain(secret);
	});

	it('a request signed with another key, or not signed, gets 401 and starts nothing', async () => {
		const forged = await deliver('memberJoined', { participants: [{ phone: '5511977776666' }] }, true);
		expect(forged.status).toBe(401);
		const bare = await trigger.post({ event: 'group.v2.participants', session: 'default', payload: { group: { id: `${GROUP}@g.us` }, type: 'join', participants: [{ id: '5511977776666@c.us' }] } });
		expect(bare.status).toBe(401);
		expect(trigger.executions).toHaveLength(0);
		for (const secret of sim.secrets()) expect(forged.body + bare.text).not.toContain(secret);
	});

	it('a message event and an unchosen event answer 200 and start nothing; a signed body that is not WAHA\'s gets 400', async () => {
		trigger.set({ events: ['memberLeft'] });
		const answers = [await deliver('other', {}), await deliver('memberJoined', { participants: [{ phone: '5511977776666' }] })];
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		const raw = JSON.stringify({ hello: 'world' });
		const mac = createHmac('sha512', sim.auth.waha.webhookSecret).update(raw).digest('hex');
		const notWaha = await trigger.post(raw, { headers: { 'X-Webhook-Hmac': mac, 'X-Webhook-Hmac-Algorithm': 'sha512' } });
		expect(notWaha.status).toBe(400);
		expect(trigger.executions).toHaveLength(0);
	});
});

describe('WAHA: a webhook without hmac.key', () => {
	it('is accepted when the credential has no key either (nothing can be checked in manual mode)', async () => {
		const key = sim.auth.waha.webhookSecret;
		sim.auth.waha.webhookSecret = '';
		try {
			const credentials = sim.credentials();
			const unsigned = await new TriggerHarness({
				provider: 'waha',
				credentials,
				parameters: { events: ['memberJoined'], webhookSetup: 'manual' },
			}).start();
			try {
				await unsigned.activate();
				const answer = await sim.deliverTo('waha', { url: unsigned.url }, 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] });
				expect(answer.status).toBe(200);
				expect(unsigned.executions.map((e) => e.items.map((i) => [i.event, i.participant]))).toEqual([[['memberJoined', '5511977776666@s.whatsapp.net']]]);
			} finally {
				await unsigned.stop();
			}
		} finally {
			sim.auth.waha.webhookSecret = key;
		}
	});
});
