/**
 * Meta Cloud API join requests with a fake client: the list read page by page, a requester's phone
 * number mapped to Meta's join_request_id before approving or rejecting, and every answer shape of
 * Meta's reference (failed_join_requests inside 200/206, 131213 at the top level, pywa's request_id).
 */
import { metaCloudApi } from '../../nodes/WhatsAppGroupInvite/providers/metaCloudApi';
import { parseRequester, RequesterError } from '../../nodes/WhatsAppGroupInvite/whatsapp/requester';
import { FakeClient, group, invalid, ok, status } from '../support/fakeProviderClient';

const META_ID = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD';
const PATH = `/${META_ID}/join_requests`;
const credentials = { accessToken: 'EAAGsecret', phoneNumberId: '106540352242922', graphVersion: 'v26.0', baseUrl: 'https://graph.facebook.com' };
const client = (...answers: Array<ReturnType<typeof ok> | Error>) => new FakeClient(credentials, ...answers);
const ref = () => group(metaCloudApi, META_ID);

const JR1 = 'MTY0NjcwNDM1OTU6MTIwMzYzNDA0Njk0MjMzODIw';
const JR2 = 'MTY0NjcwNDM1OTU6MTIwMzYzNDA0Njk0MjMzODIx';
const page1 = {
	data: [
		{ join_request_id: JR1, wa_id: '16505551234', creation_timestamp: 1755548877 },
		{ join_request_id: 'MTUSERNAMEONLY', wa_id: '', user_id: 'US.13491208655302741918', creation_timestamp: 1755548878 },
	],
	paging: { cursors: { before: 'QVFIUb', after: 'QVFIUa' }, next: 'https://graph.facebook.com/v26.0/x/join_requests?after=QVFIUa' },
};
const page2 = {
	data: [{ join_request_id: JR2, wa_id: '5511999999999', creation_timestamp: '1755548999' }],
	paging: { cursors: { before: 'QVFIUc', after: 'QVFIUd' } },
};
const listRequest = (after?: string) => ({
	method: 'GET',
	path: PATH,
	...(after ? { qs: { after } } : {}),
	idempotent: true,
	action: 'list the join requests',
});

