/**
 * WhatsApp Group Trigger × Wuzapi, through n8n-core's HookContext and WebhookContext over real sockets
 * (test/support/triggerHarness.js), against the simulated Wuzapi (test/support/vendors/wuzapi.js):
 * replace registration of the user's one webhook with the token URL, putting it back exactly, form
 * bodies, forged requests and manual setup.
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
		provider: 'wuzapi',
		credentials: sim.credentials(),
		parameters: { events: ['memberJoined', 'memberLeft', 'joinRequested'], webhookSetup: 'replace' },
	}).start();
});
afterEach(async () => {
	await trigger.stop();
});

const writes = () => sim.requests.filter((r) => r.vendor === 'wuzapi' && r.op === 'webhookWrite').length;

describe('Wuzapi: replace takes the one webhook over and puts it back', () => {
	it('points the webhook at the token URL for GroupInfo; a second activation and a restart write nothing; deactivate restores the user\'s webhook', async () => {
		const before = sim.webhookSettings('wuzapi');
		expect(await trigger.activate()).toEqual({ existed: false });
		expect(sim.webhookSettings('wuzapi')).toEqual({ webhook: expect.stringContaining(`${trigger.url}?token=`), events: 'GroupInfo' });
		expect(await trigger.activate()).toEqual({ existed: true });
		expect(await trigger.activate({ activation: 'init' })).toEqual({ existed: true });
		expect(writes()).toBe(1);
		await trigger.deactivate();
		expect(sim.webhookSettings('wuzapi')).toEqual(before);
	});

	it('an empty webhook and no events before are put back exactly', async () => {
		sim.hookState.wuzapi = { webhook: '', events: '' };
		await trigger.activate();
		await trigger.deactivate();
		expect(sim.webhookSettings('wuzapi')).toEqual({ webhook: '', events: '' });
	});

	it('a URL with no events before is put back exactly', async () => {
		sim.hookState.wuzapi = { webhook: 'https://bot.example.com/wuzapi', events: '' };
		await trigger.activate();
		await trigger.deactivate();
		expect(sim.webhookSettings('wuzapi')).toEqual({ webhook: 'https://bot.example.com/wuzapi', events: '' });
	});

	it('deactivating after the user set another URL leaves it', async () => {
		await trigger.activate();
		sim.hookState.wuzapi = { webhook: 'https://other.example.com/hook', events: 'All' };
		await trigger.deactivate();
		expect(sim.webhookSettings('wuzapi')).toEqual({ webhook: 'https://other.example.com/hook', events: 'All' });
		expect(writes()).toBe(1);
	});
});

describe('Wuzapi: events', () => {
	beforeEach(async () => {
		await trigger.activate();
	});

	it('GroupInfo Join and Leave become memberJoined (JoinReason invite → invite_link) and memberLeft, one item per participant', async () => {
		await sim.deliver('wuzapi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }, { lid: '123456789012345' }], via: 'invite_link' });
		await sim.deliver('wuzapi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511966665555' }], by: '5511999999999' });
		await sim.deliver('wuzapi', 'memberLeft', { group: GROUP, participants: [{ phone: '5511977776666' }], at: 1764979300 });
		expect(trigger.executions.map((e) => e.items.map((i) => [i.event, i.groupId, i.participant, i.phone, i.joinedVia, i.by]))).toEqual([
			[
				['memberJoined', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', 'invite_link', undefined],
				['memberJoined', `${GROUP}@g.us`, '123456789012345@lid', undefined, 'invite_link', undefined],
			],
			[['memberJoined', `${GROUP}@g.us`, '5511966665555@s.whatsapp.net', '5511966665555', 'unknown', '5511999999999@s.whatsapp.net']],
			[['memberLeft', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', undefined, undefined]],
		]);
		expect(trigger.executions[2].items[0].timestamp).toBe(new Date(1764979300 * 1000).toISOString());
	});

	it('a request without the registration\'s token gets 401 and starts nothing', async () => {
		const [answer] = await sim.deliver('wuzapi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] }, { forge: true });
		expect(answer.status).toBe(401);
		expect(trigger.executions).toHaveLength(0);
	});

	it('another event type and an unchosen event answer 200 and start nothing', async () => {
		trigger.set({ events: ['memberLeft'] });
		const answers = [
			...(await sim.deliver('wuzapi', 'other', { group: GROUP, participants: [] })),
			...(await sim.deliver('wuzapi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] })),
		];
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		expect(trigger.executions).toHaveLength(0);
	});
});

describe('Wuzapi: manual setup', () => {
	it('registers nothing and receives what is delivered to its URL', async () => {
		trigger.set({ webhookSetup: 'manual' });
		const before = sim.webhookSettings('wuzapi');
		await trigger.activate();
		await sim.deliverTo('wuzapi', { url: trigger.url }, 'memberLeft', { group: GROUP, participants: [{ phone: '5511977776666' }] });
		await trigger.deactivate();
		expect(writes()).toBe(0);
		expect(sim.webhookSettings('wuzapi')).toEqual(before);
		expect(trigger.executions.map((e) => e.items.map((i) => i.event))).toEqual([['memberLeft']]);
	});
});
