/**
 * WPPConnect Server adapter with a fake client: the traps of wppconnect-server@348a672 (cited in the
 * adapter): a reset that is a GET, "success" vs "Success", 500 on get and 400 on revoke with the
 * reason lost, a bare-array chat list, LID-addressed participants.
 */
import { wppconnect, wppconnectToken } from '../../nodes/WhatsAppGroupInvite/providers/wppconnect';
import { errorEnvelope } from '../../nodes/WhatsAppGroupInvite/providers/read';
import {
	CODE,
	FakeClient,
	group,
	hintFor,
	invalid,
	LEGACY,
	LINK,
	MODERN,
	NEW_CODE,
	NEW_LINK,
	ok,
	status,
} from '../support/fakeProviderClient';
import type { ProviderResponse } from '../../nodes/WhatsAppGroupInvite/providers/types';

const credentials = { baseUrl: 'http://localhost:21465', session: 'acme', token: '$2b$10$abc_DEF-ghi.jkl' };
const client = (...answers: ProviderResponse[]) => new FakeClient(credentials, ...answers);
const getPath = `/group-invite-link/${MODERN}%40g.us`;
const resetPath = `/group-revoke-link/${MODERN}%40g.us`;
/** The controllers' catch (groupController.ts:597-601, 644-648): the reason lost to a minified class name. */
const lost = (what: 'get' | 'revoke', name = 'r') => ({ status: 'error', message: `Error on ${what} group invite link`, error: { name } });

