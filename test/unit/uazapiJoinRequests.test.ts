/**
 * uazapi join requests with a fake client: approve and reject through POST /group/updateParticipants
 * (uazapi-openapi.json :8669-8760), whose 200 carries WhatsApp's code per participant; no list and no
 * approval setting (not in its specs).
 */
import { uazapi } from '../../nodes/WhatsAppGroupInvite/providers/uazapi';
import { parseRequester } from '../../nodes/WhatsAppGroupInvite/whatsapp/requester';
import { FakeClient, group, httpError, invalid, MODERN, ok } from '../support/fakeProviderClient';

const credentials = { token: 'UAZTOKEN123456', baseUrl: 'https://acme.uazapi.com' };
const client = (...answers: Array<ReturnType<typeof ok> | Error>) => new FakeClient(credentials, ...answers);
const ref = () => group(uazapi, `${MODERN}@g.us`);
const answer = (...groupUpdated: unknown[]) => ok({ groupUpdated, group: { JID: `${MODERN}@g.us`, Name: 'T' }, needs_refresh: false });

describe('uazapi join requests', () => {
	it('has approve and reject only (the list and the approval setting are not in its specs)', () => {
		expect(typeof uazapi.approveJoinRequest).toBe('function');
		expect(typeof uazapi.rejectJoinRequest).toBe('function');
		expect(uazapi.listJoinRequests).toBeUndefined();
		expect(uazapi.setJoinApproval).toBeUndefined();
	});

	it.each([
		['approve', '5521987654321', '5521987654321', '5521987654321@s.whatsapp.net'],
		['approve', '+55 21 98765-4321', '5521987654321', '5521987654321@s.whatsapp.net'],
		['reject', '5521987654321@c.us', '5521987654321', '5521987654321@s.whatsapp.net'],
		['reject', '199789077627112@lid', '199789077627112@lid', '199789077627112@lid'],
	] as const)('%ss %s, sent as %s', async (verb, input, sent, jid) => {
		const c = client(answer({ JID: jid, Error: 0 }));
		await (verb === 'approve' ? uazapi.approveJoinRequest! : uazapi.rejectJoinRequest!)(c, ref(), parseRequester(input));
		expect(c.requests).toEqual([
			{
				method: 'POST',
				path: '/group/updateParticipants',
				body: { groupjid: `${MODERN}@g.us`, action: verb, participants: [sent] },
				idempotent: false,
				action: `${verb} the join request`,
			},
		]);
	});

	it('a phone answered under its LID (one entry) is its result', async () => {
		await uazapi.approveJoinRequest!(client(answer({ JID: '199789077627112@lid', Error: 0 })), ref(), parseRequester('5521987654321'));
	});

	it('finds the requester among several entries', async () => {
		const c = client(answer({ JID: '5511888888888@s.whatsapp.net', Error: 0 }, { JID: '5521987654321@s.whatsapp.net', Error: 403 }));
		await expect(uazapi.approveJoinRequest!(c, ref(), parseRequester('5521987654321'))).rejects.toThrow('WhatsApp error code 403');
	});

	it.each([404, '404'])('Error %p in a 200 is not pending', async (code) => {
		const c = client(answer({ JID: '5521987654321@s.whatsapp.net', Error: code }));
		const requester = parseRequester('5521987654321');
		await expect(uazapi.rejectJoinRequest!(c, ref(), requester)).rejects.toThrow('no pending request from 5521987654321');
		expect(c.notPendings).toEqual([{ requester, response: expect.objectContaining({ statusCode: 200 }) }]);
	});

	it('another Error code in a 200 is a reported failure', async () => {
		const c = client(answer({ JID: '5521987654321@s.whatsapp.net', Error: 409 }));
		await expect(uazapi.approveJoinRequest!(c, ref(), parseRequester('5521987654321'))).rejects.toThrow('could not approve the join request: WhatsApp error code 409');
		expect(c.reportedFailures[0]).toMatchObject({ action: 'approve the join request', reason: 'WhatsApp error code 409' });
	});

	it('never reports success unless the answer says so', async () => {
		const requester = parseRequester('5521987654321');
		for (const body of [
			{ group: { JID: `${MODERN}@g.us` } },
			{ groupUpdated: [] },
			{ groupUpdated: [{ JID: '5521987654321@s.whatsapp.net' }] },
			{ groupUpdated: [{ JID: '1@s.whatsapp.net', Error: 0 }, { JID: '2@s.whatsapp.net', Error: 0 }] },
		]) {
			await invalid(uazapi.approveJoinRequest!(client(ok(body)), ref(), requester));
		}
	});

	it("passes the transport's error on (403 not an admin)", async () => {
		const c = client(httpError(403, 'Usuário não é administrador do grupo'));
		await expect(uazapi.approveJoinRequest!(c, ref(), parseRequester('5521987654321'))).rejects.toThrow('administrador');
	});
});
