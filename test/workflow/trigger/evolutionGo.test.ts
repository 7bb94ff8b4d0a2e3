/**
 * WhatsApp Group Trigger × Evolution GO, through n8n-core's HookContext and WebhookContext over real
 * sockets (test/support/triggerHarness.js), against the simulated Evolution GO
 * (test/support/vendors/evolutionGo.js). Manual setup only (the instance token cannot read the webhook
 * back, so it could not be put back): nothing is registered, and a request is proven by the
 * instance token Evolution GO puts in every body.
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
		provider: 'evolutionGo',
		credentials: sim.credentials(),
		parameters: { events: ['memberJoined', 'memberLeft', 'joinRequested'], webhookSetup: 'manual' },
	}).start();
});
afterEach(async () => {
	await trigger.stop();
});

describe('Evolution GO: manual setup', () => {
	it('activation and deactivation send nothing to Evolution GO (no instance is started)', async () => {
		await trigger.activate();
		await trigger.activate({ activation: 'init' });
		await trigger.deactivate();
		expect(sim.requests.filter((r) => r.vendor === 'evolutionGo')).toHaveLength(0);
	});

	it('replace is refused: the webhook could not be put back', async () => {
		trigger.set({ webhookSetup: 'replace' });
		await expect(trigger.activate()).rejects.toThrow(/cannot use the webhook setup "replace"/);
		expect(sim.requests.filter((r) => r.vendor === 'evolutionGo')).toHaveLength(0);
	});

	it('GroupInfo Join and Leave become memberJoined (JoinReason invite → invite_link) and memberLeft; the token never reaches an item', async () => {
		trigger.set({ options: { includeRaw: true } });
		await trigger.activate();
		const target = { url: trigger.url };
		await sim.deliverTo('evolutionGo', target, 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }, { lid: '123456789012345' }], via: 'invite_link' });
		await sim.deliverTo('evolutionGo', target, 'memberJoined', { group: GROUP, participants: [{ phone: '5511966665555' }], by: '5511999999999' });
		await sim.deliverTo('evolutionGo', target, 'memberLeft', { group: GROUP, participants: [{ phone: '5511977776666' }] });
		expect(trigger.executions.map((e) => e.items.map((i) => [i.event, i.participant, i.phone, i.joinedVia, i.by]))).toEqual([
			[
				['memberJoined', '5511977776666@s.whatsapp.net', '5511977776666', 'invite_link', undefined],
				['memberJoined', '123456789012345@lid', undefined, 'invite_link', undefined],
			],
			[['memberJoined', '5511966665555@s.whatsapp.net', '5511966665555', 'unknown', '5511999999999@s.whatsapp.net']],
			[['memberLeft', '5511977776666@s.whatsapp.net', '5511977776666', undefined, undefined]],
		]);
		const text = JSON.stringify(trigger.executions);
		for (const secret of sim.secrets()) expect(text).not.toContain(secret);
	});

	it('a body with another instance token gets 401; another event or an unchosen one gets 200; nothing starts', async () => {
		trigger.set({ events: ['memberLeft'] });
		await trigger.activate();
		const target = { url: trigger.url };
		const answers = [
			await sim.deliverTo('evolutionGo', target, 'memberLeft', { group: GROUP, participants: [{ phone: '5511977776666' }] }, { forge: true }),
			await sim.deliverTo('evolutionGo', target, 'other', { group: GROUP, participants: [] }),
			await sim.deliverTo('evolutionGo', target, 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] }),
		];
		expect(answers.map((a) => a.status)).toEqual([401, 200, 200]);
		expect(trigger.executions).toHaveLength(0);
	});
});
