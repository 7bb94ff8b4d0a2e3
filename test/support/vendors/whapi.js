// @ts-check
'use strict';
/**
 * Whapi.Cloud (OpenAPI 1.8.x): `Authorization: Bearer <token>`; GET reads `{invite_code}`, DELETE
 * revokes; errors in `{error: {code, message}}`.
 */
const crypto = require('node:crypto');
const { newInviteCode, json } = require('./common');

/** @param {number} status @param {string} message */
const fail = (status, message) => json(status, { error: { code: status, message } });

/** @type {import('./index').SimVendor} */
module.exports = {
	id: 'whapi',
	credentialType: 'groupInviteWhapiApi',
	makeAuth: () => ({ token: `WHAPI${crypto.randomBytes(12).toString('hex')}` }),
	variants: {
		/** @type {'success' | 'code'} Whapi DELETE answer: {success: true} or {invite_code}. */
		whapiReset: 'success',
		/** @type {'AUTH' | 'QR' | 'LAUNCH' | 'INIT' | 'STOP' | 'SYNC_ERROR'} Whapi.Cloud channel status (`/health`). */
		whapiHealth: 'AUTH',
	},
	credentials: (auth, baseUrl) => ({ ...auth, baseUrl }),
	secrets: (auth) => [auth.token],
	errorBody: (message, status) => ({ error: { code: status, message } }),

	route(sim, method, url) {
		const m = /^\/groups\/([^/]+)\/invite$/.exec(url.pathname);
		if (url.pathname !== '/health' && !m) return undefined;
		/** @type {import('./index').Op} */
		const op = !m ? 'status' : method === 'DELETE' ? 'reset' : 'get';
		const id = m ? decodeURIComponent(m[1]) : '';
		return {
			op,
			handler: (req) => {
				const authorization = String(req.headers.authorization ?? '');
				if (!authorization.startsWith('Bearer ')) return fail(401, 'Missing Bearer token');
				// Whapi.Cloud OpenAPI: a token no channel has answers 404 "Channel not found"; a channel not
				// paired with a phone answers 401 "Need channel authorization" on the WhatsApp routes.
				if (authorization.slice('Bearer '.length) !== sim.auth.whapi.token) return fail(404, 'Channel not found');
				const health = sim.variants.whapiHealth;
				if (op === 'status') {
					if (method !== 'GET') return fail(405, 'Method not allowed');
					/** @type {Record<string, number>} */
					const codes = { INIT: 1, LAUNCH: 2, QR: 3, AUTH: 4, STOP: 5, SYNC_ERROR: 6 };
					return json(200, { channel_id: 'SIMULA-T0R', uptime: 3600, version: '1.8.5', status: { code: codes[health], text: health } });
				}
				if (health !== 'AUTH') return fail(401, 'Need channel authorization');
				if (op === 'get' && method !== 'GET') return fail(405, 'Method not allowed');
				const group = sim.groupByJid(id);
				if (!group) return fail(404, 'Group not found');
				if (!group.admin) return fail(403, 'Not enough rights: you are not an admin of this group');
				if (op === 'get') return json(200, { invite_code: group.code });
				group.code = newInviteCode();
				return json(200, sim.variants.whapiReset === 'code' ? { invite_code: group.code } : { success: true });
			},
		};
	},
};
