/**
 * GOWA (go-whatsapp-web-multidevice) through real workflows (n8n-core) and the credential's own test
 * request, against the simulator (test/support/vendors/gowa.js): what aldinokemal/
 * go-whatsapp-web-multidevice@51f7b19 really answers where its docs are silent (cited in the adapter).
 */
import { testCredential } from '../support/harness';
import { expectNoSecrets, GROUP, NON_ADMIN_GROUP, run, startSimulator, run11 as v11 } from '../support/scenario';
import type { VendorSimulator } from '../support/simulator';

let sim: VendorSimulator;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(() => {
	sim.reset();
	Object.assign(sim.variants, { gowaBasicAuth: true, gowaDevices: 'single', gowaState: 'loggedIn', gowaLid: false });
});

const CREDENTIAL = 'groupInviteGowaApi';
const data = () => sim.credentials()[CREDENTIAL];
const TIMEOUT = 1000;

const run11 = (parameters: Record<string, unknown>, extra: { onError?: 'continueRegularOutput' } = {}) =>
	v11(sim, 'gowa', parameters, extra);

describe('GOWA: {"code": "SUCCESS", "message"} is its success, never an error', () => {
	it('Get and Reset read results.invite_link from the SUCCESS envelope, under the APP_BASE_PATH', async () => {
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider: 'gowa', operation: 'resetInviteLink', options: { includePreviousLink: true, includeRawResponse: true } });
		const json = result.output[0].json;
		expect(json).toMatchObject({ previousInviteCode: before, inviteCode: sim.codeOf(GROUP) });
		expect(json.raw).toEqual([
			{ code: 'SUCCESS', message: 'Success get group invite link', results: { invite_link: `https://chat.whatsapp.com/${before}`, group_id: `${GROUP}@g.us` } },
			{ code: 'SUCCESS', message: 'Success get group invite link', results: { invite_link: `https://chat.whatsapp.com/${sim.codeOf(GROUP)}`, group_id: `${GROUP}@g.us` } },
		]);
		expect(sim.requests.map((r) => [r.op, r.method, r.path, r.query])).toEqual([
			['get', 'GET', '/gowa/group/invite-link', { group_id: `${GROUP}@g.us`, reset: 'false' }],
			['reset', 'GET', '/gowa/group/invite-link', { group_id: `${GROUP}@g.us`, reset: 'true' }],
		]);
		expect(sim.requests[0].headerNames).toEqual(expect.arrayContaining(['authorization', 'x-device-id']));
	});

	it.each(['envelopeCode', 'envelopeWordCode'] as const)('a 200 whose code is not SUCCESS (%s) is an error, not a link', async (fault) => {
		sim.inject({ vendor: 'gowa', op: 'get', fault });
		const result = await run({ sim, provider: 'gowa', operation: 'getInviteLink', onError: 'continueRegularOutput' });
		expect(result.output[0].json.error).toMatch(/^GOWA answered HTTP 200 with an error and did not get the invite link: /);
		expect(sim.count('gowa', 'get')).toBe(1);
	});

	it.each(['timeout', 'resetAfter', '500', '503'] as const)('a reset that meets %s is never sent again; the current link is reported', async (fault) => {
		sim.inject({ vendor: 'gowa', op: 'reset', fault });
		const result = await run({ sim, provider: 'gowa', operation: 'resetInviteLink', options: { timeout: TIMEOUT }, onError: 'continueRegularOutput' });
		expect(result.output[0].json.error).toMatch(/^The reset may not have completed: /);
		expect(sim.count('gowa', 'reset')).toBe(1);
		expect(result.output[0].json.currentInviteCode).toBe(sim.codeOf(GROUP));
	});
});

describe('GOWA: two kinds of 401, told apart by the body', () => {
	it('a wrong password: 401 with the plain-text body "Unauthorized" points at Username and Password', async () => {
		const result = await run({ sim, provider: 'gowa', operation: 'getInviteLink', credentials: { password: 'wrong-password' } });
		expect(result.error.message).toBe('GOWA refused to get the invite link (HTTP 401 Unauthorized): Unauthorized');
		expect(result.error.description).toMatch(/Username and Password in the GOWA credential .*APP_BASIC_AUTH/);
		expect(result.error.description).not.toMatch(/logged in/);
		expectNoSecrets(result.serialized, [...sim.secrets(), 'wrong-password']);
	});

	it.each([
		['disconnected', 'you are not connect to services server, please reconnect'],
		['notLoggedIn', 'you are not logged in'],
	] as const)('a device that is %s: 401 AUTHENTICATION_ERROR (JSON) says to log the device in, not to check the password', async (state, text) => {
		sim.variants.gowaState = state;
		const result = await run({ sim, provider: 'gowa', operation: 'resetInviteLink' });
		expect(result.error.message).toBe(`GOWA refused to reset the invite link (HTTP 401 Unauthorized): ${text}`);
		expect(result.error.description).toMatch(/not connected or not logged in: log it in/);
		expect(result.error.description).not.toMatch(/Password/);
		expect(sim.requests.map((r) => r.op)).toEqual(['reset']);
	});

	it('a server without basic auth takes no Authorization header: empty Username and Password send none', async () => {
		sim.variants.gowaBasicAuth = false;
		const result = await run({ sim, provider: 'gowa', operation: 'getInviteLink', credentials: { username: '', password: '' } });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		expect(sim.requests[0].headerNames).not.toContain('authorization');
		expect(await testCredential(CREDENTIAL, { ...data(), username: '', password: '' })).toMatchObject({ ok: true });
		sim.variants.gowaBasicAuth = true;
		const refused = await run({ sim, provider: 'gowa', operation: 'getInviteLink', credentials: { username: '', password: '' } });
		expect(refused.error.message).toBe('GOWA refused to get the invite link (HTTP 401 Unauthorized): Unauthorized');
	});
});

