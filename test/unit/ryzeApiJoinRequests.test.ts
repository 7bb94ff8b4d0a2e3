/**
 * RyzeAPI join requests with a fake client: the requests sent (docs.ryzeapi.cloud /en/api/groups/requests,
 * /participants, /update) and how the answers are read, a 200 carrying a per-participant failure included.
 */
import { ryzeApi } from '../../nodes/WhatsAppGroupInvite/providers/ryzeApi';
import { parseRequester } from '../../nodes/WhatsAppGroupInvite/whatsapp/requester';
import { FakeClient, group, httpError, invalid, ok } from '../support/fakeProviderClient';

const GROUP = '120363406289005073';
const credentials = { instanceName: 'acme support', token: 'RYZETOKEN', baseUrl: 'https://ryzeapi.cloud' };
const client = (...answers: Array<ReturnType<typeof ok> | Error>) => new FakeClient(credentials, ...answers);
const ref = () => group(ryzeApi, `${GROUP}@g.us`);

const list = {
	success: true,
	message: '3 pending requests found',
	groupJid: `${GROUP}@g.us`,
	requests: [
		{ jid: '199789077627112@lid', phoneNumber: '5511999999999@s.whatsapp.net', requestedAt: '2026-04-20T14:00:00Z' },
		{ jid: '199789077627113@lid', phoneNumber: null, requestedAt: '2026-04-20T15:30:00.500Z' },
		{ jid: `${GROUP}@g.us`, phoneNumber: null, requestedAt: 'yesterday' },
		{ jid: '199789077627114@lid', phoneNumber: '', requestedAt: 'not a date' },
	],
	meta: { total: 3 },
};

