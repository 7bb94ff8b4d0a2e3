/**
 * Evolution GO's odd answers, through real workflows (n8n-core) and the credential's own Test against
 * the simulator (test/support/vendors/evolutionGo.js, built from EvolutionAPI/evolution-go@89eaae3):
 * Get and Reset on one URL (a reset is never re-sent), the global key's 401, WhatsApp's refusals as
 * definite 500s, a Test that fails for an instance the node cannot use, and the start side effect.
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
	Object.assign(sim.variants, { evolutionGoState: 'connected', evolutionGoListShape: 'flat' });
	(sim as unknown as { evolutionGoStarts: number }).evolutionGoStarts = 0;
});

const starts = () => (sim as unknown as { evolutionGoStarts: number }).evolutionGoStarts;
const bodies = () => sim.requests.map((r) => [r.op, r.method, r.path, JSON.parse(r.body || 'null')]);
const credentials = () => sim.credentials().groupInviteEvolutionGoApi;

describe('Evolution GO: Get and Reset share one URL', () => {
	it('a Get sends reset: false and a Reset reset: true, to POST /group/invitelink', async () => {
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider: 'evolutionGo', operation: 'resetInviteLink', options: { includePreviousLink: true } });
		expect(result.output[0].json).toMatchObject({ previousInviteCode: before, inviteCode: sim.codeOf(GROUP) });
		expect(bodies()).toEqual([
			['get', 'POST', '/evolution-go/group/invitelink', { groupJid: `${GROUP}@g.us`, reset: false }],
			['reset', 'POST', '/evolution-go/group/invitelink', { groupJid: `${GROUP}@g.us`, reset: true }],
		]);
		expect(sim.requests.every((r) => r.headerNames.includes('apikey'))).toBe(true);
	});

	it.each(['timeout', 'resetAfter', 'resetBefore', '503'] as const)(
		'a reset that fails with %s is never sent again: one read (reset: false) follows and reports the current link',
		async (fault) => {
			sim.inject({ vendor: 'evolutionGo', op: 'reset', fault });
			const before = sim.codeOf(GROUP);
			const result = await run({ sim, provider: 'evolutionGo', operation: 'resetInviteLink', options: { timeout: 1000 }, onError: 'continueRegularOutput' });
			const json = result.output[0].json as Record<string, unknown>;
			expect(json.error).toMatch(/^The reset may not have completed: /);
			expect(bodies()).toEqual([
				['reset', 'POST', '/evolution-go/group/invitelink', { groupJid: `${GROUP}@g.us`, reset: true }],
				['get', 'POST', '/evolution-go/group/invitelink', { groupJid: `${GROUP}@g.us`, reset: false }],
			]);
			expect(json.currentInviteCode).toBe(sim.codeOf(GROUP));
			if (fault === 'timeout' || fault === 'resetAfter') expect(sim.codeOf(GROUP)).not.toBe(before);
			else expect(sim.codeOf(GROUP)).toBe(before);
		},
	);

	it('a Get that times out is read again (a read is safe to repeat), still with reset: false', async () => {
		sim.inject({ vendor: 'evolutionGo', op: 'get', fault: 'timeout' });
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider: 'evolutionGo', operation: 'getInviteLink', options: { timeout: 1000 } });
		expect(result.output[0].json.inviteCode).toBe(before);
		expect(sim.codeOf(GROUP)).toBe(before);
		expect(bodies().map((b) => b[3])).toEqual([
			{ groupJid: `${GROUP}@g.us`, reset: false },
			{ groupJid: `${GROUP}@g.us`, reset: false },
		]);
	});
});

describe('Evolution GO: the token', () => {
	it("the server's global API key gets 401 \"not authorized\" on the group routes, and the error says to use the instance token", async () => {
		const globalKey = sim.auth.evolutionGo.globalKey;
		const result = await run({ sim, provider: 'evolutionGo', operation: 'getInviteLink', credentials: { token: globalKey } });
		expect(result.error.message).toBe('Evolution GO refused to get the invite link (HTTP 401 Unauthorized): not authorized');
		expect(result.error.description).toMatch(/Instance Token to the instance's own token/);
		expect(result.error.description).toMatch(/global API key \(GLOBAL_API_KEY\) is not accepted here/);
		expectNoSecrets(result.serialized, sim.secrets());
	});
});

describe('Evolution GO: the credential Test passes only when the node can work', () => {
	it('a connected, logged-in instance passes with GET /instance/status and the apikey header', async () => {
		expect(await testCredential('groupInviteEvolutionGoApi', credentials())).toMatchObject({ ok: true, status: 200, method: 'GET', url: '/evolution-go/instance/status' });
		expect(sim.requests[0].headerNames).toContain('apikey');
	});

	it.each([
		['disconnected', 'client disconnected', /disconnected from WhatsApp \(client disconnected\): reconnect it/],
		['noSession', 'no active session found', /no active WhatsApp session \(no active session found\): connect it/],
	] as const)('an instance that is %s (400 "%s") fails, saying to connect it (not n8n\'s generic "Bad request")', async (state, error, message) => {
		sim.variants.evolutionGoState = state;
		const result = await testCredential('groupInviteEvolutionGoApi', credentials());
		expect(result).toMatchObject({ ok: false, status: 400, body: { error } });
		expect(result.message).toMatch(message);
	});

	it('a Base URL that is not Evolution GO (here: the root, where uazapi answers) fails: no data.Connected in the answer', async () => {
		const result = await testCredential('groupInviteEvolutionGoApi', { ...credentials(), baseUrl: sim.baseUrl });
		expect(result).toMatchObject({ ok: false, status: 401, url: '/instance/status' });
		expect(result.message).toMatch(/did not answer as Evolution GO's GET \/instance\/status does: check that the Base URL/);
	});

	it('an instance connected but not logged in (waiting for its QR code) fails, saying to scan it', async () => {
		sim.variants.evolutionGoState = 'qr';
		const result = await testCredential('groupInviteEvolutionGoApi', credentials());
		expect(result).toMatchObject({ ok: false, status: 200, body: { data: { Connected: true, LoggedIn: false } } });
		expect(result.message).toMatch(/not logged in to WhatsApp: scan its QR code/);
	});

	it('the global key (or a wrong token) fails with 401, saying to use the instance token', async () => {
		for (const token of [sim.auth.evolutionGo.globalKey, 'wrong-token']) {
			const result = await testCredential('groupInviteEvolutionGoApi', { ...credentials(), token });
			expect(result).toMatchObject({ ok: false, status: 401, body: { error: 'not authorized' } });
			expect(result.message).toMatch(/use the instance's own token .*not the server's global API key/);
		}
	});

	it('the side effect the description names: an instance not loaded yet is started by the Test (as by any call of the node)', async () => {
		sim.variants.evolutionGoState = 'unloaded';
		expect(await testCredential('groupInviteEvolutionGoApi', credentials())).toMatchObject({ ok: true });
		expect(starts()).toBe(1);
		sim.variants.evolutionGoState = 'unloaded';
		const result = await run({ sim, provider: 'evolutionGo', operation: 'getInviteLink' });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		expect(starts()).toBe(2);
	});
});

describe("Evolution GO: WhatsApp's refusals are 500s, and definite", () => {
	it('a non-admin reset: the vendor message, a hint at admin rights, not "may not have completed", no read', async () => {
		const before = sim.codeOf(NON_ADMIN_GROUP);
		const result = await run({ sim, provider: 'evolutionGo', operation: 'resetInviteLink', groupId: NON_ADMIN_GROUP, onError: 'continueRegularOutput' });
		const json = result.output[0].json as Record<string, unknown>;
		expect(json.error).toBe("Evolution GO failed while trying to reset the invite link (HTTP 500 Internal Server Error): you don't have the permission to get the group's invite link");
		expect(json.currentInviteLink).toBeUndefined();
		expect(sim.codeOf(NON_ADMIN_GROUP)).toBe(before);
		expect(sim.count('evolutionGo', 'get')).toBe(0);
	});

	it.each([
		['disconnected', 'client disconnected', /reconnect it/],
		['noSession', 'no active session found', /no active WhatsApp session/],
	] as const)('an instance that is %s: 500 "%s" on a reset is definite, with a hint to connect it', async (state, error, hint) => {
		sim.variants.evolutionGoState = state;
		const result = await run({ sim, provider: 'evolutionGo', operation: 'resetInviteLink' });
		expect(result.error.message).toBe(`Evolution GO failed while trying to reset the invite link (HTTP 500 Internal Server Error): ${error}`);
		expect(result.error.description).toMatch(hint);
		expect(sim.count('evolutionGo', 'reset')).toBe(1);
		expect(sim.count('evolutionGo', 'get')).toBe(0);
	});

	it('an unknown group: 500 "that group does not exist", with a hint at the Group ID', async () => {
		const result = await run({ sim, provider: 'evolutionGo', operation: 'getInviteLink', groupId: '120363000000000001@g.us' });
		expect(result.error.message).toBe('Evolution GO failed while trying to get the invite link (HTTP 500 Internal Server Error): that group does not exist');
		expect(result.error.description).toMatch(/check the Group ID/);
	});
});

describe('Evolution GO: group lists', () => {
	async function v11(parameters: Record<string, unknown>, extra: { onError?: 'continueRegularOutput' } = {}) {
		const result = await runNode({
			typeVersion: 1.1,
			parameters: { provider: 'evolutionGo', options: {}, ...parameters },
			credentials: { groupInviteEvolutionGoApi: credentials() },
			...extra,
		});
		expectNoSecrets(result.serialized, sim.secrets());
		return result;
	}

	it.each(['flat', 'wiki'] as const)('GET /group/list with GroupInfo %s: names and counts, never isAdmin', async (shape) => {
		sim.variants.evolutionGoListShape = shape;
		const result = await v11({ operation: 'getManyGroups', returnAll: true });
		expect(result.output.map((i: { json: Record<string, unknown> }) => i.json)).toEqual([
			{ provider: 'evolutionGo', operation: 'getManyGroups', groupId: `${GROUP}@g.us`, name: `Group ${GROUP}`, participantCount: 3 },
			{ provider: 'evolutionGo', operation: 'getManyGroups', groupId: '5511999999999-1623281429@g.us', name: 'Group 5511999999999-1623281429', participantCount: 3 },
			{ provider: 'evolutionGo', operation: 'getManyGroups', groupId: `${NON_ADMIN_GROUP}@g.us`, name: `Group ${NON_ADMIN_GROUP}`, participantCount: 3 },
		]);
		expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /evolution-go/group/list']);
	});

	it('Admin Only cannot apply (no own JID with the instance token) and By Invite Link cannot resolve: both say so before any request', async () => {
		const admins = await v11({ operation: 'getManyGroups', returnAll: true, filters: { adminOnly: true } }, { onError: 'continueRegularOutput' });
		expect(admins.output[0].json.error).toMatch(/^Admin Only can't be applied with Evolution GO/);
		const link = await v11({ operation: 'getInviteLink', groupId: { __rl: true, mode: 'url', value: `https://chat.whatsapp.com/${sim.codeOf(GROUP)}` } }, { onError: 'continueRegularOutput' });
		expect(link.output[0].json.error).toMatch(/Evolution GO cannot look up an invite link/);
		expect(sim.requests).toHaveLength(0);
	});

	it('a number in no group ({"data": null}) lists nothing, without an error', async () => {
		const saved = new Map(sim.groups);
		sim.groups.clear();
		try {
			const result = await v11({ operation: 'getManyGroups', returnAll: true });
			expect(result.status).toBe('success');
			expect(result.output).toHaveLength(0);
		} finally {
			for (const [id, g] of saved) sim.groups.set(id, g);
		}
	});
});