describe('GOWA: devices and WhatsApp refusals', () => {
	it('several devices and no Device ID: 400 DEVICE_ID_REQUIRED says to set it; an unknown one is a 404', async () => {
		sim.variants.gowaDevices = 'multi';
		const missing = await run({ sim, provider: 'gowa', operation: 'getInviteLink', credentials: { deviceId: '' } });
		expect(missing.error.message).toBe('GOWA refused to get the invite link (HTTP 400 Bad Request): device_id is required via X-Device-Id header or device_id query');
		expect(missing.error.description).toMatch(/several devices: set Device ID/);
		const chosen = await run({ sim, provider: 'gowa', operation: 'getInviteLink', credentials: { deviceId: 'sales-device' } });
		expect(chosen.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		const unknown = await run({ sim, provider: 'gowa', operation: 'getInviteLink', credentials: { deviceId: 'nope' } });
		expect(unknown.error.httpCode).toBe('404');
		expect(unknown.error.description).toMatch(/no device with the Device ID/);
	});

	it('a device given by its JID works (the header is sent as typed; GOWA URL-decodes it)', async () => {
		const result = await run({ sim, provider: 'gowa', operation: 'getInviteLink', credentials: { deviceId: '5511999999999@s.whatsapp.net' } });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
	});

	it.each([
		[NON_ADMIN_GROUP, "you don't have the permission to get the group's invite link", /admin of the group/],
		['120363000000000001', 'that group does not exist', /check the Group ID/],
	])('a Get on %s fails with whatsmeow\'s text as a 500 and its hint', async (groupId, text, hint) => {
		const result = await run({ sim, provider: 'gowa', operation: 'getInviteLink', groupId });
		expect(result.error.message).toBe(`GOWA failed while trying to get the invite link (HTTP 500 Internal Server Error): ${text}`);
		expect(result.error.description).toMatch(hint);
		expect(sim.count('gowa', 'get')).toBe(1);
	});
});

describe('GOWA: the credential Test (GET /app/status)', () => {
	it.each([
		['disconnected', /device is not connected/],
		['notLoggedIn', /device is not connected/],
	] as const)('a device that is %s fails the Test, saying what to do', async (state, message) => {
		sim.variants.gowaState = state;
		const result = await testCredential(CREDENTIAL, data());
		expect(result).toMatchObject({ ok: false, status: 200, method: 'GET', url: '/gowa/app/status' });
		expect(result.message).toMatch(message);
	});

	it('a logged-in device passes; a wrong password (401) or an unknown device (404) fails', async () => {
		expect(await testCredential(CREDENTIAL, data())).toMatchObject({ ok: true, url: '/gowa/app/status' });
		expect(await testCredential(CREDENTIAL, { ...data(), password: 'wrong' })).toMatchObject({ ok: false, status: 401, body: 'Unauthorized' });
		expect(await testCredential(CREDENTIAL, { ...data(), deviceId: 'nope' })).toMatchObject({ ok: false, status: 404, body: { code: 'DEVICE_NOT_FOUND' } });
	});
});

describe('GOWA: groups (node v1.1)', () => {
	it("Get Many Groups: results.data, isAdmin from /app/status's jid", async () => {
		const result = await run11({ operation: 'getManyGroups', returnAll: true });
		expect(result.output.map((i: { json: { isAdmin?: boolean } }) => i.json.isAdmin)).toEqual([true, true, false]);
		expect(result.output[0].json).toEqual({ provider: 'gowa', operation: 'getManyGroups', groupId: `${GROUP}@g.us`, name: `Group ${GROUP}`, participantCount: 3, isAdmin: true });
		expect(sim.requests.map((r) => r.path)).toEqual(['/gowa/user/my/groups', '/gowa/app/status']);
	});

	it('LID-addressed groups: the number is matched by PhoneNumber', async () => {
		sim.variants.gowaLid = true;
		const result = await run11({ operation: 'getManyGroups', returnAll: true, filters: { adminOnly: true } });
		expect(result.output.map((i: { json: { groupId: string } }) => i.json.groupId)).toEqual([`${GROUP}@g.us`, '5511999999999-1623281429@g.us']);
	});

	it('By Invite Link: "that group invite link has been revoked" is reported as leading nowhere', async () => {
		const code = sim.codeOf(GROUP) as string;
		const found = await run11({ operation: 'getInviteLink', groupId: { __rl: true, mode: 'url', value: code } });
		expect(found.output[0].json).toMatchObject({ groupId: `${GROUP}@g.us`, inviteCode: code });
		expect(sim.requests[0].query).toEqual({ link: `https://chat.whatsapp.com/${code}` });
		const gone = await run11({ operation: 'getInviteLink', groupId: { __rl: true, mode: 'url', value: 'AbCdEfGhIjKlMnOpQrStUv' } }, { onError: 'continueRegularOutput' });
		expect(gone.output[0].json.error).toBe('GOWA knows no group for this invite link: it may have been revoked or expired (that group invite link has been revoked)');
	});
});
