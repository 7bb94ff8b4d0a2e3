/**
 * Whapi.Cloud join requests with a fake client: the shapes of its OpenAPI spec 1.8.7 (cited in the
 * adapter), paging, each failure shape, and the exact requests sent.
 */
import type { ProviderResponse } from '../../nodes/WhatsAppGroupInvite/providers/types';
import { whapi } from '../../nodes/WhatsAppGroupInvite/providers/whapi';
import { parseRequester } from '../../nodes/WhatsAppGroupInvite/whatsapp/requester';
import { FakeClient, group, invalid, MODERN, ok } from '../support/fakeProviderClient';

const credentials = { baseUrl: 'https://gate.whapi.cloud', token: 'WHAPI-TOKEN-1234' };
const client = (...answers: ProviderResponse[]) => new FakeClient(credentials, ...answers);
const G = () => group(whapi, `${MODERN}@g.us`);
const PATH = `/groups/${MODERN}%40g.us`;
const app = (i: number) => ({ chatId: `55119000${String(i).padStart(5, '0')}@s.whatsapp.net`, request_method: 'invite_link', timestamp: 1764979200 + i });

describe('Whapi.Cloud join requests', () => {
	it('lists applications with method and Unix seconds; a LID stays a LID; a group is skipped', async () => {
		const c = client(
			ok({
				applications: [
					{ chatId: '5511912345678@s.whatsapp.net', request_method: 'invite_link', timestamp: 1764979200 },
					{ chatId: '201112223334445@lid', request_method: 'non_admin_add', timestamp: 1764979260 },
					{ chatId: '120363000000000001@g.us', request_method: 'invite_link', timestamp: 1 },
				],
				count: 100,
				total: 3,
				offset: 0,
			}),
		);
		expect(await whapi.listJoinRequests!(c, G())).toEqual([
			{ requester: { jid: '5511912345678@s.whatsapp.net', phone: '5511912345678' }, requestMethod: 'invite_link', requestedAt: '2025-12-06T00:00:00.000Z' },
			{ requester: { jid: '201112223334445@lid', lid: '201112223334445' }, requestMethod: 'non_admin_add', requestedAt: '2025-12-06T00:01:00.000Z' },
		]);
		expect(c.requests).toEqual([{ method: 'GET', path: `${PATH}/applications`, qs: { count: 100, offset: 0 }, idempotent: true, action: 'list the join requests' }]);
	});

	it('reads every page until total', async () => {
		const first = Array.from({ length: 100 }, (_, i) => app(i));
		const c = client(ok({ applications: first, count: 100, total: 101, offset: 0 }), ok({ applications: [app(100)], count: 100, total: 101, offset: 100 }));
		expect(await whapi.listJoinRequests!(c, G())).toHaveLength(101);
		expect(c.requests.map((r) => r.qs)).toEqual([{ count: 100, offset: 0 }, { count: 100, offset: 100 }]);
	});

	it('without total, a short page is the last', async () => {
		const c = client(ok({ applications: [app(1)] }));
		expect(await whapi.listJoinRequests!(c, G())).toHaveLength(1);
		expect(c.requests).toHaveLength(1);
	});

	it('a list without applications is an invalid response', async () => {
		expect((await invalid(whapi.listJoinRequests!(client(ok({ success: true })), G()))).problem).toBe('did not include the list of join requests');
	});

	it('approve is POST, reject is DELETE, one {application: ChatID} with its @ suffix', async () => {
		const c = client(ok([{ chatId: '5511912345678@s.whatsapp.net', success: true }]), ok([{ chatId: '201112223334445@lid', success: true }]));
		await whapi.approveJoinRequest!(c, G(), parseRequester('+5511912345678'));
		await whapi.rejectJoinRequest!(c, G(), parseRequester('201112223334445@lid'));
		expect(c.requests).toEqual([
			{ method: 'POST', path: `${PATH}/applications`, body: { application: '5511912345678@s.whatsapp.net' }, idempotent: false, action: 'approve the join request' },
			{ method: 'DELETE', path: `${PATH}/applications`, body: { application: '201112223334445@lid' }, idempotent: false, action: 'reject the join request' },
		]);
	});

	it.each(['Application not found', 'No pending request', 'request not found (404)'])('error "%s" in a 200 is "not pending"', async (error) => {
		const answer = ok([{ chatId: '5511912345678@s.whatsapp.net', success: false, error }]);
		const c = client(answer);
		await expect(whapi.approveJoinRequest!(c, G(), parseRequester('5511912345678'))).rejects.toThrow(/no pending request/);
		expect(c.notPendings).toEqual([{ requester: { jid: '5511912345678@s.whatsapp.net', phone: '5511912345678' }, response: answer }]);
	});

	it('another error in a 200 is a reported failure with its text', async () => {
		const c = client(ok([{ chatId: '5511912345678@s.whatsapp.net', success: false, error: 'Not enough rights' }]));
		await expect(whapi.rejectJoinRequest!(c, G(), parseRequester('5511912345678'))).rejects.toThrow('could not reject the join request: Not enough rights');
		expect(c.notPendings).toEqual([]);
	});

	it('no row for the requester, or an answer that is no list, is never a success', async () => {
		const c = client(ok([]));
		await expect(whapi.approveJoinRequest!(c, G(), parseRequester('5511912345678'))).rejects.toThrow(/no result for 5511912345678/);
		expect((await invalid(whapi.approveJoinRequest!(client(ok({ success: true })), G(), parseRequester('5511912345678')))).problem).toBe(
			'did not say whether it could approve the join request',
		);
	});

	it.each([
		[true, 'admins'],
		[false, 'anyone'],
	])('approval %s: PATCH the group with policy %s', async (required, policy) => {
		const c = client(ok({ success: true }));
		await whapi.setJoinApproval!(c, G(), required);
		expect(c.requests).toEqual([
			{
				method: 'PATCH',
				path: PATH,
				body: { setting: 'approve_participants', policy },
				idempotent: false,
				action: required ? 'turn admin approval on' : 'turn admin approval off',
			},
		]);
	});

	it('approval without {success: true} is an invalid response', async () => {
		expect((await invalid(whapi.setJoinApproval!(client(ok({})), G(), true))).problem).toBe('did not confirm that it could turn admin approval on');
	});
});
