import { NodeApiError } from 'n8n-workflow';

import { evolutionApi } from '../../nodes/WhatsAppGroupInvite/providers/evolutionApi';
import { ryzeApi } from '../../nodes/WhatsAppGroupInvite/providers/ryzeApi';
import type { ProviderResponse } from '../../nodes/WhatsAppGroupInvite/providers/types';
import { waha } from '../../nodes/WhatsAppGroupInvite/providers/waha';
import { wawp } from '../../nodes/WhatsAppGroupInvite/providers/wawp';
import { whapi } from '../../nodes/WhatsAppGroupInvite/providers/whapi';
import { zApi } from '../../nodes/WhatsAppGroupInvite/providers/zApi';
import { CODE, FakeClient, group, httpError, invalid, LEGACY, LINK, MODERN, NEW_CODE, NEW_LINK, ok } from '../support/fakeProviderClient';

describe('Z-API adapter', () => {
	const credentials = { instanceId: '3C0FFEE1234', instanceToken: 'TOKEN123456', clientToken: 'CLIENT7890' };
	const client = (...answers: ProviderResponse[]) => new FakeClient(credentials, ...answers);

	it('describes itself', () => {
		expect(zApi).toMatchObject({ id: 'zApi', name: 'Z-API', credentialType: 'groupInviteZApi' });
		expect(zApi.groupIdRules).toEqual({ acceptsInvite: false });
	});

	it('puts instance ID and token, URL-encoded, in the API root', () => {
		expect(zApi.apiRoot(credentials, 'https://api.z-api.io')).toBe(
			'https://api.z-api.io/instances/3C0FFEE1234/token/TOKEN123456',
		);
		expect(zApi.apiRoot({ instanceId: ' a/b ', instanceToken: 't?k#n&x=1 %' }, 'https://h.example')).toBe(
			'https://h.example/instances/a%2Fb/token/t%3Fk%23n%26x%3D1%20%25',
		);
	});

	it('lists instance token, client token and instance ID as secrets', () => {
		expect(zApi.secrets(credentials)).toEqual(['TOKEN123456', 'CLIENT7890', '3C0FFEE1234']);
	});

	it.each([
		[{ error: 'null not allowed' }, 'null not allowed'],
		[{ error: 'Client-Token F00 not allowed' }, 'Client-Token F00 not allowed'],
		[{ error: 'your client-token is not configured' }, 'your client-token is not configured'],
		[{ message: 'Instance not found' }, 'Instance not found'],
		[{ error: { message: 'Instance not found' } }, 'Instance not found'],
		[{ error: '  ', message: 'Instance not found' }, 'Instance not found'],
		[{ error: ' padded ' }, 'padded'],
		[{ value: false }, undefined],
		['Instance not found', undefined],
		[null, undefined],
		[undefined, undefined],
		[[{ error: 'x' }], undefined],
	])('errorMessage(%j) is %j', (body, message) => {
		expect(zApi.errorMessage(body)).toBe(message);
	});

	it('hints at the Client-Token and at the instance credentials', () => {
		expect(zApi.errorHint?.(400, 'your client-token is not configured')).toContain('Client-Token');
		expect(zApi.errorHint?.(400, 'null not allowed')).toContain('Client-Token');
		expect(zApi.errorHint?.(404, 'Instance not found')).toContain('Instance ID and Instance Token');
		expect(zApi.errorHint?.(500, 'boom')).toBeUndefined();
		expect(zApi.errorHint?.(500, undefined)).toBeUndefined();
	});

	describe('get invite link', () => {
		it.each([
			[MODERN, `/group-invitation-link/${MODERN}-group`],
			[`${MODERN}@g.us`, `/group-invitation-link/${MODERN}-group`],
			[`${MODERN}-group`, `/group-invitation-link/${MODERN}-group`],
			[LEGACY, `/group-invitation-link/${LEGACY}`],
			[`${LEGACY}@g.us`, `/group-invitation-link/${LEGACY}`],
		])('sends GET for %s to %s', async (input, path) => {
			const fake = client(ok({ phone: `${MODERN}-group`, invitationLink: LINK }));
			const result = await zApi.getInviteLink(fake, group(zApi, input));
			expect(result).toEqual({ inviteCode: CODE, inviteLink: LINK });
			expect(fake.requests).toEqual([
				{ method: 'GET', path, idempotent: true, action: 'get the invite link', passStatuses: [405] },
			]);
		});

		it('after one 405, sends POST straight away for the rest of the run (same memo)', async () => {
			const fake = client(
				{ statusCode: 405, body: { error: 'Method Not Allowed' } },
				ok({ invitationLink: LINK }),
				ok({ invitationLink: LINK }),
			);
			await zApi.getInviteLink(fake, group(zApi, MODERN));
			await zApi.getInviteLink(fake, group(zApi, MODERN));
			expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'POST']);
			expect(fake.requests[2]).toMatchObject({ method: 'POST', body: {}, idempotent: true });
		});

		it('falls back to POST with an empty body when GET answers 405', async () => {
			const fake = client(
				{ statusCode: 405, body: { error: 'Method Not Allowed' } },
				ok({ phone: `${MODERN}-group`, invitationLink: LINK }),
			);
			const result = await zApi.getInviteLink(fake, group(zApi, MODERN));
			expect(result).toEqual({ inviteCode: CODE, inviteLink: LINK });
			expect(fake.requests).toHaveLength(2);
			expect(fake.requests[0]).toMatchObject({ method: 'GET', passStatuses: [405] });
			expect(fake.requests[1]).toEqual({
				method: 'POST',
				path: `/group-invitation-link/${MODERN}-group`,
				body: {},
				idempotent: true,
				action: 'get the invite link',
			});
		});

		it.each([
			['a `link` field', { link: LINK }],
			['a bare code', { invitationLink: CODE }],
			['a link with a trailing slash', { invitationLink: `${LINK}/` }],
			['an empty invitationLink and a link', { invitationLink: '', link: LINK }],
		])('reads %s', async (_name, body) => {
			const result = await zApi.getInviteLink(client(ok(body)), group(zApi, MODERN));
			expect(result).toEqual({ inviteCode: CODE, inviteLink: LINK });
		});

		it.each([
			['{value:false}', { value: false }, '{"value": false}'],
			['no link', { phone: `${MODERN}-group` }, 'did not include an invite link'],
			['an empty body', undefined, 'did not include an invite link'],
			['an HTML page', '<html><body>oops</body></html>', 'did not include an invite link'],
			['a null link', { invitationLink: null }, 'did not include an invite link'],
			[
				'a null link with a reason',
				{ invitationLink: null, invitationLinkError: 'not-authorized' },
				'reason: not-authorized',
			],
			[
				'a reason "too many requests"',
				{ invitationLink: null, invitationLinkError: 'too many requests' },
				'reason: too many requests',
			],
		])('rejects %s with invalidResponse', async (_name, body, problem) => {
			const response = ok(body);
			const error = await invalid(zApi.getInviteLink(client(response), group(zApi, MODERN)));
			expect(error.problem).toContain(problem);
			expect(error.response).toBe(response);
		});

		it('says what it could not do when {value:false}', async () => {
			const error = await invalid(zApi.getInviteLink(client(ok({ value: false })), group(zApi, MODERN)));
			expect(error.problem).toBe('reported {"value": false}: it could not get the invite link');
		});
	});

	describe('reset invite link', () => {
		it.each([
			[MODERN, `/redefine-invitation-link/${MODERN}-group`],
			[`${MODERN}@g.us`, `/redefine-invitation-link/${MODERN}-group`],
			[LEGACY, `/redefine-invitation-link/${LEGACY}`],
		])('sends POST for %s to %s and reads {invitationLink}', async (input, path) => {
			const fake = client(ok({ invitationLink: NEW_LINK }));
			const result = await zApi.resetInviteLink(fake, group(zApi, input));
			expect(result).toEqual({ inviteCode: NEW_CODE, inviteLink: NEW_LINK });
			expect(fake.requests).toEqual([
				{ method: 'POST', path, body: {}, idempotent: false, action: 'reset the invite link' },
			]);
		});

		it('reads the new link with a GET after the older {value:true} answer', async () => {
			const fake = client(ok({ value: true }), ok({ phone: `${MODERN}-group`, invitationLink: NEW_LINK }));
			const result = await zApi.resetInviteLink(fake, group(zApi, MODERN));
			expect(result).toEqual({ inviteCode: NEW_CODE, inviteLink: NEW_LINK });
			expect(fake.requests.map((request) => [request.method, request.path, request.idempotent])).toEqual([
				['POST', `/redefine-invitation-link/${MODERN}-group`, false],
				['GET', `/group-invitation-link/${MODERN}-group`, true],
			]);
		});

		it('follows the 405 fallback in the read after {value:true}', async () => {
			const fake = client(ok({ value: true }), { statusCode: 405, body: undefined }, ok({ invitationLink: NEW_LINK }));
			const result = await zApi.resetInviteLink(fake, group(zApi, MODERN));
			expect(result.inviteLink).toBe(NEW_LINK);
			expect(fake.requests.map((request) => request.method)).toEqual(['POST', 'GET', 'POST']);
		});

		it.each([
			['{value:false}', { value: false }, 'reported {"value": false}: it could not reset the invite link'],
			['200 without a link', {}, 'did not include an invite link'],
			['an empty body', undefined, 'did not include an invite link'],
			[
				'a null link with a reason',
				{ invitationLink: null, invitationLinkError: 'not-authorized' },
				'gave no invite link (reason: not-authorized)',
			],
		])('rejects %s with invalidResponse', async (_name, body, problem) => {
			const fake = client(ok(body));
			const error = await invalid(zApi.resetInviteLink(fake, group(zApi, MODERN)));
			expect(error.problem).toContain(problem);
			expect(fake.requests).toHaveLength(1);
		});
	});
});

