/**
 * GOWA adapter with a fake client: the traps of go-whatsapp-web-multidevice@51f7b19 (cited in the
 * adapter): a success body {"code": "SUCCESS", "message"} that the shared envelope rule would read as
 * an error, a 401 that means bad Basic credentials (plain text) or a device not logged in (JSON),
 * WhatsApp's refusals as 500 with whatsmeow's text, a reset that is a flag on a GET.
 */
import { GroupInviteGowaApi } from '../../credentials/GroupInviteGowaApi.credentials';
import { gowa } from '../../nodes/WhatsAppGroupInvite/providers/gowa';
import { errorEnvelope } from '../../nodes/WhatsAppGroupInvite/providers/read';
import type { ProviderResponse } from '../../nodes/WhatsAppGroupInvite/providers/types';
import { CODE, FakeClient, group, hintFor, invalid, LEGACY, LINK, MODERN, NEW_CODE, NEW_LINK, ok, status } from '../support/fakeProviderClient';

const credentials = { baseUrl: 'http://localhost:3000', username: 'acme', password: 'GOWA-PASSWORD-1234', deviceId: 'acme-device' };
const client = (...answers: ProviderResponse[]) => new FakeClient(credentials, ...answers);
const success = (message: string, results: unknown) => ({ code: 'SUCCESS', message, results });
const participant = (jid: string, admin: boolean, phone = '') => ({ JID: jid, PhoneNumber: phone, IsAdmin: admin, IsSuperAdmin: false });

