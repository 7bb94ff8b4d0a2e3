/**
 * Join requests through the real transport (n8n-core, real sockets) against the simulator, for WAHA,
 * Whapi.Cloud, GOWA and Wuzapi: list, approve, reject, a requester who is not pending, a group where
 * the number is not an admin, and the approval setting where the vendor has it.
 */
import { parseGroupId } from '../../nodes/WhatsAppGroupInvite/whatsapp/groupId';
import { parseRequester, RequesterError } from '../../nodes/WhatsAppGroupInvite/whatsapp/requester';
import type { ProviderId } from '../support/scenario';
import { adapterClient, expectNoSecrets, GROUP, NON_ADMIN_GROUP, useSimulator } from '../support/scenario';

const sim = useSimulator();
const ref = (id: string) => parseGroupId(`${id}@g.us`, { acceptsInvite: false });

const PHONE = '5511912345678';
const LID = '201112223334445';
const LID_PHONE = '5511987654321';

function seed() {
	const group = sim().groups.get(GROUP)!;
	group.joinRequests = [];
	group.approvalRequired = false;
	group.size = 3;
	sim().addJoinRequest(GROUP, { phone: PHONE, method: 'invite_link', at: 1764979200 });
	sim().addJoinRequest(GROUP, { lid: LID, phone: LID_PHONE, method: 'non_admin_add', at: 1764979260 });
	return group;
}

async function failure(call: Promise<unknown>): Promise<Error> {
	try {
		await call;
	} catch (error) {
		expectNoSecrets(JSON.stringify({ message: (error as Error).message, error }), sim().secrets());
		return error as Error;
	}
	throw new Error('expected a failure');
}

const CASES: Array<{ provider: ProviderId; approval: boolean; method: boolean; lid: string; lidPhone: boolean }> = [
	{ provider: 'waha', approval: true, method: true, lid: `${LID}@lid`, lidPhone: true },
	{ provider: 'whapi', approval: true, method: true, lid: `${LID_PHONE}@s.whatsapp.net`, lidPhone: false },
	{ provider: 'gowa', approval: false, method: false, lid: `${LID}@lid`, lidPhone: true },
	{ provider: 'wuzapi', approval: true, method: false, lid: `${LID}@lid`, lidPhone: false },
];

describe.each(CASES)('$provider join requests', ({ provider, approval, method, lid, lidPhone }) => {
	beforeEach(() => {
		Object.assign(sim().variants, { wahaEngine: 'NOWEB', wuzapiVersion: '1.0.9' });
	});

	it('lists the pending requests with who, how and when', async () => {
		seed();
		const { adapter, client } = await adapterClient(sim(), provider);
		const list = await adapter.listJoinRequests!(client, ref(GROUP));
		expectNoSecrets(JSON.stringify(list), sim().secrets());
		expect(list[0]).toEqual({
			requester: { jid: `${PHONE}@s.whatsapp.net`, phone: PHONE },
			...(method ? { requestMethod: 'invite_link' } : {}),
			requestedAt: '2025-12-06T00:00:00.000Z',
		});
		const second = list[1];
		expect(second.requester.jid).toBe(lid.endsWith('@lid') ? lid : `${LID_PHONE}@s.whatsapp.net`);
		if (lidPhone) expect(second.requester.phone).toBe(LID_PHONE);
		else if (lid.endsWith('@lid')) expect(second.requester.phone).toBeUndefined();
		expect(second.requestedAt).toBe('2025-12-06T00:01:00.000Z');
		expect(list).toHaveLength(2);
		expect(sim().requests.map((r) => r.op)).toEqual(['joinRequests']);
	});

	it('approves: the request leaves the list, the group grows', async () => {
		const group = seed();
		const { adapter, client } = await adapterClient(sim(), provider);
		await adapter.approveJoinRequest!(client, ref(GROUP), parseRequester(`+${PHONE}`));
		expect(group.joinRequests.map((r) => r.phone)).toEqual([LID_PHONE]);
		expect(group.size).toBe(4);
		expect(sim().requests.filter((r) => r.op === 'approve')).toHaveLength(1);
		const list = await adapter.listJoinRequests!(client, ref(GROUP));
		expect(list.map((r) => r.requester.phone ?? r.requester.jid)).not.toContain(PHONE);
	});

	it('approves a requester in the form the list gave it', async () => {
		const group = seed();
		const { adapter, client } = await adapterClient(sim(), provider);
		const listed = (await adapter.listJoinRequests!(client, ref(GROUP)))[1].requester;
		await adapter.approveJoinRequest!(client, ref(GROUP), listed);
		expect(group.joinRequests.map((r) => r.phone)).toEqual([PHONE]);
		expect(group.size).toBe(4);
	});

	it('rejects: the request leaves the list, the group does not grow', async () => {
		const group = seed();
		const { adapter, client } = await adapterClient(sim(), provider);
		await adapter.rejectJoinRequest!(client, ref(GROUP), parseRequester(`${PHONE}@s.whatsapp.net`));
		expect(group.joinRequests.map((r) => r.phone)).toEqual([LID_PHONE]);
		expect(group.size).toBe(3);
		expect(sim().requests.filter((r) => r.op === 'reject')).toHaveLength(1);
	});

	it.each(['approve', 'reject'] as const)('%s of a requester who is not pending fails, saying so', async (action) => {
		const group = seed();
		const { adapter, client } = await adapterClient(sim(), provider);
		const call = action === 'approve' ? adapter.approveJoinRequest! : adapter.rejectJoinRequest!;
		const error = await failure(call(client, ref(GROUP), parseRequester('5511900000001')));
		expect(error.message).toMatch(/has no pending request from .* in this group/);
		expect(group.joinRequests).toHaveLength(2);
		expect(group.size).toBe(3);
		if (provider === 'wuzapi') {
			// Wuzapi drops the per-requester result: the list decides, and nothing is written.
			expect(sim().requests.map((r) => r.op)).toEqual(['joinRequests']);
		}
	});

	it('a group where the number is not an admin fails', async () => {
		seed();
		sim().addJoinRequest(NON_ADMIN_GROUP, { phone: PHONE });
		const { adapter, client } = await adapterClient(sim(), provider);
		const error = await failure(adapter.approveJoinRequest!(client, ref(NON_ADMIN_GROUP), parseRequester(PHONE)));
		expect(error.message).not.toMatch(/has no pending request/);
		expect(sim().groups.get(NON_ADMIN_GROUP)!.joinRequests).toHaveLength(1);
		sim().groups.get(NON_ADMIN_GROUP)!.joinRequests = [];
	});

	it('a group the vendor does not know fails', async () => {
		const { adapter, client } = await adapterClient(sim(), provider);
		await failure(adapter.listJoinRequests!(client, ref('120363000000000001')));
	});

	if (approval) {
		it('turns admin approval on and off', async () => {
			const group = seed();
			const { adapter, client } = await adapterClient(sim(), provider);
			await adapter.setJoinApproval!(client, ref(GROUP), false);
			expect(group.approvalRequired).toBe(false);
			await adapter.setJoinApproval!(client, ref(GROUP), true);
			expect(group.approvalRequired).toBe(true);
			expect(sim().requests.map((r) => r.op)).toEqual(['joinApproval', 'joinApproval']);
		});

		it('turning approval on in a group where the number is not an admin fails', async () => {
			sim().groups.get(NON_ADMIN_GROUP)!.approvalRequired = false;
			const { adapter, client } = await adapterClient(sim(), provider);
			await failure(adapter.setJoinApproval!(client, ref(NON_ADMIN_GROUP), true));
			expect(sim().groups.get(NON_ADMIN_GROUP)!.approvalRequired).toBe(false);
		});
	} else {
		it('has no approval on/off call', async () => {
			const { adapter } = await adapterClient(sim(), provider);
			expect(adapter.setJoinApproval).toBeUndefined();
		});
	}
});