describe('RyzeAPI adapter', () => {
	const credentials = { instanceName: 'my-instance', token: 'RYZE-TOKEN-1234' };
	const client = (...answers: ProviderResponse[]) => new FakeClient(credentials, ...answers);

	it('describes itself', () => {
		expect(ryzeApi).toMatchObject({ id: 'ryzeApi', name: 'RyzeAPI', credentialType: 'groupInviteRyzeApi', requestsPerMinute: 100 });
		expect(ryzeApi.groupIdRules).toEqual({ acceptsInvite: true });
	});

	it('puts /api under the base URL and keeps the instance out of it', () => {
		expect(ryzeApi.apiRoot(credentials, 'https://ryzeapi.cloud')).toBe('https://ryzeapi.cloud/api');
	});

	it('lists the token as the secret', () => {
		expect(ryzeApi.secrets(credentials)).toEqual(['RYZE-TOKEN-1234']);
	});

	it.each([
		[{ success: false, error: { message: 'Instance is not connected to WhatsApp' } }, 'Instance is not connected to WhatsApp'],
		[{ success: false, error: 'Unauthorized' }, 'Unauthorized'],
		[{ message: 'Group not found or you are not a member of this group' }, 'Group not found or you are not a member of this group'],
		[{ success: false, error: { message: '' }, message: 'fallback' }, 'fallback'],
		[{ success: false }, undefined],
		['Bad Gateway', undefined],
		[undefined, undefined],
	])('errorMessage(%j) is %j', (body, message) => {
		expect(ryzeApi.errorMessage(body)).toBe(message);
	});

	it('hints at admin rights, the connection and the token', () => {
		expect(ryzeApi.errorHint?.(403, 'Not authorized to reset group invite link (must be admin)')).toContain('admin');
		expect(ryzeApi.errorHint?.(400, 'Instance is not connected to WhatsApp')).toContain('Connect the instance');
		expect(ryzeApi.errorHint?.(401, undefined)).toContain('token');
		expect(ryzeApi.errorHint?.(404, 'Group not found')).toBeUndefined();
	});

	describe('get invite link', () => {
		it.each([
			[MODERN, `${MODERN}@g.us`],
			[`${MODERN}@g.us`, `${MODERN}@g.us`],
			[`${MODERN}-group`, `${MODERN}@g.us`],
			[LEGACY, `${LEGACY}@g.us`],
			// An invite link is sent as its code, the form every RyzeAPI endpoint takes.
			[LINK, CODE],
			[`  ${LINK}/  `, CODE],
			[CODE, CODE],
		])('sends GET /group/info with identifier for %s', async (input, identifier) => {
			const fake = client(ok({ success: true, group: { jid: `${MODERN}@g.us`, inviteLink: LINK } }));
			await ryzeApi.getInviteLink(fake, group(ryzeApi, input));
			expect(fake.requests).toEqual([
				{
					method: 'GET',
					path: '/group/info/my-instance',
					qs: { identifier, participants: 'false' },
					idempotent: true,
					action: 'get the invite link',
				},
			]);
		});

		it('URL-encodes the instance name in the path', async () => {
			const fake = new FakeClient(
				{ instanceName: ' my instance/2?x ', token: 't' },
				ok({ group: { inviteLink: LINK } }),
			);
			await ryzeApi.getInviteLink(fake, group(ryzeApi, MODERN));
			expect(fake.requests[0].path).toBe('/group/info/my%20instance%2F2%3Fx');
		});

		it.each([
			['group', { success: true, group: { name: 'G', jid: `${MODERN}@g.us`, inviteCode: CODE, inviteLink: LINK } }, `${MODERN}@g.us`],
			['group, link only', { success: true, group: { inviteLink: LINK } }, undefined],
			['group, code only', { group: { inviteCode: CODE, groupJid: `${MODERN}@g.us` } }, `${MODERN}@g.us`],
			['data', { success: true, data: { inviteLink: LINK, jid: `${MODERN}@g.us` } }, `${MODERN}@g.us`],
			['data, code only', { success: true, data: { inviteCode: CODE } }, undefined],
			['data.group', { success: true, data: { group: { inviteLink: LINK, jid: `${MODERN}@g.us` } } }, `${MODERN}@g.us`],
			['data.group, code only', { data: { group: { inviteCode: CODE } } }, undefined],
			['the top level', { success: true, groupJid: `${MODERN}@g.us`, inviteCode: CODE, inviteLink: LINK }, `${MODERN}@g.us`],
			['the top level, link only', { inviteLink: `${LINK}/` }, undefined],
			['an empty link and a code', { group: { inviteLink: '', inviteCode: CODE } }, undefined],
		])('reads the invite under %s', async (_name, body, jid) => {
			const result = await ryzeApi.getInviteLink(client(ok(body)), group(ryzeApi, MODERN));
			expect(result).toEqual({ inviteCode: CODE, inviteLink: LINK, ...(jid ? { groupJid: jid } : {}) });
		});

		it('reports the group JID the vendor resolved from an invite code', async () => {
			const fake = client(ok({ success: true, group: { jid: `${MODERN}@g.us`, inviteCode: CODE } }));
			const result = await ryzeApi.getInviteLink(fake, group(ryzeApi, LINK));
			expect(result).toEqual({ inviteCode: CODE, inviteLink: LINK, groupJid: `${MODERN}@g.us` });
		});

		it.each([
			[
				'{success:false, error:{message}}',
				{ success: false, error: { message: 'Instance is not connected to WhatsApp' } },
				'reported {"success": false} (Instance is not connected to WhatsApp): it could not get the invite link',
			],
			[
				'{success:false, message}',
				{ success: false, message: 'Group not found' },
				'reported {"success": false} (Group not found): it could not get the invite link',
			],
			['{success:false}', { success: false }, 'reported {"success": false}: it could not get the invite link'],
			[
				'{success:false} with a link',
				{ success: false, inviteLink: LINK, error: { message: 'stale' } },
				'reported {"success": false} (stale): it could not get the invite link',
			],
			['no invite', { success: true, group: { name: 'G', jid: `${MODERN}@g.us` } }, 'did not include an invite link or code'],
			['an empty body', undefined, 'did not include an invite link or code'],
			['an HTML page', '<html>Bad Gateway</html>', 'did not include an invite link or code'],
			['a link under another key', { result: { inviteLink: LINK } }, 'did not include an invite link or code'],
		])('rejects %s at 200 with invalidResponse', async (_name, body, problem) => {
			const response = ok(body);
			const error = await invalid(ryzeApi.getInviteLink(client(response), group(ryzeApi, MODERN)));
			expect(error.problem).toBe(problem);
			expect(error.response).toBe(response);
		});
	});

	describe('reset invite link', () => {
		it.each([
			[MODERN, `${MODERN}@g.us`],
			[`${MODERN}-group`, `${MODERN}@g.us`],
			[`${LEGACY}@g.us`, `${LEGACY}@g.us`],
			[LINK, CODE],
			[CODE, CODE],
		])('sends POST /group/resetLink with {identifier} for %s', async (input, identifier) => {
			const fake = client(
				ok({
					success: true,
					message: 'Group invite link reset successfully',
					groupJid: `${MODERN}@g.us`,
					inviteCode: NEW_CODE,
					inviteLink: NEW_LINK,
				}),
			);
			const result = await ryzeApi.resetInviteLink(fake, group(ryzeApi, input));
			expect(result).toEqual({ inviteCode: NEW_CODE, inviteLink: NEW_LINK, groupJid: `${MODERN}@g.us` });
			expect(fake.requests).toEqual([
				{
					method: 'POST',
					path: '/group/resetLink/my-instance',
					body: { identifier },
					idempotent: false,
					action: 'reset the invite link',
				},
			]);
		});

		it('rejects {success:false, error:{message}} at 200', async () => {
			const body = { success: false, error: { message: 'Not authorized to reset group invite link (must be admin)' } };
			const error = await invalid(ryzeApi.resetInviteLink(client(ok(body)), group(ryzeApi, MODERN)));
			expect(error.problem).toBe(
				'reported {"success": false} (Not authorized to reset group invite link (must be admin)): it could not reset the invite link',
			);
		});

		it('rejects a success without the new link', async () => {
			const body = { success: true, message: 'Group invite link reset successfully' };
			const error = await invalid(ryzeApi.resetInviteLink(client(ok(body)), group(ryzeApi, MODERN)));
			expect(error.problem).toBe('did not include an invite link or code');
		});
	});
});

