/**
 * Wuzapi through real workflows (n8n-core) and the credential's own test request, against the
 * simulator (test/support/vendors/wuzapi.js): what asternic/wuzapi (79ee4cd and 1.0.9) really
 * answers where its docs are silent (cited in the adapter).
 */
import { testCredential } from '../support/harness';
import { GROUP, NON_ADMIN_GROUP, run, startSimulator, run11 as v11 } from '../support/scenario';
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
	Object.assign(sim.variants, { wuzapiVersion: '1.0.9', wuzapiSession: 'loggedIn', wuzapiLid: false });
});

const CREDENTIAL = 'groupInviteWuzapiApi';
const data = () => sim.credentials()[CREDENTIAL];
const TIMEOUT = 1000;

const run11 = (parameters: Record<string, unknown>, extra: { onError?: 'continueRegularOutput' } = {}) =>
	v11(sim, 'wuzapi', parameters, extra);

describe('Wuzapi: HTTP 500 {"code": 500, "success": true} is a failure, whatever `success` says', () => {
	it('a Get that WhatsApp refuses is a failure with no link, and the hint lists the hidden causes', async () => {
		const result = await run({ sim, provider: 'wuzapi', operation: 'getInviteLink', groupId: NON_ADMIN_GROUP, options: { includeRawResponse: true }, onError: 'continueRegularOutput' });
		const json = result.output[0].json;
		expect(json.error).toBe('Wuzapi failed while trying to get the invite link (HTTP 500 Internal Server Error)');
		expect(json.inviteLink).toBeUndefined();
		expect(sim.requests.map((r) => r.status)).toEqual([500]);
		const failed = await run({ sim, provider: 'wuzapi', operation: 'getInviteLink', groupId: NON_ADMIN_GROUP });
		expect(failed.error.description).toMatch(/does not pass WhatsApp's reason on .*not an admin of the group/);
		// A 500 is not retried even for a read (only 502, 503, 504 are).
		expect(sim.count('wuzapi', 'get')).toBe(2);
	});

	it('a Reset that WhatsApp refuses may have happened for all the node can tell: sent once, the current link read back', async () => {
		const before = sim.codeOf(NON_ADMIN_GROUP);
		const result = await run({ sim, provider: 'wuzapi', operation: 'resetInviteLink', groupId: NON_ADMIN_GROUP, onError: 'continueRegularOutput' });
		expect(result.output[0].json.error).toBe(
			'The reset may not have completed: Wuzapi failed while trying to reset the invite link (HTTP 500 Internal Server Error)',
		);
		expect(sim.requests.map((r) => [r.op, r.status, r.query.reset])).toEqual([
			['reset', 500, 'true'],
			['get', 500, 'false'],
		]);
		expect(sim.codeOf(NON_ADMIN_GROUP)).toBe(before);
	});

	it.each(['timeout', 'resetAfter', '500', '503'] as const)('a reset that meets %s is never sent again; the current link is reported', async (fault) => {
		sim.inject({ vendor: 'wuzapi', op: 'reset', fault });
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider: 'wuzapi', operation: 'resetInviteLink', options: { timeout: TIMEOUT }, onError: 'continueRegularOutput' });
		const json = result.output[0].json;
		expect(json.error).toMatch(/^The reset may not have completed: /);
		expect(sim.count('wuzapi', 'reset')).toBe(1);
		expect(json.currentInviteCode).toBe(sim.codeOf(GROUP));
		if (fault === 'timeout' || fault === 'resetAfter') expect(sim.codeOf(GROUP)).not.toBe(before);
		else expect(sim.codeOf(GROUP)).toBe(before);
	});

	it('no session for the user: 500 "no session" is definite (nothing reached WhatsApp) and says to connect', async () => {
		sim.variants.wuzapiSession = 'none';
		const result = await run({ sim, provider: 'wuzapi', operation: 'resetInviteLink' });
		expect(result.error.message).toBe('Wuzapi failed while trying to reset the invite link (HTTP 500 Internal Server Error): no session');
		expect(result.error.description).toMatch(/POST \/session\/connect/);
		expect(sim.requests.map((r) => r.op)).toEqual(['reset']);
	});

	it('the token travels in the token header; a wrong one is a 401 pointing at the user token', async () => {
		const result = await run({ sim, provider: 'wuzapi', operation: 'getInviteLink' });
		expect(sim.requests[0].headerNames).toContain('token');
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		const wrong = await run({ sim, provider: 'wuzapi', operation: 'getInviteLink', credentials: { token: 'WUZ-wrong-token' } });
		expect(wrong.error.message).toBe('Wuzapi refused to get the invite link (HTTP 401 Unauthorized): unauthorized');
		expect(wrong.error.description).toMatch(/not the admin token/);
	});

	it('the May 2025 server answers the same, with its capitalised errors', async () => {
		sim.variants.wuzapiVersion = '2025-05';
		const result = await run({ sim, provider: 'wuzapi', operation: 'resetInviteLink' });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		sim.variants.wuzapiSession = 'none';
		const none = await run({ sim, provider: 'wuzapi', operation: 'getInviteLink' });
		expect(none.error.message).toMatch(/\(HTTP 500 Internal Server Error\): No session$/);
		expect(none.error.description).toMatch(/POST \/session\/connect/);
	});
});

