import { evolutionApi } from '../../nodes/WhatsAppGroupInvite/providers/evolutionApi';
import { metaCloudApi } from '../../nodes/WhatsAppGroupInvite/providers/metaCloudApi';
import type { ProviderAdapter } from '../../nodes/WhatsAppGroupInvite/providers/types';
import { waha } from '../../nodes/WhatsAppGroupInvite/providers/waha';
import { whapi } from '../../nodes/WhatsAppGroupInvite/providers/whapi';

/**
 * Issue 9, item 3: the hint for each answer the vendors' own code gives, read from a body shaped as the
 * vendor sends it (through the adapter's errorMessage, as the transport does).
 */
function hintFor(adapter: ProviderAdapter, statusCode: number, body: unknown) {
	const message = adapter.errorMessage(body);
	return {
		message,
		// The body too, as the transport gives it (vendors whose errors carry a code, e.g. Meta's Graph API).
		hint: adapter.errorHint?.(statusCode, message, body),
		definite: adapter.isDefiniteFailure?.(statusCode, message) ?? false,
	};
}

describe('WAHA hints (devlikeapro/waha src/core/manager.core.ts, src/core/abc/manager.abc.ts)', () => {
	// Nest's HttpException body: {statusCode, message, error}.
	const nest = (statusCode: number, message: string, error: string) => ({ statusCode, message, error });

	it.each(['default', 'sales'])(
		'a missing or stopped session (404 "We didn\'t find a session %s … start it first") says to start it, not to check its name',
		(session) => {
			const { message, hint } = hintFor(
				waha,
				404,
				nest(
					404,
					`We didn't find a session with name '${session}'.\nPlease start it first by using POST /api/sessions/${session}/start request`,
					'Not Found',
				),
			);
			expect(message).toContain("We didn't find a session");
			expect(hint).toContain('start it in the WAHA dashboard (Sessions → Start)');
			expect(hint).toContain('POST /api/sessions/{session}/start');
			expect(hint).toContain('scan the QR code');
			expect(hint).not.toMatch(/check the session/i);
		},
	);

	it('WAHA Core with a session other than "default" (422 OnlyDefaultSessionIsAllowed) says to use "default" or WAHA Plus', () => {
		const { hint } = hintFor(
			waha,
			422,
			nest(
				422,
				"WAHA Core support only 'default' session. You tried to access 'sales' session (base64: c2FsZXM=). If you want to run more then one WhatsApp account - please get WAHA PLUS version. Check this out: https://waha.devlike.pro/docs/how-to/plus-version/",
				'Unprocessable Entity',
			),
		);
		expect(hint).toContain('WAHA Core runs only the session "default"');
		expect(hint).toContain('WAHA Plus');
		expect(hint).not.toMatch(/not ready|not running/);
	});

	it.each([
		['STARTING', /still starting: wait until its status is WORKING/],
		['SCAN_QR_CODE', /waiting for its QR code: scan it/],
		['FAILED', /has failed: restart it/],
	])('a running session that is %s (422 waitUntilStatus) gets the hint for that status', (status, expected) => {
		const { message, hint } = hintFor(waha, 422, {
			error: 'Session status is not as expected. Try again later or restart the session',
			session: 'default',
			status,
			expected: ['WORKING'],
		});
		expect(message).toBe(`Session status is not as expected. Try again later or restart the session (session status: ${status})`);
		expect(hint).toMatch(expected);
	});

	it('a 401 points at WAHA_API_KEY (and the older WHATSAPP_API_KEY) and the key WAHA logs at startup', () => {
		const { hint } = hintFor(waha, 401, { message: 'Unauthorized', statusCode: 401 });
		expect(hint).toContain('API Key in the WAHA credential');
		expect(hint).toContain('WAHA_API_KEY');
		expect(hint).toContain('WHATSAPP_API_KEY');
		expect(hint).toContain('log');
	});

	it("WhatsApp's not-authorized (500 exception) still says to make the number an admin, and is definite", () => {
		const { hint, definite } = hintFor(waha, 500, {
			statusCode: 500,
			timestamp: 't',
			exception: { message: 'not-authorized', name: 'Error' },
			request: {},
			version: {},
		});
		expect(hint).toContain('admin of the group');
		expect(definite).toBe(true);
	});
});

describe('Whapi.Cloud hints (Whapi.Cloud OpenAPI 1.8.x, errors {error: {code, message, details}})', () => {
	const whapiError = (code: number, message: string) => ({ error: { code, message, details: 'x' } });

	it('401 "Need channel authorization" says to pair the channel with a phone, not to check the token', () => {
		const { message, hint } = hintFor(whapi, 401, whapiError(401, 'Need channel authorization'));
		expect(message).toBe('Need channel authorization');
		expect(hint).toContain('not paired with a phone');
		expect(hint).toContain('scanning the QR code in the Whapi.Cloud dashboard');
		expect(hint).not.toContain('API Token');
	});

	it('404 "Channel not found" (an unknown token) points at the API Token, not the Group ID', () => {
		const { hint } = hintFor(whapi, 404, whapiError(404, 'Channel not found'));
		expect(hint).toContain('check the API Token in the Whapi.Cloud credential');
		expect(hint).not.toContain('Group ID');
	});

	it('any other 401 still points at the API Token; a 404 for the group keeps the default (Group ID) hint', () => {
		expect(hintFor(whapi, 401, whapiError(401, 'Invalid token')).hint).toContain('API Token');
		expect(hintFor(whapi, 404, whapiError(404, 'Group not found')).hint).toBeUndefined();
	});
});

