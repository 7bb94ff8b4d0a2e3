/**
 * What the gateways really answer where their docs are silent, through real workflows (n8n-core) and
 * the credentials' own test requests against the simulator:
 * - a credential Test passes only when the node can work (Z-API connected, RyzeAPI instance name and
 *   connection, Whapi.Cloud channel paired, Wawp session WORKING);
 * - the hints for Whapi.Cloud's unpaired channel and unknown token, and for Evolution API's instance
 *   states (not connected, not loaded, Evolution channel).
 */
import { testCredential } from '../support/harness';
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
		zApiConnected: true,
		ryzeTokenKind: 'instance',
		ryzeState: 'connected',
		wawpStatus: 'WORKING',
		whapiHealth: 'AUTH',
		evolutionInstance: 'loaded',
		evolutionState: 'open',
	});
});

describe('a credential Test passes only when the node can work', () => {
	it('Z-API: /status answering 200 {connected: false} fails, saying to scan the QR code', async () => {
		const data = sim.credentials().groupInviteZApi;
		expect(await testCredential('groupInviteZApi', data)).toMatchObject({ ok: true, url: expect.stringMatching(/\/status$/) });
		sim.variants.zApiConnected = false;
		const result = await testCredential('groupInviteZApi', data);
		expect(result).toMatchObject({ ok: false, status: 200 });
		expect(result.message).toMatch(/not connected to WhatsApp: .*scan the QR code/);
	});

	it('RyzeAPI: the instance list ignores the name filter for an instance token, which is why the Test does not use it', async () => {
		// The simulator behaves as docs.ryzeapi.cloud/en/api/instance/list says: a misspelled name still
		// answers 200 with the token's own instance.
		const { token, baseUrl } = sim.credentials().groupInviteRyzeApi;
		const listed = await fetch(`${baseUrl}/api/instance/list?instanceName=acme-suport`, { headers: { token } });
		expect(listed.status).toBe(200);
		expect(((await listed.json()) as { data: { instances: Array<{ name: string }> } }).data.instances[0].name).toBe('acme-support');
	});

	it.each(['instance', 'account'] as const)('RyzeAPI with a %s token: a misspelled Instance Name fails the Test', async (kind) => {
		sim.variants.ryzeTokenKind = kind;
		const data = sim.credentials().groupInviteRyzeApi;
		expect(await testCredential('groupInviteRyzeApi', data)).toMatchObject({ ok: true, url: '/api/group/list/acme-support' });
		const wrong = await testCredential('groupInviteRyzeApi', { ...data, instanceName: 'acme-suport' });
		expect(wrong).toMatchObject({ ok: false, status: kind === 'instance' ? 403 : 404, url: '/api/group/list/acme-suport' });
		// The same mistake in a workflow: the vendor's reason and a hint at the Instance Name.
		const result = await run({ sim, provider: 'ryzeApi', operation: 'getInviteLink', credentials: { instanceName: 'acme-suport' } });
		expect(result.error.message).toMatch(kind === 'instance' ? /HTTP 403 Forbidden\): Instance token does not match/ : /HTTP 404 Not Found\): Instance not found/);
		expect(result.error.description).toMatch(/Instance Name/);
	});

	it.each(['connecting', 'disconnected', 'loggedout'] as const)('RyzeAPI: an instance that is %s fails the Test', async (state) => {
		sim.variants.ryzeState = state;
		const result = await testCredential('groupInviteRyzeApi', sim.credentials().groupInviteRyzeApi);
		expect(result).toMatchObject({ ok: false, status: 400 });
		expect(JSON.stringify(result.body)).toContain('Instance is not connected to WhatsApp');
	});

	it.each([
		['QR', /not paired with a phone: .*scan the QR code/],
		['INIT', /still starting/],
		['LAUNCH', /still starting/],
		['STOP', /stopped: start it/],
		['SYNC_ERROR', /could not sync/],
		['NOT_INIT', /has not been started: start it/],
		['ERROR', /reports an error: restart it/],
	] as const)('Whapi.Cloud: a channel whose /health status is %s fails the Test, saying what to do', async (status, message) => {
		sim.variants.whapiHealth = status;
		const result = await testCredential('groupInviteWhapiApi', sim.credentials().groupInviteWhapiApi);
		expect(result).toMatchObject({ ok: false, status: 200, url: '/health' });
		expect(result.message).toMatch(message);
	});

	it('Whapi.Cloud: a paired channel (AUTH) passes, an unknown token fails with 404 "Channel not found"', async () => {
		const data = sim.credentials().groupInviteWhapiApi;
		expect(await testCredential('groupInviteWhapiApi', data)).toMatchObject({ ok: true, url: '/health' });
		const bad = await testCredential('groupInviteWhapiApi', { ...data, token: 'x'.repeat(32) });
		expect(bad).toMatchObject({ ok: false, status: 404, body: { error: { message: 'Channel not found' } } });
	});

	it.each([
		['STARTING', /still starting \(status STARTING\): wait/],
		['SCAN_QR_CODE', /not linked to a phone \(status SCAN_QR_CODE\): .*scan the QR code/],
		['STOPPED', /stopped \(status STOPPED\): start it/],
		['FAILED', /failed \(status FAILED\): restart it/],
	] as const)('Wawp: a session that is %s fails the Test, saying what to do', async (status, message) => {
		sim.variants.wawpStatus = status;
		const result = await testCredential('groupInviteWawpApi', sim.credentials().groupInviteWawpApi);
		expect(result).toMatchObject({ ok: false, status: 200, method: 'POST', url: '/v2/session/info' });
		expect(result.message).toMatch(message);
		sim.variants.wawpStatus = 'WORKING';
		expect(await testCredential('groupInviteWawpApi', sim.credentials().groupInviteWawpApi)).toMatchObject({ ok: true });
	});
});

