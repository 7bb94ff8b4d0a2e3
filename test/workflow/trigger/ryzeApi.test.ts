/**
 * WhatsApp Group Trigger × RyzeAPI, through n8n-core's contexts over real sockets
 * (test/support/triggerHarness.js), against the simulated RyzeAPI (test/support/vendors/ryzeApi.js):
 * a labelled webhook beside the user's, its soft-disable on deactivation (RyzeAPI has no delete), the
 * 3-enabled limit, the Authorization header as proof, events.
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
	trigger = await new TriggerHarness({ provider: 'ryzeApi', credentials: sim.credentials(), parameters: { events, webhookSetup } }).start();
}

describe('RyzeAPI: automatic registration', () => {
	it('adds a labelled webhook beside the user\'s; again and at startup adds none; deactivation leaves only a disabled, empty row of its label', async () => {
		await start('automatic');
		const before = sim.webhookSettings('ryzeApi');
		expect(await trigger.activate()).toEqual({ existed: false });
		const during = sim.webhookSettings('ryzeApi');
		expect(during.webhooks.slice(0, 2)).toEqual(before.webhooks);
		const ours = during.webhooks[2];
		expect(ours).toEqual({
			label: expect.stringMatching(/^n8n-[0-9a-f]{16}$/),
			enabled: true,
			url: trigger.url,
			authorization: expect.any(String),
			byEvents: false,
			events: ['group.flow'],
			mediaBase64: false,
		});
		expect(await trigger.activate()).toEqual({ existed: true });
		expect(await trigger.activate({ activation: 'init' })).toEqual({ existed: true });
		expect(sim.webhookSettings('ryzeApi')).toEqual(during);
		await trigger.deactivate();
		// RyzeAPI has no delete: its soft-disable keeps the row, emptied and disabled; the rest is as before.
		const after = sim.webhookSettings('ryzeApi');
		expect(after.webhooks.slice(0, 2)).toEqual(before.webhooks);
		expect(after.webhooks.slice(2)).toEqual([{ label: ours.label, enabled: false, url: '', authorization: '', events: [], byEvents: false, mediaBase64: false }]);
		expect(sim.count('ryzeApi', 'webhookWrite')).toBe(2);
		// Activating again reuses that row: still three rows.
		await trigger.activate();
		expect(sim.webhookSettings('ryzeApi').webhooks).toHaveLength(3);
		await trigger.deactivate();
		expect(sim.webhookSettings('ryzeApi')).toEqual(after);
	});

	it('a 4th enabled webhook is refused before anything is written, naming the ones in use', async () => {
		await start('automatic');
		sim.hookState.ryzeApi.webhooks.push(
			{ label: 'zapier', enabled: true, url: 'https://hooks.example.com/z', authorization: '', byEvents: false, events: [], mediaBase64: false },
			{ label: 'crm2', enabled: true, url: 'https://hooks.example.com/c', authorization: '', byEvents: false, events: [], mediaBase64: false },
		);
		const before = sim.webhookSettings('ryzeApi');
		await expect(trigger.activate()).rejects.toThrow(/at most 3 enabled webhooks.*"crm", "crm2", "zapier"/);
		expect(sim.count('ryzeApi', 'webhookWrite')).toBe(0);
		expect(sim.webhookSettings('ryzeApi')).toEqual(before);
	});

	it('deactivating after the user pointed the row elsewhere changes nothing', async () => {
		await start('automatic');
		await trigger.activate();
		sim.hookState.ryzeApi.webhooks[2].url = 'https://bot.example.com/other';
		const edited = sim.webhookSettings('ryzeApi');
		await trigger.deactivate();
		expect(sim.webhookSettings('ryzeApi')).toEqual(edited);
	});
});

describe('RyzeAPI: events', () => {
	it('joined, left / removed and join requests become one item per participant; the instance token never shows', async () => {
		await start('automatic');
		trigger.set({ options: { includeRaw: true } });
		await trigger.activate();
		await sim.deliver('ryzeApi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }, { lid: '81896604192873', phone: '5511966665555' }], at: 1764979200 });
		await sim.deliver('ryzeApi', 'memberLeft', { group: GROUP, participants: [{ phone: '5511977776666' }], by: '5511988887777' });
		await sim.deliver('ryzeApi', 'joinRequested', { group: GROUP, participants: [{ lid: '81896604192873' }], method: 'non_admin_add' });
		expect(trigger.executions.map((e) => e.items.map((i) => [i.event, i.groupId, i.participant, i.phone, i.joinedVia, i.requestMethod, i.by]))).toEqual([
			[
				['memberJoined', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', 'unknown', undefined, undefined],
				['memberJoined', `${GROUP}@g.us`, '81896604192873@lid', '5511966665555', 'unknown', undefined, undefined],
			],
			[['memberLeft', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', undefined, undefined, '5511988887777@s.whatsapp.net']],
			[['joinRequested', `${GROUP}@g.us`, '81896604192873@lid', undefined, undefined, 'non_admin_add', undefined]],
		]);
		expect(trigger.executions[0].items[0].timestamp).toBe('2025-12-06T00:00:00.000Z');
		const text = JSON.stringify(trigger.executions);
		for (const secret of sim.secrets()) expect(text).not.toContain(secret);
	});

	it('a request without the Authorization it registered gets 401 and starts nothing', async () => {
		await start('automatic');
		await trigger.activate();
		const answers = await sim.deliver('ryzeApi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] }, { forge: true });
		expect(answers.filter((a) => a.url.startsWith(trigger.url)).map((a) => a.status)).toEqual([401]);
		expect((await trigger.post({ event: 'group.flow', data: { groupJid: `${GROUP}@g.us`, action: 'joined', participants: ['5511977776666@s.whatsapp.net'] } })).status).toBe(401);
		expect(trigger.executions).toHaveLength(0);
	});

	it('a message event and an unchosen event answer 200 and start nothing', async () => {
		await start('automatic', ['memberLeft']);
		await trigger.activate();
		const answers = [
			...(await sim.deliver('ryzeApi', 'other', { group: GROUP, participants: [] })),
			...(await sim.deliver('ryzeApi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] })),
		].filter((a) => a.url.startsWith(trigger.url));
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		expect(trigger.executions).toHaveLength(0);
	});
});

describe('RyzeAPI: manual setup', () => {
	it('registers nothing and still receives what RyzeAPI posts to the URL the user set', async () => {
		await start('manual');
		const before = sim.webhookSettings('ryzeApi');
		expect(await trigger.activate()).toEqual({ existed: true });
		await trigger.deactivate();
		expect(sim.requests).toHaveLength(0);
		expect(sim.webhookSettings('ryzeApi')).toEqual(before);
		await sim.deliverTo('ryzeApi', { url: trigger.url }, 'joinRequested', { group: GROUP, participants: [{ phone: '5511955554444' }], method: 'invite_link' });
		expect(trigger.executions.map((e) => e.items.map((i) => [i.event, i.participant, i.requestMethod]))).toEqual([
			[['joinRequested', '5511955554444@s.whatsapp.net', 'invite_link']],
		]);
	});
});
