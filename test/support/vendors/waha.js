// @ts-check
'use strict';
/**
 * WAHA (devlikeapro/waha): optional `X-Api-Key`, session in the path; the code as a bare string; Nest
 * errors `{statusCode, message, error}`, 422 when the session is not WORKING, and WhatsApp's own
 * refusals (not an admin, unknown group) as a 500 with the exception.
 */
const crypto = require('node:crypto');
const { newInviteCode, json, raw, STATUS_TEXT } = require('./common');

/** @param {number} status @param {string} message */
const nest = (status, message) => json(status, { statusCode: status, message, error: STATUS_TEXT[status] ?? 'Error' });

/** @type {import('./index').SimVendor} */
module.exports = {
	id: 'waha',
	credentialType: 'groupInviteWahaApi',
	/** apiKey '' stands for a server without WAHA_API_KEY: no key is checked. */
	makeAuth: () => ({ session: 'default', apiKey: `WAHA${crypto.randomBytes(12).toString('hex')}` }),
	variants: {
		/** @type {'WORKING' | 'STOPPED' | 'STARTING' | 'SCAN_QR_CODE' | 'FAILED'} WAHA session status. */
		wahaStatus: 'WORKING',
		/** @type {200 | 201} WAHA revoke status (newer servers 200, the 2024 copy Nest's default 201). */
		wahaRevokeStatus: 200,
		/** @type {'json' | 'text'} WAHA code body: a JSON string or text/plain. */
		wahaBody: 'json',
		/** @type {'CORE' | 'PLUS'} WAHA tier: Core answers 422 for any session other than `default`. */
		wahaTier: 'PLUS',
	},
	credentials: (auth, baseUrl) => ({ ...auth, baseUrl }),
	secrets: (auth) => [auth.apiKey],
	errorBody: (message, status) => ({ statusCode: status, message, error: STATUS_TEXT[status] ?? 'Error' }),

	route(sim, method, url) {
		const m = /^\/api\/([^/]+)\/groups\/([^/]+)\/invite-code(\/revoke)?$/.exec(url.pathname);
		const s = /^\/api\/sessions\/([^/]+)$/.exec(url.pathname);
		if (!m && !s) return undefined;
		/** @type {import('./index').Op} */
		const op = s ? 'status' : m && m[3] ? 'reset' : 'get';
		const session = decodeURIComponent(s ? s[1] : m ? m[1] : '');
		const id = m ? decodeURIComponent(m[2]) : '';
		return {
			op,
			handler: (req, u) => {
				const auth = sim.auth.waha;
				if (auth.apiKey !== '' && req.headers['x-api-key'] !== auth.apiKey) {
					return json(401, { message: 'Unauthorized', statusCode: 401 });
				}
				const expected = op === 'reset' ? 'POST' : 'GET';
				if (method !== expected) return nest(404, `Cannot ${method} ${u.pathname}`);
				// devlikeapro/waha src/core/manager.core.ts: Core refuses any other session name (422
				// OnlyDefaultSessionIsAllowed); getSession answers 404 for a session that is missing or stopped.
				if (sim.variants.wahaTier === 'CORE' && session !== 'default') {
					const encoded = Buffer.from(session, 'utf-8').toString('base64');
					return nest(422, `WAHA Core support only 'default' session. You tried to access '${session}' session (base64: ${encoded}). If you want to run more then one WhatsApp account - please get WAHA PLUS version. Check this out: https://waha.devlike.pro/docs/how-to/plus-version/`);
				}
				const notRunning = () => nest(404, `We didn't find a session with name '${session}'.\nPlease start it first by using POST /api/sessions/${session}/start request`);
				if (session !== auth.session) return notRunning();
				const status = sim.variants.wahaStatus;
				if (op === 'status') {
					return json(200, {
						name: session,
						status,
						config: { webhooks: [] },
						me: status === 'WORKING' ? { id: '5511999999999@c.us', pushName: 'Acme Support' } : null,
					});
				}
				if (status === 'STOPPED') return notRunning();
				if (status !== 'WORKING') {
					return json(422, {
						error: 'Session status is not as expected. Try again later or restart the session',
						session,
						status,
						expected: ['WORKING'],
					});
				}
				const refusal = (/** @type {string} */ reason) =>
					json(500, {
						statusCode: 500,
						timestamp: new Date().toISOString(),
						exception: { message: reason, name: 'Error', data: reason === 'not-authorized' ? 401 : 404 },
						request: { path: u.pathname, method, query: {} },
						version: { version: '2025.1.1', engine: 'NOWEB', tier: 'CORE' },
					});
				const group = sim.groupByJid(id);
				if (!group) return refusal('item-not-found');
				if (!group.admin) return refusal('not-authorized');
				let code = group.code;
				let statusCode = 200;
				if (op === 'reset') {
					group.code = newInviteCode();
					code = group.code;
					statusCode = sim.variants.wahaRevokeStatus;
				}
				if (sim.variants.wahaBody === 'text') return raw(statusCode, code, 'text/plain; charset=utf-8');
				return json(statusCode, code);
			},
		};
	},
};
