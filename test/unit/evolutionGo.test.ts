/**
 * The Evolution GO adapter with a fake client (EvolutionAPI/evolution-go@89eaae3): Get and Reset are
 * the same POST told apart by `reset` in the body, so the reset must be marked non-idempotent; the
 * link is `data` as a bare string; the global key gets 401; WhatsApp's refusals are 500s that are
 * definite; the list has no admin flag and there is no own JID, so isAdmin is never reported.
 */
import { parseGroupId } from '../../nodes/WhatsAppGroupInvite/whatsapp/groupId';
import { evolutionGo } from '../../nodes/WhatsAppGroupInvite/providers/evolutionGo';
import { errorEnvelope } from '../../nodes/WhatsAppGroupInvite/providers/read';
import { FakeClient, invalid, ok } from '../support/fakeProviderClient';

const GROUP = '120363019502650977';
const LEGACY = '5511999999999-1623281429';
const CODE = 'C1adgkdEGki7554BWDdMkd';
const LINK = `https://chat.whatsapp.com/${CODE}`;

const credentials = { token: 'EGOTOKEN123456', baseUrl: 'http://localhost:8080' };
const client = (...answers: Array<ReturnType<typeof ok> | Error>) => new FakeClient(credentials, ...answers);
const group = (input = `${GROUP}@g.us`) => parseGroupId(input, evolutionGo.groupIdRules);

describe('Evolution GO adapter', () => {
	it('describes itself: a list without roles, no invite lookup', () => {
		expect(evolutionGo).toMatchObject({ id: 'evolutionGo', name: 'Evolution GO', credentialType: 'groupInviteEvolutionGoApi', listReportsAdmin: false });
		expect(evolutionGo.groupIdRules).toEqual({ acceptsInvite: false });
		expect(typeof evolutionGo.listGroups).toBe('function');
		expect(evolutionGo.resolveInvite).toBeUndefined();
		expect(evolutionGo.apiRoot(credentials, 'http://localhost:8080/evo')).toBe('http://localhost:8080/evo');
		expect(evolutionGo.secrets(credentials)).toEqual(['EGOTOKEN123456']);
	});

	it("Evolution GO's genuine answers do not trip the shared 2xx error-envelope rule; its {error} does", () => {
		expect(evolutionGo.isErrorEnvelope).toBeUndefined();
		for (const body of [
			{ message: 'success', data: LINK },
			{ message: 'success', data: [{ JID: `${GROUP}@g.us`, Name: 'T', Participants: [] }] },
			{ message: 'success', data: null },
			{ message: 'success', data: { Connected: true, LoggedIn: true, Name: 'x' } },
		]) {
			expect(errorEnvelope(body)).toBe(false);
		}
		expect(errorEnvelope({ error: 'not authorized' })).toBe(true);
	});

	it('reads {"error": …}', () => {
		expect(evolutionGo.errorMessage({ error: 'not authorized' })).toBe('not authorized');
		expect(evolutionGo.errorMessage({ success: false, error: { message: 'x' } })).toBe('x');
		expect(evolutionGo.errorMessage('404 page not found')).toBeUndefined();
	});

	describe('get and reset: one URL, told apart by the body', () => {
		it.each([
			[`${GROUP}@g.us`, `${GROUP}@g.us`],
			[`${GROUP}-group`, `${GROUP}@g.us`],
			[LEGACY, `${LEGACY}@g.us`],
		])('Get of %p sends {groupJid: %p, reset: false} as a read', async (input, jid) => {
			const c = client(ok({ message: 'success', data: LINK }));
			expect(await evolutionGo.getInviteLink(c, group(input))).toEqual({ inviteCode: CODE, inviteLink: LINK });
			expect(c.requests).toEqual([
				{ method: 'POST', path: '/group/invitelink', body: { groupJid: jid, reset: false }, idempotent: true, action: 'get the invite link' },
			]);
		});

		it('Reset sends {reset: true} to the same URL and is marked non-idempotent (never re-sent after a timeout)', async () => {
			const c = client(ok({ message: 'success', data: LINK }));
			expect(await evolutionGo.resetInviteLink(c, group())).toEqual({ inviteCode: CODE, inviteLink: LINK });
			expect(c.requests).toEqual([
				{ method: 'POST', path: '/group/invitelink', body: { groupJid: `${GROUP}@g.us`, reset: true }, idempotent: false, action: 'reset the invite link' },
			]);
		});

		it.each([
			['no data', { message: 'success' }],
			['data an object', { message: 'success', data: { link: LINK } }],
			['data a word', { message: 'success', data: 'not-authorized' }],
			['data another site', { message: 'success', data: 'https://example.com/C1adgkdEGki7554BWDdMkd' }],
		])('an answer with %s is never a link', async (_what, body) => {
			expect((await invalid(evolutionGo.getInviteLink(client(ok(body)), group()))).problem).toBe('did not include an invite link');
			expect((await invalid(evolutionGo.resetInviteLink(client(ok(body)), group()))).problem).toBe('did not include an invite link');
		});
	});

	describe('list groups', () => {
		const participants = [
			{ JID: '5511999999999@s.whatsapp.net', IsAdmin: true, IsSuperAdmin: false },
			{ JID: '5511888888888@s.whatsapp.net', IsAdmin: false, IsSuperAdmin: true },
		];

		it('reads GET /group/list {data: [GroupInfo]}, flat or as the wiki shows it; no isAdmin even when roles are asked', async () => {
			const c = client(
				ok({
					message: 'success',
					data: [
						{ JID: `${GROUP}@g.us`, Name: 'Flat', ParticipantCount: 0, Participants: participants },
						{ JID: '120363019502650978@g.us', GroupName: { Name: 'Wiki' }, Participants: participants },
						{ JID: '120363019502650979@g.us', Name: 'Sized', ParticipantCount: 40, Participants: participants },
						{ JID: '5511999999999@s.whatsapp.net', Name: 'not a group' },
					],
				}),
			);
			expect(await evolutionGo.listGroups!(c, { pageSize: 100, roles: true })).toEqual({
				groups: [
					{ groupId: `${GROUP}@g.us`, name: 'Flat', participantCount: 2 },
					{ groupId: '120363019502650978@g.us', name: 'Wiki', participantCount: 2 },
					{ groupId: '120363019502650979@g.us', name: 'Sized', participantCount: 40 },
				],
			});
			expect(c.requests).toEqual([{ method: 'GET', path: '/group/list', idempotent: true, action: 'list the groups' }]);
		});

		it('a number in no group ({"data": null}, whatsmeow\'s nil slice) lists nothing; an answer without data is invalid', async () => {
			expect(await evolutionGo.listGroups!(client(ok({ message: 'success', data: null })), { pageSize: 100, roles: false })).toEqual({ groups: [] });
			await invalid(evolutionGo.listGroups!(client(ok({ message: 'success' })), { pageSize: 100, roles: false }));
		});
	});
});

