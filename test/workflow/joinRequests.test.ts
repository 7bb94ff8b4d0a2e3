/**
 * Join requests (node v2, issue 20), through n8n-core against the simulator, for every provider by
 * what its adapter can do: the editor offers only the supported operations; Get Many Join Requests,
 * Approve and Reject (one requester per item, any form), Set Join Approval; a request no longer
 * pending fails clearly; a provider without the call fails before any request; writes are never
 * repeated unless they surely did not arrive, and one that may have happened says which it is.
 */
import { properties } from '../../nodes/WhatsAppGroupInvite/actions/versionDescription';
import { getProvider } from '../../nodes/WhatsAppGroupInvite/providers';
import type { ProviderAdapter } from '../../nodes/WhatsAppGroupInvite/providers/types';
import type { ProviderId } from '../support/scenario';
import { expectNoSecrets, GROUP, groupIdOf, NON_ADMIN_GROUP, PROVIDERS, run2, useSimulator } from '../support/scenario';
import type { VendorSimulator } from '../support/simulator';

const simulator = useSimulator();
let sim: VendorSimulator;
beforeAll(() => {
	sim = simulator();
});
beforeEach(() => {
	for (const group of sim.groups.values()) {
		group.joinRequests = [];
		group.approvalRequired = false;
	}
});

type Item = { json: Record<string, unknown>; pairedItem: unknown };
const ALL = PROVIDERS.map((p) => p.provider);
const adapterOf = (provider: string): ProviderAdapter => getProvider(provider)!;
const can = (method: 'listJoinRequests' | 'approveJoinRequest' | 'rejectJoinRequest' | 'setJoinApproval') =>
	ALL.filter((p) => typeof adapterOf(p)[method] === 'function');
const cannot = (method: Parameters<typeof can>[0]) => ALL.filter((p) => !can(method).includes(p));

const PHONE_A = '5511911110001';
const PHONE_B = '5511911110002';
const groupParam = (provider: string, id = GROUP) => ({ mode: 'id', value: groupIdOf(provider as ProviderId, id) });

/** What the editor shows for a provider at node v2: its Resource and Operation options. */
function offered(provider: string): { resources: string[]; operations: Record<string, string[]> } {
	const shown = (p: (typeof properties)[number], resource?: string) => {
		const show = p.displayOptions?.show ?? {};
		const version = show['@version'] as unknown[] | undefined;
		const v2 = version === undefined || version.some((v) => typeof v === 'object' && v !== null);
		const providers = show.provider as string[] | undefined;
		const resources = show.resource as string[] | undefined;
		return v2 && (!providers || providers.includes(provider)) && (!resource || !resources || resources.includes(resource));
	};
	const resourceProps = properties.filter((p) => p.name === 'resource' && shown(p));
	expect(resourceProps).toHaveLength(1);
	const resources = (resourceProps[0].options ?? []).map((o) => (o as { value: string }).value);
	const operations: Record<string, string[]> = {};
	for (const resource of resources) {
		const ops = properties.filter((p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource) && shown(p, resource));
		expect(ops).toHaveLength(1);
		operations[resource] = (ops[0].options ?? []).map((o) => (o as { value: string }).value).sort();
	}
	return { resources, operations };
}

describe('the editor offers each provider only what it supports (node v2)', () => {
	it.each(ALL.map((p) => [p]))('%s', (provider) => {
		const adapter = adapterOf(provider);
		const { resources, operations } = offered(provider);
		const requestOps = [
			...(adapter.approveJoinRequest ? ['approve'] : []),
			...(adapter.listJoinRequests ? ['getAll'] : []),
			...(adapter.rejectJoinRequest ? ['reject'] : []),
		];
		expect(resources).toEqual(requestOps.length ? ['group', 'joinRequest'] : ['group']);
		expect(operations.group).toEqual(['getAll', 'getInviteLink', 'resetInviteLink', ...(adapter.setJoinApproval ? ['setJoinApproval'] : [])].sort());
		if (requestOps.length) expect(operations.joinRequest).toEqual(requestOps.sort());
	});

	it('at least the providers whose sources show join requests have them', () => {
		expect(can('approveJoinRequest').length).toBeGreaterThanOrEqual(6);
		expect(cannot('approveJoinRequest')).toEqual(expect.arrayContaining(['wawp', 'evolutionApi', 'evolutionGo', 'wppconnect']));
	});
});

