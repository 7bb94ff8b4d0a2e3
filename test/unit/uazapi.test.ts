/**
 * The uazapi adapter with a fake client: what it sends and how it reads uazapi's answers, for the
 * traps its OpenAPI spec (uazapi-cli@7233784 uazapi-openapi.json) and real answers show: the link
 * spelled three ways, a reset's `group` that may be stale, 401 meaning a bad token or no session,
 * OwnerIsAdmin missing from real answers, two list routes.
 */
import { parseGroupId } from '../../nodes/WhatsAppGroupInvite/whatsapp/groupId';
import { errorEnvelope } from '../../nodes/WhatsAppGroupInvite/providers/read';
import { uazapi } from '../../nodes/WhatsAppGroupInvite/providers/uazapi';
import { FakeClient, invalid, ok } from '../support/fakeProviderClient';

const GROUP = '120363019502650977';
const CODE = 'C1adgkdEGki7554BWDdMkd';
const LINK = `https://chat.whatsapp.com/${CODE}`;
const NEW_CODE = 'NEWc0de5xYz123AbCdEfGh';
const NEW_LINK = `https://chat.whatsapp.com/${NEW_CODE}`;
const SPELLINGS = ['invite_link', 'InviteLink', 'inviteLink'] as const;

const credentials = { token: 'UAZTOKEN123456', baseUrl: 'https://acme.uazapi.com' };
const client = (...answers: Array<ReturnType<typeof ok> | Error>) => new FakeClient(credentials, ...answers);
const group = (input = `${GROUP}@g.us`) => parseGroupId(input, uazapi.groupIdRules);

/** A participant as uazapi sends it (whatsmeow's GroupParticipant). */
const person = (jid: string, admin: boolean, phone = '') => ({ JID: jid, PhoneNumber: phone, LID: '', IsAdmin: admin, IsSuperAdmin: false });

