/**
 * WhatsApp Group Trigger × GOWA, through n8n-core's HookContext and WebhookContext over real sockets
 * (test/support/triggerHarness.js), against the simulated GOWA (test/support/vendors/gowa.js): replace
 * registration of the device's webhook with the registration's secret, putting the user's settings
 * back, signed events, forged signatures and manual setup with the credential's Webhook Secret.
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
beforeEach(async () => {
	sim.reset();
	trigger = await new TriggerHarness({
		provider: 'gowa',
		credentials: sim.credentials(),
		parameters: { events: ['memberJoined', 'memberLeft', 'joinRequested'], webhookSetup: 'replace' },
	}).start();
});
afterEach(async () => {
	await trigger.stop();
});

const writes = () => sim.requests.filter((r) => r.vendor === 'gowa' && r.op === 'webhookWrite').length;

describe('GOWA: replace takes the device webhook over and puts it back', () => {
	it('sets the trigger URL, its own secret and group.participants; a second activation and a restart write nothing; deactivate restores the user\'s settings', async () => {
		const before = sim.webhookSettings('gowa');
		expect(await trigger.activate()).toEqual({ existed: false });
		const during = sim.webhookSettings('gowa');
		expect(during).toMatchObject({ webhook_url: trigger.url, webhook_events: 'group.participants', webhook_insecure_skip_verify: false });
		expect(during.webhook_secret).not.toBe(before.webhook_secret);
		expect(await trigger.activate()).toEqual({ existed: true });
		expect(await trigger.activate({ activation: 'init' })).toEqual({ existed: true });
		expect(writes()).toBe(1);
		await trigger.deactivate();
		expect(sim.webhookSettings('gowa')).toEqual(before);
	});

	it('an empty device webhook before (the server\'s global list) is put back exactly', async () => {
		sim.hookState.gowa = { webhook_url: '', webhook_secret: '', webhook_events: '', webhook_insecure_skip_verify: false };
		await trigger.activate();
		await trigger.deactivate();
		expect(sim.webhookSettings('gowa')).toEqual({ webhook_url: '', webhook_secret: '', webhook_events: '', webhook_insecure_skip_verify: false });
	});

	it('deactivating after the user set another URL leaves it', async () => {
		await trigger.activate();
		sim.hookState.gowa = { ...sim.hookState.gowa, webhook_url: 'https://other.example.com/hook' };
		const edited = sim.webhookSettings('gowa');
		await trigger.deactivate();
		expect(sim.webhookSettings('gowa')).toEqual(edited);
		expect(writes()).toBe(1);
	});

	it('with several devices and no Device ID it refuses before writing anything', async () => {
		sim.variants.gowaDevices = 'multi';
		const credentials = sim.credentials();
		credentials.groupInviteGowaApi.deviceId = '';
		const other = await new TriggerHarness({ provider: 'gowa', credentials, parameters: { events: ['memberJoined'], webhookSetup: 'replace' } }).start();
		try {
			await expect(other.activate()).rejects.toThrow(/several devices/);
			expect(writes()).toBe(0);
		} finally {
			await other.stop();
			sim.variants.gowaDevices = 'single';
		}
	});
});

describe('GOWA: events', () => {
	beforeEach(async () => {
		await trigger.activate();
	});

	it('join and leave become memberJoined (joinedVia unknown) and memberLeft with GOWA\'s time, one item per participant', async () => {
		await sim.deliver('gowa', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }, { lid: '123456789012345' }] });
		await sim.deliver('gowa', 'memberLeft', { group: GROUP, participants: [{ phone: '5511966665555' }], at: 1764979300 });
		expect(trigger.executions.map((e) => e.items.map((i) => [i.event, i.groupId, i.participant, i.phone, i.joinedVia]))).toEqual([
			[
				['memberJoined', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', 'unknown'],
				['memberJoined', `${GROUP}@g.us`, '123456789012345@lid', undefined, 'unknown'],
			],
			[['memberLeft', `${GROUP}@g.us`, '5511966665555@s.whatsapp.net', '5511966665555', undefined]],
		]);
		expect(trigger.executions[1].items[0].timestamp).toBe(new Date(1764979300 * 1000).toISOString());
	});

	it('a wrong signature, or none, gets 401 and starts nothing', async () => {
		const [answer] = await sim.deliver('gowa', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] }, { forge: true });
		expect(answer.status).toBe(401);
		const bare = await trigger.post({ event: 'group.participants', payload: { chat_id: `${GROUP}@g.us`, type: 'join', jids: ['5511977776666@s.whatsapp.net'] } });
		expect(bare.status).toBe(401);
		expect(trigger.executions).toHaveLength(0);
	});

	it('another event and an unchosen event answer 200 and start nothing', async () => {
		trigger.set({ events: ['memberLeft'] });
		const target = { url: trigger.url, secret: sim.hookState.gowa.webhook_secret };
		const answers = [
			await sim.deliverTo('gowa', target, 'other', { group: GROUP, participants: [] }),
			await sim.deliverTo('gowa', target, 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] }),
		];
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		expect(trigger.executions).toHaveLength(0);
	});
});

describe('GOWA: manual setup', () => {
	it('registers nothing; without a Webhook Secret it takes any signature, with one it checks it', async () => {
		trigger.set({ webhookSetup: 'manual' });
		const before = sim.webhookSettings('gowa');
		await trigger.activate();
		const ok = await sim.deliverTo('gowa', { url: trigger.url, secret: 'shared' }, 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] });
		expect(ok.status).toBe(200);
		await trigger.deactivate();
		expect(writes()).toBe(0);
		expect(sim.webhookSettings('gowa')).toEqual(before);
		expect(trigger.executions).toHaveLength(1);

		const credentials = sim.credentials();
		credentials.groupInviteGowaApi.webhookSecret = 'shared';
		const checked = await new TriggerHarness({ provider: 'gowa', credentials, parameters: { events: ['memberJoined'], webhookSetup: 'manual' } }).start();
		try {
			await checked.activate();
			const good = await sim.deliverTo('gowa', { url: checked.url, secret: 'shared' }, 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] });
			const forged = await sim.deliverTo('gowa', { url: checked.url, secret: 'shared' }, 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] }, { forge: true });
			expect([good.status, forged.status]).toEqual([200, 401]);
			expect(checked.executions).toHaveLength(1);
		} finally {
			await checked.stop();
		}
	});
});