describe('Evolution GO hints and definite failures (group_handler.go, group_service.go, whatsmeow errors.go)', () => {
	function hintFor(statusCode: number, error: string) {
		const message = evolutionGo.errorMessage({ error });
		return { hint: evolutionGo.errorHint?.(statusCode, message) ?? '', definite: evolutionGo.isDefiniteFailure?.(statusCode, message) ?? false };
	}

	it('401 "not authorized" says to use the instance token, and that the global key gets this 401', () => {
		const { hint } = hintFor(401, 'not authorized');
		expect(hint).toMatch(/Instance Token to the instance's own token/);
		expect(hint).toMatch(/global API key \(GLOBAL_API_KEY\) is not accepted here/);
		expect(hint).toMatch(/same 401 on the group routes/);
	});

	it.each([
		['no active session found', /no active WhatsApp session: .*Connect/],
		['client disconnected', /disconnected from WhatsApp: reconnect it/],
		["you don't have the permission to get the group's invite link", /not an admin of the group: make it an admin/],
		['that group does not exist', /no such group: check the Group ID/],
		["you're not participating in that group", /not a member of the group/],
		['info query returned status 429: rate-overlimit', /rate-overlimit\): wait/],
		['invalid group jid', /could not read the group ID/],
		['websocket not connected', /disconnected from WhatsApp/],
	])('500 "%s" gets its own hint and is a definite failure (nothing changed)', (error, hint) => {
		expect(hintFor(500, error)).toEqual({ hint: expect.stringMatching(hint), definite: true });
	});

	it('any other 500 (e.g. a timeout after WhatsApp may have acted) stays ambiguous for a reset', () => {
		expect(hintFor(500, 'info query timed out')).toEqual({ hint: '', definite: false });
		expect(hintFor(500, 'Internal server error').definite).toBe(false);
	});

	it('400 "groupJID is required" / "Invalid JSON format" point at the group ID', () => {
		expect(hintFor(400, 'groupJID is required').hint).toMatch(/Group ID/);
		expect(hintFor(400, 'Invalid JSON format').hint).toMatch(/Group ID/);
	});
});