describe('Wawp adapter', () => {
	const credentials = { instanceId: 'WAWP-INSTANCE-1', accessToken: 'WAWP-ACCESS-TOKEN' };
	const client = (...answers: ProviderResponse[]) => new FakeClient(credentials, ...answers);
	const getPath = `/groups/${MODERN}%40g.us/invite-code`;

	it('describes itself', () => {
		expect(wawp).toMatchObject({ id: 'wawp', name: 'Wawp', credentialType: 'groupInviteWawpApi' });
		expect(wawp.groupIdRules).toEqual({ acceptsInvite: false });
	});

	it('puts /v2 under the base URL (the tokens travel in the query string)', () => {
		expect(wawp.apiRoot(credentials, 'https://api.wawp.net')).toBe('https://api.wawp.net/v2');
	});

	it('lists access token and instance ID as secrets', () => {
		expect(wawp.secrets(credentials)).toEqual(['WAWP-ACCESS-TOKEN', 'WAWP-INSTANCE-1']);
	});

	it.each([
		[{ code: 'invalid_session', message: 'Session not found' }, 'Session not found'],
		[{ error: { message: 'Group not found' } }, 'Group not found'],
		[{ error: 'Forbidden' }, 'Forbidden'],
		[{ message: ' ', error: 'Forbidden' }, 'Forbidden'],
		[{ status: 'error' }, undefined],
		['Not Found', undefined],
		[undefined, undefined],
	])('errorMessage(%j) is %j', (body, message) => {
		expect(wawp.errorMessage(body)).toBe(message);
	});

	it('hints at the credential on 401 and 403 only', () => {
		expect(wawp.errorHint?.(401, undefined)).toContain('Instance ID and Access Token');
		expect(wawp.errorHint?.(403, 'x')).toContain('Instance ID and Access Token');
		expect(wawp.errorHint?.(404, 'x')).toBeUndefined();
		expect(wawp.errorHint?.(500, undefined)).toBeUndefined();
	});

	describe('get invite code', () => {
		it.each([
			[MODERN, getPath],
			[`${MODERN}@g.us`, getPath],
			[`${MODERN}-group`, getPath],
			[LEGACY, `/groups/${LEGACY}%40g.us/invite-code`],
			[`${LEGACY}@G.US`, `/groups/${LEGACY}%40g.us/invite-code`],
		])('sends GET for %s to %s', async (input, path) => {
			const fake = client(ok(CODE));
			const result = await wawp.getInviteLink(fake, group(wawp, input));
			expect(result).toEqual({ inviteCode: CODE, inviteLink: LINK });
			expect(fake.requests).toEqual([{ method: 'GET', path, idempotent: true, action: 'get the invite code' }]);
		});

		it.each([
			['a bare string code', CODE],
			['a bare string code with a newline', `${CODE}\n`],
			['a JSON string (as the transport parses it)', JSON.parse(`"${CODE}"`) as unknown],
			['a link string', LINK],
			['{code}', { code: CODE }],
			['{inviteCode}', { inviteCode: CODE }],
			['{invite_code}', { invite_code: CODE }],
			['{inviteLink}', { inviteLink: LINK }],
			['{invite_link}', { invite_link: LINK }],
			['{link}', { link: LINK }],
			['{code} holding a link', { code: LINK }],
			['{data:{code}}', { data: { code: CODE } }],
			['{data:{invite_code}}', { data: { invite_code: CODE } }],
			['{data: code}', { data: CODE }],
			['{code:""} and {inviteCode}', { code: '', inviteCode: CODE }],
		])('reads %s', async (_name, body) => {
			const result = await wawp.getInviteLink(client(ok(body)), group(wawp, MODERN));
			expect(result).toEqual({ inviteCode: CODE, inviteLink: LINK });
		});

		it.each([
			['an HTML page', '<!DOCTYPE html><html><body>Not Found</body></html>'],
			['an empty body', undefined],
			['an empty string', ''],
			['whitespace', '  \n'],
			['an empty object', {}],
			['a numeric code', { code: 12345678 }],
			['an all-digit code', { code: '12345678' }],
			['a sentence', 'Group not found'],
			['JSON text left unparsed', `{"code":"${CODE}"}`],
			['null data', { data: null }],
			['a list', [CODE]],
		])('rejects %s with invalidResponse', async (_name, body) => {
			const response = ok(body);
			const error = await invalid(wawp.getInviteLink(client(response), group(wawp, MODERN)));
			expect(error.problem).toBe('did not include an invite code');
			expect(error.response).toBe(response);
		});
	});

	describe('revoke invite code', () => {
		it('sends POST to /revoke without a body and reads {code}', async () => {
			const fake = client(ok({ code: 'NEW456DEFabcdefGHIJ12ab' }));
			const result = await wawp.resetInviteLink(fake, group(wawp, `${MODERN}-group`));
			expect(result).toEqual({ inviteCode: 'NEW456DEFabcdefGHIJ12ab', inviteLink: 'https://chat.whatsapp.com/NEW456DEFabcdefGHIJ12ab' });
			expect(fake.requests).toEqual([
				{ method: 'POST', path: `${getPath}/revoke`, idempotent: false, action: 'revoke the invite code' },
			]);
			expect(fake.requests[0].body).toBeUndefined();
		});

		it.each([
			['a bare string', NEW_CODE],
			['a link', NEW_LINK],
			['{inviteCode}', { inviteCode: NEW_CODE }],
		])('reads %s', async (_name, body) => {
			const result = await wawp.resetInviteLink(client(ok(body)), group(wawp, MODERN));
			expect(result).toEqual({ inviteCode: NEW_CODE, inviteLink: NEW_LINK });
		});

		it.each([
			['an HTML page', '<html><body>502 Bad Gateway</body></html>'],
			['an empty body', undefined],
			['{revoked:true}', { revoked: true }],
		])('rejects %s with invalidResponse', async (_name, body) => {
			const error = await invalid(wawp.resetInviteLink(client(ok(body)), group(wawp, MODERN)));
			expect(error.problem).toBe('did not include an invite code');
		});
	});
});