describe('vendor specifics', () => {
	it('WAHA WEBJS answers false when approval could not be set: a reported failure', async () => {
		sim().variants.wahaEngine = 'WEBJS';
		try {
			const { adapter, client } = await adapterClient(sim(), 'waha');
			const error = await failure(adapter.setJoinApproval!(client, ref(NON_ADMIN_GROUP), true));
			expect(error.message).toMatch(/reported that it could not turn admin approval on/);
		} finally {
			sim().variants.wahaEngine = 'NOWEB';
		}
	});

	it.each(['GOWS', 'WEBJS'])('WAHA %s lists without requesterPn (a LID stays a LID)', async (engine) => {
		seed();
		sim().variants.wahaEngine = engine;
		try {
			const { adapter, client } = await adapterClient(sim(), 'waha');
			const list = await adapter.listJoinRequests!(client, ref(GROUP));
			expect(list[1].requester).toEqual({ jid: `${LID}@lid`, lid: LID });
			expect(list[0].requestMethod).toBe(engine === 'GOWS' ? undefined : 'invite_link');
		} finally {
			sim().variants.wahaEngine = 'NOWEB';
		}
	});

	it('GOWA cannot act on a LID-only requester: a RequesterError before any request', async () => {
		seed();
		const { adapter, client } = await adapterClient(sim(), 'gowa');
		await expect(adapter.approveJoinRequest!(client, ref(GROUP), parseRequester(`${LID}@lid`))).rejects.toBeInstanceOf(RequesterError);
		expect(sim().requests).toHaveLength(0);
	});

	it('GOWA leaves out a phone_number that is only the unresolved LID', async () => {
		const group = seed();
		group.joinRequests[1].phone = undefined;
		const { adapter, client } = await adapterClient(sim(), 'gowa');
		const list = await adapter.listJoinRequests!(client, ref(GROUP));
		expect(list[1].requester).toEqual({ jid: `${LID}@lid`, lid: LID });
	});

	it('Whapi.Cloud reads every page of applications', async () => {
		const group = seed();
		for (let i = 0; i < 150; i += 1) sim().addJoinRequest(GROUP, { phone: `55119000${String(i).padStart(5, '0')}` });
		const { adapter, client } = await adapterClient(sim(), 'whapi');
		const list = await adapter.listJoinRequests!(client, ref(GROUP));
		expect(list).toHaveLength(152);
		expect(sim().requests.map((r) => r.query)).toEqual([
			{ count: '100', offset: '0' },
			{ count: '100', offset: '100' },
		]);
		group.joinRequests = [];
	});

	it('a Wuzapi server without the join-request routes says so', async () => {
		sim().variants.wuzapiVersion = '2025-05';
		try {
			const { adapter, client } = await adapterClient(sim(), 'wuzapi');
			const error = await failure(adapter.listJoinRequests!(client, ref(GROUP)));
			expect(error.message).toMatch(/has no join-request routes/);
		} finally {
			sim().variants.wuzapiVersion = '1.0.9';
		}
	});
});
