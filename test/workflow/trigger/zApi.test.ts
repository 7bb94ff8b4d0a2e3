/**
 * WhatsApp Group Trigger × Z-API, through n8n-core's HookContext and WebhookContext over real sockets
 * (test/support/triggerHarness.js), against the simulated Z-API (test/support/vendors/zApi.js). Z-API
 * takes only https webhook URLs and the harness listens on http://127.0.0.1: replace mode is refused
 * before any write (its take-over and restore are unit-tested with canned answers in
 * test/unit/trigger/zApi.test.ts); its token check and the manual setup are exercised here.
 */
import { TriggerHarness } from '../../support/triggerHarness';
import { startSimulator } from '../../support/scenario';
import type { VendorSimulator } from '../../support/simulator';
import { getProvider } from '../../../nodes/WhatsAppGroupInvite/providers';
import { registrationSecret, withToken } from '../../../nodes/WhatsAppGroupTrigger/lifecycle';

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

async function start(webhookSetup: 'manual' | 'replace', events = ['memberJoined', 'memberLeft', 'joinRequested']) {
	sim.reset();
	trigger = await new TriggerHarness({ provider: 'zApi', credentials: sim.credentials(), parameters: { events, webhookSetup } }).start();
}

/** The URL replace mode would register: the trigger's URL with its registration token. */
function tokenUrl(): string {
	const credentials = sim.credentials().groupInviteZApi;
	const adapter = getProvider('zApi')!;
	return withToken(trigger.url, registrationSecret(adapter.secrets(credentials), 'wf-trigger', trigger.webhookId));
}

describe('Z-API: replace mode needs an https URL', () => {
	it('an http trigger URL is refused before anything is written, saying n8n\'s WEBHOOK_URL must be https', async () => {
		await start('replace');
		const before = sim.webhookSettings('zApi');
		await expect(trigger.activate()).rejects.toThrow(/https.*WEBHOOK_URL|WEBHOOK_URL.*https/);
		expect(sim.count('zApi', 'webhookWrite')).toBe(0);
		expect(sim.webhookSettings('zApi')).toEqual(before);
		// The message names no secret of the credential.
		const error = await trigger.activate().catch((e: Error) => e);
		for (const secret of sim.secrets()) expect(String((error as Error).message)).not.toContain(secret);
	});

	it('the simulated Z-API refuses an http URL itself, as the real one does', async () => {
		await start('manual');
		const auth = sim.auth.zApi;
		const response = await fetch(`${sim.baseUrl}/instances/${auth.instanceId}/token/${auth.instanceToken}/update-webhook-received`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json', 'client-token': auth.clientToken },
			body: JSON.stringify({ value: trigger.url }),
		});
		expect(response.status).toBe(400);
		expect(sim.webhookSettings('zApi').receivedCallbackUrl).toBe('https://bot.example.com/zapi/received');
	});

	it('in replace mode a request without the registration\'s token gets 401; with it, it starts the workflow', async () => {
		await start('replace');
		const event = { group: GROUP, participants: [{ phone: '5511977776666' }] };
		const [forged] = [await sim.deliverTo('zApi', { url: tokenUrl() }, 'memberJoined', event, { forge: true })];
		expect(forged.status).toBe(401);
		expect((await trigger.post({ type: 'ReceivedCallback', notification: 'GROUP_PARTICIPANT_ADD', phone: `${GROUP}-group`, notificationParameters: ['5511977776666'] })).status).toBe(401);
		expect(trigger.executions).toHaveLength(0);
		expect((await sim.deliverTo('zApi', { url: tokenUrl() }, 'memberJoined', event)).status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
	});
});

describe('Z-API: manual setup', () => {
	it('registers nothing, and receives what Z-API posts to the URL the user set', async () => {
		await start('manual');
		const before = sim.webhookSettings('zApi');
		expect(await trigger.activate()).toEqual({ existed: true });
		expect(await trigger.activate({ activation: 'init' })).toEqual({ existed: true });
		await trigger.deactivate();
		expect(sim.requests).toHaveLength(0);
		expect(sim.webhookSettings('zApi')).toEqual(before);

		const target = { url: trigger.url };
		await sim.deliverTo('zApi', target, 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }, { phone: '5511966665555' }], at: 1764979200 });
		await sim.deliverTo('zApi', target, 'memberLeft', { group: GROUP, participants: [{ phone: '5511977776666' }], by: '5511988887777' });
		await sim.deliverTo('zApi', target, 'memberLeft', { group: GROUP, participants: [{ phone: '5511966665555' }] });
		await sim.deliverTo('zApi', target, 'joinRequested', { group: GROUP, participants: [{ phone: '5511955554444' }], method: 'invite_link' });
		await sim.deliverTo('zApi', target, 'joinRequested', { group: GROUP, participants: [{ phone: '5511944443333' }], method: 'non_admin_add' });
		expect(trigger.executions.map((e) => e.items.map((i) => [i.event, i.groupId, i.participant, i.phone, i.joinedVia, i.requestMethod, i.by]))).toEqual([
			[
				['memberJoined', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', 'unknown', undefined, undefined],
				['memberJoined', `${GROUP}@g.us`, '5511966665555@s.whatsapp.net', '5511966665555', 'unknown', undefined, undefined],
			],
			[['memberLeft', `${GROUP}@g.us`, '5511977776666@s.whatsapp.net', '5511977776666', undefined, undefined, '5511988887777@s.whatsapp.net']],
			[['memberLeft', `${GROUP}@g.us`, '5511966665555@s.whatsapp.net', '5511966665555', undefined, undefined, undefined]],
			[['joinRequested', `${GROUP}@g.us`, '5511955554444@s.whatsapp.net', '5511955554444', undefined, 'invite_link', undefined]],
			[['joinRequested', `${GROUP}@g.us`, '5511944443333@s.whatsapp.net', '5511944443333', undefined, 'non_admin_add', undefined]],
		]);
		expect(trigger.executions[0].items[0].timestamp).toBe('2025-12-06T00:00:00.000Z');
		for (const item of trigger.executions.flatMap((e) => e.items)) expect(item.provider).toBe('zApi');
	});

	it('a message on the same URL and an unchosen event answer 200 and start nothing; a foreign body gets 400', async () => {
		await start('manual', ['memberLeft']);
		const answers = [
			await sim.deliverTo('zApi', { url: trigger.url }, 'other', { group: GROUP, participants: [] }),
			await sim.deliverTo('zApi', { url: trigger.url }, 'memberJoined', { group: GROUP, participants: [{ phone: '5511977776666' }] }),
		];
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		expect((await trigger.post({ hello: 'world' })).status).toBe(400);
		expect(trigger.executions).toHaveLength(0);
	});
});
