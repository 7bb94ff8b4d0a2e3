/**
 * Wuzapi adapter with a fake client: the traps of asternic/wuzapi (79ee4cd and 1.0.9, cited in the
 * adapter): WhatsApp's failures as HTTP 500 {"code": 500, "success": true}, a reset that is a flag on
 * a GET, the status in two spellings, `Groups: null`, and a lookup that exists only in 1.0.9.
 */
import { errorEnvelope } from '../../nodes/WhatsAppGroupInvite/providers/read';
import type { ProviderResponse } from '../../nodes/WhatsAppGroupInvite/providers/types';
import { wuzapi } from '../../nodes/WhatsAppGroupInvite/providers/wuzapi';
import { CODE, FakeClient, group, hintFor, invalid, LEGACY, LINK, MODERN, NEW_CODE, NEW_LINK, ok, status } from '../support/fakeProviderClient';

const credentials = { baseUrl: 'http://localhost:8080', token: 'WUZ-USER-TOKEN-1234' };
const client = (...answers: ProviderResponse[]) => new FakeClient(credentials, ...answers);
/** `Respond` with a string that is not JSON (handlers.go:3368-3396): the reason dropped, success true. */
const DROPPED = { code: 500, success: true };
const participant = (jid: string, admin: boolean, phone = '') => ({ JID: jid, PhoneNumber: phone, LID: '', IsAdmin: admin, IsSuperAdmin: false });