describe('GOWA adapter', () => {
	it('describes itself', () => {
		expect(gowa).toMatchObject({ id: 'gowa', name: 'GOWA', credentialType: 'groupInviteGowaApi' });
		expect(gowa.groupIdRules).toEqual({ acceptsInvite: false });
	});

	it('calls the base URL itself (with its APP_BASE_PATH) and lists the password as the secret', () => {
		expect(gowa.apiRoot(credentials, 'http://localhost:3000/gowa')).toBe('http://localhost:3000/gowa');
		expect(gowa.secrets(credentials)).toEqual(['GOWA-PASSWORD-1234']);
	});

	describe('isErrorEnvelope: GOWA\'s own success body is not an error, its error bodies are', () => {
		it.each([
			['get', success('Success get group invite link', { invite_link: LINK, group_id: `${MODERN}@g.us` })],
			['list', success('Success get list groups', { data: null })],
			['status', success('Connection status retrieved', { is_connected: true, is_logged_in: true, device_id: 'd', jid: '' })],
			['a lower-case code', { code: 'success', message: 'ok', results: {} }],
		])('%s: {"code": "SUCCESS", "message"} passes (the shared rule alone would refuse it)', (_name, body) => {
			expect(errorEnvelope(body)).toBe(true);
			expect(gowa.isErrorEnvelope?.(body)).toBe(false);
		});

		it.each([
			['INTERNAL_SERVER_ERROR', { code: 'INTERNAL_SERVER_ERROR', message: "you don't have the permission to get the group's invite link" }],
			['AUTHENTICATION_ERROR', { code: 'AUTHENTICATION_ERROR', message: 'you are not logged in' }],
			['a word code', { code: 'invalid_session', message: 'The session invalid_session is not connected' }],
			['{success: false}', { success: false, error: { message: 'x' } }],
			['{error}', { error: 'instance_not_connected' }],
			['{status: "error"}', { status: 'error', message: 'not-authorized' }],
			['"SUCCESS" with an error next to it', { code: 'SUCCESS', message: 'ok', error: 'boom' }],
			['"SUCCESS" with success: false', { code: 'SUCCESS', message: 'ok', success: false }],
		])('%s is an error', (_name, body) => {
			expect(gowa.isErrorEnvelope?.(body)).toBe(true);
		});

		it.each([['a bare string', 'Unauthorized'], ['null', null], ['a list', [1]]])('%s is not an envelope', (_name, body) => {
			expect(gowa.isErrorEnvelope?.(body)).toBe(false);
		});
	});

	it.each([
		[{ code: 'INTERNAL_SERVER_ERROR', message: 'that group does not exist' }, 'that group does not exist'],
		[{ code: 'VALIDATION_ERROR', message: 'group_id: cannot be blank.' }, 'group_id: cannot be blank.'],
		[{ success: false, error: { message: 'Instance is not connected to WhatsApp' } }, 'Instance is not connected to WhatsApp'],
		[{ error: 'instance_not_connected' }, 'instance_not_connected'],
		['Unauthorized', undefined],
	])('errorMessage(%j) is %j', (body, message) => {
		expect(gowa.errorMessage(body)).toBe(message);
	});

	describe('hints (two 401s, whatsmeow refusals)', () => {
		it('401 with the plain-text body "Unauthorized" (no vendor message: Fiber basicauth) points at Username and Password', () => {
			// The transport hands errorHint no message for a body that is not JSON.
			const hint = gowa.errorHint?.(401, undefined);
			expect(hint).toContain('Username and Password in the GOWA credential');
			expect(hint).toContain('APP_BASIC_AUTH');
			expect(hint).not.toContain('not logged in');
		});

		it.each(['you are not logged in', 'you are not connect to services server, please reconnect'])(
			'401 AUTHENTICATION_ERROR "%s" says to log the device in, not to check the password',
			(text) => {
				const { hint, definite } = hintFor(gowa, 401, { code: 'AUTHENTICATION_ERROR', message: text });
				expect(hint).toContain('not connected or not logged in');
				expect(hint).toContain('scan the QR code');
				expect(hint).not.toContain('Password');
				expect(definite).toBe(false);
			},
		);

		it.each([
			["you don't have the permission to get the group's invite link", /admin of the group/],
			['that group does not exist', /check the Group ID/],
			["you're not participating in that group", /not a member of the group/],
			['info query returned status 429: rate-overlimit', /limiting requests/],
			['websocket not connected', /not connected: reconnect it/],
		])('500 "%s" gets its hint and is a definite refusal (WhatsApp answered, or nothing was sent)', (text, hint) => {
			const found = hintFor(gowa, 500, { code: 'INTERNAL_SERVER_ERROR', message: text });
			expect(found.hint).toMatch(hint);
			expect(found.definite).toBe(true);
		});

		it.each(['info query timed out', 'websocket disconnected before info query returned response', 'Internal server error'])(
			'500 "%s" is not definite: the reset may have happened',
			(text) => {
				expect(hintFor(gowa, 500, { code: 'INTERNAL_SERVER_ERROR', message: text }).definite).toBe(false);
			},
		);

		it('a 504 GATEWAY_TIMEOUT stays ambiguous', () => {
			expect(hintFor(gowa, 504, { code: 'GATEWAY_TIMEOUT', message: 'Request timed out waiting for WhatsApp server response' }).definite).toBe(false);
		});

		it('device problems point at the Device ID', () => {
			expect(hintFor(gowa, 404, { code: 'DEVICE_NOT_FOUND', message: 'device not found; create a device first from /api/devices or provide a valid X-Device-Id', results: { device_id: 'x' } }).hint).toContain('Device ID in the credential');
			expect(hintFor(gowa, 400, { code: 'DEVICE_ID_REQUIRED', message: 'device_id is required via X-Device-Id header or device_id query' }).hint).toContain('several devices');
		});
	});

	describe('get invite link', () => {
		it.each([
			[MODERN, `${MODERN}@g.us`],
			[`${MODERN}-group`, `${MODERN}@g.us`],
			[LEGACY, `${LEGACY}@g.us`],
		])('sends GET /group/invite-link for %s with group_id=%s and reset=false', async (input, jid) => {
			const fake = client(ok(success('Success get group invite link', { invite_link: LINK, group_id: jid })));
			expect(await gowa.getInviteLink(fake, group(gowa, input))).toEqual({ inviteCode: CODE, inviteLink: LINK });
			expect(fake.requests).toEqual([
				{ method: 'GET', path: '/group/invite-link', qs: { group_id: jid, reset: 'false' }, idempotent: true, action: 'get the invite link' },
			]);
		});

		it.each([
			['SUCCESS without results', { code: 'SUCCESS', message: 'Success get group invite link' }],
			['an empty invite_link', success('x', { invite_link: '', group_id: `${MODERN}@g.us` })],
			['an empty body', undefined],
		])('rejects %s', async (_name, body) => {
			const error = await invalid(gowa.getInviteLink(client(ok(body)), group(gowa, MODERN)));
			expect(error.problem).toBe('did not include an invite link');
		});
	});

	describe('reset invite link', () => {
		it('is the same GET with reset=true, marked not idempotent (never sent twice)', async () => {
			const fake = client(ok(success('Success get group invite link', { invite_link: NEW_LINK, group_id: `${MODERN}@g.us` })));
			expect(await gowa.resetInviteLink(fake, group(gowa, MODERN))).toEqual({ inviteCode: NEW_CODE, inviteLink: NEW_LINK });
			expect(fake.requests).toEqual([
				{ method: 'GET', path: '/group/invite-link', qs: { group_id: `${MODERN}@g.us`, reset: 'true' }, idempotent: false, action: 'reset the invite link' },
			]);
		});
	});

	describe('list groups (GET /user/my/groups)', () => {
		const info = (gid: string, participants: unknown[], count = 5) => ({ JID: `${gid}@g.us`, Name: `Team ${gid}`, ParticipantCount: count, Participants: participants });

		it('reads results.data; null is no group; without roles, no status request', async () => {
			const fake = client(ok(success('Success get list groups', { data: [info(MODERN, [])] })));
			expect(await gowa.listGroups?.(fake, { pageSize: 100, roles: false })).toEqual({
				groups: [{ groupId: `${MODERN}@g.us`, name: `Team ${MODERN}`, participantCount: 5 }],
			});
			expect(fake.requests).toEqual([{ method: 'GET', path: '/user/my/groups', idempotent: true, action: 'list the groups' }]);
			expect(await gowa.listGroups?.(client(ok(success('Success get list groups', { data: null }))), { pageSize: 100, roles: false })).toEqual({ groups: [] });
		});

		it('rejects an answer without results.data', async () => {
			const error = await invalid(gowa.listGroups?.(client(ok({ code: 'SUCCESS', message: 'x' })), { pageSize: 100, roles: false }) as Promise<unknown>);
			expect(error.problem).toBe('did not include the list of groups');
		});

		it("with roles, /app/status's jid is matched against JID or PhoneNumber, once per execution", async () => {
			const fake = client(
				ok(success('Success get list groups', {
					data: [
						info('120363000000000001', [participant('5511999999999@s.whatsapp.net', true)]),
						info('120363000000000002', [participant('201234567890123@lid', true, '5511999999999@s.whatsapp.net')]),
						info('120363000000000003', [participant('5511999999999@s.whatsapp.net', false)]),
						info('120363000000000004', [participant('5511777777777@s.whatsapp.net', true)]),
					],
				})),
				ok(success('Connection status retrieved', { is_connected: true, is_logged_in: true, device_id: 'acme-device', jid: '5511999999999@s.whatsapp.net' })),
			);
			const page = await gowa.listGroups?.(fake, { pageSize: 100, roles: true });
			expect(page?.groups.map((g) => g.isAdmin)).toEqual([true, true, false, undefined]);
			expect(fake.requests.map((r) => r.path)).toEqual(['/user/my/groups', '/app/status']);
		});

		it('a device that was never paired (jid "") gives no isAdmin', async () => {
			const fake = client(
				ok(success('Success get list groups', { data: [info(MODERN, [participant('5511999999999@s.whatsapp.net', true)])] })),
				ok(success('Connection status retrieved', { is_connected: false, is_logged_in: false, device_id: 'd', jid: '' })),
			);
			expect((await gowa.listGroups?.(fake, { pageSize: 100, roles: true }))?.groups[0]).not.toHaveProperty('isAdmin');
		});
	});

	describe('invite lookup (GET /group/info-from-link)', () => {
		it('sends the link and reads results.group_id and name (not participant_count, which undercounts)', async () => {
			const fake = client(ok(success('Success get group info from link', { group_id: `${MODERN}@g.us`, name: 'Acme', participant_count: 2 })));
			expect(await gowa.resolveInvite?.(fake, CODE)).toEqual({ groupId: `${MODERN}@g.us`, name: 'Acme' });
			expect(fake.requests).toEqual([
				{ method: 'GET', path: '/group/info-from-link', qs: { link: LINK }, idempotent: true, action: 'look up the invite link', passStatuses: [500] },
			]);
		});

		it.each(['that group invite link has been revoked', 'that group invite link is not valid'])('500 "%s" is a link that leads nowhere', async (text) => {
			const fake = client(status(500, { code: 'INTERNAL_SERVER_ERROR', message: text }));
			await expect(gowa.resolveInvite?.(fake, CODE)).rejects.toThrow('invite gone (HTTP 500)');
			expect(fake.goneInvites).toHaveLength(1);
		});

		it('any other 500 is the failure it is', async () => {
			const fake = client(status(500, { code: 'INTERNAL_SERVER_ERROR', message: 'websocket not connected' }));
			await expect(gowa.resolveInvite?.(fake, CODE)).rejects.toThrow('HTTP 500 from GET /group/info-from-link');
			expect(fake.goneInvites).toHaveLength(0);
		});
	});
});

