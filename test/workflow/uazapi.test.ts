/**
 * uazapi's odd answers, through real workflows (n8n-core) and the credential's own Test against the
 * simulator (test/support/vendors/uazapi.js, built from its OpenAPI spec v2.0.1 and real answers):
 * the link spelled three ways, 401 for a bad token and for an instance without a session, a Test
 * that fails for an instance the node cannot use, OwnerIsAdmin missing, a server without the paged
 * list route.
 */
import { runNode, testCredential } from '../support/harness';
import { expectNoSecrets, GROUP, NON_ADMIN_GROUP, run, startSimulator } from '../support/scenario';
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
	Object.assign(sim.variants, {
		uazapiState: 'connected',
		uazapiNoSession: 401,
		uazapiInfoLink: 'invite_link',
		uazapiResetLink: 'InviteLink',
		uazapiNonAdminGet: 'noLink',
		uazapiGroupShape: 'spec',
		uazapiList: 'post',
	});
});

const bodies = () => sim.requests.map((r) => [r.op, r.path, JSON.parse(r.body || 'null')]);

describe('uazapi: the credential Test passes only when the node can work', () => {
	it('a connected, logged-in instance passes with GET /instance/status', async () => {
		const result = await testCredential('groupInviteUazapiApi', sim.credentials().groupInviteUazapiApi);
		expect(result).toMatchObject({ ok: true, status: 200, method: 'GET', url: '/instance/status' });
		expect(sim.requests.map((r) => r.headerNames.includes('token'))).toEqual([true]);
	});

	it.each([
		['disconnected', /disconnected from WhatsApp: connect it in the uazapi panel/],
		['connecting', /still connecting \(waiting for its QR code or pairing code\)/],
		['hibernated', /hibernated: reconnect it/],
	] as const)('an instance that is %s fails, saying what to do', async (state, message) => {
		sim.variants.uazapiState = state;
		const result = await testCredential('groupInviteUazapiApi', sim.credentials().groupInviteUazapiApi);
		expect(result).toMatchObject({ ok: false, status: 200 });
		expect(result.message).toMatch(message);
	});

	it('an unknown token fails with 401 (n8n reports it as "Authorization failed - please check your credentials")', async () => {
		const result = await testCredential('groupInviteUazapiApi', { ...sim.credentials().groupInviteUazapiApi, token: 'U'.repeat(30) });
		expect(result).toMatchObject({ ok: false, status: 401, body: { error: 'instance info not found' } });
	});
});

describe('uazapi: the link spelled three ways', () => {
	it.each(['invite_link', 'InviteLink', 'inviteLink'] as const)('Get reads the group info link spelled %s', async (key) => {
		sim.variants.uazapiInfoLink = key;
		const result = await run({ sim, provider: 'uazapi', operation: 'getInviteLink', options: { includeRawResponse: true } });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		expect((result.output[0].json.raw as Array<Record<string, unknown>>)[0][key]).toBe(`https://chat.whatsapp.com/${sim.codeOf(GROUP)}`);
	});

	it.each(['InviteLink', 'invite_link', 'inviteLink'] as const)('Reset reads the new link spelled %s, with one request', async (key) => {
		sim.variants.uazapiResetLink = key;
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider: 'uazapi', operation: 'resetInviteLink' });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		expect(result.output[0].json.inviteCode).not.toBe(before);
		expect(bodies()).toEqual([['reset', '/group/resetInviteCode', { groupjid: `${GROUP}@g.us` }]]);
	});

	it('every Get asks uazapi to bypass its group cache (force: true; a reset may leave it stale, needs_refresh); the reset sends only {groupjid}', async () => {
		const result = await run({ sim, provider: 'uazapi', operation: 'resetInviteLink', options: { includePreviousLink: true } });
		expect(result.status).toBe('success');
		expect(bodies()).toEqual([
			['get', '/group/info', { groupjid: `${GROUP}@g.us`, getInviteLink: true, getRequestsParticipants: false, force: true }],
			['reset', '/group/resetInviteCode', { groupjid: `${GROUP}@g.us` }],
		]);
	});
});

describe('uazapi: 401 means a bad token or no session, and the error says both', () => {
	it('an instance without a session (401 "No session") on a reset: the session first, the token second; definite, not read back', async () => {
		sim.variants.uazapiState = 'disconnected';
		const result = await run({ sim, provider: 'uazapi', operation: 'resetInviteLink' });
		expect(result.error.message).toBe('uazapi refused to reset the invite link (HTTP 401 Unauthorized): No session');
		expect(result.error.description).toMatch(/most likely that the instance has no active WhatsApp session: connect it/);
		expect(result.error.description).toMatch(/Otherwise the Instance Token in the credential is wrong/);
		expect(sim.count('uazapi', 'reset')).toBe(1);
		expect(sim.count('uazapi', 'get')).toBe(0);
	});

	it('a wrong token (401 "Invalid token"): the token first, the session second; the token redacted', async () => {
		const wrong = 'WRONG-uazapi-token-987654';
		const result = await run({ sim, provider: 'uazapi', operation: 'getInviteLink', credentials: { token: wrong } });
		expect(result.error.message).toBe('uazapi refused to get the invite link (HTTP 401 Unauthorized): Invalid token');
		expect(result.error.description).toMatch(/^uazapi answers 401 for two reasons: the Instance Token in the credential is wrong/);
		expect(result.error.description).toMatch(/or the instance has no active WhatsApp session/);
		expectNoSecrets(result.serialized, [...sim.secrets(), wrong]);
	});

	it('a server that answers a missing session with 500 "WhatsApp client is not connected": a definite failure, not "may not have completed"', async () => {
		sim.variants.uazapiState = 'disconnected';
		sim.variants.uazapiNoSession = 500;
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider: 'uazapi', operation: 'resetInviteLink', onError: 'continueRegularOutput' });
		const json = result.output[0].json as Record<string, unknown>;
		expect(json.error).toBe('uazapi failed while trying to reset the invite link (HTTP 500 Internal Server Error): WhatsApp client is not connected');
		expect(json.currentInviteLink).toBeUndefined();
		expect(sim.codeOf(GROUP)).toBe(before);
		expect(sim.count('uazapi', 'get')).toBe(0);
	});
});

