/**
 * WhatsApp Group Trigger × uazapi, through n8n-core's contexts over real sockets
 * (test/support/triggerHarness.js), against the simulated uazapi (test/support/vendors/uazapi.js):
 * advanced-mode registration (action add / delete) beside the user's webhook, the URL token as proof,
 * events (payload shape UNVERIFIED, see providers/events/uazapi.ts).
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
	trigger = await new TriggerHarness({ provider: 'uazapi', credentials: sim.credentials(), parameters: { events, webhookSetup } }).start();
}

describe('uazapi: automatic registration keeps the user\'s own webhooks', () => {
	it('adds one webhook beside the user\'s; again and at startup adds none; deactivation leaves the list as it was', async () => {
		await start('automatic');
		const before = sim.webhookSettings('uazapi');
		expect(await trigger.activate()).toEqual({ existed: false });
		const during = sim.webhookSettings('uazapi');
		expect(during.webhooks).toHaveLength(2);
		expect(during.webhooks[0]).toEqual(before.webhooks[0]);
		expect(during.webhooks[1]).toEqual({
			id: expect.any(String),
			enabled: true,
			url: expect.stringContaining(`${trigger.url}?token=`),
			events: ['groups'],
			excludeMessages: [],
			addUrlEvents: false,
			addUrlTypesMessages: false,
		});
		expect(await trigger.activate()).toEqual({ existed: true });
		expect(await trigger.activate({ activation: 'init' })).toEqual({ existed: true });
		expect(sim.webhookSettings('uazapi')).toEqual(during);
		await trigger.deactivate();
		expect(sim.webhookSettings('uazapi')).toEqual(before);
		expect(sim.count('uazapi', 'webhookWrite')).toBe(2);
	});

	it('a webhook of its own the user disabled is switched back on, not doubled; one the user removed is not touched again', async () => {
		await start('automatic');
		await trigger.activate();
		sim.hookState.uazapi.webhooks[1].enabled = false;
		expect(await trigger.activate()).toEqual({ existed: false });
		expect(sim.webhookSettings('uazapi').webhooks.map((w: { enabled: boolean }) => w.enabled)).toEqual([true, true]);
		sim.hookState.uazapi.webhooks.splice(1, 1);
		const edited = sim.webhookSettings('uazapi');
		await trigger.deactivate();
		expect(sim.webhookSettings('uazapi')).toEqual(edited);
	});
});

describe('uazapi: events', () => {
	it('add, remove and request become memberJoined (joinedVia unknown), memberLeft and joinRequested, one item per participant', async () => {
		await start('automatic');
		await trigger.activate();
		await sim.deliver('uazapi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }, { lid: '81896604192873', phone: '5511966665555' }] });
		await sim.deliver('uazapi', 'memberLeft', { group: GROUP, participants: [{ phone: '5511977776666' }] });
		await sim.deliver('uazapi', 'joinRequested', { group: GROUP, participants: [{ phone: '5511955554444' }], method: 'invite_link' });
		expect(trigger.executions.map((e) => e.items.map((i) => [i.event, i.groupId, i.participant, i.phone, i.joinedVia, i.requestMethod]))).toEqual([
			[
				['memberJoined', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', 'unknown', undefined],
				['memberJoined', `${GROUP}@g.us`, '81896604192873@lid', '5511966665555', 'unknown', undefined],
			],
			[['memberLeft', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', undefined, undefined]],
			[['joinRequested', `${GROUP}@g.us`, '5511955554444@s.whatsapp.net', '5511955554444', undefined, 'invite_link']],
		]);
		for (const item of trigger.executions.flatMap((e) => e.items)) expect(item.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
	});

	it('a request without the registration\'s token gets 401 and starts nothing', async () => {
		await start('automatic');
		await trigger.activate();
		const answers = await sim.deliver('uazapi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] }, { forge: true });
		expect(answers.map((a) => a.status)).toEqual([401]);
		expect((await trigger.post({ EventType: 'groups', action: 'participants', group: { JID: `${GROUP}@g.us` }, participants: ['5511977776666@s.whatsapp.net'], participantAction: 'add' })).status).toBe(401);
		expect(trigger.executions).toHaveLength(0);
	});

	it('a message event and an unchosen event answer 200 and start nothing', async () => {
		await start('automatic', ['memberLeft']);
		await trigger.activate();
		// The user's own webhook gets messages; ours subscribes to groups only, so a message is posted to it directly.
		const url = sim.webhookSettings('uazapi').webhooks[1].url;
		const answers = [
			await sim.deliverTo('uazapi', { url }, 'other', { group: GROUP, participants: [] }),
			...(await sim.deliver('uazapi', 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] })),
		];
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		expect(trigger.executions).toHaveLength(0);
	});
});

describe('uazapi: manual setup', () => {
	it('registers nothing and still receives what uazapi posts to the URL the user set', async () => {
		await start('manual');
		const before = sim.webhookSettings('uazapi');
		expect(await trigger.activate()).toEqual({ existed: true });
		await trigger.deactivate();
		expect(sim.requests).toHaveLength(0);
		expect(sim.webhookSettings('uazapi')).toEqual(before);
		await sim.deliverTo('uazapi', { url: trigger.url }, 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] });
		expect(trigger.executions.map((e) => e.items.map((i) => [i.event, i.participant, i.joinedVia]))).toEqual([[['memberJoined', '5511977776666@s.whatsapp.net', 'unknown']]]);
	});
});
