/**
 * WhatsApp Group Trigger × Meta WhatsApp Cloud API, through n8n-core's HookContext and WebhookContext
 * over real sockets (test/support/triggerHarness.js), against the simulated Meta
 * (test/support/vendors/metaCloudApi.js): manual setup (the callback URL is set in the app's dashboard),
 * Meta's verification GET, X-Hub-Signature-256 with the credential's App Secret, and
 * group_participants_update events.
 */
import { createHmac } from 'node:crypto';

import { TriggerHarness } from '../../support/triggerHarness';
import { startSimulator } from '../../support/scenario';
import type { VendorSimulator } from '../../support/simulator';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const meta = require('../../support/vendors/metaCloudApi');

const GROUP = '120363019502650977';
const META_GROUP: string = meta.groupRef(GROUP);
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
		provider: 'metaCloudApi',
		credentials: sim.credentials(),
		parameters: { events: ['memberJoined', 'memberLeft', 'joinRequested'], webhookSetup: 'manual' },
	}).start();
});
afterEach(async () => {
	await trigger.stop();
});

const deliver = (kind: 'memberJoined' | 'memberLeft' | 'joinRequested' | 'other', event: Record<string, unknown>, forge = false, url = trigger.url) =>
	sim.deliverTo('metaCloudApi', { url }, kind, { group: GROUP, participants: [], ...event } as never, { forge });

describe('Meta: the verification GET', () => {
	const verify = (token: string, challenge = '1158201444') =>
		trigger.post(undefined as never, {
			method: 'GET',
			url: `${trigger.url}?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=${challenge}`,
		});

	it('echoes hub.challenge for the credential\'s verify token, 403 for another one', async () => {
		await trigger.activate();
		const ok = await verify(sim.auth.metaCloudApi.verifyToken);
		expect([ok.status, ok.text]).toEqual([200, '1158201444']);
		const wrong = await verify(`${sim.auth.metaCloudApi.verifyToken}x`);
		expect(wrong.status).toBe(403);
		expect(wrong.text).not.toContain(sim.auth.metaCloudApi.verifyToken);
		expect(trigger.executions).toHaveLength(0);
		expect(sim.requests.filter((r) => r.vendor === 'metaCloudApi')).toHaveLength(0);
	});

	it('automatic is refused with the setups Meta allows', async () => {
		trigger.set({ webhookSetup: 'automatic' });
		await expect(trigger.activate()).rejects.toThrow(/cannot use the webhook setup "automatic"/);
	});
});

describe('Meta: events, signed with the App Secret', () => {
	beforeEach(async () => {
		await trigger.activate();
	});

	it('joins (invite link, approved request), a leave and a join request become items with Meta\'s group id', async () => {
		await deliver('memberJoined', { participants: [{ phone: '16315551111' }, { phone: '16315552222' }], via: 'invite_link' });
		await deliver('memberJoined', { participants: [{ phone: '16315553333' }], via: 'request_approved' });
		await deliver('memberLeft', { participants: [{ phone: '16315551111' }], by: '15550783881' });
		await deliver('joinRequested', { participants: [{ phone: '16315554444' }] });
		expect(trigger.executions.map((e) => e.items.map((i) => [i.event, i.groupId, i.participant, i.phone, i.joinedVia, i.by]))).toEqual([
			[
				['memberJoined', META_GROUP, '16315551111@s.whatsapp.net', '16315551111', 'invite_link', undefined],
				['memberJoined', META_GROUP, '16315552222@s.whatsapp.net', '16315552222', 'invite_link', undefined],
			],
			[['memberJoined', META_GROUP, '16315553333@s.whatsapp.net', '16315553333', 'request_approved', undefined]],
			[['memberLeft', META_GROUP, '16315551111@s.whatsapp.net', '16315551111', undefined, '15550783881@s.whatsapp.net']],
			[['joinRequested', META_GROUP, '16315554444@s.whatsapp.net', '16315554444', undefined, undefined]],
		]);
		for (const item of trigger.executions.flatMap((e) => e.items)) {
			expect(item.provider).toBe('metaCloudApi');
			expect(item.timestamp).toBe('2025-12-06T00:00:00.000Z');
		}
		const text = JSON.stringify(trigger.executions) + JSON.stringify(sim.deliveries);
		for (const secret of sim.secrets()) expect(text).not.toContain(secret);
	});

	it('Only These Groups takes Meta\'s group id', async () => {
		trigger.set({ options: { groupIds: META_GROUP } });
		await deliver('memberJoined', { participants: [{ phone: '16315551111' }] });
		trigger.set({ options: { groupIds: 'Y2FwaV9ncm91cDoxNTU1MDc4Mzg4MToxMjAzNjMwMjUyNDYxMjU4ODgZD' } });
		await deliver('memberJoined', { participants: [{ phone: '16315552222' }] });
		expect(trigger.executions.map((e) => e.items.map((i) => i.participant))).toEqual([['16315551111@s.whatsapp.net']]);
	});

	it('a request signed with another secret, or not signed, gets 401 and starts nothing', async () => {
		const forged = await deliver('memberJoined', { participants: [{ phone: '16315551111' }] }, true);
		expect(forged.status).toBe(401);
		const bare = await trigger.post({ object: 'whatsapp_business_account', entry: [] });
		expect(bare.status).toBe(401);
		expect(trigger.executions).toHaveLength(0);
		for (const secret of sim.secrets()) expect(forged.body + bare.text).not.toContain(secret);
	});

	it('a message and an unchosen event answer 200 and start nothing; a signed body that is not Meta\'s gets 400', async () => {
		trigger.set({ events: ['memberLeft'] });
		const answers = [await deliver('other', {}), await deliver('memberJoined', { participants: [{ phone: '16315551111' }] })];
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		const raw = JSON.stringify({ event: 'group.v2.participants', session: 'default' });
		const signature = `sha256=${createHmac('sha256', sim.auth.metaCloudApi.appSecret).update(raw).digest('hex')}`;
		expect((await trigger.post(raw, { headers: { 'X-Hub-Signature-256': signature } })).status).toBe(400);
		expect(trigger.executions).toHaveLength(0);
	});
});

describe('Meta: no App Secret in the credential', () => {
	it('accepts the request (nothing can be checked), and the verification GET says the verify token is missing', async () => {
		const credentials = sim.credentials();
		credentials.groupInviteMetaWhatsAppApi = { ...credentials.groupInviteMetaWhatsAppApi, appSecret: '', verifyToken: '' };
		const open = await new TriggerHarness({ provider: 'metaCloudApi', credentials, parameters: { events: ['memberJoined'], webhookSetup: 'manual' } }).start();
		try {
			await open.activate();
			const answer = await deliver('memberJoined', { participants: [{ phone: '16315551111' }], via: 'invite_link' }, true, open.url);
			expect(answer.status).toBe(200);
			expect(open.executions.map((e) => e.items.map((i) => [i.participant, i.joinedVia]))).toEqual([[['16315551111@s.whatsapp.net', 'invite_link']]]);
			const get = await open.post(undefined as never, { method: 'GET', url: `${open.url}?hub.mode=subscribe&hub.verify_token=anything&hub.challenge=1` });
			expect(get.status).toBe(403);
			expect(get.text).toMatch(/No Verify Token is set/);
		} finally {
			await open.stop();
		}
	});
});