describe('Evolution API adapter', () => {
	const credentials = { baseUrl: 'https://evo.example.com', apiKey: 'EVO-API-KEY-1234', instanceName: 'my-instance' };
	const client = (...answers: Array<ProviderResponse | Error>) => new FakeClient(credentials, ...answers);
	const created = (body: unknown): ProviderResponse => ({ statusCode: 201, body });
	const revokePath = '/group/revokeInviteCode/my-instance';

	it('describes itself', () => {
		expect(evolutionApi).toMatchObject({ id: 'evolutionApi', name: 'Evolution API', credentialType: 'groupInviteEvolutionApi' });
		expect(evolutionApi.groupIdRules).toEqual({ acceptsInvite: false });
		expect(evolutionApi.requestsPerMinute).toBeUndefined();
	});

	it('calls the server at its base URL (the instance goes in each path)', () => {
		expect(evolutionApi.apiRoot(credentials, 'https://evo.example.com')).toBe('https://evo.example.com');
	});

	it('lists the API key as the secret', () => {
		expect(evolutionApi.secrets(credentials)).toEqual(['EVO-API-KEY-1234']);
	});

	it.each([
		[{ status: 404, error: 'Not Found', response: { message: ['No invite code', 'Error: not-authorized'] } }, 'No invite code: Error: not-authorized'],
		[{ status: 401, error: 'Unauthorized', response: { message: 'Unauthorized' } }, 'Unauthorized'],
		[
			{ status: 400, error: 'Bad Request', response: { message: ['The group id needs to be informed in the query', 'ex: "groupJid=120362@g.us"'] } },
			'The group id needs to be informed in the query: ex: "groupJid=120362@g.us"',
		],
		[{ status: 404, error: 'Not Found', response: { message: ['Cannot POST /group/revokeInviteCode/x'] } }, 'Cannot POST /group/revokeInviteCode/x'],
		[{ status: 404, error: 'Not Found', response: { message: [] } }, 'Not Found'],
		[{ status: 404, error: 'Not Found', response: { message: [{ code: 1 }, ' kept ', ''] } }, 'kept'],
		[{ success: false, error: { message: 'Instance is not connected to WhatsApp' } }, 'Instance is not connected to WhatsApp'],
		[{ message: ['a', 'b'] }, 'a: b'],
		[{ revoked: false }, undefined],
		['Cannot POST /group/revokeInviteCode/x', undefined],
		[undefined, undefined],
	])('errorMessage(%j) is %j', (body, message) => {
		expect(evolutionApi.errorMessage(body)).toBe(message);
	});

	it('hints at admin rights, the instance name, the connection, the channel and the API key', () => {
		expect(evolutionApi.errorHint?.(404, 'Revoke error: Error: not-authorized')).toContain('admin of the group');
		expect(evolutionApi.errorHint?.(404, 'The "x" instance does not exist')).toContain('Instance Name');
		expect(evolutionApi.errorHint?.(404, 'No invite code: Error: Connection Closed')).toContain('scan the QR code');
		expect(evolutionApi.errorHint?.(400, 'Method not available on WhatsApp Business API')).toContain('Cloud API');
		expect(evolutionApi.errorHint?.(401, 'Unauthorized')).toContain('API Key');
		expect(evolutionApi.errorHint?.(404, 'No invite code: Error: item-not-found')).toBeUndefined();
		expect(evolutionApi.errorHint?.(500, undefined)).toBeUndefined();
	});

	describe('get invite code', () => {
		it.each([
			[MODERN, `${MODERN}@g.us`],
			[`${MODERN}-group`, `${MODERN}@g.us`],
			[`${MODERN}@g.us`, `${MODERN}@g.us`],
			[LEGACY, `${LEGACY}@g.us`],
		])('sends GET /group/inviteCode/{instance} with groupJid for %s', async (input, groupJid) => {
			const fake = client(ok({ inviteUrl: LINK, inviteCode: CODE }));
			const result = await evolutionApi.getInviteLink(fake, group(evolutionApi, input));
			expect(result).toEqual({ inviteCode: CODE, inviteLink: LINK });
			expect(fake.requests).toEqual([
				{ method: 'GET', path: '/group/inviteCode/my-instance', qs: { groupJid }, idempotent: true, action: 'get the invite code' },
			]);
		});

		it('URL-encodes the instance name in the path', async () => {
			const fake = new FakeClient({ instanceName: ' my instance/2 ' }, ok({ inviteCode: CODE }));
			await evolutionApi.getInviteLink(fake, group(evolutionApi, MODERN));
			expect(fake.requests[0].path).toBe('/group/inviteCode/my%20instance%2F2');
		});

		it.each([
			['{inviteUrl, inviteCode}', { inviteUrl: LINK, inviteCode: CODE }],
			['{inviteUrl} only', { inviteUrl: LINK }],
			['{inviteCode} only', { inviteCode: CODE }],
			['an empty inviteUrl and a code', { inviteUrl: '', inviteCode: CODE }],
		])('reads %s', async (_name, body) => {
			const result = await evolutionApi.getInviteLink(client(ok(body)), group(evolutionApi, MODERN));
			expect(result).toEqual({ inviteCode: CODE, inviteLink: LINK });
		});

		it.each([
			['an empty object', {}, 'did not include an invite link or code'],
			['an empty body', undefined, 'did not include an invite link or code'],
			['an HTML page', '<html><body>502 Bad Gateway</body></html>', 'did not include an invite link or code'],
			['null fields', { inviteUrl: null, inviteCode: null }, 'did not include an invite link or code'],
			['an all-digit code', { inviteCode: '12345678' }, 'did not include an invite link or code'],
			['a bare string code', CODE, 'did not include an invite link or code'],
		])('rejects %s with invalidResponse', async (_name, body, problem) => {
			const response = ok(body);
			const error = await invalid(evolutionApi.getInviteLink(client(response), group(evolutionApi, MODERN)));
			expect(error.problem).toBe(problem);
			expect(error.response).toBe(response);
		});
	});

	describe('revoke invite code', () => {
		it('sends POST with groupJid in the query and reads the 201 {revoked, inviteCode}', async () => {
			const fake = client(created({ revoked: true, inviteCode: NEW_CODE }));
			const result = await evolutionApi.resetInviteLink(fake, group(evolutionApi, `${MODERN}-group`));
			expect(result).toEqual({ inviteCode: NEW_CODE, inviteLink: NEW_LINK });
			expect(fake.requests).toEqual([
				{
					method: 'POST',
					path: revokePath,
					qs: { groupJid: `${MODERN}@g.us` },
					idempotent: false,
					action: 'revoke the invite code',
					passStatuses: [404, 405],
				},
			]);
			expect(fake.requests[0].body).toBeUndefined();
		});

		it.each([
			['405 (handed back)', { statusCode: 405, body: { status: 405, error: 'Method Not Allowed' } } as ProviderResponse | Error],
			['404 "Cannot POST" (JSON envelope)', { statusCode: 404, body: { status: 404, error: 'Not Found', response: { message: [`Cannot POST ${revokePath}`] } } } as ProviderResponse],
			['404 "Cannot POST" (Express HTML)', { statusCode: 404, body: `<!DOCTYPE html> <pre>Cannot POST ${revokePath}</pre>`, text: `<!DOCTYPE html> <pre>Cannot POST ${revokePath}</pre>` } as ProviderResponse],
		])('falls back to PUT, once, when the POST route is missing: %s', async (_name, answer) => {
			const fake = client(answer, ok({ revoked: true, inviteCode: NEW_CODE }));
			const result = await evolutionApi.resetInviteLink(fake, group(evolutionApi, MODERN));
			expect(result).toEqual({ inviteCode: NEW_CODE, inviteLink: NEW_LINK });
			expect(fake.requests.map((request) => [request.method, request.path, request.idempotent])).toEqual([
				['POST', revokePath, false],
				['PUT', revokePath, false],
			]);
			expect(fake.requests[1]).not.toHaveProperty('passStatuses');
		});

		it('raises the transport\'s own error for any other 404, without a PUT', async () => {
			const notFound: ProviderResponse = {
				statusCode: 404,
				body: { status: 404, error: 'Not Found', response: { message: ['Revoke error', 'Error: not-authorized'] } },
			};
			const fake = client(notFound);
			const error = await evolutionApi.resetInviteLink(fake, group(evolutionApi, MODERN)).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(fake.httpErrors).toEqual([{ request: expect.objectContaining({ method: 'POST', idempotent: false }), response: notFound }]);
			expect(fake.requests).toHaveLength(1);
		});

		it.each([
			['a 401', httpError(401, 'Evolution API refused to revoke the invite code (HTTP 401 Unauthorized): Cannot POST is not the point')],
			['a 500', httpError(500, 'Evolution API failed while trying to revoke the invite code (HTTP 500 Internal Server Error)')],
			['a plain Error', new Error('Cannot POST')],
		])('passes any other failure on untouched, without a PUT: %s', async (_name, failure) => {
			const fake = client(failure);
			await expect(evolutionApi.resetInviteLink(fake, group(evolutionApi, MODERN))).rejects.toBe(failure);
			expect(fake.requests).toHaveLength(1);
		});

		it.each([
			['{revoked:false}', { revoked: false, inviteCode: NEW_CODE }, 'reported {"revoked": false}: it could not revoke the invite code'],
			['{revoked:true} without a code', { revoked: true }, 'did not include an invite link or code'],
			['an empty body', undefined, 'did not include an invite link or code'],
		])('rejects %s with invalidResponse', async (_name, body, problem) => {
			const fake = client(created(body));
			const error = await invalid(evolutionApi.resetInviteLink(fake, group(evolutionApi, MODERN)));
			expect(error.problem).toBe(problem);
			expect(fake.requests).toHaveLength(1);
		});
	});
});

