/**
 * Meta WhatsApp Cloud API (issue 11), through n8n-core against the simulator, where Meta differs from
 * the gateways: opaque group IDs (in and out), the reset body, never DELETE, throttling answered as
 * HTTP 400, the Graph error envelope (Meta's message, fbtrace_id kept, hints by error.code), the
 * Graph version in every path, both list shapes with cursor paging, and the credential Test (a token
 * that cannot reach the phone number fails it). Sources: providers/metaCloudApi.ts.
 */
import { loadPackage, runNode, testCredential } from '../support/harness';
import { expectNoSecrets, GROUP, groupIdOf, LINK, NON_ADMIN_GROUP, run, startSimulator } from '../support/scenario';
import type { VendorSimulator } from '../support/simulator';

const provider = 'metaCloudApi';
const credentialType = 'groupInviteMetaWhatsAppApi';
/** Meta's ID of a simulated group. */
const meta = (id: string) => groupIdOf(provider, id);
/** Groups beyond one list page (Meta's maximum limit is 1024). */
const MANY = 1030;
const manyId = (i: number) => `1203632${String(i).padStart(11, '0')}`;

let sim: VendorSimulator;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(() => {
	sim.reset();
	Object.assign(sim.variants, { metaListShape: 'groups', metaToken: 'valid', metaEligible: true });
});

function credentials(extra: Record<string, unknown> = {}) {
	return { ...sim.credentials()[credentialType], ...extra };
}

