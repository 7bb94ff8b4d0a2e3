/**
 * WhatsApp Group Trigger × Whapi.Cloud, through n8n-core's HookContext and WebhookContext over real
 * sockets (test/support/triggerHarness.js), against the simulated Whapi (test/support/vendors/whapi.js):
 * automatic registration beside the user's own webhook, events, and what a forged request gets.
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
		provider: 'whapi',
		credentials: sim.credentials(),
		parameters: { events: ['memberJoined', 'memberLeft', 'joinRequested'], webhookSetup: 'automatic' },
	}).start();
});
afterEach(async () => {
	await trigger.stop();
});

describe('Whapi.Cloud: automatic registration keeps the user\'s own webhooks', () => {
	it('activate adds one hook beside the user\'s; activating again and a restart add none; deactivate leaves the settings as they were', async () => {
		const before = sim.webhookSettings('whapi');
		expect(await trigger.activate()).toEqual({ existed: false });
		const during = sim.webhookSettings('whapi');
		expect(during.webhooks).toHaveLength(2);
		expect(during.webhooks[0]).toEqual(before.webhooks[0]);
		expect(during.webhooks[1]).toEqual({ url: expect.stringContaining(`${trigger.url}?token=`), events: [{ type: 'groups', method: 'put' }], mode: 'body' });
		expect(await trigger.activate()).toEqual({ existed: true });
		expect(await trigger.activate({ activation: 'init' })).toEqual({ existed: true });
		expect(sim.webhookSettings('whapi')).toEqual(during);
		await trigger.deactivate();
		expect(sim.webhookSettings('whapi')).toEqual(before);
		// Writes: one PATCH to add, one to remove.
		expect(sim.requests.filter((r) => r.op === 'webhookWrite')).toHaveLength(2);
	});

	it('deactivating after the user removed the hook by hand changes nothing', async () => {
		await trigger.activate();
		sim.hookState.whapi.webhooks = sim.hookState.whapi.webhooks.slice(0, 1);
		const edited = sim.webhookSettings('whapi');
		await trigger.deactivate();
		expect(sim.webhookSettings('whapi')).toEqual(edited);
		expect(sim.requests.filter((r) => r.op === 'webhookWrite')).toHaveLength(1);
	});
});

describe('Whapi.Cloud: events', () => {
	beforeEach(async () => {
		await trigger.activate();
	});

	it('add, remove and request become memberJoined (joinedVia unknown), memberLeft and joinRequested, one item per participant', async () => {
		await sim.deliver('whapi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }, { phone: '5511966665555' }] });
		await sim.deliver('whapi', 'memberLeft', { group: GROUP, participants: [{ phone: '5511977776666' }] });
		await sim.deliver('whapi', 'joinRequested', { group: GROUP, participants: [{ phone: '5511955554444' }] });
		expect(trigger.executions.map((e) => e.items.map((i) => [i.event, i.groupId, i.participant, i.phone, i.joinedVia]))).toEqual([
			[
				['memberJoined', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', 'unknown'],
				['memberJoined', `${GROUP}@g.us`, '5511966665555@s.whatsapp.net', '5511966665555', 'unknown'],
			],
			[['memberLeft', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', undefined]],
			[['joinRequested', `${GROUP}@g.us`, '5511955554444@s.whatsapp.net', '5511955554444', undefined]],
		]);
		for (const item of trigger.executions.flatMap((e) => e.items)) {
			expect(item.provider).toBe('whapi');
			expect(item.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		}
	});

	it('a request without the registration\'s token gets 401 and starts nothing', async () => {
		const [answer] = await sim.deliver('whapi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] }, { forge: true });
		expect(answer.status).toBe(401);
		const bare = await trigger.post({ groups_participants: [{ group_id: `${GROUP}@g.us`, participants: ['5511977776666'], action: 'add' }] });
		expect(bare.status).toBe(401);
		expect(trigger.executions).toHaveLength(0);
	});

	it('a message event and an unchosen event answer 200 and start nothing', async () => {
		trigger.set({ events: ['memberLeft'] });
		const answers = [
			...(await sim.deliver('whapi', 'other', { group: GROUP, participants: [] })),
			...(await sim.deliver('whapi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] })),
		];
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		expect(trigger.executions).toHaveLength(0);
	});
});