describe('hints that point the right way, in a workflow', () => {
	it('Whapi.Cloud: an unpaired channel (401 "Need channel authorization") says to pair it, not to check the token', async () => {
		sim.variants.whapiHealth = 'QR';
		const result = await run({ sim, provider: 'whapi', operation: 'resetInviteLink' });
		expect(result.error.message).toBe('Whapi.Cloud refused to revoke the invite code (HTTP 401 Unauthorized): Need channel authorization');
		expect(result.error.description).toMatch(/not paired with a phone: authorize it by scanning the QR code/);
		expect(result.error.description).not.toMatch(/API Token/);
		expect(sim.count('whapi', 'reset')).toBe(1);
	});

	it('Whapi.Cloud: an unknown token (404 "Channel not found") points at the API Token, not at the Group ID', async () => {
		const result = await run({ sim, provider: 'whapi', operation: 'getInviteLink', credentials: { token: 'W'.repeat(32) } });
		expect(result.error.message).toBe('Whapi.Cloud refused to get the invite code (HTTP 404 Not Found): Channel not found');
		expect(result.error.description).toMatch(/API Token/);
		expect(result.error.description).not.toMatch(/Group ID/);
		expectNoSecrets(result.serialized, [...sim.secrets(), 'W'.repeat(32)]);
	});

	it('Evolution API: a closed connection says to reconnect the instance', async () => {
		sim.variants.evolutionState = 'close';
		const result = await run({ sim, provider: 'evolutionApi', operation: 'resetInviteLink' });
		expect(result.error.message).toBe('Evolution API refused to revoke the invite code (HTTP 404 Not Found): Revoke error: Error: Connection Closed');
		expect(result.error.description).toMatch(/reconnect it in the Evolution Manager/);
	});

	it('Evolution API: not an admin ("not-authorized") says to make the number an admin', async () => {
		const result = await run({ sim, provider: 'evolutionApi', operation: 'getInviteLink', groupId: NON_ADMIN_GROUP });
		expect(result.error.message).toBe('Evolution API refused to get the invite code (HTTP 404 Not Found): No invite code: Error: not-authorized');
		expect(result.error.description).toMatch(/an admin of the group/);
	});

	it('Evolution API: an instance on the Evolution channel gets its own hint', async () => {
		sim.variants.evolutionInstance = 'evolutionChannel';
		const result = await run({ sim, provider: 'evolutionApi', operation: 'getInviteLink' });
		expect(result.error.message).toMatch(/HTTP 400 Bad Request\): Method not available on Evolution Channel$/);
		expect(result.error.description).toMatch(/Evolution channel, which has no group invite links/);
	});

	it.each(['getInviteLink', 'resetInviteLink'] as const)(
		'Evolution API: an instance that is not loaded (500 TypeError) on %s is a definite failure with a restart hint',
		async (operation) => {
			sim.variants.evolutionInstance = 'notLoaded';
			const before = sim.codeOf(GROUP);
			const result = await run({ sim, provider: 'evolutionApi', operation, onError: 'continueRegularOutput' });
			const json = result.output[0].json as Record<string, unknown>;
			expect(json.error).toMatch(/\(HTTP 500 Internal Server Error\): TypeError: Cannot read properties of undefined/);
			expect(json.error).not.toMatch(/may not have completed/);
			expect(json.currentInviteLink).toBeUndefined();
			expect(sim.codeOf(GROUP)).toBe(before);
			// Never re-sent, never read back: the server said the call failed before WhatsApp was asked.
			expect(sim.count('evolutionApi', operation === 'getInviteLink' ? 'get' : 'reset')).toBe(1);
			if (operation === 'resetInviteLink') expect(sim.count('evolutionApi', 'get')).toBe(0);
		},
	);
});