describe('uazapi: groups the number does not administer', () => {
	it('Reset: 403 "User is not an admin of this group" with a hint at admin rights', async () => {
		const result = await run({ sim, provider: 'uazapi', operation: 'resetInviteLink', groupId: NON_ADMIN_GROUP });
		expect(result.error.message).toBe('uazapi refused to reset the invite link (HTTP 403 Forbidden): User is not an admin of this group');
		expect(result.error.description).toMatch(/admin of the group/);
	});

	it('Get answered with the group but no link: the error says OwnerIsAdmin is false', async () => {
		const result = await run({ sim, provider: 'uazapi', operation: 'getInviteLink', groupId: NON_ADMIN_GROUP });
		expect(result.error.message).toBe(
			'uazapi answered HTTP 200 but did not include an invite link: it reports that the connected number is not an admin of the group (OwnerIsAdmin false)',
		);
	});

	it('Get answered 500 "Failed to retrieve group information": no link, the vendor message', async () => {
		sim.variants.uazapiNonAdminGet = '500';
		const result = await run({ sim, provider: 'uazapi', operation: 'getInviteLink', groupId: NON_ADMIN_GROUP });
		expect(result.error.message).toBe('uazapi failed while trying to get the invite link (HTTP 500 Internal Server Error): Failed to retrieve group information');
		expect(sim.count('uazapi', 'get')).toBe(1);
	});
});

describe('uazapi: reset safety', () => {
	it('a reset that times out is never sent again; the current link is read (with force) and reported', async () => {
		sim.inject({ vendor: 'uazapi', op: 'reset', fault: 'timeout' });
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider: 'uazapi', operation: 'resetInviteLink', options: { timeout: 1000 }, onError: 'continueRegularOutput' });
		const json = result.output[0].json as Record<string, unknown>;
		expect(json.error).toMatch(/^The reset may not have completed: uazapi did not answer within 1 s when asked to reset the invite link$/);
		expect(sim.codeOf(GROUP)).not.toBe(before);
		expect(json.currentInviteCode).toBe(sim.codeOf(GROUP));
		expect(bodies()).toEqual([
			['reset', '/group/resetInviteCode', { groupjid: `${GROUP}@g.us` }],
			['get', '/group/info', { groupjid: `${GROUP}@g.us`, getInviteLink: true, getRequestsParticipants: false, force: true }],
		]);
	});
});

describe('uazapi: group lists', () => {
	async function many(parameters: Record<string, unknown>) {
		const result = await runNode({
			typeVersion: 1.1,
			parameters: { provider: 'uazapi', options: {}, ...parameters },
			credentials: { groupInviteUazapiApi: sim.credentials().groupInviteUazapiApi },
		});
		expectNoSecrets(result.serialized, sim.secrets());
		return result;
	}

	it('as a real server answers (no OwnerIsAdmin, @lid JIDs): isAdmin from the participants, the connected number asked once', async () => {
		sim.variants.uazapiGroupShape = 'live';
		const result = await many({ operation: 'getManyGroups', returnAll: true });
		expect(result.output.map((i: { json: Record<string, unknown> }) => [i.json.groupId, i.json.isAdmin, i.json.participantCount])).toEqual([
			[`${GROUP}@g.us`, true, 3],
			['5511999999999-1623281429@g.us', true, 3],
			[`${NON_ADMIN_GROUP}@g.us`, false, 3],
		]);
		expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /group/list', 'GET /instance/status']);
		const admins = await many({ operation: 'getManyGroups', returnAll: true, filters: { adminOnly: true } });
		expect(admins.output.map((i: { json: Record<string, unknown> }) => i.json.groupId)).toEqual([`${GROUP}@g.us`, '5511999999999-1623281429@g.us']);
	});

	it('a server without the paged POST route is listed with GET /group/list, found out once per run', async () => {
		sim.variants.uazapiList = 'getOnly';
		const result = await many({ operation: 'getManyGroups', returnAll: true });
		expect(result.output).toHaveLength(3);
		expect(result.output[2].json).toMatchObject({ groupId: `${NON_ADMIN_GROUP}@g.us`, isAdmin: false, participantCount: 3 });
		expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /group/list 405', 'GET /group/list 200']);
	});

	it('By Invite Link: a revoked link fails with uazapi\'s 404 "invalid or has expired"', async () => {
		const code = sim.codeOf(GROUP) as string;
		await run({ sim, provider: 'uazapi', operation: 'resetInviteLink' });
		const result = await many({ operation: 'getInviteLink', groupId: { __rl: true, mode: 'url', value: `https://chat.whatsapp.com/${code}` } });
		expect(result.error.message).toBe('uazapi knows no group for this invite link: it may have been revoked or expired (Group invite link is invalid or has expired)');
	});
});