describe('WAHA adapter', () => {
	const credentials = { apiKey: 'WAHA-API-KEY-1234', session: 'default' };
	const client = (...answers: ProviderResponse[]) => new FakeClient(credentials, ...answers);
	const getPath = `/default/groups/${MODERN}%40g.us/invite-code`;

	it('describes itself', () => {
		expect(waha).toMatchObject({ id: 'waha', name: 'WAHA', credentialType: 'groupInviteWahaApi' });
		expect(waha.groupIdRules).toEqual({ acceptsInvite: false });
	});

	it('puts /api/{session}, URL-encoded, under the base URL; no session means "default"', async () => {
		expect(waha.apiRoot(credentials, 'http://localhost:3000')).toBe('http://localhost:3000/api');
		for (const [session, part] of [
			['default', 'default'],
			[' sales team/2 ', 'sales%20team%2F2'],
			['  ', 'default'],
			[undefined, 'default'],
		] as const) {
			const fake = new FakeClient(session === undefined ? {} : { session }, ok(CODE));
			await waha.getInviteLink(fake, group(waha, MODERN));
			expect(waha.apiRoot(fake.credentials, 'https://w.example') + fake.requests[0].path).toBe(
				`https://w.example/api/${part}/groups/${MODERN}%40g.us/invite-code`,
			);
		}
	});

	it('lists the API key as the secret', () => {
		expect(waha.secrets(credentials)).toEqual(['WAHA-API-KEY-1234']);
	});

	it.each([
		[
			{ error: 'Session status is not as expected. Try again later or restart the session', session: 'default', status: 'STOPPED', expected: ['WORKING'] },
			'Session status is not as expected. Try again later or restart the session (session status: STOPPED)',
		],
		[{ statusCode: 404, message: 'Session "x" not found', error: 'Not Found' }, 'Session "x" not found'],
		[{ statusCode: 400, message: ['id must be a string', 'id should not be empty'], error: 'Bad Request' }, 'id must be a string; id should not be empty'],
		[{ statusCode: 500, timestamp: 't', exception: { message: 'not-authorized', name: 'Error' }, request: {}, version: {} }, 'not-authorized'],
		[{ message: 'Unauthorized', statusCode: 401 }, 'Unauthorized'],
		[{ success: false, error: { message: 'Instance is not connected to WhatsApp' } }, 'Instance is not connected to WhatsApp'],
		[{ error: 'Forbidden' }, 'Forbidden'],
		[{ statusCode: 500 }, undefined],
		['Unauthorized', undefined],
		[undefined, undefined],
	])('errorMessage(%j) is %j', (body, message) => {
		expect(waha.errorMessage(body)).toBe(message);
	});

	it('hints at starting the session, admin rights and the API key', () => {
		expect(waha.errorHint?.(422, 'Session status is not as expected. (session status: STOPPED)')).toContain('start it in the WAHA dashboard');
		expect(waha.errorHint?.(400, 'Session status is not as expected.')).toContain('start it');
		expect(waha.errorHint?.(404, 'Session "x" not found')).toContain('start it in the WAHA dashboard');
		expect(waha.errorHint?.(500, 'not-authorized')).toContain('admin of the group');
		expect(waha.errorHint?.(401, 'Unauthorized')).toContain('API Key');
		expect(waha.errorHint?.(404, 'Cannot GET /api/x')).toBeUndefined();
		expect(waha.errorHint?.(500, undefined)).toBeUndefined();
	});

	describe('get invite code', () => {
		it.each([
			[MODERN, getPath],
			[`${MODERN}-group`, getPath],
			[`${LEGACY}@g.us`, `/default/groups/${LEGACY}%40g.us/invite-code`],
		])('sends GET for %s to %s', async (input, path) => {
			const fake = client(ok(CODE));
			const result = await waha.getInviteLink(fake, group(waha, input));
			expect(result).toEqual({ inviteCode: CODE, inviteLink: LINK });
			expect(fake.requests).toEqual([{ method: 'GET', path, idempotent: true, action: 'get the invite code' }]);
		});

		it.each([
			['a JSON string (as the transport parses it)', JSON.parse(`"${CODE}"`) as unknown, CODE],
			['text with a newline', `${CODE}\n`, CODE],
			['a link', LINK, CODE],
			['a 22-letter code without digits', 'AbcdefGhijklMnopqrStuv', 'AbcdefGhijklMnopqrStuv'],
			['a 16-character code', 'NEW123XYZabcd456', 'NEW123XYZabcd456'],
		])('reads %s', async (_name, body, code) => {
			const result = await waha.getInviteLink(client(ok(body)), group(waha, MODERN));
			expect(result).toEqual({ inviteCode: code, inviteLink: `https://chat.whatsapp.com/${code}` });
		});

		it.each([
			['an HTML page', '<!DOCTYPE html><html><body>Not Found</body></html>'],
			['an empty body', undefined],
			['an empty string', ''],
			['a status word', 'Unauthorized'],
			['a session status', 'SCAN_QR_CODE'],
			['a sentence', 'Group not found'],
			['all digits', '12345678901234567890'],
			['an object with a code (not what WAHA sends)', { code: CODE }],
			['a list', [CODE]],
			['JSON text left unparsed', `"${CODE}`],
		])('rejects %s with invalidResponse', async (_name, body) => {
			const response = ok(body);
			const error = await invalid(waha.getInviteLink(client(response), group(waha, MODERN)));
			expect(error.problem).toBe('did not include an invite code');
			expect(error.response).toBe(response);
		});
	});

	describe('revoke invite code', () => {
		it.each([200, 201])('sends POST to /revoke without a body and reads the new code (HTTP %s)', async (statusCode) => {
			const fake = client({ statusCode, body: NEW_CODE });
			const result = await waha.resetInviteLink(fake, group(waha, MODERN));
			expect(result).toEqual({ inviteCode: NEW_CODE, inviteLink: NEW_LINK });
			expect(fake.requests).toEqual([
				{ method: 'POST', path: `${getPath}/revoke`, idempotent: false, action: 'revoke the invite code' },
			]);
		});

		it.each([
			['an empty body', undefined],
			['{revoked:true}', { revoked: true }],
			['a status word', 'STOPPED'],
		])('rejects %s with invalidResponse', async (_name, body) => {
			const fake = client(ok(body));
			const error = await invalid(waha.resetInviteLink(fake, group(waha, MODERN)));
			expect(error.problem).toBe('did not include an invite code');
			expect(fake.requests).toHaveLength(1);
		});
	});
});

