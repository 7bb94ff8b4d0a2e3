// @ts-check
'use strict';
/**
 * RyzeAPI (https://docs.ryzeapi.cloud): `token` header (an instance's token or the account's), the
 * instance in the path; errors `{success: false, error: {message}}`.
 */
const crypto = require('node:crypto');
const { newInviteCode, json } = require('./common');

/** @param {number} status @param {string} message */
const fail = (status, message) => json(status, { success: false, error: { message } });

/** @type {import('./index').SimVendor} */
module.exports = {
	id: 'ryzeApi',
	credentialType: 'groupInviteRyzeApi',
	makeAuth: () => ({ instanceName: 'acme-support', token: `RYZE${crypto.randomBytes(12).toString('hex')}` }),
	variants: {
		/** @type {'group' | 'data' | 'dataGroup' | 'top'} Where RyzeAPI's group info puts the link. */
		ryzeInfo: 'group',
		/**
		 * @type {'instance' | 'account'} RyzeAPI token kind: a TokenInstance belongs to one instance (the
		 * instance list ignores its name filter; another instance in a path is refused), a TokenAccount
		 * sees every instance of the account.
		 */
		ryzeTokenKind: 'instance',
		/** @type {'connected' | 'connecting' | 'disconnected' | 'loggedout'} RyzeAPI connection.state. */
		ryzeState: 'connected',
	},
	credentials: (auth, baseUrl) => ({ ...auth, baseUrl }),
	secrets: (auth) => [auth.token],
	errorBody: (message) => ({ success: false, error: { message } }),

	route(sim, method, url) {
		const m = /^\/api\/group\/(info|resetLink|list)\/([^/]+)$/.exec(url.pathname);
		if (url.pathname !== '/api/instance/list' && !m) return undefined;
		/** @type {import('./index').Op} */
		const op = !m ? 'status' : m[1] === 'info' ? 'get' : m[1] === 'list' ? 'list' : 'reset';
		const instance = m ? decodeURIComponent(m[2]) : '';
		return {
			op,
			handler: (req, u, body) => {
				const auth = sim.auth.ryzeApi;
				const token = req.headers.token;
				if (token === undefined) return fail(401, 'Missing token in header');
				if (token !== auth.token) return fail(401, 'Invalid token');
				const state = sim.variants.ryzeState;
				if (op === 'status') {
					if (method !== 'GET') return fail(405, 'Method not allowed');
					// docs.ryzeapi.cloud/en/api/instance/list: a TokenInstance gets its own instance whatever the
					// filter says; a TokenAccount gets the named one, or 404 for a single unknown name.
					const name = u.searchParams.get('instanceName');
					if (sim.variants.ryzeTokenKind === 'account' && name !== auth.instanceName) return fail(404, 'Instance not found');
					return json(200, {
						success: true,
						message: '1 Instance found',
						data: { instances: [{ name: auth.instanceName, connection: { state, numberJid: state === 'connected' ? '5511999999999@s.whatsapp.net' : null } }] },
					});
				}
				if (instance !== auth.instanceName) {
					// Every group route validates the instance's ownership (docs.ryzeapi.cloud/en/api/groups/overview).
					return sim.variants.ryzeTokenKind === 'instance'
						? fail(403, 'Instance token does not match the requested instance')
						: fail(404, 'Instance not found');
				}
				if (state !== 'connected') return fail(400, 'Instance is not connected to WhatsApp');
				if (op === 'list') {
					if (method !== 'GET') return fail(405, 'Method not allowed');
					const groups = [...sim.groups].map(([id, group]) => ({ name: group.name, jid: `${id}@g.us`, participantCount: group.size }));
					return json(200, { success: true, message: `${groups.length} groups found`, data: { groups } });
				}
				let identifier;
				if (op === 'get') {
					if (method !== 'GET') return fail(405, 'Method not allowed');
					identifier = u.searchParams.get('identifier');
				} else {
					if (method !== 'POST') return fail(405, 'Method not allowed');
					if (!String(req.headers['content-type'] ?? '').includes('application/json')) return fail(415, 'Content-Type must be application/json');
					try {
						identifier = JSON.parse(body || '{}').identifier;
					} catch {
						return fail(400, 'Invalid JSON body');
					}
				}
				if (!identifier) return fail(400, 'Identifier is required');
				const found = sim.findGroup(String(identifier));
				if (!found) return fail(404, 'Group not found or you are not a member of this group');
				const [id, group] = found;
				const jid = `${id}@g.us`;
				if (op === 'reset') {
					if (!group.admin) return fail(403, 'Not authorized to reset group invite link (must be admin)');
					group.code = newInviteCode();
					return json(200, {
						success: true,
						message: 'Group invite link reset successfully',
						groupJid: jid,
						inviteCode: group.code,
						inviteLink: `https://chat.whatsapp.com/${group.code}`,
					});
				}
				// WhatsApp shows invite codes to admins only: for other members the details carry no link.
				const detail = {
					name: group.name,
					jid,
					description: '',
					...(group.admin ? { inviteCode: group.code, inviteLink: `https://chat.whatsapp.com/${group.code}` } : {}),
					participantCount: group.size,
				};
				switch (sim.variants.ryzeInfo) {
					case 'data':
						return json(200, { success: true, message: 'Group found', data: detail });
					case 'dataGroup':
						return json(200, { success: true, message: 'Group found', data: { group: detail } });
					case 'top':
						return json(200, { success: true, message: 'Group found', ...detail });
					default:
						return json(200, { success: true, message: 'Group found', group: detail });
				}
			},
		};
	},
};
