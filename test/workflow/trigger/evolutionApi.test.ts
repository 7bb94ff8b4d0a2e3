/**
 * WhatsApp Group Trigger × Evolution API, through n8n-core's HookContext and WebhookContext over real
 * sockets (test/support/triggerHarness.js), against the simulated Evolution API
 * (test/support/vendors/evolutionApi.js): replace registration of the instance's one webhook with the
 * trigger's header, putting the user's webhook back, events, forged requests and manual setup.
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
		provider: 'evolutionApi',
		credentials: sim.credentials(),
		parameters: { events: ['memberJoined', 'memberLeft', 'joinRequested'], webhookSetup: 'replace' },
	}).start();
});
afterEach(async () => {
	await trigger.stop();
});

const writes = () => sim.requests.filter((r) => r.vendor === 'evolutionApi' && r.op === 'webhookWrite').length;

describe('Evolution API: replace takes the one webhook over and puts it back', () => {
	it('points the webhook at the trigger with its header; a second activation and a restart write nothing; deactivate restores the user\'s webhook', async () => {
		const before = sim.webhookSettings('evolutionApi');
		expect(await trigger.activate()).toEqual({ existed: false });
		const during = sim.webhookSettings('evolutionApi');
		expect(during).toMatchObject({ enabled: true, url: trigger.url, events: ['GROUP_PARTICIPANTS_UPDATE'], webhookByEvents: false, webhookBase64: false });
		expect(Object.keys(during.headers)).toEqual(['x-wgi-token']);
		expect(await trigger.activate()).toEqual({ existed: true });
		expect(await trigger.activate({ activation: 'init' })).toEqual({ existed: true });
		expect(writes()).toBe(1);
		await trigger.deactivate();
		expect(sim.webhookSettings('evolutionApi')).toEqual(before);
		expect(writes()).toBe(2);
	});

	it('a disabled webhook with an empty URL before is put back exactly', async () => {
		sim.hookState.evolutionApi = { ...sim.hookState.evolutionApi, enabled: false, url: '', events: [], headers: {} };
		const before = sim.webhookSettings('evolutionApi');
		await trigger.activate();
		expect(sim.webhookSettings('evolutionApi').url).toBe(trigger.url);
		await trigger.deactivate();
		expect(sim.webhookSettings('evolutionApi')).toEqual(before);
	});

	it('an instance that never had a webhook is left with a disabled one without URL or header (Evolution cannot delete the row)', async () => {
		sim.hookState.evolutionApi = null;
		await trigger.activate();
		await trigger.deactivate();
		expect(sim.webhookSettings('evolutionApi')).toMatchObject({ enabled: false, url: '', events: [], headers: {} });
		expect(await sim.deliver('evolutionApi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] })).toEqual([]);
	});

	it('deactivating after the user set another URL leaves it', async () => {
		await trigger.activate();
		sim.hookState.evolutionApi = { ...sim.hookState.evolutionApi, url: 'https://other.example.com/hook', headers: {} };
		const edited = sim.webhookSettings('evolutionApi');
		await trigger.deactivate();
		expect(sim.webhookSettings('evolutionApi')).toEqual(edited);
		expect(writes()).toBe(1);
	});
});

describe('Evolution API: events', () => {
	beforeEach(async () => {
		await trigger.activate();
	});

	it('add and remove become memberJoined (joinedVia unknown) and memberLeft, one item per participant, LIDs kept with their phone', async () => {
		await sim.deliver('evolutionApi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }, { lid: '123456789012345', phone: '5511966665555' }], by: '5511999999999' });
		await sim.deliver('evolutionApi', 'memberLeft', { group: GROUP, participants: [{ lid: '223456789012345' }] });
		expect(trigger.executions.map((e) => e.items.map((i) => [i.event, i.groupId, i.participant, i.phone, i.joinedVia, i.by]))).toEqual([
			[
				['memberJoined', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', 'unknown', '5511999999999@s.whatsapp.net'],
				['memberJoined', `${GROUP}@g.us`, '123456789012345@lid', '5511966665555', 'unknown', '5511999999999@s.whatsapp.net'],
			],
			[['memberLeft', `${GROUP}@g.us`, '223456789012345@lid', undefined, undefined, '223456789012345@lid']],
		]);
	});

	it('the raw body never carries the instance token nor the API key', async () => {
		trigger.set({ options: { includeRaw: true } });
		await sim.deliver('evolutionApi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] });
		const text = JSON.stringify(trigger.executions);
		expect(trigger.executions).toHaveLength(1);
		for (const secret of sim.secrets()) expect(text).not.toContain(secret);
	});

	it('a request without the registered header gets 401 and starts nothing', async () => {
		const [answer] = await sim.deliver('evolutionApi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] }, { forge: true });
		expect(answer.status).toBe(401);
		const bare = await trigger.post({ event: 'group-participants.update', instance: 'acme-evolution', data: { id: `${GROUP}@g.us`, participants: ['5511977776666@s.whatsapp.net'], action: 'add' } });
		expect(bare.status).toBe(401);
		expect(trigger.executions).toHaveLength(0);
	});

	it('another event and an unchosen event answer 200 and start nothing', async () => {
		trigger.set({ events: ['memberLeft'] });
		const target = { url: trigger.url, headers: sim.hookState.evolutionApi.headers };
		const answers = [
			await sim.deliverTo('evolutionApi', target, 'other', { group: GROUP, participants: [] }),
			await sim.deliverTo('evolutionApi', target, 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] }),
		];
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		expect(trigger.executions).toHaveLength(0);
	});
});

describe('Evolution API: manual setup', () => {
	it('registers nothing and receives what is delivered to its URL', async () => {
		trigger.set({ webhookSetup: 'manual' });
		const before = sim.webhookSettings('evolutionApi');
		await trigger.activate();
		await sim.deliverTo('evolutionApi', { url: trigger.url }, 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] });
		await trigger.deactivate();
		expect(sim.requests.filter((r) => r.vendor === 'evolutionApi' && r.op === 'webhookWrite')).toHaveLength(0);
		expect(sim.webhookSettings('evolutionApi')).toEqual(before);
		expect(trigger.executions.map((e) => e.items.map((i) => i.participant))).toEqual([['5511977776666@s.whatsapp.net']]);
	});
});