describe('requests as Meta documents them', () => {
	it("Get is GET /v26.0/{group_id}/invite_link with a Bearer token; the output's groupId is Meta's ID as given", async () => {
		const result = await run({ sim, provider, operation: 'getInviteLink', groupId: `  ${meta(GROUP)} ` });
		expect(result.output[0].json).toEqual({
			provider,
			operation: 'getInviteLink',
			groupId: meta(GROUP),
			inviteCode: sim.codeOf(GROUP),
			inviteLink: `https://chat.whatsapp.com/${sim.codeOf(GROUP)}`,
		});
		expect(sim.requests.map((r) => [r.method, r.path, r.group])).toEqual([['GET', `/v26.0/${meta(GROUP)}/invite_link`, GROUP]]);
		expect(sim.requests[0].headerNames).toContain('authorization');
		expectNoSecrets(result.serialized, sim.secrets());
	});

	it('Reset is one POST with {"messaging_product": "whatsapp"} (the simulator refuses it without), and the link changes', async () => {
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider, operation: 'resetInviteLink', options: { includeRawResponse: true } });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		expect(result.output[0].json.inviteCode).not.toBe(before);
		expect(result.output[0].json.raw).toEqual([{ messaging_product: 'whatsapp', invite_link: `https://chat.whatsapp.com/${sim.codeOf(GROUP)}` }]);
		expect(sim.requests.map((r) => [r.method, r.path, r.status])).toEqual([['POST', `/v26.0/${meta(GROUP)}/invite_link`, 200]]);
		// The simulator is strict where Meta is: a POST without the body is a 400.
		const { accessToken } = credentials();
		const bare = await fetch(`${sim.baseUrl}/v26.0/${meta(GROUP)}/invite_link`, { method: 'POST', headers: { Authorization: `Bearer ${accessToken}` } });
		expect(bare.status).toBe(400);
	});

	it('never sends DELETE, in any operation', async () => {
		await run({ sim, provider, operation: 'getInviteLink' });
		await run({ sim, provider, operation: 'resetInviteLink', options: { includePreviousLink: true } });
		await runNode({
			typeVersion: 1.1,
			parameters: { provider, operation: 'getManyGroups', returnAll: true, options: { includeInviteLinks: true } },
			credentials: { [credentialType]: credentials() },
		});
		expect(sim.requests.length).toBeGreaterThanOrEqual(7);
		expect(sim.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
	});

	it.each([
		['v25.0', 'v25.0'],
		['25.0', 'v25.0'],
		['v24', 'v24.0'],
		['', 'v26.0'],
	])('the Graph API Version %j of the credential is in the path as %s', async (graphVersion, path) => {
		const result = await run({ sim, provider, operation: 'getInviteLink', credentials: { graphVersion } });
		expect(result.status).toBe('success');
		expect(sim.requests[0].path).toBe(`/${path}/${meta(GROUP)}/invite_link`);
	});

	it.each([
		['v22.0', /older than the Groups API \(v23\.0\)/],
		['latest', /is not a version: use e\.g\. v26\.0/],
	])('a Graph API Version %j fails every item before any request', async (graphVersion, message) => {
		const result = await run({ sim, provider, operation: 'getInviteLink', credentials: { graphVersion }, items: [{}, {}], onError: 'continueRegularOutput' });
		expect(result.output).toHaveLength(2);
		for (const item of result.output) expect(item.json.error).toMatch(message);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('group IDs: Meta takes its own, the others refuse them', () => {
	it.each([
		[`${GROUP}@g.us`, 'is a WhatsApp group ID (…@g.us), not a Meta Cloud API group ID'],
		[`${GROUP}-group`, 'is a WhatsApp group ID (…@g.us), not a Meta Cloud API group ID'],
		['5511999999999', 'looks like a phone number, not a group'],
		['https://chat.whatsapp.com/C1adgkdEGki7554BWDdMkd', 'is an invite link, not a group ID'],
	])('Meta refuses %s before any request, saying what to use instead', async (groupId, problem) => {
		const result = await run({ sim, provider, operation: 'resetInviteLink', groupId });
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.message).toBe(`The Group ID "${groupId}" ${problem}`);
		expect(result.error.description).toMatch(/Y2FwaV9ncm91cD.*From List/);
		expect(sim.requests).toHaveLength(0);
	});

	it.each(['zApi', 'ryzeApi', 'whapi', 'waha', 'wawp', 'evolutionApi'] as const)(
		'%s refuses a Meta group ID before any request, naming itself and the IDs it uses',
		async (other) => {
			const result = await run({ sim, provider: other, operation: 'resetInviteLink', groupId: meta(GROUP) });
			expect(result.error.message).toBe(`The Group ID "${meta(GROUP)}" is a Meta Cloud API group ID`);
			expect(result.error.description).toMatch(/ uses WhatsApp group IDs such as 120363019502650977@g\.us/);
			expect(result.error.description.startsWith('This provider')).toBe(false);
			expect(sim.requests).toHaveLength(0);
		},
	);

	it('node v1.1: By ID accepts a Meta group ID (the validation regex takes it; v1 has no regex)', async () => {
		const loader = await loadPackage();
		const props = loader.getNode('whatsAppGroupInvite').type.description.properties as Array<{
			name: string;
			type: string;
			modes?: Array<{ name: string; validation?: Array<{ properties: { regex: string } }> }>;
		}>;
		const locator = props.find((p) => p.name === 'groupId' && p.type === 'resourceLocator');
		const regex = new RegExp(locator?.modes?.find((m) => m.name === 'id')?.validation?.[0].properties.regex ?? '^$');
		for (const ok of [meta(GROUP), 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD', `${GROUP}@g.us`, `${GROUP}-group`]) {
			expect(regex.test(ok)).toBe(true);
		}
		for (const bad of ['hello', '5511999999999', `${GROUP}@c.us`]) expect(regex.test(bad)).toBe(false);
		// v1's Group ID is a plain string, unchanged.
		expect(props.find((p) => p.name === 'groupId' && p.type === 'string')).toMatchObject({ placeholder: 'e.g. 120363019502650977@g.us' });
		const result = await runNode({
			typeVersion: 1.1,
			parameters: { provider, operation: 'getInviteLink', groupId: { __rl: true, mode: 'id', value: meta(GROUP) }, options: {} },
			credentials: { [credentialType]: credentials() },
		});
		expect(result.output[0].json).toMatchObject({ groupId: meta(GROUP), inviteCode: sim.codeOf(GROUP) });
	});
});

describe('throttling answered as HTTP 400 (Graph error.code), retried like a 429', () => {
	it.each(['throttle400', 'appLimit400'])('%s on a reset: the reset is sent again (it did nothing) and succeeds', async (fault) => {
		sim.inject({ vendor: provider, op: 'reset', fault });
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider, operation: 'resetInviteLink' });
		expect(result.status).toBe('success');
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		expect(result.output[0].json.inviteCode).not.toBe(before);
		expect(sim.requests.map((r) => [r.method, r.status])).toEqual([
			['POST', 400],
			['POST', 200],
		]);
	});

	it('a throttle that lasts fails the reset as a rate limit, with Meta’s message: not "may not have completed", nothing read back', async () => {
		sim.inject({ vendor: provider, op: 'reset', fault: 'throttle400', times: 3 });
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider, operation: 'resetInviteLink', onError: 'continueRegularOutput' });
		const json = result.output[0].json;
		expect(json.error).toBe(
			'Meta WhatsApp Cloud API is limiting requests (HTTP 400 Bad Request) and did not reset the invite link: (#130429) Rate limit hit (Cloud API message throughput has been reached.)',
		);
		expect(json.currentInviteLink).toBeUndefined();
		expect(sim.count(provider, 'reset')).toBe(3);
		expect(sim.count(provider, 'get')).toBe(0);
		expect(sim.codeOf(GROUP)).toBe(before);
	});

	it('a throttled group picked From List is not said to be gone (the 400 is a rate limit, not a missing group)', async () => {
		sim.inject({ vendor: provider, op: 'get', fault: 'throttle400', times: 3 });
		const result = await runNode({
			typeVersion: 1.1,
			parameters: { provider, operation: 'getInviteLink', groupId: { __rl: true, mode: 'list', value: meta(GROUP), cachedResultName: 'Support' }, options: {} },
			credentials: { [credentialType]: credentials() },
		});
		expect(result.error.message).toMatch(/is limiting requests \(HTTP 400 Bad Request\)/);
		expect(result.error.description).not.toMatch(/picked From List/);
		// A group that is really gone (100/33) still gets the From List hint.
		const gone = await runNode({
			typeVersion: 1.1,
			parameters: { provider, operation: 'getInviteLink', groupId: { __rl: true, mode: 'list', value: meta('120363000000000002'), cachedResultName: 'Old' }, options: {} },
			credentials: { [credentialType]: credentials() },
		});
		expect(gone.error.description).toMatch(/^The group was picked From List \("Old"\); it may no longer exist/);
	});

	it('the hint says Meta is limiting requests', async () => {
		sim.inject({ vendor: provider, op: 'get', fault: 'throttle400', times: 3 });
		const result = await run({ sim, provider, operation: 'getInviteLink' });
		expect(result.error.httpCode).toBe('400');
		expect(result.error.description).toMatch(/^Meta is limiting requests \(Meta rate limit, code 130429\)/);
	});
});

