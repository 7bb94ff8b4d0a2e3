/**
 * Wuzapi join requests with a fake client: the shapes of asternic/wuzapi handlers_grouprequests.go@5ef9565
 * (cited in the adapter), the list read before every approve or reject (Wuzapi drops the per-requester
 * result), each failure shape, and the exact requests sent.
 */
import type { ProviderResponse } from '../../nodes/WhatsAppGroupInvite/providers/types';
import { wuzapi } from '../../nodes/WhatsAppGroupInvite/providers/wuzapi';
import { parseRequester } from '../../nodes/WhatsAppGroupInvite/whatsapp/requester';
import { FakeClient, group, hintFor, invalid, MODERN, ok, status } from '../support/fakeProviderClient';

const credentials = { baseUrl: 'http://localhost:8080', token: 'WUZ-USER-TOKEN-1234' };
const client = (...answers: ProviderResponse[]) => new FakeClient(credentials, ...answers);
const G = () => group(wuzapi, `${MODERN}@g.us`);
const LIST = ok({
	code: 200,
	data: [
		{ JID: '5511912345678@s.whatsapp.net', RequestedAt: '2025-12-05T21:00:00-03:00' },
		{ JID: '201112223334445@lid', RequestedAt: '2025-12-05T21:01:00-03:00' },
	],
	success: true,
});
const LIST_REQUEST = { method: 'GET', path: '/group/requestparticipants', qs: { groupJID: `${MODERN}@g.us` }, idempotent: true, action: 'list the join requests', passStatuses: [404] };
const UPDATED = ok({ code: 200, data: { Details: 'Group request participants updated successfully' }, success: true });

describe('Wuzapi join requests', () => {
	it('lists whatsmeow JIDs with RFC 3339 times (no phone beside a LID, no method)', async () => {
		const c = client(LIST);
		expect(await wuzapi.listJoinRequests!(c, G())).toEqual([
			{ requester: { jid: '5511912345678@s.whatsapp.net', phone: '5511912345678' }, requestedAt: '2025-12-06T00:00:00.000Z' },
			{ requester: { jid: '201112223334445@lid', lid: '201112223334445' }, requestedAt: '2025-12-06T00:01:00.000Z' },
		]);
		expect(c.requests).toEqual([LIST_REQUEST]);
	});

	it('data null is no request; no data is an invalid response', async () => {
		expect(await wuzapi.listJoinRequests!(client(ok({ code: 200, data: null, success: true })), G())).toEqual([]);
		expect((await invalid(wuzapi.listJoinRequests!(client(ok({ code: 200, success: true })), G()))).problem).toBe('did not include the list of join requests');
	});

	it('a plain 404 (a server without the routes) says so', async () => {
		const error = await invalid(wuzapi.listJoinRequests!(client({ statusCode: 404, body: '404 page not found\n', text: '404 page not found\n' }), G()));
		expect(error.problem).toMatch(/has no join-request routes/);
	});

	it.each([
		['approve', wuzapi.approveJoinRequest!],
		['reject', wuzapi.rejectJoinRequest!],
	] as const)('%s lists first, then sends the listed JID', async (action, call) => {
		const c = client(LIST, UPDATED);
		await call(c, G(), parseRequester('+55 11 91234-5678'));
		expect(c.requests).toEqual([
			LIST_REQUEST,
			{
				method: 'POST',
				path: '/group/updaterequestparticipants',
				body: { GroupJID: `${MODERN}@g.us`, Phone: ['5511912345678@s.whatsapp.net'], Action: action },
				idempotent: false,
				action: `${action} the join request`,
			},
		]);
	});

	it('a LID is sent as listed', async () => {
		const c = client(LIST, UPDATED);
		await wuzapi.approveJoinRequest!(c, G(), parseRequester('201112223334445@lid'));
		expect(c.requests[1].body).toEqual({ GroupJID: `${MODERN}@g.us`, Phone: ['201112223334445@lid'], Action: 'approve' });
	});

	it('a requester not in the list is "not pending", and nothing is written', async () => {
		const c = client(LIST);
		await expect(wuzapi.approveJoinRequest!(c, G(), parseRequester('5511900000001'))).rejects.toThrow(/no pending request from 5511900000001/);
		expect(c.notPendings).toEqual([{ requester: { jid: '5511900000001@s.whatsapp.net', phone: '5511900000001' }, response: undefined }]);
		expect(c.requests).toEqual([LIST_REQUEST]);
	});

	it('an update answer without data is an invalid response', async () => {
		expect((await invalid(wuzapi.rejectJoinRequest!(client(LIST, ok({ code: 200, success: true })), G(), parseRequester('5511912345678')))).problem).toBe(
			'did not confirm that it could reject the join request',
		);
	});

	it.each([true, false])('approval %s: POST /group/joinapprovalmode with lower-case keys', async (required) => {
		const c = client(ok({ code: 200, data: { Details: 'Group join approval mode updated successfully' }, success: true }));
		await wuzapi.setJoinApproval!(c, G(), required);
		expect(c.requests).toEqual([
			{
				method: 'POST',
				path: '/group/joinapprovalmode',
				body: { groupjid: `${MODERN}@g.us`, mode: required },
				idempotent: false,
				action: required ? 'turn admin approval on' : 'turn admin approval off',
				passStatuses: [404],
			},
		]);
	});

	it('a JSON 404 is the HTTP error, not "no routes"', async () => {
		const c = client(status(404, { code: 404, error: 'not found', success: false }));
		await expect(wuzapi.setJoinApproval!(c, G(), true)).rejects.toThrow(/HTTP 404/);
		expect(c.httpErrors).toHaveLength(1);
	});

	it.each([
		['failed to update group request participants: info query returned status 403: forbidden', /admin of the group/],
		['failed to set group join approval mode: info query returned status 401: not-authorized', /admin of the group/],
		['Failed to get group request participants: info query returned status 404: item-not-found', /no such group/],
	])('500 "%s": a definite refusal with a hint', (error, hint) => {
		const found = hintFor(wuzapi, 500, { code: 500, error, success: false });
		expect(found.hint).toMatch(hint);
		expect(found.definite).toBe(true);
	});
});
