// @ts-check
'use strict';
/**
 * Evolution API v2 (EvolutionAPI/evolution-api): `apikey` header (the global key, or the instance's
 * token for its instance), instance in the path, `groupJid` in the query; errors
 * `{status, error, response: {message}}`, WhatsApp's own failures as 404.
 */
const crypto = require('node:crypto');
const { newInviteCode, json, raw, STATUS_TEXT } = require('./common');

/** @param {number} status @param {string | string[]} message */
const fail = (status, message) => json(status, { status, error: STATUS_TEXT[status] ?? 'Error', response: { message } });

/** @type {import('./index').SimVendor} */
module.exports = {
	id: 'evolutionApi',
	credentialType: 'groupInviteEvolutionApi',
	makeAuth: () => ({
		instanceName: 'acme-evolution',
		/** The server's global key (AUTHENTICATION_API_KEY): what the credentials use. */
		apiKey: `EVOG${crypto.randomBytes(12).toString('hex').toUpperCase()}`,
		/** The instance's own token, also accepted for this instance. */
		instanceToken: `EVOI${crypto.randomBytes(12).toString('hex').toUpperCase()}`,
	}),
	variants: {
		/**
		 * @type {'POST' | 'PUT' | 'PUTHtml' | 'PUT405'} Evolution's revoke route: v2 POST; an older
		 * PUT-only server whose POST gets 404 "Cannot POST" (JSON envelope or Express's HTML page),
		 * or a proxy answering 405.
		 */
		evolutionRevoke: 'POST',
		/** @type {'open' | 'close' | 'connecting'} Evolution's instance connection state. */
		evolutionState: 'open',
		/**
		 * @type {'loaded' | 'notLoaded' | 'evolutionChannel'} Evolution instance: loaded (Baileys), known to
		 * the database but not loaded in the server's monitor (500 TypeError), or on the Evolution channel.
		 */
		evolutionInstance: 'loaded',
	},
	credentials: (auth, baseUrl) => ({ instanceName: auth.instanceName, apiKey: auth.apiKey, baseUrl }),
	secrets: (auth) => [auth.apiKey, auth.instanceToken],
	errorBody: (message, status) => ({ status, error: STATUS_TEXT[status] ?? 'Error', response: { message: [message] } }),

	route(sim, method, url) {
		const m = /^\/(group\/inviteCode|group\/revokeInviteCode|instance\/connectionState)\/([^/]+)$/.exec(url.pathname);
		if (!m) return undefined;
		/** @type {import('./index').Op} */
		const op = m[1] === 'group/inviteCode' ? 'get' : m[1] === 'group/revokeInviteCode' ? 'reset' : 'status';
		const instance = decodeURIComponent(m[2]);
		return {
			op,
			handler: (req, u) => {
				const auth = sim.auth.evolutionApi;
				const noRoute = () => fail(404, [`Cannot ${method} ${u.pathname}`]);
				// Express matches the route before the auth guard runs: a missing route is a 404 for anyone.
				if (op === 'status' || op === 'get') {
					if (method !== 'GET') return noRoute();
				} else {
					const expected = sim.variants.evolutionRevoke === 'POST' ? 'POST' : 'PUT';
					if (method !== expected) {
						if (method === 'POST' && sim.variants.evolutionRevoke === 'PUT405') return fail(405, 'Method Not Allowed');
						if (method === 'POST' && sim.variants.evolutionRevoke === 'PUTHtml') {
							const html = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot POST ${u.pathname}</pre>\n</body>\n</html>\n`;
							return raw(404, html, 'text/html; charset=utf-8');
						}
						return noRoute();
					}
				}
				const key = req.headers.apikey;
				if (key !== auth.apiKey && !(key === auth.instanceToken && instance === auth.instanceName)) {
					return fail(401, 'Unauthorized');
				}
				if (instance !== auth.instanceName) return fail(404, [`The "${instance}" instance does not exist`]);
				if (op === 'status') {
					return json(200, { instance: { instanceName: instance, state: sim.variants.evolutionState } });
				}
				// An instance in the database but not loaded in the monitor: the controller reads a property of
				// undefined (500 with the TypeError text); an Evolution-channel instance has no group methods.
				if (sim.variants.evolutionInstance === 'notLoaded') {
					return fail(500, [`TypeError: Cannot read properties of undefined (reading '${op === 'get' ? 'groupInviteCode' : 'revokeGroupInviteCode'}')`]);
				}
				if (sim.variants.evolutionInstance === 'evolutionChannel') return fail(400, 'Method not available on Evolution Channel');
				const given = u.searchParams.get('groupJid');
				if (!given) return fail(400, ['The group id needs to be informed in the query', 'ex: "groupJid=120362@g.us"']);
				const group = sim.groupByJid(given.endsWith('@g.us') ? given : `${given}@g.us`);
				const what = op === 'get' ? 'No invite code' : 'Revoke error';
				if (sim.variants.evolutionState !== 'open') return fail(404, [what, 'Error: Connection Closed']);
				if (!group) return fail(404, [what, 'Error: item-not-found']);
				if (!group.admin) return fail(404, [what, 'Error: not-authorized']);
				if (op === 'get') {
					return json(200, { inviteUrl: `https://chat.whatsapp.com/${group.code}`, inviteCode: group.code });
				}
				group.code = newInviteCode();
				return json(201, { revoked: true, inviteCode: group.code });
			},
		};
	},
};
