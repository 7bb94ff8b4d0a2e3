// @ts-check
'use strict';
/**
 * Wawp (https://wawp.net, api.wawp.net v2): `instance_id` and `access_token` in the query string;
 * errors `{code: "<error_name>", message}`.
 */
const crypto = require('node:crypto');
const { newInviteCode, json, raw, groupIdOf, page } = require('./common');

/** @type {import('./index').SimVendor} */
module.exports = {
	id: 'wawp',
	credentialType: 'groupInviteWawpApi',
	makeAuth: () => ({
		instanceId: `${crypto.randomInt(100000000, 999999999)}${crypto.randomInt(1000, 9999)}`,
		accessToken: `WAWP${crypto.randomBytes(12).toString('hex')}`,
	}),
	variants: {
		/** @type {'string' | 'text' | 'code' | 'inviteCode' | 'invite_code' | 'link'} Wawp get body. */
		wawpGet: 'code',
		/** @type {'WORKING' | 'STOPPED' | 'STARTING' | 'SCAN_QR_CODE' | 'FAILED'} Wawp session status. */
		wawpStatus: 'WORKING',
	},
	credentials: (auth, baseUrl) => ({ ...auth, baseUrl }),
	secrets: (auth) => [auth.accessToken, auth.instanceId],
	errorBody: (message, status) => ({ code: status, message }),

	route(sim, method, url) {
		const m = /^\/v2\/groups\/([^/]+)\/invite-code(\/revoke)?$/.exec(url.pathname);
		const list = url.pathname === '/v2/groups';
		if (url.pathname !== '/v2/session/info' && !m && !list) return undefined;
		/** @type {import('./index').Op} */
		const op = list ? 'list' : !m ? 'status' : m[2] ? 'reset' : 'get';
		const id = m ? decodeURIComponent(m[1]) : '';
		return {
			op,
			handler: (_req, u) => {
				const auth = sim.auth.wawp;
				const instanceId = u.searchParams.get('instance_id');
				const accessToken = u.searchParams.get('access_token');
				if (!instanceId || !accessToken) return json(400, { code: 'missing_parameters', message: 'instance_id and access_token are required' });
				if (accessToken !== auth.accessToken) return json(401, { code: 'unauthorized', message: 'Invalid access token' });
				if (instanceId !== auth.instanceId) return json(404, { code: 'invalid_session', message: 'Instance not found' });
				if (op === 'status') {
					if (method !== 'POST') return json(405, { code: 'method_not_allowed', message: 'Method not allowed' });
					const status = sim.variants.wawpStatus;
					return json(200, { name: `wawp-${instanceId}`, status, config: { webhooks: {}, proxy: null }, me: status === 'WORKING' ? { id: '201012345678@c.us', pushName: 'John Doe' } : null });
				}
				if (op === 'list') {
					// WAHA's list under /v2 (NOWEB shape): limit/offset, participants unless excluded.
					if (method !== 'GET') return json(405, { code: 'method_not_allowed', message: 'Method not allowed' });
					const participants = u.searchParams.get('exclude') !== 'participants';
					const all = [...sim.groups].map(([gid, g]) => ({
						id: `${gid}@g.us`,
						subject: g.name,
						size: g.size,
						...(participants ? { participants: [{ id: '201012345678@s.whatsapp.net', admin: g.admin ? 'admin' : null }, { id: '201098765432@s.whatsapp.net', admin: 'superadmin' }] } : {}),
					}));
					return json(200, u.searchParams.has('limit') ? page(all, u.searchParams.get('offset'), u.searchParams.get('limit'), 100) : all);
				}
				if (method !== (op === 'get' ? 'GET' : 'POST')) return json(405, { code: 'method_not_allowed', message: 'Method not allowed' });
				const key = groupIdOf(id);
				const group = key ? sim.groups.get(key) : undefined;
				if (!group) return json(404, { code: 'not_found', message: 'Group not found' });
				if (!group.admin) return json(403, { code: 'forbidden', message: 'You are not an admin of this group' });
				if (op === 'reset') {
					group.code = newInviteCode();
					return json(200, { code: group.code });
				}
				switch (sim.variants.wawpGet) {
					case 'string':
						return json(200, group.code);
					case 'text':
						return raw(200, group.code, 'text/plain');
					case 'inviteCode':
						return json(200, { inviteCode: group.code });
					case 'invite_code':
						return json(200, { invite_code: group.code });
					case 'link':
						return json(200, `https://chat.whatsapp.com/${group.code}`);
					default:
						return json(200, { code: group.code });
				}
			},
		};
	},
};