describe('Meta Cloud API join requests', () => {
	it('has list, approve and reject, and no approval setting (create-time only)', () => {
		expect(typeof metaCloudApi.listJoinRequests).toBe('function');
		expect(typeof metaCloudApi.approveJoinRequest).toBe('function');
		expect(typeof metaCloudApi.rejectJoinRequest).toBe('function');
		expect(metaCloudApi.setJoinApproval).toBeUndefined();
	});

	it('lists every page, with request ids and ISO times; an entry without wa_id is left out', async () => {
		const c = client(ok(page1), ok(page2));
		expect(await metaCloudApi.listJoinRequests!(c, ref())).toEqual([
			{ requester: { jid: '16505551234@s.whatsapp.net', phone: '16505551234' }, requestedAt: '2025-08-18T20:27:57.000Z', requestId: JR1 },
			{ requester: { jid: '5511999999999@s.whatsapp.net', phone: '5511999999999' }, requestedAt: '2025-08-18T20:29:59.000Z', requestId: JR2 },
		]);
		expect(c.requests).toEqual([listRequest(), listRequest('QVFIUa')]);
	});

	it('stops at a page without next, an empty page, or a cursor seen before', async () => {
		const loop = { ...page1, paging: { cursors: { after: 'SAME' }, next: 'https://x' } };
		const c = client(ok(loop), ok(loop));
		expect(await metaCloudApi.listJoinRequests!(c, ref())).toHaveLength(2);
		expect(c.requests).toHaveLength(2);
		const empty = client(ok({ data: [], paging: { cursors: { after: 'A' }, next: 'https://x' } }));
		expect(await metaCloudApi.listJoinRequests!(empty, ref())).toEqual([]);
		expect(empty.requests).toHaveLength(1);
		await invalid(metaCloudApi.listJoinRequests!(client(ok({ messaging_product: 'whatsapp' })), ref()));
	});

	it.each([
		['approve', 'POST', 'approved_join_requests'],
		['reject', 'DELETE', 'rejected_join_requests'],
	] as const)('%ss by phone: reads the list for the request id, then %s it', async (verb, method, key) => {
		const c = client(ok(page1), ok(page2), ok({ messaging_product: 'whatsapp', [key]: [JR2] }));
		const call = verb === 'approve' ? metaCloudApi.approveJoinRequest! : metaCloudApi.rejectJoinRequest!;
		await call(c, ref(), parseRequester('5511999999999@c.us'));
		expect(c.requests).toEqual([
			listRequest(),
			listRequest('QVFIUa'),
			{
				method,
				path: PATH,
				body: { messaging_product: 'whatsapp', join_requests: [JR2] },
				idempotent: false,
				action: `${verb} the join request`,
				passStatuses: [400],
			},
		]);
	});

	it('a phone number with no pending request is not pending, before any write', async () => {
		const c = client(ok(page2));
		const requester = parseRequester('+1 650 555 9999');
		await expect(metaCloudApi.approveJoinRequest!(c, ref(), requester)).rejects.toThrow('no pending request from 16505559999');
		expect(c.notPendings).toEqual([{ requester, response: undefined }]);
		expect(c.requests.map((r) => r.method)).toEqual(['GET']);
	});

	it('a LID is refused before any request: Meta acts by phone number', async () => {
		const c = client();
		await expect(metaCloudApi.rejectJoinRequest!(c, ref(), parseRequester('199789077627112@lid'))).rejects.toThrow(RequesterError);
		await expect(metaCloudApi.rejectJoinRequest!(c, ref(), parseRequester('199789077627112@lid'))).rejects.toThrow(/only reject a join request by the requester's phone number/);
		expect(c.requests).toEqual([]);
	});

	const failedWith = (code: number, message: string, statusCode = 200) =>
		status(statusCode, {
			messaging_product: 'whatsapp',
			approved_join_requests: [],
			failed_join_requests: [{ join_request_id: JR2, errors: [{ code, message, title: 'Unable to add participant to group', error_data: { details: 'It failed.' } }] }],
		});

	it.each([200, 206])('failed_join_requests with 131213 in a %i is not pending', async (statusCode) => {
		const c = client(ok(page2), failedWith(131213, '(#131213) Group join request does not exist.', statusCode));
		await expect(metaCloudApi.approveJoinRequest!(c, ref(), parseRequester('5511999999999'))).rejects.toThrow('no pending request');
		expect(c.notPendings[0].response?.statusCode).toBe(statusCode);
	});

	it('failed_join_requests with another error is a reported failure with its message', async () => {
		const c = client(ok(page2), failedWith(131203, '(#131203) Recipient has not accepted our new Terms of Service and Privacy Policy.', 206));
		await expect(metaCloudApi.approveJoinRequest!(c, ref(), parseRequester('5511999999999'))).rejects.toThrow('could not approve the join request');
		expect(c.reportedFailures[0].reason).toBe('(#131203) Recipient has not accepted our new Terms of Service and Privacy Policy. (It failed.)');
	});

	it('pywa\'s request_id spelling of failed entries is read too', async () => {
		const c = client(ok(page2), ok({ failed_join_requests: [{ request_id: JR2, errors: [{ code: 131213, message: 'gone' }] }] }));
		await expect(metaCloudApi.rejectJoinRequest!(c, ref(), parseRequester('5511999999999'))).rejects.toThrow('no pending request');
	});

	it('131213 as a top-level HTTP 400 is not pending; another 400 is the transport error', async () => {
		const gone = status(400, { error: { message: '(#131213) Group join request does not exist.', type: 'OAuthException', code: 131213, fbtrace_id: 'Ab' } });
		const c = client(ok(page2), gone);
		await expect(metaCloudApi.approveJoinRequest!(c, ref(), parseRequester('5511999999999'))).rejects.toThrow('no pending request');
		expect(c.notPendings[0].response).toBe(gone);
		const other = status(400, { error: { message: '(#131041) Group unknown', code: 131041 } });
		const d = client(ok(page2), other);
		await expect(metaCloudApi.approveJoinRequest!(d, ref(), parseRequester('5511999999999'))).rejects.toThrow('HTTP 400');
		expect(d.httpErrors[0].request).toMatchObject({ method: 'POST', idempotent: false });
	});

	it('a throttled HTTP 400 is sent again through the transport (Meta did nothing)', async () => {
		const throttled = status(400, { error: { message: '(#130429) Rate limit hit', code: 130429 } });
		const c = client(ok(page2), throttled, ok({ approved_join_requests: [JR2] }));
		await metaCloudApi.approveJoinRequest!(c, ref(), parseRequester('5511999999999'));
		expect(c.requests.map((r) => [r.method, r.passStatuses])).toEqual([
			['GET', undefined],
			['POST', [400]],
			['POST', undefined],
		]);
	});

	it('never reports success unless the answer says so', async () => {
		const requester = parseRequester('5511999999999');
		// pywa's asynchronous answer: accepted.
		await metaCloudApi.approveJoinRequest!(client(ok(page2), ok({ request_id: 'op123' })), ref(), requester);
		// Objects in the approved list.
		await metaCloudApi.approveJoinRequest!(client(ok(page2), ok({ approved_join_requests: [{ join_request_id: JR2 }] })), ref(), requester);
		// Approved another id, or nothing said.
		await invalid(metaCloudApi.approveJoinRequest!(client(ok(page2), ok({ approved_join_requests: [JR1] })), ref(), requester));
		await invalid(metaCloudApi.approveJoinRequest!(client(ok(page2), ok({ messaging_product: 'whatsapp' })), ref(), requester));
		// The wrong list for the verb.
		await invalid(metaCloudApi.rejectJoinRequest!(client(ok(page2), ok({ approved_join_requests: [JR2] })), ref(), requester));
		// Top-level errors.
		const c = client(ok(page2), ok({ approved_join_requests: [], errors: [{ code: 131000, message: 'Something went wrong' }] }));
		await expect(metaCloudApi.approveJoinRequest!(c, ref(), requester)).rejects.toThrow('Something went wrong');
	});

	it('hints at the list for 131213', () => {
		expect(metaCloudApi.errorHint?.(400, undefined, { error: { code: 131213 } })).toMatch(/no longer pending/);
	});
});