describe('Wuzapi adapter', () => {
	it('describes itself', () => {
		expect(wuzapi).toMatchObject({ id: 'wuzapi', name: 'Wuzapi', credentialType: 'groupInviteWuzapiApi' });
		expect(wuzapi.groupIdRules).toEqual({ acceptsInvite: false });
	});

	it('calls the base URL itself (the token travels in the token header) and lists the token as the secret', () => {
		expect(wuzapi.apiRoot(credentials, 'http://localhost:8080')).toBe('http://localhost:8080');
		expect(wuzapi.secrets(credentials)).toEqual(['WUZ-USER-TOKEN-1234']);
	});

	it.each([
		[{ code: 401, error: 'Unauthorized', success: false }, 'Unauthorized'],
		[{ code: 500, error: 'no session', success: false }, 'no session'],
		[{ code: 400, error: 'missing groupJID parameter', success: false }, 'missing groupJID parameter'],
		[DROPPED, undefined],
		[{ success: false, error: { message: 'Instance is not connected to WhatsApp' } }, 'Instance is not connected to WhatsApp'],
		['404 page not found', undefined],
	])('errorMessage(%j) is %j', (body, message) => {
		expect(wuzapi.errorMessage(body)).toBe(message);
	});

	it('its success envelope passes the shared rule; a {"code": 500, "success": true} at HTTP 200 does not', () => {
		expect(wuzapi.isErrorEnvelope).toBeUndefined();
		expect(errorEnvelope({ code: 200, data: { InviteLink: LINK }, success: true })).toBe(false);
		// `success: true` is never trusted: the code (or the HTTP status) decides.
		expect(errorEnvelope(DROPPED)).toBe(true);
	});

	describe('hints', () => {
		it('the bare 500 names the causes it hides and the gateway log, and stays ambiguous', () => {
			const { message, hint, definite } = hintFor(wuzapi, 500, DROPPED);
			expect(message).toBeUndefined();
			expect(hint).toContain('does not pass WhatsApp\'s reason on');
			expect(hint).toContain('not an admin of the group');
			expect(hint).toContain('the group does not exist or the number is not in it');
			expect(hint).toContain('limiting requests');
			expect(hint).toContain('disconnected');
			expect(hint).toContain('Wuzapi log');
			expect(definite).toBe(false);
		});

		it.each(['no session', 'No session'])('500 "%s" (no client for the user) says to connect, and is definite', (text) => {
			const { hint, definite } = hintFor(wuzapi, 500, { code: 500, error: text, success: false });
			expect(hint).toContain('POST /session/connect');
			expect(definite).toBe(true);
		});

		it.each(['Unauthorized', 'unauthorized'])('401 "%s" points at the user token, not the admin token', (text) => {
			const { hint } = hintFor(wuzapi, 401, { code: 401, error: text, success: false });
			expect(hint).toContain('Token in the Wuzapi credential');
			expect(hint).toContain('not the admin token');
		});

		it('a 400 keeps the default hint', () => {
			expect(hintFor(wuzapi, 400, { code: 400, error: 'could not parse Group JID', success: false }).hint).toBeUndefined();
		});
	});

	describe('get invite link', () => {
		it.each([
			[MODERN, `${MODERN}@g.us`],
			[`${MODERN}-group`, `${MODERN}@g.us`],
			[LEGACY, `${LEGACY}@g.us`],
		])('sends GET /group/invitelink for %s with groupJID=%s and reset=false', async (input, jid) => {
			const fake = client(ok({ code: 200, data: { InviteLink: LINK }, success: true }));
			expect(await wuzapi.getInviteLink(fake, group(wuzapi, input))).toEqual({ inviteCode: CODE, inviteLink: LINK });
			expect(fake.requests).toEqual([
				{ method: 'GET', path: '/group/invitelink', qs: { groupJID: jid, reset: 'false' }, idempotent: true, action: 'get the invite link' },
			]);
		});

		it.each([
			['{"code": 200, "success": true} without data', { code: 200, success: true }],
			['data without InviteLink', { code: 200, data: {}, success: true }],
			['a word in InviteLink', { code: 200, data: { InviteLink: 'not-authorized' }, success: true }],
			['an empty body', undefined],
		])('rejects %s', async (_name, body) => {
			const error = await invalid(wuzapi.getInviteLink(client(ok(body)), group(wuzapi, MODERN)));
			expect(error.problem).toBe('did not include an invite link');
		});
	});

	describe('reset invite link', () => {
		it('is the same GET with reset=true, marked not idempotent (never sent twice)', async () => {
			const fake = client(ok({ code: 200, data: { InviteLink: NEW_LINK }, success: true }));
			expect(await wuzapi.resetInviteLink(fake, group(wuzapi, MODERN))).toEqual({ inviteCode: NEW_CODE, inviteLink: NEW_LINK });
			expect(fake.requests).toEqual([
				{ method: 'GET', path: '/group/invitelink', qs: { groupJID: `${MODERN}@g.us`, reset: 'true' }, idempotent: false, action: 'reset the invite link' },
			]);
		});
	});

	describe('list groups (GET /group/list)', () => {
		const info = (gid: string, participants: unknown[], count = 5) => ({ JID: `${gid}@g.us`, Name: `Team ${gid}`, ParticipantCount: count, Participants: participants });

		it('reads data.Groups; without roles, no status request', async () => {
			const fake = client(ok({ code: 200, data: { Groups: [info(MODERN, [])] }, success: true }));
			expect(await wuzapi.listGroups?.(fake, { pageSize: 100, roles: false })).toEqual({
				groups: [{ groupId: `${MODERN}@g.us`, name: `Team ${MODERN}`, participantCount: 5 }],
			});
			expect(fake.requests).toEqual([{ method: 'GET', path: '/group/list', idempotent: true, action: 'list the groups' }]);
		});

		it('Groups: null is a number in no group', async () => {
			expect(await wuzapi.listGroups?.(client(ok({ code: 200, data: { Groups: null }, success: true })), { pageSize: 100, roles: false })).toEqual({ groups: [] });
		});

		it('ParticipantCount 0 (no size from WhatsApp) falls back to the participant list', async () => {
			const page = await wuzapi.listGroups?.(client(ok({ code: 200, data: { Groups: [info(MODERN, [participant('1@s.whatsapp.net', false), participant('2@s.whatsapp.net', false)], 0)] }, success: true })), { pageSize: 100, roles: false });
			expect(page?.groups[0].participantCount).toBe(2);
		});

		it.each([
			['no data', { code: 200, success: true }],
			['data without Groups', { code: 200, data: {}, success: true }],
		])('rejects %s', async (_name, body) => {
			const error = await invalid(wuzapi.listGroups?.(client(ok(body)), { pageSize: 100, roles: false }) as Promise<unknown>);
			expect(error.problem).toBe('did not include the list of groups');
		});

		it("with roles, 1.0.9's status jid (with its device) is matched against JID or PhoneNumber", async () => {
			const fake = client(
				ok({
					code: 200,
					data: {
						Groups: [
							info('120363000000000001', [participant('5511999999999@s.whatsapp.net', true)]),
							info('120363000000000002', [participant('201234567890123@lid', true, '5511999999999@s.whatsapp.net')]),
							info('120363000000000003', [participant('5511999999999@s.whatsapp.net', false)]),
						],
					},
					success: true,
				}),
				ok({ code: 200, data: { connected: true, loggedIn: true, jid: '5511999999999:12@s.whatsapp.net', token: 'x' }, success: true }),
			);
			const page = await wuzapi.listGroups?.(fake, { pageSize: 100, roles: true });
			expect(page?.groups.map((g) => g.isAdmin)).toEqual([true, true, false]);
			expect(fake.requests.map((r) => r.path)).toEqual(['/group/list', '/session/status']);
		});

		it('with roles on an older server (no jid in the status), isAdmin is left out, never guessed', async () => {
			const fake = client(
				ok({ code: 200, data: { Groups: [info(MODERN, [participant('5511999999999@s.whatsapp.net', true)])] }, success: true }),
				ok({ code: 200, data: { Connected: true, LoggedIn: true }, success: true }),
			);
			const page = await wuzapi.listGroups?.(fake, { pageSize: 100, roles: true });
			expect(page?.groups[0]).not.toHaveProperty('isAdmin');
		});
	});

	describe('invite lookup (POST /group/inviteinfo, 1.0.9)', () => {
		it('sends {"Code"} and reads the group from data', async () => {
			const fake = client(ok({ code: 200, data: { JID: `${MODERN}@g.us`, Name: 'Acme', ParticipantCount: 9, Participants: [] }, success: true }));
			expect(await wuzapi.resolveInvite?.(fake, CODE)).toEqual({ groupId: `${MODERN}@g.us`, name: 'Acme', participantCount: 9 });
			expect(fake.requests).toEqual([
				{ method: 'POST', path: '/group/inviteinfo', body: { Code: CODE }, idempotent: true, action: 'look up the invite link', passStatuses: [404, 405, 500] },
			]);
		});

		it('the bare 500 with a connected session is a link that leads nowhere', async () => {
			const gone = status(500, DROPPED);
			const fake = client(gone, ok({ code: 200, data: { connected: true, loggedIn: true }, success: true }));
			await expect(wuzapi.resolveInvite?.(fake, CODE)).rejects.toThrow('invite gone (HTTP 500)');
			expect(fake.goneInvites).toEqual([gone]);
			expect(fake.requests[1]).toMatchObject({ method: 'GET', path: '/session/status', idempotent: true });
		});

		it.each([
			['1.0.9', { connected: false, loggedIn: false }],
			['May 2025', { Connected: true, LoggedIn: false }],
		])('the bare 500 with a session that is not logged in (%s spelling) says so, not "revoked"', async (_name, data) => {
			const fake = client(status(500, DROPPED), ok({ code: 200, data, success: true }));
			const error = await invalid(wuzapi.resolveInvite?.(fake, CODE) as Promise<unknown>);
			expect(error.problem).toMatch(/^says the session is not connected and logged in to WhatsApp/);
			expect(fake.goneInvites).toHaveLength(0);
		});

		it('a 500 with a reason ("no session") is the failure it is', async () => {
			const fake = client(status(500, { code: 500, error: 'no session', success: false }));
			await expect(wuzapi.resolveInvite?.(fake, CODE)).rejects.toThrow('HTTP 500 from POST /group/inviteinfo');
			expect(fake.requests).toHaveLength(1);
		});

		it.each([404, 405])('a server without the route (HTTP %s) says the lookup came with Wuzapi 1.0.9', async (statusCode) => {
			const error = await invalid(wuzapi.resolveInvite?.(client(status(statusCode, '404 page not found')), CODE) as Promise<unknown>);
			expect(error.problem).toContain('Wuzapi 1.0.9');
		});
	});
});
