/**
 * WAHA join requests with a fake client: the shapes of devlikeapro/waha groups.dto.ts@6aa4282 (cited
 * in the adapter) per engine, each failure shape, and the exact requests sent.
 */
import type { ProviderResponse } from '../../nodes/WhatsAppGroupInvite/providers/types';
import { waha } from '../../nodes/WhatsAppGroupInvite/providers/waha';
import { parseRequester } from '../../nodes/WhatsAppGroupInvite/whatsapp/requester';
import { FakeClient, group, hintFor, invalid, MODERN, ok } from '../support/fakeProviderClient';

const credentials = { baseUrl: 'http://localhost:3000', session: 'acme', apiKey: 'WAHA-KEY-1234' };
const client = (...answers: ProviderResponse[]) => new FakeClient(credentials, ...answers);
const G = () => group(waha, `${MODERN}@g.us`);
const BASE = `/acme/groups/${MODERN}%40g.us`;

describe('WAHA join requests', () => {
	it('lists: NOWEB with requesterPn beside a LID, methods and Unix seconds', async () => {
		const c = client(
			ok([
				{ requesterId: '5511912345678@c.us', requesterPn: null, addedById: null, parentGroupId: null, requestMethod: 'invite_link', timestamp: 1764979200 },
				{ requesterId: '201112223334445@lid', requesterPn: '5511987654321@s.whatsapp.net', requestMethod: 'non_admin_add', timestamp: 1764979260 },
				{ requesterId: '120363000000000001@g.us', requestMethod: null, timestamp: 1 },
			]),
		);
		expect(await waha.listJoinRequests!(c, G())).toEqual([
			{ requester: { jid: '5511912345678@s.whatsapp.net', phone: '5511912345678' }, requestMethod: 'invite_link', requestedAt: '2025-12-06T00:00:00.000Z' },
			{ requester: { jid: '201112223334445@lid', lid: '201112223334445', phone: '5511987654321' }, requestMethod: 'non_admin_add', requestedAt: '2025-12-06T00:01:00.000Z' },
		]);
		expect(c.requests).toEqual([{ method: 'GET', path: `${BASE}/participants/join-requests`, idempotent: true, action: 'list the join requests' }]);
	});

	it('lists: GOWS without method, a LID stays a LID, a zero or negative time is no time', async () => {
		const c = client(ok([{ requesterId: '201112223334445@lid', requestMethod: null, timestamp: 0 }, { requesterId: '5511912345678@c.us', requestMethod: null, timestamp: -62135596800 }]));
		expect(await waha.listJoinRequests!(c, G())).toEqual([
			{ requester: { jid: '201112223334445@lid', lid: '201112223334445' } },
			{ requester: { jid: '5511912345678@s.whatsapp.net', phone: '5511912345678' } },
		]);
	});

	it('a list that is not an array is an invalid response', async () => {
		expect((await invalid(waha.listJoinRequests!(client(ok({ foo: 1 })), G()))).problem).toBe('did not include the list of join requests');
	});

	it.each([
		['approve', waha.approveJoinRequest!],
		['reject', waha.rejectJoinRequest!],
	] as const)('%s sends one requester, a phone as …@c.us, and reads success', async (action, call) => {
		const c = client(ok([{ requesterId: '5511912345678@c.us', success: true }]));
		await call(c, G(), parseRequester('+55 11 91234-5678'));
		expect(c.requests).toEqual([
			{
				method: 'POST',
				path: `${BASE}/participants/join-requests/${action}`,
				body: { participants: [{ id: '5511912345678@c.us' }] },
				idempotent: false,
				action: `${action} the join request`,
			},
		]);
	});

	it('sends a LID as …@lid, and takes the only row even when the engine names another id', async () => {
		const c = client(ok([{ requesterId: '5511987654321@c.us', success: true }]));
		await waha.approveJoinRequest!(c, G(), parseRequester('201112223334445@lid'));
		expect(c.requests[0].body).toEqual({ participants: [{ id: '201112223334445@lid' }] });
	});

	it('error 404 in a 200 is "not pending"', async () => {
		const answer = ok([{ requesterId: '5511912345678@c.us', success: false, error: 404 }]);
		const c = client(answer);
		await expect(waha.approveJoinRequest!(c, G(), parseRequester('5511912345678'))).rejects.toThrow(/no pending request from 5511912345678/);
		expect(c.notPendings).toEqual([{ requester: { jid: '5511912345678@s.whatsapp.net', phone: '5511912345678' }, response: answer }]);
		expect(c.reportedFailures).toEqual([]);
	});

	it.each([
		[403, 'WhatsApp error 403 (ParticipantForbiddenError)'],
		[408, 'WhatsApp error 408 (ParticipantTemporarilyBlockedError)'],
		[999, 'WhatsApp error 999'],
	])('error %s in a 200 is a reported failure', async (code, reason) => {
		const c = client(ok([{ requesterId: '111111111@c.us', success: false, error: code }]));
		await expect(waha.rejectJoinRequest!(c, G(), parseRequester('5511912345678'))).rejects.toThrow(reason);
		expect(c.reportedFailures.map((f) => [f.action, f.reason])).toEqual([['reject the join request', reason]]);
		expect(c.notPendings).toEqual([]);
	});

	it('a 200 [] (no row for the requester) is a failure, never a success', async () => {
		const c = client(ok([]));
		await expect(waha.approveJoinRequest!(c, G(), parseRequester('5511912345678'))).rejects.toThrow(/no result for 5511912345678/);
		expect(c.reportedFailures).toHaveLength(1);
	});

	it('rows only for others, and a row without success, are failures', async () => {
		const c = client(ok([{ requesterId: '5511900000001@c.us', success: true }, { requesterId: '5511900000002@c.us', success: true }]), ok([{ requesterId: '5511912345678@c.us' }]));
		await expect(waha.approveJoinRequest!(c, G(), parseRequester('5511912345678'))).rejects.toThrow(/no result/);
		await expect(waha.approveJoinRequest!(c, G(), parseRequester('5511912345678'))).rejects.toThrow(/could not approve the join request/);
	});

	it('an answer that is not a list is an invalid response', async () => {
		expect((await invalid(waha.approveJoinRequest!(client(ok('OK')), G(), parseRequester('5511912345678')))).problem).toBe('did not say whether it could approve the join request');
	});

	it.each([true, false])('approval %s: PUT membership-approval, true is done', async (required) => {
		const c = client(ok(true));
		await waha.setJoinApproval!(c, G(), required);
		expect(c.requests).toEqual([
			{
				method: 'PUT',
				path: `${BASE}/settings/security/membership-approval`,
				body: { newMembersApprovalRequired: required },
				idempotent: false,
				action: required ? 'turn admin approval on' : 'turn admin approval off',
			},
		]);
	});

	it('approval answered false (WEBJS, not applied) is a reported failure; anything else invalid', async () => {
		const c = client(ok(false));
		await expect(waha.setJoinApproval!(c, G(), true)).rejects.toThrow(/could not turn admin approval on/);
		expect(c.reportedFailures).toHaveLength(1);
		expect((await invalid(waha.setJoinApproval!(client(ok({})), G(), false))).problem).toBe('did not say whether it could turn admin approval off');
	});

	it('a server older than 2026.8.2 (404 Cannot GET …/join-requests) gets an update hint', () => {
		const { hint } = hintFor(waha, 404, { statusCode: 404, message: `Cannot GET /api/default/groups/${MODERN}@g.us/participants/join-requests`, error: 'Not Found' });
		expect(hint).toMatch(/2026\.8\.2/);
	});
});