describe('WPPConnect Server adapter', () => {
	it('describes itself', () => {
		expect(wppconnect).toMatchObject({ id: 'wppconnect', name: 'WPPConnect Server', credentialType: 'groupInviteWppconnectApi' });
		expect(wppconnect.groupIdRules).toEqual({ acceptsInvite: false });
		expect(wppconnect.listReportsAdmin).toBe(true);
	});

	it('puts /api/{session}, URL-encoded, under the base URL', () => {
		expect(wppconnect.apiRoot(credentials, 'http://localhost:21465')).toBe('http://localhost:21465/api/acme');
		expect(wppconnect.apiRoot({ session: ' sales team/2 ' }, 'https://w.example')).toBe('https://w.example/api/sales%20team%2F2');
	});

	it('lists the token, and the token part of a "full" session:token value, as secrets', () => {
		expect(wppconnect.secrets(credentials)).toEqual([credentials.token, credentials.token]);
		expect(wppconnect.secrets({ token: 'acme:$2b$10$xyz' })).toEqual(['acme:$2b$10$xyz', '$2b$10$xyz']);
		expect(wppconnectToken(' acme:$2b$10$xyz ')).toBe('$2b$10$xyz');
		expect(wppconnectToken('$2b$10$xyz')).toBe('$2b$10$xyz');
	});

	it.each([
		[lost('get'), 'Error on get group invite link'],
		[{ response: null, status: 'Disconnected', message: 'A sessão do WhatsApp não está ativa.' }, 'A sessão do WhatsApp não está ativa.'],
		[{ message: 'Token is not present. Check your header and try again' }, 'Token is not present. Check your header and try again'],
		[{ error: 'Check that the Session and Token are correct' }, 'Check that the Session and Token are correct'],
		// The exception path's `message` is the error object, serialised as {}.
		[{ error: 'Check that the Session and Token are correct.', message: {} }, 'Check that the Session and Token are correct.'],
		[{ status: 'error', message: 'Error on get all chats' }, 'Error on get all chats'],
		[{ success: false, error: { message: 'Instance is not connected to WhatsApp' } }, 'Instance is not connected to WhatsApp'],
		['<html>Cannot GET</html>', undefined],
		[undefined, undefined],
	])('errorMessage(%j) is %j', (body, message) => {
		expect(wppconnect.errorMessage(body)).toBe(message);
	});

	it("its genuine answers pass the shared error-envelope rule (no isErrorEnvelope of its own); its error body doesn't", () => {
		expect(wppconnect.isErrorEnvelope).toBeUndefined();
		expect(errorEnvelope({ status: 'success', response: LINK })).toBe(false);
		expect(errorEnvelope({ status: 'Success', response: LINK })).toBe(false);
		expect(errorEnvelope(lost('get'))).toBe(true);
	});

	describe('hints (wa-js ensureGroup.ts / assertChat.ts, statusConnection.ts, auth.ts)', () => {
		it.each([
			[500, 'get'],
			[400, 'revoke'],
		] as const)('HTTP %s "Error on %s group invite link" names the usual causes: not an admin, a chat the session does not have', (statusCode, what) => {
			for (const name of ['r', 'a']) {
				const { message, hint, definite } = hintFor(wppconnect, statusCode, lost(what, name));
				expect(message).toBe(`Error on ${what} group invite link`);
				expect(hint).toContain('does not pass the reason on');
				expect(hint).toContain('not an admin of the group');
				expect(hint).toContain("not among the session's chats");
				// wa-js refused before sending anything: the link did not change.
				expect(definite).toBe(true);
			}
		});

		it('404 "A sessão do WhatsApp não está ativa." says to start the session and scan the QR code', () => {
			const { hint, definite } = hintFor(wppconnect, 404, { response: null, status: 'Disconnected', message: 'A sessão do WhatsApp não está ativa.' });
			expect(hint).toContain('start it (POST /api/{session}/start-session) and scan the QR code');
			expect(definite).toBe(false);
		});

		it.each([
			{ message: 'Token is not present. Check your header and try again' },
			{ error: 'Check that the Session and Token are correct' },
		])('401 %j points at the Session and Token and how the token is generated', (body) => {
			const { hint } = hintFor(wppconnect, 401, body);
			expect(hint).toContain('Session and Token in the WPPConnect Server credential');
			expect(hint).toContain('generate-token');
		});

		it('any other 500 has no hint of its own and stays ambiguous', () => {
			expect(hintFor(wppconnect, 500, { status: 'error', message: 'Internal server error' })).toEqual({
				message: 'Internal server error',
				hint: undefined,
				definite: false,
			});
		});
	});

	describe('get invite link', () => {
		it.each([
			[MODERN, getPath],
			[`${MODERN}-group`, getPath],
			[`${LEGACY}@g.us`, `/group-invite-link/${LEGACY}%40g.us`],
		])('sends GET for %s to %s, as a read', async (input, path) => {
			const fake = client(ok({ status: 'success', response: LINK }));
			expect(await wppconnect.getInviteLink(fake, group(wppconnect, input))).toEqual({ inviteCode: CODE, inviteLink: LINK });
			expect(fake.requests).toEqual([{ method: 'GET', path, idempotent: true, action: 'get the invite link' }]);
		});

		it('accepts "Success" as well (the status is compared without case)', async () => {
			expect(await wppconnect.getInviteLink(client(ok({ status: 'Success', response: LINK })), group(wppconnect, MODERN))).toEqual({
				inviteCode: CODE,
				inviteLink: LINK,
			});
		});

		it.each([
			['an empty object', {}],
			['an empty body', undefined],
			['a bare link', LINK],
			['no response', { status: 'success' }],
			['an empty response (the controller\'s {} default)', { status: 'success', response: {} }],
			['a word in response', { status: 'success', response: 'not-authorized' }],
		])('rejects %s: no invite link', async (_name, body) => {
			const error = await invalid(wppconnect.getInviteLink(client(ok(body)), group(wppconnect, MODERN)));
			expect(error.problem).toBe('did not include an invite link');
		});

		it.each([
			['no status', { response: LINK }, 'null'],
			['status "error"', { status: 'error', response: LINK }, '"error"'],
			['status "Disconnected"', { status: 'Disconnected', response: LINK }, '"Disconnected"'],
		])('rejects a link without a success status (%s)', async (_name, body, shown) => {
			const error = await invalid(wppconnect.getInviteLink(client(ok(body)), group(wppconnect, MODERN)));
			expect(error.problem).toBe(`did not report success (status ${shown})`);
		});
	});

	describe('reset invite link', () => {
		it('is a GET on group-revoke-link, marked not idempotent (never sent twice), and reads "Success"', async () => {
			const fake = client(ok({ status: 'Success', response: NEW_LINK }));
			expect(await wppconnect.resetInviteLink(fake, group(wppconnect, `${MODERN}@g.us`))).toEqual({
				inviteCode: NEW_CODE,
				inviteLink: NEW_LINK,
			});
			expect(fake.requests).toEqual([{ method: 'GET', path: resetPath, idempotent: false, action: 'reset the invite link' }]);
		});

		it('sends one group only: the id is encoded, so no "," or ";" list can reach groupToArray', async () => {
			const fake = client(ok({ status: 'Success', response: NEW_LINK }));
			await wppconnect.resetInviteLink(fake, group(wppconnect, LEGACY));
			expect(fake.requests[0].path).toBe(`/group-revoke-link/${LEGACY}%40g.us`);
			expect(fake.requests[0].path).not.toMatch(/[,;]/);
		});

		it.each([
			['an empty body', undefined],
			['{status: "Success"} without a link', { status: 'Success' }],
			['an HTML page', '<html>502</html>'],
		])('rejects %s', async (_name, body) => {
			const error = await invalid(wppconnect.resetInviteLink(client(ok(body)), group(wppconnect, MODERN)));
			expect(error.problem).toBe('did not include an invite link');
		});
	});

	describe('list groups (POST list-chats, one request)', () => {
		const chat = (gid: string, participants: unknown[], extra: Record<string, unknown> = {}) => ({
			id: { server: 'g.us', user: gid, _serialized: `${gid}@g.us` },
			name: `Chat ${gid}`,
			isGroup: true,
			groupMetadata: { subject: `Team ${gid}`, size: 7, participants },
			...extra,
		});
		const me = (id: string, isAdmin: boolean) => ({ id: { _serialized: id }, isAdmin, isSuperAdmin: false });

		it('asks for every group at once (no count: wa-js cursor pages overlap and can skip a group)', async () => {
			const fake = client(ok([chat(MODERN, [])]));
			const page = await wppconnect.listGroups?.(fake, { pageSize: 100, roles: false });
			expect(fake.requests).toEqual([
				{ method: 'POST', path: '/list-chats', body: { onlyGroups: true }, idempotent: true, action: 'list the groups', minTimeout: 120_000 },
			]);
			expect(page).toEqual({ groups: [{ groupId: `${MODERN}@g.us`, name: `Team ${MODERN}`, participantCount: 7 }] });
		});

		it('leaves out chats that are not groups and reads a string id too', async () => {
			const page = await wppconnect.listGroups?.(
				client(ok([{ id: '5511888888888@c.us', name: 'A contact', isGroup: false, groupMetadata: null }, { id: `${MODERN}@g.us`, name: 'Plain', groupMetadata: null }])),
				{ pageSize: 100, roles: false },
			);
			expect(page?.groups).toEqual([{ groupId: `${MODERN}@g.us`, name: 'Plain' }]);
		});

		it('with roles, reads the phone number and its LID once, and matches either', async () => {
			const fake = client(
				ok([
					chat('120363000000000001', [me('5511999999999@c.us', true)]),
					chat('120363000000000002', [me('201234567890123@lid', true)]),
					chat('120363000000000003', [me('201234567890123@lid', false)]),
					chat('120363000000000004', [me('5511777777777@c.us', true)]),
				]),
				ok({ status: 'success', response: '5511999999999@c.us', mapper: 'device' }),
				ok({ lid: { server: 'lid', user: '201234567890123', _serialized: '201234567890123@lid' }, phoneNumber: {}, contact: {} }),
			);
			const page = await wppconnect.listGroups?.(fake, { pageSize: 100, roles: true });
			expect(page?.groups.map((g) => g.isAdmin)).toEqual([true, true, false, undefined]);
			expect(fake.requests.map((r) => [r.method, r.path])).toEqual([
				['POST', '/list-chats'],
				['GET', '/get-phone-number'],
				['GET', '/contact/pn-lid/5511999999999%40c.us'],
			]);
			// Read once per execution.
			const again = new FakeClient(credentials, ok([chat(MODERN, [me('5511999999999@c.us', true)])]));
			for (const [key, value] of fake.memo) again.memo.set(key, value);
			expect((await wppconnect.listGroups?.(again, { pageSize: 100, roles: true }))?.groups[0].isAdmin).toBe(true);
			expect(again.requests).toHaveLength(1);
		});

		it('without the pn-lid route (an older server) matches the phone number only', async () => {
			const fake = client(
				ok([chat('120363000000000001', [me('5511999999999@c.us', true)]), chat('120363000000000002', [me('201234567890123@lid', true)])]),
				ok({ status: 'success', response: '5511999999999@c.us' }),
				status(404, '<pre>Cannot GET /api/acme/contact/pn-lid/5511999999999@c.us</pre>'),
			);
			const page = await wppconnect.listGroups?.(fake, { pageSize: 100, roles: true });
			expect(page?.groups.map((g) => g.isAdmin)).toEqual([true, undefined]);
			expect(fake.requests[2].passStatuses).toEqual([400, 404, 500]);
		});

		it('accepts an all-groups style envelope ({status, response: [...]}) and rejects anything else', async () => {
			const page = await wppconnect.listGroups?.(client(ok({ status: 'success', response: [chat(MODERN, [])] })), { pageSize: 100, roles: false });
			expect(page?.groups).toHaveLength(1);
			const error = await invalid(wppconnect.listGroups?.(client(ok({ status: 'success' })), { pageSize: 100, roles: false }) as Promise<unknown>);
			expect(error.problem).toBe('did not include the list of groups');
		});
	});

	describe('invite lookup (POST group-info-from-invite-link)', () => {
		it('sends the code and reads the group', async () => {
			const fake = client(ok({ status: 'success', response: { id: `${MODERN}@g.us`, subject: 'Acme', size: 12, participants: [] } }));
			expect(await wppconnect.resolveInvite?.(fake, CODE)).toEqual({ groupId: `${MODERN}@g.us`, name: 'Acme', participantCount: 12 });
			expect(fake.requests).toEqual([
				{ method: 'POST', path: '/group-info-from-invite-link', body: { invitecode: CODE }, idempotent: true, action: 'look up the invite link', passStatuses: [500] },
			]);
		});

		it('500 "Error on get group info from invite link" (wa-js invalid_invite_code) is a link that leads nowhere', async () => {
			const gone = status(500, { status: 'error', message: 'Error on get group info from invite link', error: { name: 'r' } });
			const fake = client(gone);
			await expect(wppconnect.resolveInvite?.(fake, CODE)).rejects.toThrow('invite gone (HTTP 500)');
			expect(fake.goneInvites).toEqual([gone]);
		});

		it('any other 500 is the failure it is', async () => {
			const fake = client(status(500, { status: 'error', message: 'Internal server error' }));
			await expect(wppconnect.resolveInvite?.(fake, CODE)).rejects.toThrow('HTTP 500 from POST /group-info-from-invite-link');
			expect(fake.goneInvites).toHaveLength(0);
		});

		it('an answer without the group id is refused', async () => {
			const error = await invalid(wppconnect.resolveInvite?.(client(ok({ status: 'success', response: {} })), CODE) as Promise<unknown>);
			expect(error.problem).toBe('did not say which group the invite link belongs to');
		});
	});
});
