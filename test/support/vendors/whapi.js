// @ts-check
'use strict';
/**
 * Whapi.Cloud (OpenAPI 1.8.x): `Authorization: Bearer <token>`; GET reads `{invite_code}`, DELETE
 * revokes; errors in `{error: {code, message}}`.
 */
const crypto = require('node:crypto');
const { newInviteCode, json, page } = require('./common');

/** The connected number's phone digits (Whapi ContactID). */
const ME = '5511999999999';

/** @param {number} status @param {string} message */
const fail = (status, message) => json(status, { error: { code: status, message } });

/**
 * The channel checks every route makes (Bearer token, paired channel), or undefined when the request
 * may go on. @param {any} sim @param {import('node:http').IncomingMessage} req
 */
function channelRefusal(sim, req) {
	const authorization = String(req.headers.authorization ?? '');
	if (!authorization.startsWith('Bearer ')) return fail(401, 'Missing Bearer token');
	if (authorization.slice('Bearer '.length) !== sim.auth.whapi.token) return fail(404, 'Channel not found');
	if (sim.variants.whapiHealth !== 'AUTH') return fail(401, 'Need channel authorization');
	return undefined;
}

/** ChatID (spec 1.8.7): digits and dashes, then an @ suffix. */
const CHAT_ID = /^[\d-]{10,31}@[\w.]{1,}$/;

/**
 * Join requests (spec 1.8.7): GET /groups/{id}/applications?count&offset → {applications, count, total,
 * offset}; POST (approve) / DELETE (reject) with {application: ChatID} → [{chatId, success, error?}];
 * PATCH /groups/{id} {setting: 'approve_participants', policy: 'admins' | 'anyone'} → {success: true}.
 * @param {any} sim @param {string} method @param {string} id @param {boolean} settings
 */
function joinRequestRoute(sim, method, id, settings) {
	/** @type {import('./index').Op} */
	const op = settings ? 'joinApproval' : method === 'POST' ? 'approve' : method === 'DELETE' ? 'reject' : 'joinRequests';
	return {
		op,
		handler: (/** @type {import('node:http').IncomingMessage} */ req, /** @type {URL} */ u, /** @type {string} */ body) => {
			const refused = channelRefusal(sim, req);
			if (refused) return refused;
			if (!settings && !['GET', 'POST', 'DELETE'].includes(method)) return fail(405, 'Method not allowed');
			/** @type {any} */
			let payload = {};
			if (method !== 'GET') {
				try {
					payload = JSON.parse(body || '{}') ?? {};
				} catch {
					return fail(400, 'Wrong request parameters');
				}
			}
			if (op === 'joinApproval' && (payload.setting !== 'approve_participants' || !['admins', 'anyone'].includes(payload.policy))) {
				return fail(400, 'Wrong request parameters');
			}
			if ((op === 'approve' || op === 'reject') && (typeof payload.application !== 'string' || !CHAT_ID.test(payload.application))) {
				return fail(400, 'Wrong request parameters');
			}
			const group = sim.groupByJid(id);
			if (!group) return fail(404, 'Specified group not found');
			if (!group.admin) return fail(403, 'You do not have permissions for this action');
			if (op === 'joinApproval') {
				group.approvalRequired = payload.policy === 'admins';
				return json(200, { success: true });
			}
			if (op === 'joinRequests') {
				const count = Number(u.searchParams.get('count') ?? '100');
				if (!Number.isInteger(count) || count < 1 || count > 500) return fail(400, 'Wrong request parameters');
				const all = group.joinRequests.map((/** @type {import('./index').SimJoinRequest} */ r) => ({
					chatId: r.phone ? `${r.phone}@s.whatsapp.net` : `${r.lid}@lid`,
					request_method: r.method,
					timestamp: r.at,
				}));
				const offset = Number(u.searchParams.get('offset') ?? '0');
				return json(200, { applications: page(all, String(offset), String(count), 100), count, total: all.length, offset });
			}
			const gid = id.replace(/@g\.us$/, '');
			const chatId = payload.application;
			return json(
				200,
				sim.settleJoinRequest(gid, chatId, /** @type {'approve' | 'reject'} */ (op))
					? [{ chatId, success: true }]
					: [{ chatId, success: false, error: 'Application not found' }],
			);
		},
	};
}

