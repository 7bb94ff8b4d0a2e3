/**
 * WhatsApp Group Trigger × Wawp, through n8n-core's contexts over real sockets
 * (test/support/triggerHarness.js), against the simulated Wawp (test/support/vendors/wawp.js): one
 * URL set beside the user's and deleted again, the HMAC key as proof, a free plan's 403, events.
 */
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
afterEach(async () => {
	await trigger.stop();
});

async function start(webhookSetup: 'automatic' | 'manual', events = ['memberJoined', 'memberLeft', 'joinRequested']) {
	sim.reset();
	trigger = await new TriggerHarness({ provider: 'wawp', credentials: sim.credentials(), parameters: { events, webhookSetup } }).start();
}

describe('Wawp: automatic registration keeps the user\'s own webhooks', () => {
	it('sets one URL beside the user\'s; again and at startup sets none; deactivation deletes it and leaves the list as it was', async () => {
		await start('automatic');
		const before = sim.webhookSettings('wawp');
		expect(await trigger.activate()).toEqual({ existed: false });
		const during = sim.webhookSettings('wawp');
		expect(during.systemConfig).toEqual(before.systemConfig);
		expect(during.webhooks[0]).toEqual(before.webhooks[0]);
		expect(during.webhooks[1]).toEqual({
			url: trigger.url,
			events: ['group.v2.participants', 'group.v2.participants.join-request'],
			is_active: 1,
			retries: { delay: 2, attempts: 15 },
			hmac: expect.any(String),
		});
		expect(await trigger.activate()).toEqual({ existed: true });
		expect(await trigger.activate({ activation: 'init' })).toEqual({ existed: true });
		expect(sim.webhookSettings('wawp')).toEqual(during);
		await trigger.deactivate();
		expect(sim.webhookSettings('wawp')).toEqual(before);
		expect(sim.count('wawp', 'webhookWrite')).toBe(2);
	});

	it('on a free plan activation fails saying a paid plan is needed, and nothing is written', async () => {
		await start('automatic');
		sim.variants.wawpPlan = 'free';
		try {
			const before = sim.webhookSettings('wawp');
			await expect(trigger.activate()).rejects.toThrow(/paid plans.*subscription_required/);
			expect(sim.count('wawp', 'webhookWrite')).toBe(0);
			expect(sim.webhookSettings('wawp')).toEqual(before);
		} finally {
			sim.variants.wawpPlan = 'paid';
		}
	});
});

describe('Wawp: events', () => {
	it('join, leave and a join request become one item per participant, with the requestMethod', async () => {
		await start('automatic');
		await trigger.activate();
		await sim.deliver('wawp', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }, { lid: '81896604192873' }], at: 1764979200 });
		await sim.deliver('wawp', 'memberLeft', { group: GROUP, participants: [{ phone: '5511977776666' }] });
		await sim.deliver('wawp', 'joinRequested', { group: GROUP, participants: [{ lid: '81896604192873', phone: '5511955554444' }], method: 'invite_link' });
		expect(trigger.executions.map((e) => e.items.map((i) => [i.event, i.groupId, i.participant, i.phone, i.joinedVia, i.requestMethod]))).toEqual([
			[
				['memberJoined', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', 'unknown', undefined],
				['memberJoined', `${GROUP}@g.us`, '81896604192873@lid', undefined, 'unknown', undefined],
			],
			[['memberLeft', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', undefined, undefined]],
			[['joinRequested', `${GROUP}@g.us`, '81896604192873@lid', '5511955554444', undefined, 'invite_link']],
		]);
		expect(trigger.executions[0].items[0].timestamp).toBe('2025-12-06T00:00:00.000Z');
	});

	it('a request with a wrong or no signature gets 401 and starts nothing', async () => {
		await start('automatic');
		await trigger.activate();
		const answers = await sim.deliver('wawp', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] }, { forge: true });
		expect(answers.map((a) => a.status)).toEqual([401]);
		const body = { event: 'group.v2.participants', payload: { group: { id: `${GROUP}@g.us` }, type: 'join', participants: [{ id: '5511977776666@c.us' }] } };
		expect((await trigger.post(body)).status).toBe(401);
		expect(trigger.executions).toHaveLength(0);
	});

	it('a message event and an unchosen event answer 200 and start nothing', async () => {
		await start('automatic', ['memberLeft']);
		await trigger.activate();
		const secret = sim.webhookSettings('wawp').webhooks[1].hmac;
		const answers = [
			await sim.deliverTo('wawp', { url: trigger.url, secret }, 'other', { group: GROUP, participants: [] }),
			...(await sim.deliver('wawp', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] })),
		];
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		expect(trigger.executions).toHaveLength(0);
	});
});

describe('Wawp: manual setup', () => {
	it('registers nothing and still receives what Wawp posts to the URL the user set', async () => {
		await start('manual');
		const before = sim.webhookSettings('wawp');
		expect(await trigger.activate()).toEqual({ existed: true });
		await trigger.deactivate();
		expect(sim.requests).toHaveLength(0);
		expect(sim.webhookSettings('wawp')).toEqual(before);
		await sim.deliverTo('wawp', { url: trigger.url }, 'memberLeft', { group: GROUP, participants: [{ phone: '5511977776666' }] });
		expect(trigger.executions.map((e) => e.items.map((i) => [i.event, i.participant]))).toEqual([[['memberLeft', '5511977776666@s.whatsapp.net']]]);
	});
});
