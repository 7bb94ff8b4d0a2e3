/**
 * Z-API join requests with a fake client: approve and reject by phone number (group/approve-participant.md,
 * reject-participant.md), one phone per call, `{value: false}` reported without a reason Z-API never
 * gives; no list and no approval setting.
 */
import { zApi } from '../../nodes/WhatsAppGroupInvite/providers/zApi';
import { parseRequester, RequesterError } from '../../nodes/WhatsAppGroupInvite/whatsapp/requester';
import { FakeClient, group, httpError, invalid, LEGACY, MODERN, ok } from '../support/fakeProviderClient';

const credentials = { instanceId: 'INST', instanceToken: 'TOK', clientToken: 'CLI', baseUrl: 'https://api.z-api.io' };
const client = (...answers: Array<ReturnType<typeof ok> | Error>) => new FakeClient(credentials, ...answers);

describe('Z-API join requests', () => {
	it('has approve and reject only: no list over HTTP, no approval setting that would not overwrite adminOnlyAddMember', () => {
		expect(typeof zApi.approveJoinRequest).toBe('function');
		expect(typeof zApi.rejectJoinRequest).toBe('function');
		expect(zApi.listJoinRequests).toBeUndefined();
		expect(zApi.setJoinApproval).toBeUndefined();
	});

	it.each([
		['approve', '/approve-participant'],
		['reject', '/reject-participant'],
	] as const)('%ss one phone number in the group id form Z-API takes', async (verb, path) => {
		const call = verb === 'approve' ? zApi.approveJoinRequest! : zApi.rejectJoinRequest!;
		for (const [input, groupId] of [
			[`${MODERN}@g.us`, `${MODERN}-group`],
			[`${MODERN}-group`, `${MODERN}-group`],
			[LEGACY, LEGACY],
		]) {
			for (const who of ['5544999999999', '+55 44 99999-9999', '5544999999999@s.whatsapp.net', '5544999999999:3@c.us']) {
				const c = client(ok({ value: true }));
				await call(c, group(zApi, input), parseRequester(who));
				expect(c.requests).toEqual([
					{ method: 'POST', path, body: { groupId, phones: ['5544999999999'] }, idempotent: false, action: `${verb} the join request` },
				]);
			}
		}
	});

	it('{"value": false} is a reported failure saying Z-API does not tell why', async () => {
		const c = client(ok({ value: false }));
		await expect(zApi.approveJoinRequest!(c, group(zApi, `${MODERN}@g.us`), parseRequester('5544999999999'))).rejects.toThrow(
			'could not approve the join request',
		);
		expect(c.reportedFailures).toEqual([
			{
				action: 'approve the join request',
				reason:
					'Z-API does not say why ({"value": false}): there may be no pending request from 5544999999999 in this group, or the connected number is not an admin of the group',
				response: { statusCode: 200, body: { value: false } },
			},
		]);
		expect(c.notPendings).toEqual([]);
	});

	it('an answer without value is not a success', async () => {
		for (const body of [{}, { value: 'true' }, [], 'ok']) {
			await invalid(zApi.rejectJoinRequest!(client(ok(body)), group(zApi, `${MODERN}@g.us`), parseRequester('5544999999999')));
		}
	});

	it('a LID is refused before any request: Z-API acts by phone number', async () => {
		const c = client();
		const call = zApi.approveJoinRequest!(c, group(zApi, `${MODERN}@g.us`), parseRequester('199789077627112@lid'));
		await expect(call).rejects.toThrow(RequesterError);
		await expect(zApi.rejectJoinRequest!(c, group(zApi, `${MODERN}@g.us`), parseRequester('199789077627112@lid'))).rejects.toThrow(
			"Z-API can only reject a join request by the requester's phone number, and 199789077627112@lid is a LID",
		);
		expect(c.requests).toEqual([]);
	});

	it("passes the transport's error on", async () => {
		const c = client(httpError(415, 'Unsupported Media Type'));
		await expect(zApi.approveJoinRequest!(c, group(zApi, `${MODERN}@g.us`), parseRequester('5544999999999'))).rejects.toThrow('Unsupported Media Type');
	});
});
