/**
 * WPPConnect Server through real workflows (n8n-core) and the credential's own test request, against
 * the simulator (test/support/vendors/wppconnect.js): what wppconnect-server@348a672 really answers
 * where its docs are silent (cited in the adapter).
 */
import { testCredential } from '../support/harness';
import { expectNoSecrets, GROUP, NON_ADMIN_GROUP, run, startSimulator, run11 as v11 } from '../support/scenario';
import type { VendorSimulator } from '../support/simulator';

let sim: VendorSimulator;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(() => {
	sim.reset();
	Object.assign(sim.variants, { wppStatus: 'CONNECTED', wppStaleQr: false, wppAddressing: 'pn', wppPnLid: true });
});

const CREDENTIAL = 'groupInviteWppconnectApi';
const data = () => sim.credentials()[CREDENTIAL];
const TIMEOUT = 1000;

const run11 = (parameters: Record<string, unknown>, extra: { onError?: 'continueRegularOutput' } = {}) =>
	v11(sim, 'wppconnect', parameters, extra);

describe('WPPConnect Server: the reset is a GET, sent once', () => {
	it('Get reads {"status": "success"} and Reset {"status": "Success"}, both GETs, the token as a Bearer header', async () => {
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider: 'wppconnect', operation: 'resetInviteLink', options: { includePreviousLink: true, includeRawResponse: true } });
		const json = result.output[0].json;
		expect(json).toMatchObject({ previousInviteCode: before, inviteCode: sim.codeOf(GROUP) });
		expect(json.raw).toEqual([
			{ status: 'success', response: `https://chat.whatsapp.com/${before}` },
			{ status: 'Success', response: `https://chat.whatsapp.com/${sim.codeOf(GROUP)}` },
		]);
		expect(sim.requests.map((r) => [r.op, r.method, r.path])).toEqual([
			['get', 'GET', `/api/acme-wpp/group-invite-link/${GROUP}%40g.us`],
			['reset', 'GET', `/api/acme-wpp/group-revoke-link/${GROUP}%40g.us`],
		]);
		expect(sim.requests[1].headerNames).toContain('authorization');
		expectNoSecrets(result.serialized, sim.secrets());
	});

	it.each(['timeout', 'resetAfter', '503', '502Html'] as const)(
		'a reset that meets %s is never sent again: the current link is read and reported',
		async (fault) => {
			sim.inject({ vendor: 'wppconnect', op: 'reset', fault });
			const before = sim.codeOf(GROUP);
			const result = await run({ sim, provider: 'wppconnect', operation: 'resetInviteLink', options: { timeout: TIMEOUT }, onError: 'continueRegularOutput' });
			const json = result.output[0].json;
			expect(json.error).toMatch(/^The reset may not have completed: WPPConnect Server /);
			expect(sim.count('wppconnect', 'reset')).toBe(1);
			expect(sim.count('wppconnect', 'get')).toBe(1);
			expect(json.currentInviteLink).toBe(`https://chat.whatsapp.com/${sim.codeOf(GROUP)}`);
			if (fault === 'timeout' || fault === 'resetAfter') expect(sim.codeOf(GROUP)).not.toBe(before);
		},
	);

	it('a "full" token (session:token) works as the token', async () => {
		const full = `acme-wpp:${data().token}`;
		const result = await run({ sim, provider: 'wppconnect', operation: 'getInviteLink', credentials: { token: full } });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		expect(await testCredential(CREDENTIAL, { ...data(), token: full })).toMatchObject({ ok: true });
		expectNoSecrets(result.serialized, [...sim.secrets(), full]);
	});
});

describe('WPPConnect Server: failures whose reason the server loses', () => {
	it.each([
		['getInviteLink', NON_ADMIN_GROUP, 500, 'WPPConnect Server failed while trying to get the invite link (HTTP 500 Internal Server Error): Error on get group invite link'],
		['getInviteLink', '120363000000000001', 500, 'WPPConnect Server failed while trying to get the invite link (HTTP 500 Internal Server Error): Error on get group invite link'],
		['resetInviteLink', NON_ADMIN_GROUP, 400, 'WPPConnect Server refused to reset the invite link (HTTP 400 Bad Request): Error on revoke group invite link'],
		['resetInviteLink', '120363000000000001', 400, 'WPPConnect Server refused to reset the invite link (HTTP 400 Bad Request): Error on revoke group invite link'],
	] as const)('%s on %s: HTTP %s, and the hint names both usual causes', async (operation, groupId, httpCode, message) => {
		const result = await run({ sim, provider: 'wppconnect', operation, groupId });
		expect(result.error.message).toBe(message);
		expect(result.error.httpCode).toBe(String(httpCode));
		expect(result.error.description).toMatch(/not an admin of the group .*not among the session's chats/);
		// wa-js refused before asking WhatsApp: a definite failure, never re-sent nor read back.
		expect(sim.requests).toHaveLength(1);
	});

	it.each(['QRCODE', 'INITIALIZING', 'CLOSED'] as const)(
		'a session that is %s answers 404 "não está ativa", and the hint says to start it and scan the QR code',
		async (status) => {
			sim.variants.wppStatus = status;
			const result = await run({ sim, provider: 'wppconnect', operation: 'resetInviteLink' });
			expect(result.error.message).toBe('WPPConnect Server refused to reset the invite link (HTTP 404 Not Found): A sessão do WhatsApp não está ativa.');
			expect(result.error.description).toMatch(/start-session\) and scan the QR code/);
			expect(sim.count('wppconnect', 'reset')).toBe(1);
		},
	);

	it('a wrong token is a 401 pointing at the Session and Token', async () => {
		const result = await run({ sim, provider: 'wppconnect', operation: 'getInviteLink', credentials: { token: '$2b$10$wrong' } });
		expect(result.error.message).toBe('WPPConnect Server refused to get the invite link (HTTP 401 Unauthorized): Check that the Session and Token are correct');
		expect(result.error.description).toMatch(/Session and Token .*generate-token/);
	});

	it('a token of another session name is refused the same way (the token is bcrypt(session + SECRET_KEY))', async () => {
		const result = await run({ sim, provider: 'wppconnect', operation: 'getInviteLink', credentials: { session: 'other' } });
		expect(result.error.httpCode).toBe('401');
		expect(sim.requests[0].path).toBe(`/api/other/group-invite-link/${GROUP}%40g.us`);
	});
});