describe('GOWA credential: Basic auth only when set, the device in X-Device-Id', () => {
	const authenticate = new GroupInviteGowaApi().authenticate as (c: Record<string, unknown>, r: { headers?: Record<string, string>; url: string }) => Promise<{ headers?: Record<string, string> }>;
	const request = { url: '/app/status', headers: { Accept: 'application/json' } };

	it('sends Authorization: Basic base64(user:password) when a user or password is set, and keeps other headers', async () => {
		const { headers } = await authenticate({ username: 'acme', password: 'p:ss w0rd' }, request);
		expect(headers).toEqual({ Accept: 'application/json', Authorization: `Basic ${Buffer.from('acme:p:ss w0rd').toString('base64')}` });
	});

	it('sends no Authorization header without them (a server without APP_BASIC_AUTH)', async () => {
		expect((await authenticate({ username: ' ', password: '' }, request)).headers).toEqual({ Accept: 'application/json' });
	});

	it.each([
		['acme-device', 'acme-device'],
		['5511999999999@s.whatsapp.net', '5511999999999@s.whatsapp.net'],
		// The server URL-decodes the header (url.QueryUnescape): "+" would become a space, "%" an escape.
		['a+b', 'a%2Bb'],
		['50%', '50%25'],
		['loja São Paulo', 'loja%20S%C3%A3o%20Paulo'],
	])('Device ID %p is sent as X-Device-Id %p', async (deviceId, sent) => {
		expect((await authenticate({ deviceId }, request)).headers?.['X-Device-Id']).toBe(sent);
	});

	it('sends no X-Device-Id without a Device ID (the server uses its only device)', async () => {
		expect((await authenticate({ deviceId: '' }, request)).headers).not.toHaveProperty('X-Device-Id');
	});
});