describe('the Graph error envelope: Meta’s message, fbtrace_id kept, hints by error.code', () => {
	it('an unknown group (100/33, HTTP 400): Meta’s message, a hint that says both causes, fbtrace_id in the details', async () => {
		const unknown = meta('120363000000000001');
		const result = await run({ sim, provider, operation: 'getInviteLink', groupId: unknown });
		expect(result.error.message).toBe(
			`Meta WhatsApp Cloud API refused to get the invite link (HTTP 400 Bad Request): Unsupported get request. Object with ID '${unknown}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
		);
		expect(result.error.description).toMatch(/the ID does not exist .* or this access token may not access it/);
		const details = result.error.errorResponse as Record<string, unknown>;
		expect(details).toMatchObject({ provider: 'Meta WhatsApp Cloud API', httpCode: '400', metaErrorCode: 100, metaErrorSubcode: 33, metaErrorType: 'GraphMethodException' });
		expect(details.fbtrace_id).toEqual(expect.stringMatching(/^A[A-Za-z0-9]{12}$/));
		expect(result.serialized).toContain(String(details.fbtrace_id));
		expect(sim.count(provider, 'get')).toBe(1);
	});

	it('a suspended group (131207, HTTP 403) on Get Many Groups with invite links: inviteLinkError for it, links for the others', async () => {
		const result = await runNode({
			typeVersion: 1.1,
			parameters: { provider, operation: 'getManyGroups', returnAll: true, options: { includeInviteLinks: true } },
			credentials: { [credentialType]: credentials() },
		});
		const byId = Object.fromEntries(result.output.map((i: { json: Record<string, unknown> }) => [i.json.groupId, i.json]));
		expect(byId[meta(GROUP)]).toMatchObject({ name: `Group ${GROUP}`, inviteLink: expect.stringMatching(LINK) });
		expect(byId[meta(NON_ADMIN_GROUP)].inviteLinkError).toBe(
			'Meta WhatsApp Cloud API refused to get the invite link (HTTP 403 Forbidden): (#131207) Group suspended (This group has been suspended for violating WhatsApp policies.)',
		);
	});

	it('an expired token (190/463, HTTP 401) says so and names the Access Token and the permissions', async () => {
		sim.variants.metaToken = 'expired';
		const result = await run({ sim, provider, operation: 'resetInviteLink' });
		expect(result.error.message).toMatch(/^Meta WhatsApp Cloud API refused to reset the invite link \(HTTP 401 Unauthorized\): Error validating access token: Session has expired/);
		expect(result.error.description).toMatch(/^The access token has expired\. Check the Access Token in the Meta WhatsApp Cloud API credential/);
		expect(result.error.description).toContain('whatsapp_business_management and whatsapp_business_messaging');
		expect(sim.count(provider, 'reset')).toBe(1);
		expectNoSecrets(result.serialized, sim.secrets());
	});

	it('a number that may not use the Groups API (131215) gets the OBA / coexistence hint', async () => {
		sim.variants.metaEligible = false;
		const result = await run({ sim, provider, operation: 'getInviteLink' });
		expect(result.error.message).toBe(
			'Meta WhatsApp Cloud API refused to get the invite link (HTTP 400 Bad Request): (#131215) Groups API not available for this number (This business phone number is not eligible to use the Groups API.)',
		);
		expect(result.error.description).toMatch(/Official Business Account \(OBA\).*coexistence/);
	});

	it('a wrong Phone Number ID fails the group list with 100/33 and the hint that names it', async () => {
		const result = await runNode({
			typeVersion: 1.1,
			parameters: { provider, operation: 'getManyGroups', returnAll: true, options: {} },
			credentials: { [credentialType]: credentials({ phoneNumberId: '999999999999999' }) },
		});
		expect(result.error.message).toMatch(/^Meta WhatsApp Cloud API refused to list the groups \(HTTP 400 Bad Request\): Unsupported get request\. Object with ID '999999999999999'/);
		expect(result.error.description).toContain('Phone Number ID');
	});
});

describe('the group list: both documented shapes, cursor paging', () => {
	beforeAll(() => {
		for (let i = 0; i < MANY; i++) sim.addGroup(manyId(i), { name: `Desk ${i}` });
	});
	afterAll(() => {
		for (let i = 0; i < MANY; i++) sim.groups.delete(manyId(i));
	});

	it.each(['groups', 'array'] as const)(
		'{data: %s}: Get Many Groups lists every group with its Meta ID and name, following paging.cursors.after',
		async (shape) => {
			sim.variants.metaListShape = shape;
			const result = await runNode({
				typeVersion: 1.1,
				parameters: { provider, operation: 'getManyGroups', returnAll: true, options: {} },
				credentials: { [credentialType]: credentials() },
			});
			expect(result.status).toBe('success');
			expect(result.output).toHaveLength(MANY + 3);
			expect(result.output[3].json).toEqual({ provider, operation: 'getManyGroups', groupId: meta(manyId(0)), name: 'Desk 0' });
			const lists = sim.requests.filter((r) => r.op === 'list');
			expect(lists.map((r) => r.query.limit)).toEqual(['1024', '1024']);
			expect(lists[0].query.after).toBeUndefined();
			expect(lists[1].query.after).toEqual(expect.any(String));
			expect(lists.every((r) => r.path === `/v26.0/${credentials().phoneNumberId}/groups`)).toBe(true);
			// The paging URLs carry the access token: never in the output or anything stored.
			expectNoSecrets(result.serialized, sim.secrets());
		},
	);

	it('By Name finds a group and resets its link through its Meta ID', async () => {
		const result = await runNode({
			typeVersion: 1.1,
			parameters: { provider, operation: 'resetInviteLink', groupId: { __rl: true, mode: 'name', value: 'desk 1029' }, options: {} },
			credentials: { [credentialType]: credentials() },
		});
		expect(result.output[0].json).toMatchObject({ groupId: meta(manyId(1029)), inviteCode: sim.codeOf(manyId(1029)) });
		expect(sim.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([`/v26.0/${meta(manyId(1029))}/invite_link`]);
	});
});

describe('the credential Test', () => {
	it('reads the phone number: GET /v26.0/{phone_number_id}?fields=id,display_phone_number,verified_name', async () => {
		const data = credentials();
		const result = await testCredential(credentialType, data);
		expect(result).toMatchObject({ ok: true, status: 200, method: 'GET', url: `/v26.0/${data.phoneNumberId}` });
		expect(result.body).toEqual({ id: data.phoneNumberId, display_phone_number: '+1 555-078-3881', verified_name: 'Acme Support' });
		expect(sim.requests.at(-1)?.query).toEqual({ fields: 'id,display_phone_number,verified_name' });
		expect(await testCredential(credentialType, { ...data, graphVersion: '25.0' })).toMatchObject({ ok: true, url: `/v25.0/${data.phoneNumberId}` });
		expect(await testCredential(credentialType, { ...data, graphVersion: '' })).toMatchObject({ ok: true, url: `/v26.0/${data.phoneNumberId}` });
	});

	it('fails for an expired token (190/463, HTTP 401), with Meta’s reason', async () => {
		sim.variants.metaToken = 'expired';
		const result = await testCredential(credentialType, credentials());
		expect(result).toMatchObject({ ok: false, status: 401, body: { error: { code: 190, error_subcode: 463 } } });
		expect(result.body.error.message).toMatch(/Session has expired/);
	});

	it('fails for a token Meta cannot parse (190, HTTP 401) and for a Phone Number ID it cannot reach (100/33, HTTP 400)', async () => {
		expect(await testCredential(credentialType, credentials({ accessToken: 'EAAGwrong' }))).toMatchObject({ ok: false, status: 401, body: { error: { code: 190 } } });
		expect(await testCredential(credentialType, credentials({ phoneNumberId: '123456789012345' }))).toMatchObject({
			ok: false,
			status: 400,
			body: { error: { code: 100, error_subcode: 33 } },
		});
	});
});
