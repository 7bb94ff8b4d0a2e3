/**
 * WhatsApp Group Trigger × WPPConnect Server, through n8n-core's HookContext and WebhookContext over real
 * sockets (test/support/triggerHarness.js), against the simulated WPPConnect
 * (test/support/vendors/wppconnect.js): manual setup only (the webhook is given at start-session or
 * server-wide), onparticipantschanged events, and what an unsigned gateway means in manual mode.
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
		provider: 'wppconnect',
		credentials: sim.credentials(),
		parameters: { events: ['memberJoined', 'memberLeft', 'joinRequested'], webhookSetup: 'manual' },
	}).start();
});
afterEach(async () => {
	await trigger.stop();
});

const deliver = (kind: 'memberJoined' | 'memberLeft' | 'joinRequested' | 'other', event: Record<string, unknown>, forge = false) =>
	sim.deliverTo('wppconnect', { url: trigger.url }, kind, { group: GROUP, participants: [], ...event } as never, { forge });

describe('WPPConnect: manual setup', () => {
	it('activating and deactivating call nothing on the server; automatic and replace are refused', async () => {
		expect(await trigger.activate()).toEqual({ existed: true });
		await trigger.deactivate();
		expect(sim.requests.filter((r) => r.vendor === 'wppconnect')).toHaveLength(0);
		for (const webhookSetup of ['automatic', 'replace']) {
			trigger.set({ webhookSetup });
			await expect(trigger.activate()).rejects.toThrow(`cannot use the webhook setup "${webhookSetup}"`);
		}
	});
});

describe('WPPConnect: events', () => {
	beforeEach(async () => {
		await trigger.activate();
	});

	it('join (by invite), add, leave and remove become memberJoined via invite_link / added and memberLeft', async () => {
		await deliver('memberJoined', { participants: [{ phone: '5511977776666' }], via: 'invite_link' });
		await deliver('memberJoined', { participants: [{ phone: '5511966665555' }, { lid: '201234567890123' }], by: '5511888888888' });
		await deliver('memberLeft', { participants: [{ phone: '5511977776666' }], by: '5511977776666' });
		await deliver('memberLeft', { participants: [{ phone: '5511966665555' }], by: '5511888888888' });
		expect(trigger.executions.map((e) => e.items.map((i) => [i.event, i.groupId, i.participant, i.phone, i.joinedVia, i.by]))).toEqual([
			[['memberJoined', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', 'invite_link', '5511977776666@s.whatsapp.net']],
			[
				['memberJoined', `${GROUP}@g.us`, '5511966665555@s.whatsapp.net', '5511966665555', 'added', '5511888888888@s.whatsapp.net'],
				['memberJoined', `${GROUP}@g.us`, '201234567890123@lid', undefined, 'added', '5511888888888@s.whatsapp.net'],
			],
			[['memberLeft', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', undefined, '5511977776666@s.whatsapp.net']],
			[['memberLeft', `${GROUP}@g.us`, '5511966665555@s.whatsapp.net', '5511966665555', undefined, '5511888888888@s.whatsapp.net']],
		]);
		for (const item of trigger.executions.flatMap((e) => e.items)) {
			expect(item.provider).toBe('wppconnect');
			expect(item.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		}
		const text = JSON.stringify(trigger.executions);
		for (const secret of sim.secrets()) expect(text).not.toContain(secret);
	});

	it('a message answers 200 and starts nothing; a body that is not WPPConnect\'s gets 400', async () => {
		expect((await deliver('other', {})).status).toBe(200);
		expect((await trigger.post({ groupId: `${GROUP}@g.us`, action: 'add', who: ['5511977776666@c.us'] })).status).toBe(400);
		expect(trigger.executions).toHaveLength(0);
	});

	it('WPPConnect signs nothing: in manual mode a request is taken as it comes (the URL must stay private)', async () => {
		const answer = await deliver('memberJoined', { participants: [{ phone: '5511977776666' }] }, true);
		expect(answer.status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
	});
});
