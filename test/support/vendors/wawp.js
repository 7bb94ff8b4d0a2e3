// @ts-check
'use strict';
/**
 * Wawp (https://wawp.net, api.wawp.net v2): `instance_id` and `access_token` in the query string;
 * errors `{code: "<error_name>", message}`.
 */
const crypto = require('node:crypto');
const { newInviteCode, json, raw, groupIdOf, page } = require('./common');

/**
 * The webhook routes, paid plans only (403 subscription_required on free): GET /v2/session/webhook →
 * {webhooks, systemConfig}; POST /v2/session/webhook {webhooks} overwrites the list; POST /v2/webhook/set
 * {url, events, is_active, hmac, retries} upserts one URL; PATCH /v2/webhook/update changes one;
 * DELETE /v2/webhook/delete {url} (body or query) removes one (api.wawp.net/en/docs/v2/...).
 * @param {any} sim @param {string} method @param {string} endpoint
 */
function webhookRoute(sim, method, endpoint) {
	const read = endpoint === 'session/webhook' && method === 'GET';
	return {
		op: /** @type {import('./index').Op} */ (read ? 'webhookRead' : 'webhookWrite'),
		handler: (/** @type {import('node:http').IncomingMessage} */ _req, /** @type {URL} */ u, /** @type {string} */ text) => {
			const auth = sim.auth.wawp;
			/** @type {any} */
			let body = {};
			if (text) {
				try {
					body = JSON.parse(text) ?? {};
				} catch {
					return json(400, { code: 'invalid_json', message: 'Invalid JSON body' });
				}
			}
			const param = (/** @type {string} */ name) => u.searchParams.get(name) ?? body[name];
			const instanceId = param('instance_id');
			const accessToken = param('access_token');
			if (!instanceId || !accessToken) return json(400, { code: 'missing_parameters', message: 'instance_id and access_token are required' });
			if (accessToken !== auth.accessToken) return json(401, { code: 'unauthorized', message: 'Invalid access token' });
			if (instanceId !== auth.instanceId) return json(404, { code: 'invalid_session', message: 'Instance not found' });
			if (sim.variants.wawpPlan !== 'paid') {
				return json(403, { code: 'subscription_required', message: 'This endpoint is only available for paid subscription accounts' });
			}
			const state = sim.hookState.wawp;
			/** @type {any[]} */
			const rows = state.webhooks;
			const expected = { 'session/webhook': ['GET', 'POST'], 'webhook/set': ['POST'], 'webhook/update': ['PATCH'], 'webhook/delete': ['DELETE'] }[endpoint] ?? [];
			if (!expected.includes(method)) return json(405, { code: 'method_not_allowed', message: 'Method not allowed' });
			if (read) return json(200, { webhooks: rows, systemConfig: state.systemConfig });
			if (endpoint === 'session/webhook') {
				if (!Array.isArray(body.webhooks)) return json(400, { code: 'invalid_parameters', message: 'webhooks must be an array' });
				state.webhooks = body.webhooks;
				return json(200, { success: true, webhooks: state.webhooks });
			}
			const url = param('url');
			if (typeof url !== 'string' || url === '') return json(400, { code: 'missing_parameters', message: 'url is required' });
			const index = rows.findIndex((r) => r.url === url);
			if (endpoint === 'webhook/delete') {
				if (index < 0) return json(404, { code: 'not_found', message: 'Webhook URL not found' });
				rows.splice(index, 1);
				return json(200, { success: true, webhooks: rows });
			}
			if (endpoint === 'webhook/update') {
				if (index < 0) return json(404, { code: 'not_found', message: 'Webhook URL not found' });
				for (const key of ['events', 'is_active', 'retries', 'hmac']) if (body[key] !== undefined) rows[index][key] = body[key];
				return json(200, { success: true, webhook: rows[index] });
			}
			if (!Array.isArray(body.events) || body.events.length === 0) return json(400, { code: 'missing_parameters', message: 'events is required' });
			const row = {
				url,
				events: body.events,
				is_active: body.is_active === 0 || body.is_active === false ? 0 : 1,
				retries: body.retries ?? { delay: 2, attempts: 15 },
				...(typeof body.hmac === 'string' && body.hmac !== '' ? { hmac: body.hmac } : {}),
			};
			if (index < 0) rows.push(row);
			else rows[index] = row;
			return json(200, { success: true, webhook: row });
		},
	};
}

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
		/** @type {'paid' | 'free'} Wawp plan: the webhook API answers 403 subscription_required on free. */
		wawpPlan: 'paid',
	},
	credentials: (auth, baseUrl) => ({ ...auth, baseUrl }),
	secrets: (auth) => [auth.accessToken, auth.instanceId],
	errorBody: (message, status) => ({ code: status, message }),

	webhooks: {
		// An instance that already sends its messages to the user's own bot, beside Wawp's system webhook.
		initial: () => ({
			webhooks: [{ url: 'https://bot.example.com/wawp', events: ['message', 'message.ack'], is_active: 1, retries: { delay: 2, attempts: 15 } }],
			systemConfig: { url: 'https://app.wawp.net/api/webhook/SYSTEM', is_active: 1, events: ['message'] },
		}),
		targets: (state) =>
			(state.webhooks ?? [])
				.filter((/** @type {any} */ w) => w.is_active && (w.events ?? []).some((/** @type {string} */ e) => e === '*' || e.startsWith('group.v2.participants')))
				.map((/** @type {any} */ w) => ({ url: w.url, ...(w.hmac ? { secret: w.hmac } : {}) })),
		// WAHA's envelope and group.v2.participants / .join-request payloads (devlikeapro/waha@193eb53
		// src/structures/groups.events.dto.ts), signed with the registration's hmac key.
		request: (kind, event, target, auth, forge) => {
			const envelope = { id: `evt_${crypto.randomBytes(8).toString('hex')}`, timestamp: (event.at ?? 1764979200) * 1000, session: `wawp-${auth.instanceId}`, engine: 'WEBJS', me: { id: '201012345678@c.us', pushName: 'Acme' } };
			const jid = (/** @type {{ phone?: string, lid?: string }} */ p) => (p.lid ? `${p.lid}@lid` : `${p.phone}@c.us`);
			let body;
			if (kind === 'other') {
				body = { ...envelope, event: 'message', payload: { id: 'false_201098765432@c.us_AAA', from: '201098765432@c.us', fromMe: false, body: 'hi', timestamp: event.at ?? 1764979200 } };
			} else if (kind === 'joinRequested') {
				const p = event.participants[0] ?? {};
				body = {
					...envelope,
					event: 'group.v2.participants.join-request',
					payload: { group: { id: `${event.group}@g.us` }, action: 'created', requesterId: jid(p), ...(p.phone ? { requesterPn: `${p.phone}@c.us` } : {}), requestMethod: event.method ?? 'invite_link', timestamp: event.at ?? 1764979200 },
				};
			} else {
				body = {
					...envelope,
					event: 'group.v2.participants',
					payload: { group: { id: `${event.group}@g.us` }, type: kind === 'memberJoined' ? 'join' : 'leave', timestamp: event.at ?? 1764979200, participants: event.participants.map((p) => ({ id: jid(p), role: 'participant' })) },
				};
			}
			const text = JSON.stringify(body);
			/** @type {Record<string, string>} */
			let headers = {};
			if (target.secret) {
				const key = forge ? 'forged-key' : target.secret;
				// Signed as WAHA signs (Wawp's own X-Wawp-Signature is UNVERIFIED: unit-tested only).
				headers = { 'X-Webhook-Hmac': crypto.createHmac('sha512', key).update(text).digest('hex'), 'X-Webhook-Hmac-Algorithm': 'sha512' };
			}
			return { body: text, headers };
		},
	},

	route(sim, method, url) {
		const hook = /^\/v2\/(session\/webhook|webhook\/set|webhook\/update|webhook\/delete)$/.exec(url.pathname);
		if (hook) return webhookRoute(sim, method, hook[1]);
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
