/**
 * Join requests of RyzeAPI, Meta Cloud API, Z-API and uazapi through the real transport (n8n-core,
 * real sockets) against the simulator: list, approve, reject, a requester with no pending request,
 * a group the number does not administer, the approval setting where the vendor has one, and no
 * secret in any result or error.
 */
import type { ProviderAdapter, ProviderClient } from '../../nodes/WhatsAppGroupInvite/providers/types';
import type { GroupRef } from '../../nodes/WhatsAppGroupInvite/whatsapp/groupId';
import { parseGroupId } from '../../nodes/WhatsAppGroupInvite/whatsapp/groupId';
import { parseRequester } from '../../nodes/WhatsAppGroupInvite/whatsapp/requester';
import type { ProviderId } from '../support/scenario';
import { adapterClient, expectNoSecrets, GROUP, groupIdOf, NON_ADMIN_GROUP, useSimulator } from '../support/scenario';

const sim = useSimulator();

const PHONE = '5511987654321';
const LID = '199789077627112';
const OTHER_PHONE = '5521912345678';
const AT = 1764979200;

beforeEach(() => {
	for (const g of sim().groups.values()) {
		g.joinRequests = [];
		g.approvalRequired = false;
		g.size = 3;
	}
	Object.assign(sim().variants, { metaJoinPage: 25, metaJoinNotPending: 'failed' });
});

async function setUp(provider: ProviderId, groupId = GROUP): Promise<{ adapter: ProviderAdapter; client: ProviderClient; group: GroupRef }> {
	const { adapter, client } = await adapterClient(sim(), provider);
	return { adapter, client, group: parseGroupId(groupIdOf(provider, groupId), adapter.groupIdRules) };
}

/** Everything an error carries that could leak (message, description, details). */
function dump(error: unknown): string {
	const e = error as Record<string, unknown>;
	return JSON.stringify({ message: e.message, description: e.description, context: e.context, ...e });
}

async function failure(call: Promise<unknown>): Promise<Error> {
	try {
		await call;
	} catch (error) {
		expectNoSecrets(dump(error), sim().secrets());
		return error as Error;
	}
	throw new Error('expected a failure');
}

function pending(id = GROUP) {
	return sim().groups.get(id)!.joinRequests;
}

