/**
 * Groups by name (node v1.1), through n8n-core against the simulator: Get Many Groups, the group
 * picker (the list-search method, called as the editor calls it), Group: By Name, By Invite Link and
 * From List, for every provider, and version 1 unchanged next to version 1.1.
 */
import { runNode, searchList } from '../support/harness';
import { expectNoSecrets, groupIdOf, LINK, PROVIDERS, startSimulator, run11 as v11 } from '../support/scenario';
import type { ProviderId } from '../support/scenario';
import type { VendorSimulator } from '../support/simulator';

/**
 * What each vendor's list and lookup give, per its source or docs (cited in each adapter):
 * - pageSize: groups per list request (0: the whole list in one answer)
 * - me: extra requests per execution to learn the connected number, when roles are asked for
 * - count / admin / code: whether listed groups carry participantCount, isAdmin, the invite code
 * - lookup: whether By Invite Link can resolve a link (else it fails before any request)
 */
const CAPS: Record<ProviderId, { pageSize: number; me: number; count: boolean; admin: boolean; code: boolean; lookup: boolean }> = {
	zApi: { pageSize: 100, me: 0, count: false, admin: false, code: false, lookup: true },
	ryzeApi: { pageSize: 0, me: 0, count: true, admin: false, code: false, lookup: true },
	wawp: { pageSize: 100, me: 1, count: true, admin: true, code: false, lookup: false },
	evolutionApi: { pageSize: 0, me: 1, count: true, admin: true, code: false, lookup: true },
	waha: { pageSize: 0, me: 1, count: true, admin: true, code: false, lookup: true },
	whapi: { pageSize: 500, me: 1, count: true, admin: true, code: true, lookup: true },
	metaCloudApi: { pageSize: 1024, me: 0, count: false, admin: false, code: false, lookup: false },
	// OwnerIsAdmin in every listed group (the spec's shape): no request for the connected number.
	uazapi: { pageSize: 1000, me: 0, count: true, admin: true, code: false, lookup: true },
	// No own JID with the instance token, no invite lookup (its /group/join joins).
	evolutionGo: { pageSize: 0, me: 0, count: true, admin: false, code: false, lookup: false },
	// The whole list in one answer; the connected number is its phone number and, for LID-addressed
	// groups, its LID (two requests).
	wppconnect: { pageSize: 0, me: 2, count: true, admin: true, code: false, lookup: true },
	wuzapi: { pageSize: 0, me: 1, count: true, admin: true, code: false, lookup: true },
	gowa: { pageSize: 0, me: 1, count: true, admin: true, code: false, lookup: true },
};

/**
 * Vendors that answer a Get for a group they do not know with a 5xx (WhatsApp's own refusal passed
 * on), where the others answer 4xx: the node cannot tell a vanished picked group from a server
 * problem by the status, so the vendor's message and the adapter's hint must name it.
 */
const UNKNOWN_GROUP_5XX: Partial<Record<ProviderId, RegExp>> = { evolutionGo: /HTTP 500 Internal Server Error\): that group does not exist$/ };

/**
 * Vendors that answer every WhatsApp-side failure (an unknown group included) with the same bare
 * HTTP 500 and no reason (Wuzapi's {"code": 500, "success": true}, cited in its adapter).
 */
const REASON_DROPPED = new Set<ProviderId>(['wuzapi']);

/** Simulated groups: `Team 0` … `Team n-1`; every third is one the number is not an admin of. */
const MANY = 1_050;
const jidOf = (i: number) => `1203631${String(i).padStart(11, "0")}@g.us`;
const idOf = (i: number) => jidOf(i).replace('@g.us', '');

let sim: VendorSimulator;