describe('Get Many Join Requests', () => {
	it.each(can('listJoinRequests').map((p) => [p]))('%s: one item per pending request, normalized', async (provider) => {
		sim.addJoinRequest(GROUP, { phone: PHONE_A, method: 'invite_link', at: 1764979200 });
		sim.addJoinRequest(GROUP, { phone: PHONE_B, method: 'non_admin_add', at: 1764979260 });
		const result = await run2(sim, provider as ProviderId, { resource: 'joinRequest', operation: 'getAll', groupId: groupParam(provider), returnAll: true });
		expect(result.status).toBe('success');
		const items = (result.output as Item[]).map((i) => i.json);
		expect(items).toHaveLength(2);
		for (const [i, phone] of [PHONE_A, PHONE_B].entries()) {
			const item = items[i];
			expect(item).toMatchObject({ provider, resource: 'joinRequest', operation: 'getAll', groupId: groupIdOf(provider as ProviderId, GROUP) });
			expect(item.requester).toMatch(/^\d+@(s\.whatsapp\.net|lid)$/);
			if (item.phone !== undefined) expect(item.phone).toBe(phone);
			if (String(item.requester).endsWith('@s.whatsapp.net')) expect(item.requester).toBe(`${phone}@s.whatsapp.net`);
			if (item.requestedAt !== undefined) expect(item.requestedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
			for (const key of Object.keys(item)) {
				expect(['provider', 'resource', 'operation', 'groupId', 'requester', 'phone', 'requestMethod', 'requestedAt']).toContain(key);
			}
		}
		// Limit.
		const one = await run2(sim, provider as ProviderId, { resource: 'joinRequest', operation: 'getAll', groupId: groupParam(provider), returnAll: false, limit: 1 });
		expect(one.output).toHaveLength(1);
		// No pending request: no item.
		sim.groups.get(GROUP)!.joinRequests = [];
		const none = await run2(sim, provider as ProviderId, { resource: 'joinRequest', operation: 'getAll', groupId: groupParam(provider), returnAll: true });
		expect(none.status).toBe('success');
		expect(none.output).toHaveLength(0);
		expectNoSecrets(result.serialized, sim.secrets());
	});
});

describe.each([
	['approve', 'approveJoinRequest', 'approved'],
	['reject', 'rejectJoinRequest', 'rejected'],
] as const)('%s', (operation, method, status) => {
	it.each(can(method).map((p) => [p]))('%s: one requester per item, in any form; then it is no longer pending', async (provider) => {
		sim.addJoinRequest(GROUP, { phone: PHONE_A });
		sim.addJoinRequest(GROUP, { phone: PHONE_B });
		const before = sim.groups.get(GROUP)!.size;
		const result = await run2(
			sim,
			provider as ProviderId,
			{ resource: 'joinRequest', operation, groupId: groupParam(provider), requester: '={{ $json.who }}' },
			{ items: [{ who: `+${PHONE_A}` }, { who: `${PHONE_B}@s.whatsapp.net` }] },
		);
		expect(result.status).toBe('success');
		expect((result.output as Item[]).map((i) => [i.json, i.pairedItem])).toEqual([
			[{ provider, resource: 'joinRequest', operation, groupId: groupIdOf(provider as ProviderId, GROUP), requester: `${PHONE_A}@s.whatsapp.net`, status }, { item: 0 }],
			[{ provider, resource: 'joinRequest', operation, groupId: groupIdOf(provider as ProviderId, GROUP), requester: `${PHONE_B}@s.whatsapp.net`, status }, { item: 1 }],
		]);
		expect(sim.groups.get(GROUP)!.joinRequests).toHaveLength(0);
		expect(sim.groups.get(GROUP)!.size).toBe(before + (operation === 'approve' ? 2 : 0));

		// Again: nothing is pending from them any more.
		const again = await run2(
			sim,
			provider as ProviderId,
			{ resource: 'joinRequest', operation, groupId: groupParam(provider), requester: PHONE_A },
			{ onError: 'continueRegularOutput' },
		);
		const json = (again.output as Item[])[0].json;
		expect(json.error).toMatch(new RegExp(`(has no pending request from ${PHONE_A} in this group|reported that it could not ${operation} the join request)`));
		expect(json.description).toEqual(expect.any(String));
		expect(json.status).toBeUndefined();
		expectNoSecrets(result.serialized + again.serialized, sim.secrets());
	});

	it('a request no longer pending in a group picked From List is about the requester, not the group', async () => {
		const provider = can(method).find((p) => p !== 'zApi')! as ProviderId;
		const result = await run2(
			sim,
			provider,
			{ resource: 'joinRequest', operation, groupId: { mode: 'list', value: groupIdOf(provider, GROUP), cachedResultName: 'Team' }, requester: PHONE_A },
			{ onError: 'continueRegularOutput' },
		);
		const json = (result.output as Item[])[0].json;
		expect(json.error).toMatch(new RegExp(`has no pending request from ${PHONE_A} in this group`));
		expect(json.description).not.toMatch(/picked From List/);
	});

	it.each(can(method).map((p) => [p]))('%s: a group where the number is not an admin fails', async (provider) => {
		sim.addJoinRequest(NON_ADMIN_GROUP, { phone: PHONE_A });
		const result = await run2(
			sim,
			provider as ProviderId,
			{ resource: 'joinRequest', operation, groupId: groupParam(provider, NON_ADMIN_GROUP), requester: PHONE_A },
			{ onError: 'continueRegularOutput' },
		);
		expect((result.output as Item[])[0].json.error).toEqual(expect.any(String));
		expect(sim.groups.get(NON_ADMIN_GROUP)!.joinRequests).toHaveLength(1);
		sim.groups.get(NON_ADMIN_GROUP)!.joinRequests = [];
	});

	it('a requester that is not one fails before any request', async () => {
		const provider = can(method)[0] as ProviderId;
		const result = await run2(
			sim,
			provider,
			{ resource: 'joinRequest', operation, groupId: groupParam(provider), requester: '={{ $json.who }}' },
			{ items: [{ who: '120363019502650977@g.us' }, { who: '12345' }, { who: '' }], onError: 'continueRegularOutput' },
		);
		expect((result.output as Item[]).map((i) => i.json.error)).toEqual([
			'"120363019502650977@g.us" is a group, not a person who asked to join',
			'"12345" is not a phone number: it has 5 digits',
			'The requester is empty',
		]);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Set Join Approval', () => {
	it.each(can('setJoinApproval').map((p) => [p]))('%s: on, then off', async (provider) => {
		for (const required of [true, false]) {
			const result = await run2(sim, provider as ProviderId, { resource: 'group', operation: 'setJoinApproval', groupId: groupParam(provider), required });
			expect(result.status).toBe('success');
			expect((result.output as Item[])[0].json).toEqual({ provider, groupId: groupIdOf(provider as ProviderId, GROUP), joinApprovalRequired: required });
			expect(sim.groups.get(GROUP)!.approvalRequired).toBe(required);
		}
	});
});

describe('a provider without the call fails before any request, naming it', () => {
	const cases = [
		...cannot('listJoinRequests').map((p) => [p, 'joinRequest', 'getAll', 'list pending join requests'] as const),
		...cannot('approveJoinRequest').map((p) => [p, 'joinRequest', 'approve', 'approve join requests'] as const),
		...cannot('rejectJoinRequest').map((p) => [p, 'joinRequest', 'reject', 'reject join requests'] as const),
		...cannot('setJoinApproval').map((p) => [p, 'group', 'setJoinApproval', 'turn admin approval of new members on or off'] as const),
	];
	it.each(cases)('%s: %s %s', async (provider, resource, operation, what) => {
		const name = adapterOf(provider).name;
		const result = await run2(
			sim,
			provider as ProviderId,
			{ resource, operation, groupId: groupParam(provider), requester: PHONE_A, required: true },
			{ items: [{ n: 1 }, { n: 2 }], onError: 'continueRegularOutput' },
		);
		const items = (result.output as Item[]).map((i) => i.json);
		expect(items).toHaveLength(2);
		// A provider with no join-request operation is not offered the resource at all (n8n then drops the
		// Operation, which the editor never offered for it): the error names the resource.
		const noResource = resource === 'joinRequest' && !['listJoinRequests', 'approveJoinRequest', 'rejectJoinRequest'].some((m) => can(m as 'listJoinRequests').includes(provider));
		for (const item of items) {
			expect(item.error).toBe(
				noResource
					? `${name} cannot list, approve or reject join requests over its API, so Join Request is not available with it`
					: `${name} cannot ${what} over its API, so this operation is not available with it`,
			);
			expect(item.description).toMatch(/^Providers that can: /);
		}
		expect(sim.requests).toHaveLength(0);
	});
});

describe('writes are never repeated unless they surely did not arrive', () => {
	const listing = can('approveJoinRequest').filter((p) => can('listJoinRequests').includes(p));

	// `timeout`: the vendor acted but never answered; `resetBefore`: the connection dropped before it acted.
	it.each(listing.flatMap((p) => [[p, 'timeout', false] as const, [p, 'resetBefore', true] as const]))(
		'%s: an approve that met %s is sent once, and the read-back says which it is',
		async (provider, fault, stillPending) => {
			sim.addJoinRequest(GROUP, { phone: PHONE_A });
			sim.inject({ vendor: provider, op: 'approve', fault });
			const result = await run2(
				sim,
				provider as ProviderId,
				{ resource: 'joinRequest', operation: 'approve', groupId: groupParam(provider), requester: PHONE_A, options: { timeout: 1500 } },
				{ onError: 'continueRegularOutput' },
			);
			const json = (result.output as Item[])[0].json;
			expect(json.error).toMatch(/^The approval may not have completed: /);
			expect(json.description).toMatch(
				stillPending
					? new RegExp(`^Read afterwards: the request from ${PHONE_A} is still pending, so the approval did not go through`)
					: new RegExp(`^Read afterwards: the request from ${PHONE_A} is no longer pending, so the approval most likely went through`),
			);
			expect(json.stillPending).toBe(stillPending);
			expect(sim.count(provider, 'approve')).toBe(1);
			expect(sim.groups.get(GROUP)!.joinRequests).toHaveLength(stillPending ? 1 : 0);
		},
	);

	it.each(can('approveJoinRequest').map((p) => [p]))('%s: a 429 is retried (the vendor did nothing)', async (provider) => {
		sim.addJoinRequest(GROUP, { phone: PHONE_A });
		sim.inject({ vendor: provider, op: 'approve', fault: '429RetryAfter' });
		const result = await run2(sim, provider as ProviderId, { resource: 'joinRequest', operation: 'approve', groupId: groupParam(provider), requester: PHONE_A });
		expect(result.status).toBe('success');
		expect((result.output as Item[])[0].json.status).toBe('approved');
		expect(sim.count(provider, 'approve')).toBe(2);
	});
});