describe.each(['ryzeApi', 'metaCloudApi', 'zApi', 'uazapi'] as const)('%s join requests (simulator)', (provider) => {
	const lists = provider === 'ryzeApi' || provider === 'metaCloudApi';

	it('implements what the vendor has over HTTP', async () => {
		const { adapter } = await setUp(provider);
		expect(typeof adapter.approveJoinRequest).toBe('function');
		expect(typeof adapter.rejectJoinRequest).toBe('function');
		expect(typeof adapter.listJoinRequests).toBe(lists ? 'function' : 'undefined');
		expect(typeof adapter.setJoinApproval).toBe(provider === 'ryzeApi' ? 'function' : 'undefined');
	});

	// Z-API and uazapi have no list over HTTP (see their adapters' headers).
	if (lists) it('lists the pending requests', async () => {
		sim().addJoinRequest(GROUP, { phone: PHONE, lid: LID, at: AT });
		sim().addJoinRequest(GROUP, { lid: '199789077627113', at: AT + 60 });
		sim().addJoinRequest(GROUP, { phone: OTHER_PHONE, at: AT + 120 });
		// Meta's list in pages of two: every page is read.
		sim().variants.metaJoinPage = 2;
		const { adapter, client, group } = await setUp(provider);
		const requests = await adapter.listJoinRequests!(client, group);
		expectNoSecrets(JSON.stringify(requests), sim().secrets());
		const iso = (t: number) => new Date(t * 1000).toISOString();
		if (provider === 'ryzeApi') {
			expect(requests).toEqual([
				{ requester: { jid: `${LID}@lid`, lid: LID, phone: PHONE }, requestedAt: iso(AT) },
				{ requester: { jid: '199789077627113@lid', lid: '199789077627113' }, requestedAt: iso(AT + 60) },
				{ requester: { jid: `${OTHER_PHONE}@s.whatsapp.net`, phone: OTHER_PHONE }, requestedAt: iso(AT + 120) },
			]);
		} else {
			// Meta names requesters by wa_id only: the LID-only one has none and is left out.
			const ids = pending().map((r) => r.requestId);
			expect(requests).toEqual([
				{ requester: { jid: `${PHONE}@s.whatsapp.net`, phone: PHONE }, requestedAt: iso(AT), requestId: ids[0] },
				{ requester: { jid: `${OTHER_PHONE}@s.whatsapp.net`, phone: OTHER_PHONE }, requestedAt: iso(AT + 120), requestId: ids[2] },
			]);
			expect(sim().count('metaCloudApi', 'joinRequests')).toBe(2);
		}
		expect(sim().requests.every((r) => r.op === 'joinRequests')).toBe(true);
	});

	it.each(['approve', 'reject'] as const)('%s: the request leaves the list, an approved requester joins', async (verb) => {
		sim().addJoinRequest(GROUP, { phone: PHONE, lid: LID });
		sim().addJoinRequest(GROUP, { phone: OTHER_PHONE });
		const { adapter, client, group } = await setUp(provider);
		const call = verb === 'approve' ? adapter.approveJoinRequest! : adapter.rejectJoinRequest!;
		await call(client, group, parseRequester(`+${PHONE}`));
		expect(pending().map((r) => r.phone)).toEqual([OTHER_PHONE]);
		expect(sim().groups.get(GROUP)!.size).toBe(verb === 'approve' ? 4 : 3);
		expect(sim().count(provider, verb)).toBe(1);
		if (lists) {
			const left = await adapter.listJoinRequests!(client, group);
			expect(left.map((r) => r.requester.phone)).toEqual([OTHER_PHONE]);
		}
	});

	if (provider === 'ryzeApi' || provider === 'uazapi') {
		it('approves a requester given by LID', async () => {
			sim().addJoinRequest(GROUP, { phone: PHONE, lid: LID });
			const { adapter, client, group } = await setUp(provider);
			await adapter.approveJoinRequest!(client, group, parseRequester(`${LID}@lid`));
			expect(pending()).toEqual([]);
			expect(sim().groups.get(GROUP)!.size).toBe(4);
		});
	} else {
		it('refuses a requester given only by LID, before any request', async () => {
			sim().addJoinRequest(GROUP, { phone: PHONE, lid: LID });
			const { adapter, client, group } = await setUp(provider);
			const error = await failure(adapter.approveJoinRequest!(client, group, parseRequester(`${LID}@lid`)));
			expect(error.message).toMatch(/can only approve a join request by the requester's phone number/);
			expect(sim().requests).toEqual([]);
			expect(pending()).toHaveLength(1);
		});
	}

	it.each(['approve', 'reject'] as const)('%s a requester who is not pending: an error saying so', async (verb) => {
		sim().addJoinRequest(GROUP, { phone: OTHER_PHONE });
		const { adapter, client, group } = await setUp(provider);
		const call = verb === 'approve' ? adapter.approveJoinRequest! : adapter.rejectJoinRequest!;
		const error = await failure(call(client, group, parseRequester(PHONE)));
		if (provider === 'zApi') {
			// Z-API answers {"value": false} whatever the reason, and says none.
			expect(error.message).toMatch(new RegExp(`could not ${verb} the join request: Z-API does not say why .*no pending request from ${PHONE} in this group`));
		} else {
			expect(error.message).toMatch(/has no pending request from .* in this group/);
			expect(error.message).toContain(PHONE);
		}
		expect(pending()).toHaveLength(1);
		expect(sim().groups.get(GROUP)!.size).toBe(3);
		// Meta reads the list and writes nothing when the requester is not in it.
		if (provider === 'metaCloudApi') expect(sim().count('metaCloudApi', verb)).toBe(0);
	});

	if (provider === 'metaCloudApi') {
		it.each(['failed', '400'] as const)('a request gone between the list and the write (131213 %s) is not pending', async (where) => {
			sim().variants.metaJoinNotPending = where;
			sim().addJoinRequest(GROUP, { phone: PHONE });
			const { adapter, client, group } = await setUp(provider);
			// The request is withdrawn after the adapter read the list and before it writes.
			const racing: ProviderClient = {
				...client,
				send: async (request) => {
					const response = await client.send(request);
					if (request.method === 'GET') sim().settleJoinRequest(GROUP, PHONE, 'reject');
					return response;
				},
			};
			const error = await failure(adapter.approveJoinRequest!(racing, group, parseRequester(PHONE)));
			expect(error.message).toMatch(new RegExp(`has no pending request from ${PHONE} in this group`));
			expect(error.message).toContain('131213');
			expect(sim().requests.map((r) => [r.op, r.status])).toEqual([
				['joinRequests', 200],
				['approve', where === 'failed' ? 200 : 400],
			]);
			expect(sim().groups.get(GROUP)!.size).toBe(3);
		});
	}

	it('a group the number does not administer: an error, nothing settled', async () => {
		sim().addJoinRequest(NON_ADMIN_GROUP, { phone: PHONE, lid: LID });
		const { adapter, client, group } = await setUp(provider, NON_ADMIN_GROUP);
		const error = await failure(adapter.approveJoinRequest!(client, group, parseRequester(PHONE)));
		expect(error.message).toMatch(
			{
				ryzeApi: /must be admin/,
				metaCloudApi: /131207|suspended/i,
				zApi: /could not approve the join request/,
				uazapi: /administrador/,
			}[provider],
		);
		expect(pending(NON_ADMIN_GROUP)).toHaveLength(1);
		if (lists) await failure(adapter.listJoinRequests!(client, group));
	});

	it('a group the vendor does not know: an error', async () => {
		const { adapter, client } = await setUp(provider);
		const unknown = parseGroupId(groupIdOf(provider, '120363000000000001'), adapter.groupIdRules);
		await failure(adapter.rejectJoinRequest!(client, unknown, parseRequester(PHONE)));
	});

	if (provider === 'ryzeApi') {
		it('turns approval on and off (the simulated group follows); a non-admin group is refused', async () => {
			const { adapter, client, group } = await setUp(provider);
			await adapter.setJoinApproval!(client, group, true);
			expect(sim().groups.get(GROUP)!.approvalRequired).toBe(true);
			await adapter.setJoinApproval!(client, group, false);
			expect(sim().groups.get(GROUP)!.approvalRequired).toBe(false);
			expect(sim().count('ryzeApi', 'joinApproval')).toBe(2);
			const other = await setUp(provider, NON_ADMIN_GROUP);
			const error = await failure(other.adapter.setJoinApproval!(other.client, other.group, true));
			expect(error.message).toMatch(/must be admin/);
			expect(sim().groups.get(NON_ADMIN_GROUP)!.approvalRequired).toBe(false);
		});
	}
});
