/**
 * GOWA join requests with a fake client: the shapes of aldinokemal/go-whatsapp-web-multidevice@51f7b19
 * (cited in the adapter), phone digits only, each failure shape, and the exact requests sent.
 */
import { gowa } from '../../nodes/WhatsAppGroupInvite/providers/gowa';
import type { ProviderResponse } from '../../nodes/WhatsAppGroupInvite/providers/types';
import { parseRequester, RequesterError } from '../../nodes/WhatsAppGroupInvite/whatsapp/requester';
import { FakeClient, group, hintFor, invalid, MODERN, ok } from '../support/fakeProviderClient';

const credentials = { baseUrl: 'http://localhost:3000', username: 'acme', password: 'GOWA-PASS-1234' };
const client = (...answers: ProviderResponse[]) => new FakeClient(credentials, ...answers);
const G = () => group(gowa, `${MODERN}@g.us`);
const success = (results: unknown, message = 'Success getting list requested participants') => ok({ code: 'SUCCESS', message, results });

describe('GOWA join requests', () => {
	it('lists jid with phone_number and RFC 3339 times; an unresolved LID keeps no phone', async () => {
		const c = client(
			success([
				{ jid: '5511912345678@s.whatsapp.net', phone_number: '5511912345678', requested_at: '2025-12-05T21:00:00-03:00' },
				{ jid: '201112223334445@lid', phone_number: '5511987654321', display_name: 'Ana', requested_at: '2025-12-05T21:01:00-03:00' },
				{ jid: '209999999999999@lid', phone_number: '209999999999999', requested_at: '0001-01-01T00:00:00Z' },
			]),
		);
		expect(await gowa.listJoinRequests!(c, G())).toEqual([
			{ requester: { jid: '5511912345678@s.whatsapp.net', phone: '5511912345678' }, requestedAt: '2025-12-06T00:00:00.000Z' },
			{ requester: { jid: '201112223334445@lid', lid: '201112223334445', phone: '5511987654321' }, requestedAt: '2025-12-06T00:01:00.000Z' },
			{ requester: { jid: '209999999999999@lid', lid: '209999999999999' } },
		]);
		expect(c.requests).toEqual([
			{ method: 'GET', path: '/group/participant-requests', qs: { group_id: `${MODERN}@g.us` }, idempotent: true, action: 'list the join requests' },
		]);
	});

	it('results null is no request; results missing is an invalid response', async () => {
		expect(await gowa.listJoinRequests!(client(success(null)), G())).toEqual([]);
		expect((await invalid(gowa.listJoinRequests!(client(ok({ code: 'SUCCESS', message: 'x' })), G()))).problem).toBe('did not include the list of join requests');
	});

	it('its SUCCESS envelope with error rows inside is not an error envelope (the adapter reads the rows)', () => {
		expect(gowa.isErrorEnvelope!({ code: 'SUCCESS', message: 'Success approve requested participants', results: [{ participant: 'x', status: 'error', message: 'Action approve failed (code 404)' }] })).toBe(false);
	});

	it.each([
		['approve', gowa.approveJoinRequest!],
		['reject', gowa.rejectJoinRequest!],
	] as const)('%s sends the phone digits only', async (action, call) => {
		const c = client(success([{ participant: '5511912345678@s.whatsapp.net', status: 'success', message: `Action ${action} success` }], `Success ${action} requested participants`));
		await call(c, G(), parseRequester('5511912345678@s.whatsapp.net'));
		expect(c.requests).toEqual([
			{
				method: 'POST',
				path: `/group/participant-requests/${action}`,
				body: { group_id: `${MODERN}@g.us`, participants: ['5511912345678'] },
				idempotent: false,
				action: `${action} the join request`,
			},
		]);
	});

	it('a LID requester with its phone is sent by phone; the only row counts though it names the LID', async () => {
		const c = client(success([{ participant: '201112223334445@lid', status: 'success', message: 'Action approve success' }]));
		await gowa.approveJoinRequest!(c, G(), { jid: '201112223334445@lid', lid: '201112223334445', phone: '5511987654321' });
		expect(c.requests[0].body).toEqual({ group_id: `${MODERN}@g.us`, participants: ['5511987654321'] });
	});

	it('a LID-only requester is a RequesterError before any request', async () => {
		const c = client();
		const error = await gowa.rejectJoinRequest!(c, G(), parseRequester('201112223334445@lid')).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(RequesterError);
		expect((error as Error).message).toMatch(/GOWA can only approve or reject a join request by phone number/);
		expect(c.requests).toEqual([]);
	});

	it('"failed (code 404)" is "not pending"', async () => {
		const answer = success([{ participant: '5511912345678@s.whatsapp.net', status: 'error', message: 'Action approve failed (code 404)' }]);
		const c = client(answer);
		await expect(gowa.approveJoinRequest!(c, G(), parseRequester('5511912345678'))).rejects.toThrow(/no pending request/);
		expect(c.notPendings).toEqual([{ requester: { jid: '5511912345678@s.whatsapp.net', phone: '5511912345678' }, response: answer }]);
	});

	it('another error row is a reported failure with its message; no row is a failure', async () => {
		const c = client(success([{ participant: '5511912345678@s.whatsapp.net', status: 'error', message: 'Action reject failed (code 403)' }]), success([]), success(null));
		await expect(gowa.rejectJoinRequest!(c, G(), parseRequester('5511912345678'))).rejects.toThrow('could not reject the join request: Action reject failed (code 403)');
		await expect(gowa.rejectJoinRequest!(c, G(), parseRequester('5511912345678'))).rejects.toThrow(/no result for 5511912345678/);
		await expect(gowa.rejectJoinRequest!(c, G(), parseRequester('5511912345678'))).rejects.toThrow(/no result for 5511912345678/);
		expect(c.notPendings).toEqual([]);
	});

	it('has no approval on/off call', () => {
		expect(gowa.setJoinApproval).toBeUndefined();
	});

	it.each([
		['info query returned status 401: not-authorized', /admin of the group/, true],
		['info query returned status 403: forbidden', /admin of the group/, true],
		['info query returned status 404: item-not-found', /no such group/, true],
	])('500 "%s": a definite refusal with a hint', (message, hint, definite) => {
		const found = hintFor(gowa, 500, { code: 'INTERNAL_SERVER_ERROR', message });
		expect(found.hint).toMatch(hint);
		expect(found.definite).toBe(definite);
	});

	it('400 INVALID_JID "user is not registered" says the number is not on WhatsApp', () => {
		expect(hintFor(gowa, 400, { code: 'INVALID_JID', message: 'user is not registered' }).hint).toMatch(/no account with this phone number/);
	});
});