describe('Evolution API hints (EvolutionAPI/evolution-api whatsapp.baileys.service.ts, src/main.ts envelope)', () => {
	// {status, error, response: {message}}, every WhatsApp failure mapped to 404.
	const evolution = (status: number, error: string, message: unknown) => ({ status, error, response: { message } });

	it.each([
		['Revoke error', 'Error: not-authorized'],
		['No invite code', 'Error: not-authorized'],
	])('404 ["%s", "%s"] says to make the number a group admin', (first, second) => {
		const { message, hint, definite } = hintFor(evolutionApi, 404, evolution(404, 'Not Found', [first, second]));
		expect(message).toBe(`${first}: ${second}`);
		expect(hint).toContain('an admin of the group');
		expect(definite).toBe(false);
	});

	it.each([
		[['Revoke error', 'Error: Connection Closed']],
		[['No invite code', 'Error: Connection Closed']],
		['Connection Closed'],
	])('404 %j says to reconnect the instance in the Evolution Manager', (body) => {
		const { hint } = hintFor(evolutionApi, 404, evolution(404, 'Not Found', body));
		expect(hint).toContain('reconnect it in the Evolution Manager');
		expect(hint).not.toContain('admin');
	});

	it('400 "Method not available on Evolution Channel" gets its own hint (no invite links; use a Baileys instance)', () => {
		const { hint } = hintFor(evolutionApi, 400, evolution(400, 'Bad Request', ['Method not available on Evolution Channel']));
		expect(hint).toContain('the Evolution channel, which has no group invite links');
		expect(hint).toContain('Baileys');
		expect(hint).not.toContain('Cloud API');
	});

	it('400 "Method not available on WhatsApp Business API" keeps the Cloud API hint', () => {
		const { hint } = hintFor(evolutionApi, 400, evolution(400, 'Bad Request', ['Method not available on WhatsApp Business API']));
		expect(hint).toContain('WhatsApp Cloud API channel');
	});

	it.each(['groupInviteCode', 'revokeInviteCode', 'inviteCode'])(
		"500 TypeError \"Cannot read properties of undefined (reading '%s')\" says the instance is not loaded, and is definite",
		(method) => {
			const { message, hint, definite } = hintFor(
				evolutionApi,
				500,
				evolution(500, 'Internal Server Error', `Cannot read properties of undefined (reading '${method}')`),
			);
			expect(message).toBe(`Cannot read properties of undefined (reading '${method}')`);
			expect(hint).toContain('not loaded on the Evolution API server');
			expect(hint).toContain('restart the instance');
			expect(definite).toBe(true);
		},
	);

	it('any other 500 stays ambiguous and without a hint', () => {
		const { hint, definite } = hintFor(evolutionApi, 500, evolution(500, 'Internal Server Error', 'Something broke'));
		expect(hint).toBeUndefined();
		expect(definite).toBe(false);
	});
});

describe('Meta WhatsApp Cloud API hints (Graph error envelope; groups/error-codes, support/error-codes, graph-api error-handling)', () => {
	const graph = (code: number, message: string, extra: Record<string, unknown> = {}) => ({
		error: { message, type: 'OAuthException', code, fbtrace_id: 'Az1bY2cX3dW4', ...extra },
	});

	it('100/33 (GraphMethodException, HTTP 400) says both: no such group or phone number ID, or no access to it', () => {
		const { message, hint } = hintFor(
			metaCloudApi,
			400,
			graph(100, "Unsupported get request. Object with ID 'Y2FwaV9ncm91cDox' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", { type: 'GraphMethodException', error_subcode: 33 }),
		);
		expect(message).toMatch(/^Unsupported get request/);
		expect(hint).toMatch(/does not exist .* or this access token may not access it/);
	});

	it('190/463 (expired token, HTTP 401) names the Access Token and the two permissions', () => {
		const { hint } = hintFor(metaCloudApi, 401, graph(190, 'Error validating access token: Session has expired', { error_subcode: 463 }));
		expect(hint).toMatch(/^The access token has expired/);
		expect(hint).toContain('whatsapp_business_management and whatsapp_business_messaging');
		expect(hint).toContain('System User');
	});

	it('200 (permission, HTTP 403) names the missing permissions and the WhatsApp Business Account assignment', () => {
		const { hint } = hintFor(metaCloudApi, 403, graph(200, '(#200) Permissions error'));
		expect(hint).toContain('whatsapp_business_management and whatsapp_business_messaging');
		expect(hint).toContain('assigned to the WhatsApp Business Account');
	});

	it('130429 at HTTP 400 is a rate limit: the hint says so, and the details are in the message', () => {
		const { message, hint } = hintFor(
			metaCloudApi,
			400,
			graph(130429, '(#130429) Rate limit hit', { error_data: { messaging_product: 'whatsapp', details: 'Cloud API message throughput has been reached.' } }),
		);
		expect(message).toBe('(#130429) Rate limit hit (Cloud API message throughput has been reached.)');
		expect(hint).toMatch(/^Meta is limiting requests \(Meta rate limit, code 130429\)/);
		expect(metaCloudApi.isRateLimited?.(400, graph(130429, 'x'))).toBe(true);
	});

	it('131215 (number not eligible) names OBA, coexistence and Multi-solution Conversations', () => {
		const { hint } = hintFor(metaCloudApi, 400, graph(131215, '(#131215) Groups API not available for this number'));
		expect(hint).toContain('Official Business Account (OBA)');
		expect(hint).toContain('coexistence');
		expect(hint).toContain('Multi-solution Conversations');
	});

	it('131041 (group unknown) and 131207 (group suspended) say what happened to the group', () => {
		expect(hintFor(metaCloudApi, 400, graph(131041, '(#131041) Group unknown')).hint).toMatch(/no such group/);
		expect(hintFor(metaCloudApi, 403, graph(131207, '(#131207) Group suspended')).hint).toMatch(/suspended this group/);
	});
});