describe('Whapi.Cloud adapter', () => {
	const credentials = { token: 'WHAPI-TOKEN-1234' };
	const client = (...answers: ProviderResponse[]) => new FakeClient(credentials, ...answers);
	const path = `/groups/${MODERN}%40g.us/invite`;

	it('describes itself', () => {
		expect(whapi).toMatchObject({ id: 'whapi', name: 'Whapi.Cloud', credentialType: 'groupInviteWhapiApi' });
		expect(whapi.groupIdRules).toEqual({ acceptsInvite: false });
	});

	it('calls the base URL itself (the token travels in the Authorization header)', () => {
		expect(whapi.apiRoot(credentials, 'https://gate.whapi.cloud')).toBe('https://gate.whapi.cloud');
	});

	it('lists the token as the secret', () => {
		expect(whapi.secrets(credentials)).toEqual(['WHAPI-TOKEN-1234']);
	});

	it.each([
		[{ error: { code: 404, message: 'Group not found', details: 'x' } }, 'Group not found'],
		[{ message: 'Unauthorized' }, 'Unauthorized'],
		[{ error: 'Forbidden' }, 'Forbidden'],
		[{ error: { code: 500 } }, undefined],
		['Bad Gateway', undefined],
		[undefined, undefined],
	])('errorMessage(%j) is %j', (body, message) => {
		expect(whapi.errorMessage(body)).toBe(message);
	});

	it('hints at admin rights and the token', () => {
		expect(whapi.errorHint?.(403, 'Not enough rights: you are not an admin of this group')).toContain('admin of the group');
		expect(whapi.errorHint?.(401, 'Invalid token')).toContain('API Token');
		expect(whapi.errorHint?.(404, 'Group not found')).toBeUndefined();
	});

	describe('get invite code', () => {
		it.each([
			[MODERN, path],
			[`${MODERN}-group`, path],
			[LEGACY, `/groups/${LEGACY}%40g.us/invite`],
		])('sends GET for %s to %s', async (input, expectedPath) => {
			const fake = client(ok({ invite_code: CODE }));
			const result = await whapi.getInviteLink(fake, group(whapi, input));
			expect(result).toEqual({ inviteCode: CODE, inviteLink: LINK });
			expect(fake.requests).toEqual([{ method: 'GET', path: expectedPath, idempotent: true, action: 'get the invite code' }]);
		});

		it.each([
			['{invite_code}', { invite_code: CODE }],
			['{invite_code} holding a link', { invite_code: LINK }],
			['{invite_link}', { invite_link: LINK }],
			['{link}', { link: LINK }],
		])('reads %s', async (_name, body) => {
			const result = await whapi.getInviteLink(client(ok(body)), group(whapi, MODERN));
			expect(result).toEqual({ inviteCode: CODE, inviteLink: LINK });
		});

		it.each([
			['an empty object', {}],
			['an empty body', undefined],
			['an HTML page', '<html><body>Maintenance</body></html>'],
			['a null code', { invite_code: null }],
			['a bare string', CODE],
			['{success:false}', { success: false, error: { message: 'Channel not authorized' } }],
		])('rejects %s with invalidResponse', async (_name, body) => {
			const response = ok(body);
			const error = await invalid(whapi.getInviteLink(client(response), group(whapi, MODERN)));
			expect(error.problem).toBe('did not include an invite code');
			expect(error.response).toBe(response);
		});
	});

	describe('revoke invite code', () => {
		it('sends DELETE and reads {invite_code} when the answer carries it', async () => {
			const fake = client(ok({ invite_code: NEW_CODE }));
			const result = await whapi.resetInviteLink(fake, group(whapi, `${MODERN}@g.us`));
			expect(result).toEqual({ inviteCode: NEW_CODE, inviteLink: NEW_LINK });
			expect(fake.requests).toEqual([{ method: 'DELETE', path, idempotent: false, action: 'revoke the invite code' }]);
		});

		it('reads the new code with a GET after {success: true}', async () => {
			const fake = client(ok({ success: true }), ok({ invite_code: NEW_CODE }));
			const result = await whapi.resetInviteLink(fake, group(whapi, MODERN));
			expect(result).toEqual({ inviteCode: NEW_CODE, inviteLink: NEW_LINK });
			expect(fake.requests).toEqual([
				{ method: 'DELETE', path, idempotent: false, action: 'revoke the invite code' },
				{ method: 'GET', path, idempotent: true, action: 'read the new invite code after revoking the old one' },
			]);
		});

		it('says the old code was revoked when the GET after it has no code', async () => {
			const fake = client(ok({ success: true }), ok({}));
			const error = await invalid(whapi.resetInviteLink(fake, group(whapi, MODERN)));
			expect(error.problem).toBe('did not include the new invite code (the old one was revoked)');
			expect(fake.requests).toHaveLength(2);
		});

		it.each([
			['an empty body', undefined],
			['an empty object', {}],
			['{success:false}', { success: false, error: { message: 'Channel not authorized' } }],
			['{success:"true"}', { success: 'true' }],
			['an HTML page', '<html><body>502 Bad Gateway</body></html>'],
		])('rejects %s without a GET (nothing proves the revoke)', async (_name, body) => {
			const fake = client(ok(body));
			const error = await invalid(whapi.resetInviteLink(fake, group(whapi, MODERN)));
			expect(error.problem).toBe('did not include an invite code');
			expect(fake.requests).toHaveLength(1);
		});
	});
});