describe('WPPConnect Server: the credential Test (status-session)', () => {
	it.each([
		['CLOSED', /not running \(status CLOSED\): start it/],
		['INITIALIZING', /still starting \(status INITIALIZING\)/],
		['QRCODE', /waiting for its QR code \(status QRCODE\): scan it/],
		['PHONECODE', /waiting for its pairing code \(status PHONECODE\)/],
	] as const)('a session that is %s fails the Test, saying what to do', async (status, message) => {
		sim.variants.wppStatus = status;
		const result = await testCredential(CREDENTIAL, data());
		expect(result).toMatchObject({ ok: false, status: 200, method: 'GET', url: '/api/acme-wpp/status-session' });
		expect(result.message).toMatch(message);
	});

	it('CONNECTED passes, even with the stale QR code status-session keeps after login; check-connection-session is never asked', async () => {
		sim.variants.wppStaleQr = true;
		const result = await testCredential(CREDENTIAL, data());
		expect(result).toMatchObject({ ok: true, url: '/api/acme-wpp/status-session' });
		expect((result.body as { qrcode: string }).qrcode).toMatch(/^data:image/);
		expect(sim.requests.map((r) => r.path)).toEqual(['/api/acme-wpp/status-session']);
	});

	it('a wrong token or session name fails with 401', async () => {
		expect(await testCredential(CREDENTIAL, { ...data(), token: 'wrong' })).toMatchObject({ ok: false, status: 401 });
		expect(await testCredential(CREDENTIAL, { ...data(), session: 'acme-wp' })).toMatchObject({ ok: false, status: 401 });
	});
});

describe('WPPConnect Server: groups (node v1.1)', () => {
	it('Get Many Groups: one list-chats request, isAdmin from get-phone-number (and its LID)', async () => {
		const result = await run11({ operation: 'getManyGroups', returnAll: true });
		expect(result.output.map((i: { json: unknown }) => i.json)).toEqual([
			{ provider: 'wppconnect', operation: 'getManyGroups', groupId: `${GROUP}@g.us`, name: `Group ${GROUP}`, participantCount: 3, isAdmin: true },
			{ provider: 'wppconnect', operation: 'getManyGroups', groupId: '5511999999999-1623281429@g.us', name: 'Group 5511999999999-1623281429', participantCount: 3, isAdmin: true },
			{ provider: 'wppconnect', operation: 'getManyGroups', groupId: `${NON_ADMIN_GROUP}@g.us`, name: `Group ${NON_ADMIN_GROUP}`, participantCount: 3, isAdmin: false },
		]);
		expect(sim.requests.map((r) => [r.method, r.path])).toEqual([
			['POST', '/api/acme-wpp/list-chats'],
			['GET', '/api/acme-wpp/get-phone-number'],
			['GET', '/api/acme-wpp/contact/pn-lid/5511999999999%40c.us'],
		]);
	});

	it('LID-addressed groups: the session is found by its LID; without the pn-lid route, isAdmin is left out', async () => {
		sim.variants.wppAddressing = 'lid';
		const withLid = await run11({ operation: 'getManyGroups', returnAll: true, filters: { adminOnly: true } });
		expect(withLid.output.map((i: { json: { groupId: string } }) => i.json.groupId)).toEqual([`${GROUP}@g.us`, '5511999999999-1623281429@g.us']);
		sim.variants.wppPnLid = false;
		const without = await run11({ operation: 'getManyGroups', returnAll: true });
		expect(without.output.every((i: { json: Record<string, unknown> }) => !('isAdmin' in i.json))).toBe(true);
	});

	it('By Invite Link: a revoked link (500 "Error on get group info from invite link") is reported as leading nowhere', async () => {
		const code = sim.codeOf(GROUP) as string;
		const ok = await run11({ operation: 'getInviteLink', groupId: { __rl: true, mode: 'url', value: `https://chat.whatsapp.com/${code}` } });
		expect(ok.output[0].json).toMatchObject({ groupId: `${GROUP}@g.us`, inviteCode: code });
		const gone = await run11(
			{ operation: 'getInviteLink', groupId: { __rl: true, mode: 'url', value: 'AbCdEfGhIjKlMnOpQrStUv' } },
			{ onError: 'continueRegularOutput' },
		);
		expect(gone.output[0].json.error).toBe(
			'WPPConnect Server knows no group for this invite link: it may have been revoked or expired (Error on get group info from invite link)',
		);
	});
});
