/**
 * What every WhatsApp Group Trigger does whatever the gateway, through n8n-core's contexts over real
 * sockets (Whapi.Cloud's simulator as the gateway): the body limit, bodies that are not the gateway's,
 * Only These Groups, Include Raw Payload, the test URL ("Listen for test event"), and no secret in
 * what it outputs or answers.
 */
import { TriggerHarness } from '../../support/triggerHarness';
import { startSimulator } from '../../support/scenario';
import type { VendorSimulator } from '../../support/simulator';

const GROUP = '120363019502650977';
const OTHER = '120363025246125888';
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
		parameters: { events: ['memberJoined'], webhookSetup: 'automatic' },
	}).start();
});
afterEach(async () => {
	await trigger.stop();
});

const join = (group = GROUP) => ({ group, participants: [{ phone: '5511977776666' }] });
const tokenOf = () => new URL(sim.webhookSettings('whapi').webhooks[1].url).searchParams.get('token') ?? '';

describe('the trigger refuses what is not the gateway\'s', () => {
	beforeEach(async () => {
		await trigger.activate();
	});

	it('a body over 1 MB gets 400 and starts nothing', async () => {
		const big = JSON.stringify({ groups_participants: [{ group_id: `${GROUP}@g.us`, participants: ['5511977776666'], action: 'add' }], pad: 'x'.repeat(1024 * 1024) });
		const answer = await trigger.post(big, { url: `${trigger.url}?token=${encodeURIComponent(tokenOf())}` });
		expect(answer.status).toBe(400);
		expect(trigger.executions).toHaveLength(0);
	});

	it('a body that is not Whapi\'s (an array, another service\'s JSON) gets 400 and starts nothing', async () => {
		const url = `${trigger.url}?token=${encodeURIComponent(tokenOf())}`;
		expect((await trigger.post('[1,2]', { url })).status).toBe(400);
		expect((await trigger.post({ hello: 'world' }, { url })).status).toBe(400);
		expect(trigger.executions).toHaveLength(0);
	});

	it('a GET gets 405 (only Meta sends a verification GET)', async () => {
		const answer = await trigger.post('', { method: 'GET', url: `${trigger.url}?token=${encodeURIComponent(tokenOf())}` });
		expect(answer.status).toBe(405);
	});
});

describe('options', () => {
	it('Only These Groups: events of other groups answer 200 and start nothing; the group given as -group or bare digits matches', async () => {
		trigger.set({ options: { groupIds: `${GROUP}-group, 120363099999999999@g.us` } });
		await trigger.activate();
		const answers = [...(await sim.deliver('whapi', 'memberJoined', join(OTHER))), ...(await sim.deliver('whapi', 'memberJoined', join(GROUP)))];
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		expect(trigger.executions.map((e) => e.items.map((i) => i.groupId))).toEqual([[`${GROUP}@g.us`]]);
	});

	it('Include Raw Payload adds the body as received; without it there is no raw', async () => {
		await trigger.activate();
		await sim.deliver('whapi', 'memberJoined', join());
		trigger.set({ options: { includeRaw: true } });
		await sim.deliver('whapi', 'memberJoined', join());
		expect(trigger.executions[0].items[0].raw).toBeUndefined();
		expect(trigger.executions[1].items[0].raw).toEqual({
			groups_participants: [{ group_id: `${GROUP}@g.us`, participants: ['5511977776666'], action: 'add' }],
			event: { type: 'groups', event: 'put' },
			channel_id: 'SIMULA-T0R',
		});
	});

	it('no credential secret and no registration token in an item or an answer', async () => {
		trigger.set({ options: { includeRaw: true } });
		await trigger.activate();
		const answers = await sim.deliver('whapi', 'memberJoined', join());
		const token = tokenOf();
		const text = JSON.stringify({ executions: trigger.executions, answers: answers.map((a) => a.body) });
		for (const secret of [...sim.secrets(), token]) expect(text).not.toContain(secret);
	});
});

describe('"Listen for test event" (the test URL)', () => {
	it('registers the test URL beside the user\'s hook and removes it after, as n8n does for a test run', async () => {
		const before = sim.webhookSettings('whapi');
		await trigger.activate({ test: true });
		const during = sim.webhookSettings('whapi');
		expect(during.webhooks[1].url).toContain(`${trigger.testUrl}?token=`);
		const answers = await sim.deliver('whapi', 'memberJoined', join());
		expect({ answers, received: trigger.received }).toMatchObject({ answers: [{ status: 200 }] });
		expect(trigger.executions).toHaveLength(1);
		await trigger.deactivate({ test: true });
		expect(sim.webhookSettings('whapi')).toEqual(before);
	});
});

describe('setup errors', () => {
	it('a setup the gateway does not allow fails activation with what to choose, before any request', async () => {
		trigger.set({ webhookSetup: 'replace' });
		await expect(trigger.activate()).rejects.toThrow(/Whapi\.Cloud cannot use the webhook setup "replace"/);
		expect(sim.requests).toHaveLength(0);
	});

	it('manual registers nothing, checks nothing at activation, and still receives what the user pointed at it', async () => {
		trigger.set({ webhookSetup: 'manual' });
		const before = sim.webhookSettings('whapi');
		expect(await trigger.activate()).toEqual({ existed: true });
		await trigger.deactivate();
		expect(sim.requests).toHaveLength(0);
		expect(sim.webhookSettings('whapi')).toEqual(before);
		const answer = await sim.deliverTo('whapi', { url: trigger.url }, 'memberJoined', join());
		expect(answer.status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
	});

	it('a gateway that fails while registering fails the activation with the gateway\'s error, and records nothing', async () => {
		sim.inject({ vendor: 'whapi', op: 'webhookWrite', fault: '503' });
		await expect(trigger.activate()).rejects.toThrow(/Whapi\.Cloud/);
		expect(JSON.stringify(trigger.staticData)).not.toContain('registration');
	});
});
