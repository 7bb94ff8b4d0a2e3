/**
 * Network failures in every shape n8n hands a node. n8n 2.x passes the HTTP library's error (axios:
 * `code`, sometimes only `cause.code`); n8n 1.x wraps it in a NodeApiError first, which finds the
 * library's `code` as `httpCode` and swaps the message for a generic one from n8n-workflow's
 * COMMON_ERRORS ("The connection was aborted, perhaps the server is offline"). Seen for real in n8n
 * 1.123.81: a timed-out reset came back as such a NodeApiError and was misreported as never sent.
 */
import { NodeApiError } from 'n8n-workflow';

import { classifyNetworkError } from '../../nodes/WhatsAppGroupInvite/transport';
import { NODE } from '../support/fakeProviderClient';


/** An axios-like error as the HTTP library throws it. */
function libraryError(code: string, message: string): Error {
	return Object.assign(new Error(message), { code, isAxiosError: true, name: 'AxiosError' });
}

const CASES: Array<[string, string, 'timeout' | 'notSent' | 'dropped']> = [
	['ECONNABORTED', 'timeout of 1000ms exceeded', 'timeout'],
	['ETIMEDOUT', 'connect ETIMEDOUT 127.0.0.1:9', 'timeout'],
	['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9', 'notSent'],
	['ENOTFOUND', 'getaddrinfo ENOTFOUND nowhere.invalid', 'notSent'],
	['EAI_AGAIN', 'getaddrinfo EAI_AGAIN nowhere.invalid', 'notSent'],
	['EHOSTUNREACH', 'connect EHOSTUNREACH 127.0.0.2:9', 'notSent'],
	['ECONNRESET', 'socket hang up', 'dropped'],
	['EPIPE', 'write EPIPE', 'dropped'],
];

describe('classifyNetworkError', () => {
	describe.each(CASES)('%s', (code, libraryMessage, kind) => {
		it('n8n 2.x: the library error itself', () => {
			expect(classifyNetworkError(libraryError(code, libraryMessage))).toEqual({ code, kind });
		});

		it('n8n 2.x: the code only on the cause', () => {
			const outer = new Error('Request failed', { cause: libraryError(code, libraryMessage) });
			expect(classifyNetworkError(outer)).toEqual({ code, kind });
		});

		it('n8n 1.x: a NodeApiError wrapping the library error (httpCode set, message substituted)', () => {
			const wrapped = new NodeApiError(NODE, libraryError(code, libraryMessage) as never);
			expect(wrapped.httpCode).toBe(code);
			expect(classifyNetworkError(wrapped)).toEqual({ code, kind });
		});

		it('n8n 1.x: only httpCode and the substituted message, no cause', () => {
			const wrapped = new NodeApiError(NODE, libraryError(code, libraryMessage) as never);
			const bare = Object.assign(new Error(wrapped.message), { httpCode: wrapped.httpCode });
			expect(classifyNetworkError(bare)).toEqual({ code, kind });
		});

		it('n8n 1.x: a NodeApiError built from a plain error response', () => {
			const wrapped = new NodeApiError(NODE, { code, message: libraryMessage });
			expect(classifyNetworkError(wrapped)).toEqual({ code, kind });
		});
	});

	it.each([
		['The connection was aborted, perhaps the server is offline', 'ECONNABORTED', 'timeout'],
		["The connection timed out, consider setting the 'Retry on Fail' option in the node settings", 'ETIMEDOUT', 'timeout'],
		['The service refused the connection - perhaps it is offline', 'ECONNREFUSED', 'notSent'],
		['The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.', 'ECONNRESET', 'dropped'],
		['The connection cannot be established, this usually occurs due to an incorrect host (domain) value', 'ENOTFOUND', 'notSent'],
		['The host is unreachable, perhaps the server is offline', 'EHOSTUNREACH', 'notSent'],
		['The DNS server returned an error, perhaps the server is offline', 'EAI_AGAIN', 'notSent'],
	])('reads n8n’s substituted message %j alone', (message, code, kind) => {
		expect(classifyNetworkError(new Error(message))).toEqual({ code, kind });
	});

	it('the substituted messages are the ones n8n-workflow really uses', () => {
		for (const [code] of CASES.filter(([c]) => c !== 'EPIPE')) {
			const wrapped = new NodeApiError(NODE, libraryError(code, 'x') as never);
			expect(classifyNetworkError(new Error(wrapped.message)).code).toBe(code);
		}
	});

	it('anything else is unknown (a reset is then treated as possibly done)', () => {
		expect(classifyNetworkError(new Error('Something odd'))).toEqual({ code: '', kind: 'unknown' });
		expect(classifyNetworkError(undefined)).toEqual({ code: '', kind: 'unknown' });
	});
});