beforeAll(async () => {
	sim = await startSimulator();
	sim.groups.clear();
	for (let i = 0; i < MANY; i++) sim.addGroup(idOf(i), { name: `Team ${i}`, admin: i % 3 !== 0, size: 3 + (i % 7) });
	sim.addGroup(idOf(MANY), { name: 'Twins', size: 4 });
	sim.addGroup(idOf(MANY + 1), { name: 'twins ', size: 5 });
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(() => {
	sim.reset();
});

function credentialsOf(credentialType: string) {
	return { [credentialType]: sim.credentials()[credentialType] };
}

const run11 = (
	provider: ProviderId,
	parameters: Record<string, unknown>,
	extra: { items?: Array<Record<string, unknown>>; onError?: 'continueRegularOutput' | 'continueErrorOutput' } = {},
) => v11(sim, provider, parameters, extra);

const listRequests = (provider: ProviderId, groups: number) =>
	CAPS[provider].pageSize === 0 ? 1 : Math.floor(groups / CAPS[provider].pageSize) + 1;

describe.each(PROVIDERS)('$provider', ({ provider, credentialType }) => {
	const caps = CAPS[provider];
	const total = MANY + 2;
	/** Group i as this provider names it (and the node outputs it): its JID, or Meta's own ID. */
	const gid = (i: number) => groupIdOf(provider, idOf(i));

	it(`Get Many Groups with Return All lists all ${MANY + 2} groups in ceil(n / page size) requests, one item each`, async () => {
		const result = await run11(provider, { operation: 'getManyGroups', returnAll: true });
		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(total);
		expect(sim.count(provider, 'list')).toBe(listRequests(provider, total));
		expect(sim.requests.length).toBe(listRequests(provider, total) + caps.me);
		const first = result.output[1].json;
		expect(first).toMatchObject({ provider, operation: 'getManyGroups', groupId: gid(1), name: 'Team 1' });
		expect(first.participantCount).toBe(caps.count ? 4 : undefined);
		expect(first.isAdmin).toBe(caps.admin ? true : undefined);
		expect(result.output[0].json.isAdmin).toBe(caps.admin ? false : undefined);
		if (caps.code) expect(first.inviteLink).toBe(`https://chat.whatsapp.com/${sim.codeOf(idOf(1))}`);
		else expect(first).not.toHaveProperty('inviteLink');
		for (const item of result.output) expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('Get Many Groups: Limit, Name Contains and Include Invite Links (one Get per group whose list entry has no code)', async () => {
		const result = await run11(provider, {
			operation: 'getManyGroups',
			returnAll: false,
			limit: 4,
			filters: { nameContains: 'TEAM 10' },
			options: { includeInviteLinks: true },
		});
		expect(result.status).toBe('success');
		expect(result.output.map((i: { json: { name: string } }) => i.json.name)).toEqual(['Team 10', 'Team 100', 'Team 101', 'Team 102']);
		const gets = sim.count(provider, 'get');
		expect(gets).toBe(caps.code ? 1 : 4); // with a code in the list, only the non-admin group (100) is asked
		for (const item of result.output) {
			const { json } = item;
			const index = Number(String(json.name).slice(5));
			if (index % 3 === 0) {
				expect(json.inviteLink).toBeUndefined();
				expect(json.inviteLinkError).toEqual(expect.any(String));
			} else {
				expect(json.inviteLink).toMatch(LINK);
				expect(json.inviteCode).toBe(sim.codeOf(idOf(index)));
			}
		}
	});

	it('Get Many Groups with Admin Only keeps the groups the number administers, or says it cannot be applied', async () => {
		const result = await run11(provider, { operation: 'getManyGroups', returnAll: true, filters: { adminOnly: true } }, { onError: 'continueRegularOutput' });
		if (caps.admin) {
			expect(result.output).toHaveLength(total - Math.ceil(MANY / 3));
			expect(result.output.every((i: { json: { isAdmin: boolean } }) => i.json.isAdmin === true)).toBe(true);
		} else {
			expect(result.output).toHaveLength(1);
			expect(result.output[0].json.error).toMatch(/Admin Only can't be applied with/);
			expect(sim.requests).toHaveLength(0);
		}
	});

	it('the picker lists 50 groups a page, searches name and JID, and pages through 1,000+ groups in under 1 s', async () => {
		const parameters = { provider, operation: 'getInviteLink' };
		const first = await searchList({ method: 'searchGroups', parameters, credentials: credentialsOf(credentialType) });
		expect(first.error).toBeUndefined();
		expect(first.result.results).toHaveLength(50);
		expect(first.result.results[1]).toEqual({ name: `Team 1 (${gid(1)})`, value: gid(1) });
		let token = first.result.paginationToken;
		const seen = new Set(first.result.results.map((r: { value: string }) => r.value));
		for (let page = 0; token && page < 100; page++) {
			const next = await searchList({ method: 'searchGroups', parameters, credentials: credentialsOf(credentialType), paginationToken: token });
			for (const r of next.result.results) seen.add(r.value);
			token = next.result.paginationToken;
		}
		expect(seen.size).toBe(total);
		const search = await searchList({ method: 'searchGroups', parameters, credentials: credentialsOf(credentialType), filter: '  team 104' });
		expect(search.ms).toBeLessThan(1000);
		expect(search.result.results.map((r: { name: string }) => r.name)).toEqual([
			`Team 104 (${gid(104)})`,
			...Array.from({ length: 10 }, (_, i) => `Team ${1040 + i} (${gid(1040 + i)})`),
		]);
		// By the group's ID as the provider has it (the JID's digits, or Meta's ID).
		const byJid = await searchList({ method: 'searchGroups', parameters, credentials: credentialsOf(credentialType), filter: gid(7).replace(/@g\.us$/, '') });
		expect(byJid.result.results).toEqual([{ name: `Team 7 (${gid(7)})`, value: gid(7) }]);
		expectNoSecrets(`${first.serialized}${search.serialized}`, sim.secrets());
	});

	it('the picker shows the provider message and a fix when listing fails, without secrets', async () => {
		sim.inject({ vendor: provider, op: 'list', fault: '401', times: 5 });
		const failed = await searchList({ method: 'searchGroups', parameters: { provider, operation: 'getInviteLink' }, credentials: credentialsOf(credentialType) });
		expect(failed.result).toBeUndefined();
		expect(failed.error.message).toMatch(/refused to list the groups \(HTTP 401 Unauthorized\).*\. .*(credential|token|key)/i);
		expect(failed.error.description).toEqual(expect.stringMatching(/credential|token|key/i));
		expectNoSecrets(failed.serialized, sim.secrets());
	});

	it('By Name resolves 100 items with one list call, and names the closest names or the duplicates', async () => {
		// Groups the number administers (every third group is one it does not).
		const items = Array.from({ length: 100 }, (_, i) => ({ name: ` team ${[1, 2, 4, 5][i % 4]} ` }));
		const result = await run11(provider, {
			operation: 'getInviteLink',
			groupId: { __rl: true, mode: 'name', value: '={{ $json.name }}' },
			// RyzeAPI's documented 100 per minute would make 100 Gets take a minute: not what is tested here.
			options: { maxRequestsPerMinute: 60_000 },
		}, { items });
		expect(result.error?.message).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(100);
		expect(result.output[2].json).toMatchObject({ groupId: gid(4), inviteCode: sim.codeOf(idOf(4)) });
		expect(sim.count(provider, 'list')).toBe(listRequests(provider, total));
		const missing = await run11(provider, { operation: 'getInviteLink', groupId: { __rl: true, mode: 'name', value: 'Teem 12' } });
		expect(missing.error.message).toMatch(/^No group named "Teem 12" among the 1052 groups/);
		expect(missing.error.description).toMatch(/closest names are: "Team 12"/);
		const twins = await run11(provider, { operation: 'getInviteLink', groupId: { __rl: true, mode: 'name', value: 'TWINS' } });
		expect(twins.error.message).toBe(`2 groups are named "TWINS": ${gid(MANY)}, ${gid(MANY + 1)}`);
	});

	it('By Invite Link resolves the link through the provider, or fails before any request where it cannot', async () => {
		const code = sim.codeOf(idOf(5)) as string;
		const result = await run11(provider, {
			operation: 'resetInviteLink',
			groupId: { __rl: true, mode: 'url', value: `https://chat.whatsapp.com/${code}` },
		}, { onError: 'continueRegularOutput' });
		if (!caps.lookup) {
			expect(result.output[0].json.error).toMatch(/cannot look up an invite link/);
			expect(sim.requests).toHaveLength(0);
			return;
		}
		expect(result.output[0].json).toMatchObject({ operation: 'resetInviteLink', groupId: gid(5), inviteCode: sim.codeOf(idOf(5)) });
		expect(sim.codeOf(idOf(5))).not.toBe(code);
		// The old link is revoked now: looking it up again fails with that reason.
		const again = await run11(provider, {
			operation: 'getInviteLink',
			groupId: { __rl: true, mode: 'url', value: `https://chat.whatsapp.com/${code}` },
		}, { onError: 'continueRegularOutput' });
		expect(again.output[0].json.error).toMatch(/knows no group for this invite link: it may have been revoked or expired/);
		expect(sim.count(provider, 'reset')).toBe(1);
	});

	it('From List: a picked group that no longer exists fails with a clear error', async () => {
		const result = await run11(provider, {
			operation: 'getInviteLink',
			groupId: { __rl: true, mode: 'list', value: groupIdOf(provider, '120363999999999998'), cachedResultName: 'Old team' },
		}, { onError: 'continueErrorOutput' });
		expect(result.errorOutput).toHaveLength(1);
		if (REASON_DROPPED.has(provider)) {
			// The vendor answers a group it does not know like any other WhatsApp failure, without a reason:
			// nothing tells it from a disconnected session, so the hint lists the causes instead.
			expect(result.errorOutput[0].json.error).toMatch(/\(HTTP 500 Internal Server Error\)$/);
			expect(result.errorOutput[0].json.message).toMatch(/the group does not exist or the number is not in it/);
			return;
		}
		const fiveHundred = UNKNOWN_GROUP_5XX[provider];
		if (fiveHundred) {
			expect(result.errorOutput[0].json.error).toMatch(fiveHundred);
			expect(result.errorOutput[0].json.message).toMatch(/picked From List, pick it again: it may no longer exist/);
			return;
		}
		expect(result.errorOutput[0].json.message).toMatch(/picked From List \("Old team"\); it may no longer exist/);
	});
});

describe('version 1 next to version 1.1', () => {
	it('a saved v1 workflow runs unchanged: plain Group ID, same output', async () => {
		const credentials = credentialsOf('groupInviteZApi');
		const v1 = await runNode({
			parameters: { provider: 'zApi', operation: 'getInviteLink', groupId: jidOf(1), options: {} },
			credentials,
		});
		const v11 = await runNode({
			typeVersion: 1.1,
			parameters: { provider: 'zApi', operation: 'getInviteLink', groupId: { __rl: true, mode: 'id', value: jidOf(1) }, options: {} },
			credentials,
		});
		expect(v1.output[0].json).toEqual(v11.output[0].json);
		expect(Object.keys(v1.output[0].json)).toEqual(['provider', 'operation', 'groupId', 'inviteCode', 'inviteLink']);
	});
});

describe('vendor answers the docs leave out', () => {
	afterEach(() => {
		sim.variants.wahaEngine = 'NOWEB';
		sim.variants.evolutionState = 'open';
	});

	it.each(['NOWEB', 'WEBJS', 'GOWS'])('WAHA %s: list shape, isAdmin from the session ids, and join-info', async (engine) => {
		sim.variants.wahaEngine = engine;
		const list = await run11('waha', { operation: 'getManyGroups', returnAll: false, limit: 3 });
		expect(list.output.map((i: { json: unknown }) => i.json)).toEqual([0, 1, 2].map((i) => ({
			provider: 'waha',
			operation: 'getManyGroups',
			groupId: jidOf(i),
			name: `Team ${i}`,
			participantCount: 3 + i,
			isAdmin: i % 3 !== 0,
		})));
		const code = sim.codeOf(idOf(2)) as string;
		const link = await run11('waha', { operation: 'getInviteLink', groupId: { __rl: true, mode: 'url', value: code } });
		expect(link.output[0].json).toMatchObject({ groupId: jidOf(2), inviteCode: code });
		const gone = await run11('waha', { operation: 'getInviteLink', groupId: { __rl: true, mode: 'url', value: 'AbCdEfGhIjKlMnOpQrStUv' } }, { onError: 'continueRegularOutput' });
		expect(gone.output[0].json.error).toMatch(/^WAHA knows no group for this invite link: it may have been revoked or expired \((gone|.*revoked)\)$/);
	});

	it('Evolution API: a 404 "No invite info" from a closed instance is reported as the connection, not as a revoked link', async () => {
		sim.variants.evolutionState = 'close';
		const code = sim.codeOf(idOf(2)) as string;
		const result = await run11('evolutionApi', { operation: 'getInviteLink', groupId: { __rl: true, mode: 'url', value: code } }, { onError: 'continueRegularOutput' });
		expect(result.output[0].json.error).toMatch(/says the instance is not connected to WhatsApp \(state "close"\)/);
		expect(sim.requests.map((r) => r.op)).toEqual(['lookup', 'status']);
	});

	it('Evolution API: a closed instance fails the list with its message and the reconnect hint', async () => {
		sim.variants.evolutionState = 'close';
		const failed = await searchList({ method: 'searchGroups', parameters: { provider: 'evolutionApi' }, credentials: credentialsOf('groupInviteEvolutionApi') });
		// n8n 1.x's picker shows only the message: the fix is in it too.
		expect(failed.error.message).toMatch(/^Evolution API failed while trying to list the groups \(HTTP 500 Internal Server Error\): Connection Closed\. The instance is not connected to WhatsApp: reconnect it/);
		expect(failed.error.description).toMatch(/reconnect it in the Evolution Manager/);
		expect(sim.count('evolutionApi', 'list')).toBe(1); // a 500 is not retried, even for a read
	});

	it('a list that meets a 503 is retried, and a 429 waits for Retry-After (the transport, as for every request)', async () => {
		sim.inject({ vendor: 'zApi', op: 'list', fault: '503' });
		sim.inject({ vendor: 'zApi', op: 'list', fault: '429RetryAfter' });
		const result = await run11('zApi', { operation: 'getManyGroups', returnAll: false, limit: 2 });
		expect(result.output).toHaveLength(2);
		expect(sim.requests.filter((r) => r.op === 'list').map((r) => r.status)).toEqual([503, 429, 200]);
	});

	it('Get Many Groups for several input items lists once, and pairs every group with its input item', async () => {
		const result = await run11('whapi', { operation: 'getManyGroups', returnAll: true, filters: { nameContains: 'team 100' } }, { items: [{}, {}, {}] });
		// Team 100 and Team 1000 … 1009, for each input item.
		expect(result.output.map((i: { pairedItem: { item: number } }) => i.pairedItem.item)).toEqual([0, 1, 2].flatMap((item) => Array(11).fill(item)));
		expect(sim.count('whapi', 'list')).toBe(3); // 1,052 groups, 500 a page: one list for the whole execution
	});

	it('Get Many Groups with a Limit and no filter reads only the pages that hold that many groups', async () => {
		const result = await run11('zApi', { operation: 'getManyGroups', returnAll: false, limit: 150 });
		expect(result.output).toHaveLength(150);
		expect(sim.count('zApi', 'list')).toBe(2);
	});
});