/** @type {import('./index').SimVendor} */
module.exports = {
	id: 'whapi',
	credentialType: 'groupInviteWhapiApi',
	makeAuth: () => ({ token: `WHAPI${crypto.randomBytes(12).toString('hex')}` }),
	variants: {
		/** @type {'success' | 'code'} Whapi DELETE answer: {success: true} or {invite_code}. */
		whapiReset: 'success',
		/** @type {'AUTH' | 'QR' | 'LAUNCH' | 'INIT' | 'NOT_INIT' | 'STOP' | 'ERROR' | 'SYNC_ERROR'} Whapi.Cloud channel status (`/health`). */
		whapiHealth: 'AUTH',
		/** Whether listed groups carry `invite_code` (optional in the spec; admins only). */
		whapiListInviteCode: true,
		/**
		 * @type {'1.8.7' | 'size' | 'participantsOnly'} How a group's size is named: `participants_count`
		 * (list) and `participantsCount` (lookup) in spec 1.8.7, `size` (list) in an earlier spec
		 * (moham96/whapi-php-openapi@909fd64 docs/Model/Group.md, whose lookup has no count), or no count
		 * field at all, only the participants.
		 */
		whapiSizeField: '1.8.7',
	},
	credentials: (auth, baseUrl) => ({ ...auth, baseUrl }),
	secrets: (auth) => [auth.token],
	errorBody: (message, status) => ({ error: { code: status, message } }),

	webhooks: {
		// A channel that already sends its messages to the user's own bot (kept through every test).
		initial: () => ({
			webhooks: [{ url: 'https://bot.example.com/whapi', events: [{ type: 'messages', method: 'post' }], mode: 'body' }],
			callback_persist: true,
		}),
		// Whapi posts a `groups` event to every webhook subscribed to {type: 'groups', method: 'put'}.
		targets: (state) =>
			(state.webhooks ?? [])
				.filter((/** @type {any} */ w) => (w.events ?? []).some((/** @type {any} */ e) => e.type === 'groups' && (e.method ?? 'put') === 'put'))
				.map((/** @type {any} */ w) => ({ url: w.url })),
		// Whapi's groups webhook (moham96/whapi-php-openapi@031dedd docs/Model/WebhookPayload.md,
		// ParticipantEvent.md): {groups_participants: [{group_id, participants, action}], event, channel_id}.
		request: (kind, event) => {
			if (kind === 'other') {
				return { body: JSON.stringify({ messages: [{ id: 'm1', from_me: false, type: 'text', chat_id: '5511977776666@s.whatsapp.net', timestamp: event.at ?? 1764979200, text: { body: 'hi' } }], event: { type: 'messages', event: 'post' }, channel_id: 'SIMULA-T0R' }) };
			}
			const action = kind === 'memberJoined' ? 'add' : kind === 'memberLeft' ? 'remove' : 'request';
			return {
				body: JSON.stringify({
					groups_participants: [
						{ group_id: `${event.group}@g.us`, participants: event.participants.map((p) => p.phone ?? `${p.lid}@lid`), action },
					],
					event: { type: 'groups', event: 'put' },
					channel_id: 'SIMULA-T0R',
				}),
			};
		},
	},

	route(sim, method, url) {
		if (url.pathname === '/settings') {
			return {
				op: method === 'GET' ? 'webhookRead' : 'webhookWrite',
				handler: (/** @type {import('node:http').IncomingMessage} */ req, /** @type {URL} */ _u, /** @type {string} */ body) => {
					const refused = channelRefusal(sim, req);
					if (refused) return refused;
					if (method === 'GET') return json(200, sim.hookState.whapi);
					if (method !== 'PATCH') return fail(405, 'Method not allowed');
					/** @type {any} */
					let payload;
					try {
						payload = JSON.parse(body || '{}');
					} catch {
						return fail(400, 'Wrong request parameters');
					}
					// PATCH /settings merges the fields sent; `webhooks` is replaced as a whole.
					for (const [key, value] of Object.entries(payload ?? {})) sim.hookState.whapi[key] = value;
					return json(200, sim.hookState.whapi);
				},
			};
		}
		const m = /^\/groups\/([^/]+)\/invite$/.exec(url.pathname);
		const link = /^\/groups\/link\/([^/]+)$/.exec(url.pathname);
		const list = url.pathname === '/groups';
		const jr = /^\/groups\/([^/]+)\/applications$/.exec(url.pathname);
		const settings = method === 'PATCH' ? /^\/groups\/([^/]+)$/.exec(url.pathname) : null;
		if ((jr || settings) && !link) return joinRequestRoute(sim, method, decodeURIComponent((jr ?? settings ?? [])[1]), Boolean(settings));
		if (url.pathname !== '/health' && !m && !link && !list) return undefined;
		/** @type {import('./index').Op} */
		const op = list ? 'list' : link ? 'lookup' : !m ? 'status' : method === 'DELETE' ? 'reset' : 'get';
		const id = m ? decodeURIComponent(m[1]) : '';
		return {
			op,
			handler: (req, u) => {
				const authorization = String(req.headers.authorization ?? '');
				if (!authorization.startsWith('Bearer ')) return fail(401, 'Missing Bearer token');
				// Whapi.Cloud OpenAPI: a token no channel has answers 404 "Channel not found"; a channel not
				// paired with a phone answers 401 "Need channel authorization" on the WhatsApp routes.
				if (authorization.slice('Bearer '.length) !== sim.auth.whapi.token) return fail(404, 'Channel not found');
				const health = sim.variants.whapiHealth;
				if (op === 'status') {
					if (method !== 'GET') return fail(405, 'Method not allowed');
					/** @type {Record<string, number>} */
					const codes = { NOT_INIT: 0, INIT: 1, LAUNCH: 2, QR: 3, AUTH: 4, STOP: 5, SYNC_ERROR: 6, ERROR: 7 };
					return json(200, {
						channel_id: 'SIMULA-T0R',
						uptime: 3600,
						version: '1.8.5',
						status: { code: codes[health], text: health },
						...(health === 'AUTH' ? { user: { id: ME, name: 'Acme Support', pushname: 'Acme Support' } } : {}),
					});
				}
				if (health !== 'AUTH') return fail(401, 'Need channel authorization');
				if (op === 'list') {
					if (method !== 'GET') return fail(405, 'Method not allowed');
					// Spec 1.8.7: count 1-500 (default 100), offset ≥ 0; {groups, count, total, offset}.
					const count = Number(u.searchParams.get('count') ?? '100');
					if (!Number.isInteger(count) || count < 1 || count > 500) return fail(400, 'Wrong request parameters');
					const all = [...sim.groups].map(([gid, g]) => ({
						id: `${gid}@g.us`,
						type: 'group',
						name: g.name,
						...(sim.variants.whapiSizeField === '1.8.7' ? { participants_count: g.size } : {}),
						...(sim.variants.whapiSizeField === 'size' ? { size: g.size } : {}),
						participants: [
							{ id: ME, rank: g.admin ? 'admin' : 'member' },
							{ id: '5511888888888', rank: g.admin ? 'member' : 'creator' },
							...Array.from({ length: Math.max(0, g.size - 2) }, (_, i) => ({ id: `55118000${String(i).padStart(5, '0')}`, rank: 'member' })),
						],
						created_at: 1675964377,
						...(g.admin && sim.variants.whapiListInviteCode ? { invite_code: g.code } : {}),
					}));
					const groups = page(all, u.searchParams.get('offset'), String(count), 100);
					return json(200, { groups, count, total: all.length, offset: Number(u.searchParams.get('offset') ?? '0') });
				}
				if (op === 'lookup') {
					if (method !== 'GET') return fail(405, 'Method not allowed');
					const code = decodeURIComponent(link?.[1] ?? '');
					if (!/^[A-Za-z0-9]{14,22}$/.test(code)) return fail(400, 'Wrong request parameters');
					const found = sim.groupByCode(code);
					if (!found) return fail(404, 'Specified group not found');
					const [gid, g] = found;
					const members = [{ id: '5511888888888', rank: 'creator' }, ...Array.from({ length: Math.max(0, g.size - 1) }, (_, i) => ({ id: `55118000${String(i).padStart(5, '0')}`, rank: 'member' }))];
					return json(200, { id: `${gid}@g.us`, name: g.name, ...(sim.variants.whapiSizeField === '1.8.7' ? { participantsCount: g.size } : {}), participants: members, created_at: 1675964377 });
				}
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