describe('uazapi adapter', () => {
	it('describes itself', () => {
		expect(uazapi).toMatchObject({ id: 'uazapi', name: 'uazapi', credentialType: 'groupInviteUazapiApi', listReportsAdmin: true });
		expect(uazapi.groupIdRules).toEqual({ acceptsInvite: false });
		expect(typeof uazapi.listGroups).toBe('function');
		expect(typeof uazapi.resolveInvite).toBe('function');
		expect(uazapi.apiRoot(credentials, 'https://acme.uazapi.com')).toBe('https://acme.uazapi.com');
		expect(uazapi.secrets(credentials)).toEqual(['UAZTOKEN123456']);
	});

	it("uazapi's genuine answers do not trip the shared 2xx error-envelope rule (so it needs no isErrorEnvelope of its own)", () => {
		expect(uazapi.isErrorEnvelope).toBeUndefined();
		const group = { JID: `${GROUP}@g.us`, Name: 'T', OwnerIsAdmin: true, invite_link: LINK, Participants: [person('5511999999999@s.whatsapp.net', true)] };
		for (const body of [
			group,
			{ InviteLink: NEW_LINK, group, needs_refresh: false },
			{ groups: [group], pagination: { totalRecords: 1, hasNextPage: false } },
			{ instance: { id: 'r1', status: 'connected', owner: '5511999999999' }, status: { connected: true, loggedIn: true, jid: null } },
		]) {
			expect(errorEnvelope(body)).toBe(false);
		}
		expect(errorEnvelope({ error: 'No session' })).toBe(true);
	});

	it('reads the error text uazapi sends ({error}) and the shapes the shared envelope faults use', () => {
		expect(uazapi.errorMessage({ error: 'User is not an admin of this group' })).toBe('User is not an admin of this group');
		expect(uazapi.errorMessage({ success: false, error: { message: 'x' } })).toBe('x');
		expect(uazapi.errorMessage({ code: 'a', message: 'y' })).toBe('y');
		expect(uazapi.errorMessage('404 page not found')).toBeUndefined();
	});

	describe('get invite link', () => {
		it('asks POST /group/info for the link, bypassing the cache; a read, safe to send again', async () => {
			const c = client(ok({ JID: `${GROUP}@g.us`, Name: 'Team', invite_link: LINK }));
			expect(await uazapi.getInviteLink(c, group(`${GROUP}-group`))).toEqual({ inviteCode: CODE, inviteLink: LINK });
			expect(c.requests).toEqual([
				{
					method: 'POST',
					path: '/group/info',
					body: { groupjid: `${GROUP}@g.us`, getInviteLink: true, getRequestsParticipants: false, force: true },
					idempotent: true,
					action: 'get the invite link',
				},
			]);
		});

		it.each(SPELLINGS)('reads the link spelled %s', async (key) => {
			const c = client(ok({ JID: `${GROUP}@g.us`, [key]: LINK }));
			expect(await uazapi.getInviteLink(c, group())).toEqual({ inviteCode: CODE, inviteLink: LINK });
		});

		it('without a link, says the number is no admin when the answer says so (OwnerIsAdmin false)', async () => {
			const error = await invalid(uazapi.getInviteLink(client(ok({ JID: `${GROUP}@g.us`, OwnerIsAdmin: false })), group()));
			expect(error.problem).toBe('did not include an invite link: it reports that the connected number is not an admin of the group (OwnerIsAdmin false)');
			const plain = await invalid(uazapi.getInviteLink(client(ok({ JID: `${GROUP}@g.us`, invite_link: '' })), group()));
			expect(plain.problem).toBe('did not include an invite link');
		});

		it('never takes a word for a link', async () => {
			await invalid(uazapi.getInviteLink(client(ok({ invite_link: 'not-authorized' })), group()));
			await invalid(uazapi.getInviteLink(client(ok({ inviteLink: 'https://example.com/AbCdEfGhIjKlMnOpQrStUv' })), group()));
		});
	});

	describe('reset invite link', () => {
		it('sends POST /group/resetInviteCode {groupjid}, marked as never to be re-sent', async () => {
			const c = client(ok({ InviteLink: NEW_LINK, group: { JID: `${GROUP}@g.us` }, needs_refresh: false }));
			expect(await uazapi.resetInviteLink(c, group())).toEqual({ inviteCode: NEW_CODE, inviteLink: NEW_LINK });
			expect(c.requests).toEqual([
				{ method: 'POST', path: '/group/resetInviteCode', body: { groupjid: `${GROUP}@g.us` }, idempotent: false, action: 'reset the invite link' },
			]);
		});

		it.each(SPELLINGS)('reads the new link spelled %s at the top of the answer', async (key) => {
			const c = client(ok({ [key]: NEW_LINK, group: { JID: `${GROUP}@g.us`, invite_link: LINK }, needs_refresh: true }));
			expect(await uazapi.resetInviteLink(c, group())).toEqual({ inviteCode: NEW_CODE, inviteLink: NEW_LINK });
			expect(c.requests).toHaveLength(1);
		});

		it("never takes the link from the answer's own group (it may be the cached, old one): reads it with a Get instead", async () => {
			const c = client(
				ok({ group: { JID: `${GROUP}@g.us`, invite_link: LINK }, needs_refresh: true }),
				ok({ JID: `${GROUP}@g.us`, invite_link: NEW_LINK }),
			);
			expect(await uazapi.resetInviteLink(c, group())).toEqual({ inviteCode: NEW_CODE, inviteLink: NEW_LINK });
			expect(c.requests.map((r) => [r.path, r.idempotent, r.body?.force])).toEqual([
				['/group/resetInviteCode', false, undefined],
				['/group/info', true, true],
			]);
		});

		it('an answer that is not the documented success (no link, no group) fails without a second request', async () => {
			const c = client(ok({ needs_refresh: false }));
			expect((await invalid(uazapi.resetInviteLink(c, group()))).problem).toBe('did not include the new invite link');
			expect(c.requests).toHaveLength(1);
		});
	});

	describe('list groups', () => {
		const entry = (i: number, extra: Record<string, unknown> = {}) => ({
			JID: `12036300000000000${i}@g.us`,
			Name: `Team ${i}`,
			Participants: [person('5511999999999@s.whatsapp.net', i % 2 === 0), person('5511888888888@s.whatsapp.net', true)],
			...extra,
		});

		it('asks POST /group/list for 1,000 groups a page, with participants only when roles are needed, and pages on hasNextPage', async () => {
			const c = client(
				ok({ groups: [entry(0, { OwnerIsAdmin: true })], pagination: { hasNextPage: true, currentPage: 1 } }),
				ok({ groups: [entry(1, { OwnerIsAdmin: false })], pagination: { hasNextPage: false, currentPage: 2 } }),
			);
			const first = await uazapi.listGroups!(c, { pageSize: 100, roles: true });
			expect(first).toEqual({ groups: [{ groupId: `${'12036300000000000'}0@g.us`, name: 'Team 0', participantCount: 2, isAdmin: true }], next: '2' });
			const second = await uazapi.listGroups!(c, { cursor: '2', pageSize: 100, roles: true });
			expect(second).toEqual({ groups: [{ groupId: '120363000000000001@g.us', name: 'Team 1', participantCount: 2, isAdmin: false }] });
			expect(c.requests.map((r) => [r.method, r.path, r.body])).toEqual([
				['POST', '/group/list', { page: 1, pageSize: 1000, noParticipants: false }],
				['POST', '/group/list', { page: 2, pageSize: 1000, noParticipants: false }],
			]);
			// OwnerIsAdmin was in every group: the connected number was never asked for.
			expect(c.requests.some((r) => r.path === '/instance/status')).toBe(false);
		});

		it('without OwnerIsAdmin (as a real server answered), finds the connected number among the participants, asking for it once per run', async () => {
			const live = (i: number, admin: boolean) => ({
				JID: `12036300000000000${i}@g.us`,
				Name: `Team ${i}`,
				ParticipantCount: 3,
				Participants: [
					person('98999147212892@lid', admin, '5511999999999@s.whatsapp.net'),
					person('77712345678901@lid', !admin, '5511888888888@s.whatsapp.net'),
				],
			});
			const c = client(
				ok({ groups: [live(0, true), live(1, false)], pagination: { hasNextPage: true } }),
				ok({ instance: { status: 'connected', owner: '5511999999999' }, status: { connected: true, loggedIn: true, jid: { user: '5511999999999', agent: 0, device: 0, server: 's.whatsapp.net' } } }),
				ok({ groups: [live(2, true)], pagination: { hasNextPage: false } }),
			);
			const first = await uazapi.listGroups!(c, { pageSize: 100, roles: true });
			expect(first.groups.map((g) => [g.groupId, g.participantCount, g.isAdmin])).toEqual([
				['120363000000000000@g.us', 3, true],
				['120363000000000001@g.us', 3, false],
			]);
			const second = await uazapi.listGroups!(c, { cursor: first.next, pageSize: 100, roles: true });
			expect(second.groups[0].isAdmin).toBe(true);
			expect(c.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /group/list', 'GET /instance/status', 'POST /group/list']);
		});

		it.each([
			['a JID string', { status: { jid: '5511999999999:12@s.whatsapp.net' } }, true],
			['only instance.owner', { instance: { owner: '5511999999999' }, status: { jid: null } }, true],
			['nothing (not logged in)', { instance: { owner: '' }, status: { connected: false, loggedIn: false, jid: null } }, undefined],
		] as const)('reads the connected number from %s; never guesses isAdmin without it', async (_what, status, isAdmin) => {
			const c = client(ok({ groups: [{ JID: `${GROUP}@g.us`, Participants: [person('5511999999999@s.whatsapp.net', true)] }] }), ok(status));
			const page = await uazapi.listGroups!(c, { pageSize: 100, roles: true });
			expect(page.groups[0].isAdmin).toBe(isAdmin);
		});

		it('without roles: no participants asked, no isAdmin, no connected-number request; a count only from ParticipantCount', async () => {
			const c = client(
				ok({
					groups: [
						{ JID: `${GROUP}@g.us`, Name: 'A', Participants: null, OwnerIsAdmin: true, ParticipantCount: 7 },
						{ JID: '120363019502650978@g.us', Name: 'B', Participants: null, ParticipantCount: 0 },
					],
				}),
			);
			const page = await uazapi.listGroups!(c, { pageSize: 100, roles: false });
			expect(page).toEqual({
				groups: [
					{ groupId: `${GROUP}@g.us`, name: 'A', participantCount: 7 },
					{ groupId: '120363019502650978@g.us', name: 'B' },
				],
			});
			expect(c.requests[0].body).toEqual({ page: 1, pageSize: 1000, noParticipants: true });
		});

		it.each([404, 405])('a server without the paged POST route (%s) is listed with GET, found out once per run', async (status) => {
			const c = client(
				{ statusCode: status, body: { error: 'Method Not Allowed' } },
				ok({ groups: [{ JID: `${GROUP}@g.us`, Name: 'A', OwnerIsAdmin: true }] }),
				ok({ groups: [{ JID: `${GROUP}@g.us`, Name: 'A', OwnerIsAdmin: true }] }),
			);
			const page = await uazapi.listGroups!(c, { pageSize: 100, roles: true });
			expect(page).toEqual({ groups: [{ groupId: `${GROUP}@g.us`, name: 'A', isAdmin: true }] });
			await uazapi.listGroups!(c, { pageSize: 100, roles: false });
			expect(c.requests.map((r) => [r.method, r.qs, r.passStatuses])).toEqual([
				['POST', undefined, [404, 405]],
				['GET', { noparticipants: 'false' }, undefined],
				['GET', { noparticipants: 'true' }, undefined],
			]);
		});

		it.each(SPELLINGS)('carries a listed link spelled %s', async (key) => {
			const c = client(ok({ groups: [{ JID: `${GROUP}@g.us`, Name: 'A', [key]: LINK }] }));
			const page = await uazapi.listGroups!(c, { pageSize: 100, roles: false });
			expect(page.groups[0]).toMatchObject({ inviteCode: CODE, inviteLink: LINK });
		});

		it('an answer without groups is an invalid answer', async () => {
			await invalid(uazapi.listGroups!(client(ok({ pagination: {} })), { pageSize: 100, roles: false }));
		});
	});

	describe('resolve invite', () => {
		it('looks the code up with POST /group/inviteInfo and reports the group', async () => {
			const c = client(ok({ JID: `${GROUP}@g.us`, Name: 'Team', ParticipantCount: 0, Participants: [person('5511888888888@s.whatsapp.net', true), person('5511777777777@s.whatsapp.net', false)] }));
			expect(await uazapi.resolveInvite!(c, CODE)).toEqual({ groupId: `${GROUP}@g.us`, name: 'Team', participantCount: 2 });
			expect(c.requests[0]).toMatchObject({ method: 'POST', path: '/group/inviteInfo', body: { invitecode: CODE }, idempotent: true, passStatuses: [400, 404] });
		});

		it.each([
			[404, 'Group invite link is invalid or has expired'],
			[400, 'Invalid invite code'],
		])('%s "%s" means the link leads nowhere', async (statusCode, error) => {
			const c = client({ statusCode, body: { error } });
			await expect(uazapi.resolveInvite!(c, CODE)).rejects.toThrow(`invite gone (HTTP ${statusCode})`);
			expect(c.goneInvites).toHaveLength(1);
		});

		it('a 404 that is not about the link (a server without the route) is reported as it is', async () => {
			const c = client({ statusCode: 404, body: '404 page not found', text: '404 page not found' });
			await expect(uazapi.resolveInvite!(c, CODE)).rejects.toThrow('HTTP 404 from POST /group/inviteInfo');
			expect(c.goneInvites).toHaveLength(0);
		});
	});
});

describe('uazapi hints (OpenAPI v2.0.1: 401 for a bad token and for no session)', () => {
	function hintFor(statusCode: number, body: unknown) {
		const message = uazapi.errorMessage(body);
		return { hint: uazapi.errorHint?.(statusCode, message) ?? '', definite: uazapi.isDefiniteFailure?.(statusCode, message) ?? false };
	}

	it.each(['Invalid token', 'missing token', 'instance info not found', 'Unauthorized', 'client not found', 'No session', 'No active session', ''])(
		'401 "%s" names both causes: the token and the WhatsApp session',
		(error) => {
			const { hint } = hintFor(401, error ? { error } : undefined);
			expect(hint).toMatch(/Instance Token/);
			expect(hint).toMatch(/no active WhatsApp session/);
			expect(hint).toMatch(/scan the QR code/);
		},
	);

	it('401 about a session puts the session first, about a token the token first', () => {
		expect(hintFor(401, { error: 'No session' }).hint).toMatch(/^uazapi answers 401 for two reasons\. Here it is most likely that the instance has no active WhatsApp session/);
		expect(hintFor(401, { error: 'Invalid token' }).hint).toMatch(/^uazapi answers 401 for two reasons: the Instance Token in the credential is wrong/);
	});

	it('403 "User is not an admin of this group" says to make the number an admin', () => {
		expect(hintFor(403, { error: 'User is not an admin of this group' }).hint).toMatch(/admin of the group/);
	});

	it('a disconnected client (500) says to connect the instance, and nothing was sent to WhatsApp', () => {
		expect(hintFor(500, { error: 'WhatsApp client is not connected' })).toEqual({
			hint: expect.stringMatching(/not connected to WhatsApp: connect it in the uazapi panel/),
			definite: true,
		});
		// A failure that may have happened after WhatsApp acted stays ambiguous for a reset.
		expect(hintFor(500, { error: 'Failed to reset group invite link' }).definite).toBe(false);
		expect(hintFor(500, { error: 'connection closed' }).definite).toBe(false);
	});

	it('400, 404 and 429 point at the group ID, the group and the limits', () => {
		expect(hintFor(400, { error: 'Could not parse Group JID' }).hint).toMatch(/Group ID/);
		expect(hintFor(404, { error: 'Group invite link is invalid or has expired' }).hint).toMatch(/no such group: check the Group ID/);
		expect(hintFor(429, { error: 'Rate limit exceeded' }).hint).toMatch(/maximum of connected instances/);
	});
});