describe('Wuzapi: the credential Test (GET /session/status, both spellings)', () => {
	it.each([
		['1.0.9', 'disconnected', /not connected to WhatsApp: connect it/],
		['1.0.9', 'none', /not connected to WhatsApp: connect it/],
		['1.0.9', 'connected', /not logged in to WhatsApp: scan its QR code/],
		['2025-05', 'disconnected', /not connected to WhatsApp: connect it/],
		['2025-05', 'connected', /not logged in to WhatsApp: scan its QR code/],
	] as const)('Wuzapi %s with a session that is %s fails the Test, saying what to do', async (version, session, message) => {
		Object.assign(sim.variants, { wuzapiVersion: version, wuzapiSession: session });
		const result = await testCredential(CREDENTIAL, data());
		expect(result).toMatchObject({ ok: false, status: 200, method: 'GET', url: '/wuzapi/session/status' });
		expect(result.message).toMatch(message);
	});

	it('the May 2025 server without a client answers 500 "No session": the Test fails', async () => {
		Object.assign(sim.variants, { wuzapiVersion: '2025-05', wuzapiSession: 'none' });
		expect(await testCredential(CREDENTIAL, data())).toMatchObject({ ok: false, status: 500, body: { error: 'No session' } });
	});

	it.each(['1.0.9', '2025-05'] as const)('Wuzapi %s, connected and logged in, passes; a wrong token fails with 401', async (version) => {
		sim.variants.wuzapiVersion = version;
		expect(await testCredential(CREDENTIAL, data())).toMatchObject({ ok: true, status: 200 });
		expect(await testCredential(CREDENTIAL, { ...data(), token: 'wrong' })).toMatchObject({ ok: false, status: 401 });
	});
});

describe('Wuzapi: groups (node v1.1)', () => {
	it("Get Many Groups: isAdmin from 1.0.9's status jid (device suffix and all), the token in the status answer never shown", async () => {
		const result = await run11({ operation: 'getManyGroups', returnAll: true, options: { includeRawResponse: true } });
		expect(result.output.map((i: { json: { isAdmin?: boolean } }) => i.json.isAdmin)).toEqual([true, true, false]);
		expect(result.output[0].json).toEqual({ provider: 'wuzapi', operation: 'getManyGroups', groupId: `${GROUP}@g.us`, name: `Group ${GROUP}`, participantCount: 3, isAdmin: true });
		expect(sim.requests.map((r) => r.path)).toEqual(['/wuzapi/group/list', '/wuzapi/session/status']);
	});

	it('LID-addressed groups: the number is matched by PhoneNumber', async () => {
		sim.variants.wuzapiLid = true;
		const result = await run11({ operation: 'getManyGroups', returnAll: true, filters: { adminOnly: true } });
		expect(result.output.map((i: { json: { groupId: string } }) => i.json.groupId)).toEqual([`${GROUP}@g.us`, '5511999999999-1623281429@g.us']);
	});

	it('a May 2025 server has no jid in its status: the groups come without isAdmin (never guessed)', async () => {
		sim.variants.wuzapiVersion = '2025-05';
		const result = await run11({ operation: 'getManyGroups', returnAll: true });
		expect(result.output).toHaveLength(3);
		expect(result.output.every((i: { json: Record<string, unknown> }) => !('isAdmin' in i.json))).toBe(true);
		// Admin Only then fails, saying why, instead of keeping no group at all.
		const adminOnly = await run11({ operation: 'getManyGroups', returnAll: true, filters: { adminOnly: true } }, { onError: 'continueRegularOutput' });
		expect(adminOnly.output).toHaveLength(1);
		expect(adminOnly.output[0].json.error).toBe("Admin Only can't be applied: Wuzapi did not say for any of the 3 groups whether the connected number is an admin");
	});

	it('a number in no group (Groups: null) gives no item', async () => {
		const saved = new Map(sim.groups);
		sim.groups.clear();
		try {
			const result = await run11({ operation: 'getManyGroups', returnAll: true });
			expect(result.status).toBe('success');
			expect(result.output).toHaveLength(0);
		} finally {
			for (const [id, g] of saved) sim.groups.set(id, g);
		}
	});

	it('By Invite Link: the bare 500 means a link that leads nowhere only when the session is connected', async () => {
		const code = sim.codeOf(GROUP) as string;
		const found = await run11({ operation: 'getInviteLink', groupId: { __rl: true, mode: 'url', value: code } });
		expect(found.output[0].json).toMatchObject({ groupId: `${GROUP}@g.us`, inviteCode: code });
		sim.reset();
		const gone = await run11({ operation: 'getInviteLink', groupId: { __rl: true, mode: 'url', value: 'AbCdEfGhIjKlMnOpQrStUv' } }, { onError: 'continueRegularOutput' });
		expect(gone.output[0].json.error).toBe('Wuzapi knows no group for this invite link: it may have been revoked or expired (HTTP 500 Internal Server Error)');
		expect(sim.requests.map((r) => r.op)).toEqual(['lookup', 'status']);
		sim.variants.wuzapiSession = 'disconnected';
		const offline = await run11({ operation: 'getInviteLink', groupId: { __rl: true, mode: 'url', value: code } }, { onError: 'continueRegularOutput' });
		expect(offline.output[0].json.error).toMatch(/^Wuzapi answered HTTP 200 but says the session is not connected and logged in to WhatsApp/);
	});

	it('By Invite Link on a May 2025 server (no /group/inviteinfo) says the lookup came with 1.0.9', async () => {
		sim.variants.wuzapiVersion = '2025-05';
		const result = await run11({ operation: 'getInviteLink', groupId: { __rl: true, mode: 'url', value: sim.codeOf(GROUP) } }, { onError: 'continueRegularOutput' });
		expect(result.output[0].json.error).toMatch(/^Wuzapi answered HTTP 404 Not Found but has no invite-link lookup \(POST \/group\/inviteinfo came with Wuzapi 1\.0\.9\)/);
	});
});