describe('RyzeAPI join requests', () => {
	it('has list, approve, reject and the approval setting', () => {
		for (const method of ['listJoinRequests', 'approveJoinRequest', 'rejectJoinRequest', 'setJoinApproval'] as const) {
			expect(typeof ryzeApi[method]).toBe('function');
		}
	});

	it('lists the requests: a LID stays a LID with the phone beside it, ISO times, no group entries', async () => {
		const c = client(ok(list));
		const requests = await ryzeApi.listJoinRequests!(c, ref());
		expect(c.requests).toEqual([
			{
				method: 'GET',
				path: '/group/requests/acme%20support',
				qs: { identifier: `${GROUP}@g.us` },
				idempotent: true,
				action: 'list the join requests',
			},
		]);
		expect(requests).toEqual([
			{ requester: { jid: '199789077627112@lid', lid: '199789077627112', phone: '5511999999999' }, requestedAt: '2026-04-20T14:00:00.000Z' },
			{ requester: { jid: '199789077627113@lid', lid: '199789077627113' }, requestedAt: '2026-04-20T15:30:00.500Z' },
			{ requester: { jid: '199789077627114@lid', lid: '199789077627114' } },
		]);
	});

	it('lists by invite code too, and an empty list is no request', async () => {
		const c = client(ok({ success: true, message: '0 pending requests found', requests: [], meta: { total: 0 } }));
		expect(await ryzeApi.listJoinRequests!(c, group(ryzeApi, 'C1adgkdEGki7554BWDdMkd'))).toEqual([]);
		expect(c.requests[0].qs).toEqual({ identifier: 'C1adgkdEGki7554BWDdMkd' });
	});

	it('fails on a list answer without requests', async () => {
		const error = await invalid(ryzeApi.listJoinRequests!(client(ok({ success: true, message: 'ok' })), ref()));
		expect(error.problem).toBe('did not include the list of join requests');
	});

	it.each([
		['a LID', '199789077627112@lid', '199789077627112@lid'],
		['a phone number', '+55 11 99999-9999', '5511999999999'],
		['a phone JID', '5511999999999@s.whatsapp.net', '5511999999999'],
		['a c.us JID', '5511999999999@c.us', '5511999999999'],
	])('approves one requester given as %s, sent as RyzeAPI takes it', async (_label, input, sent) => {
		const c = client(ok({ success: true, message: 'ok', participants: [{ jid: '199789077627112@lid', success: true }] }));
		await ryzeApi.approveJoinRequest!(c, ref(), parseRequester(input));
		expect(c.requests).toEqual([
			{
				method: 'POST',
				path: '/group/participants/acme%20support',
				body: { action: 'approve', identifier: `${GROUP}@g.us`, participants: [sent] },
				idempotent: false,
				action: 'approve the join request',
			},
		]);
	});

	it('rejects with action "reject"', async () => {
		const c = client(ok({ success: true, participants: [{ participant: '5511999999999', success: true }] }));
		await ryzeApi.rejectJoinRequest!(c, ref(), parseRequester('5511999999999'));
		expect(c.requests[0]).toMatchObject({ method: 'POST', body: { action: 'reject', participants: ['5511999999999'] }, action: 'reject the join request', idempotent: false });
	});

	it('finds the requester among several entries by any id key', async () => {
		const c = client(
			ok({ success: true, participants: [{ id: '5511888888888', success: true }, { phoneNumber: '5511999999999@s.whatsapp.net', success: false, error: 'forbidden' }] }),
		);
		await expect(ryzeApi.approveJoinRequest!(c, ref(), parseRequester('5511999999999'))).rejects.toThrow('could not approve the join request: forbidden');
		expect(c.reportedFailures).toHaveLength(1);
	});

	it.each(['item-not-found', 'Request not found', 'no pending request', '404', 'join request does not exist'])(
		'a 200 whose entry failed with "%s" is not pending',
		async (error) => {
			const c = client(ok({ success: true, participants: [{ jid: '199789077627112@lid', success: false, error }] }));
			const requester = parseRequester('199789077627112@lid');
			await expect(ryzeApi.approveJoinRequest!(c, ref(), requester)).rejects.toThrow('no pending request from 199789077627112@lid');
			expect(c.notPendings).toEqual([{ requester, response: expect.objectContaining({ statusCode: 200 }) }]);
		},
	);

	it('a 200 whose entry failed for another reason is a reported failure with that reason ({message} too)', async () => {
		for (const error of ['not-authorized', { message: 'not-authorized' }]) {
			const c = client(ok({ success: true, participants: [{ jid: '199789077627112@lid', success: false, error }] }));
			await expect(ryzeApi.rejectJoinRequest!(c, ref(), parseRequester('199789077627112@lid'))).rejects.toThrow('could not reject the join request: not-authorized');
			expect(c.reportedFailures[0]).toMatchObject({ action: 'reject the join request', reason: 'not-authorized' });
			expect(c.notPendings).toEqual([]);
		}
	});

	it('never reports success without the answer saying so', async () => {
		const requester = parseRequester('5511999999999');
		// No per-participant result but success: true at the top: RyzeAPI's own success.
		await ryzeApi.approveJoinRequest!(client(ok({ success: true, message: '1 participant approved' })), ref(), requester);
		for (const body of [{ message: 'done' }, { success: true, participants: [{ jid: 'x' }] }, { success: true, participants: [{ id: '1', success: true }, { id: '2', success: true }] }]) {
			await invalid(ryzeApi.approveJoinRequest!(client(ok(body)), ref(), requester));
		}
	});

	it("passes the transport's error on (403 must be admin, 404 group)", async () => {
		const c = client(httpError(403, 'Not authorized (must be admin)'));
		await expect(ryzeApi.approveJoinRequest!(c, ref(), parseRequester('5511999999999'))).rejects.toThrow('must be admin');
	});

	it.each([true, false])('sets approval %s with a partial update, and checks the setting it answers', async (required) => {
		const c = client(ok({ success: true, message: 'Group updated: requireAdminApproval', group: { jid: `${GROUP}@g.us`, groupSettings: { requireAdminApproval: required } } }));
		await ryzeApi.setJoinApproval!(c, ref(), required);
		expect(c.requests).toEqual([
			{
				method: 'PUT',
				path: '/group/update/acme%20support',
				body: { identifier: `${GROUP}@g.us`, groupSettings: { requireAdminApproval: required } },
				idempotent: false,
				action: required ? 'turn admin approval on' : 'turn admin approval off',
			},
		]);
	});

	it('a setting answered unchanged is a reported failure; an answer without it needs success: true', async () => {
		const c = client(ok({ success: true, data: { groupSettings: { requireAdminApproval: false } } }));
		await expect(ryzeApi.setJoinApproval!(c, ref(), true)).rejects.toThrow('could not turn admin approval on');
		expect(c.reportedFailures[0].reason).toBe("the group's requireAdminApproval is still false");
		await ryzeApi.setJoinApproval!(client(ok({ success: true, message: 'Group updated' })), ref(), false);
		await invalid(ryzeApi.setJoinApproval!(client(ok({ message: 'Group updated' })), ref(), false));
	});
});
