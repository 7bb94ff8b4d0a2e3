// @ts-check
'use strict';
/**
 * WAHA (devlikeapro/waha): optional `X-Api-Key`, session in the path; the code as a bare string; Nest
 * errors `{statusCode, message, error}`, 422 when the session is not WORKING, and WhatsApp's own
 * refusals (not an admin, unknown group) as a 500 with the exception.
 */
const crypto = require('node:crypto');
const { newInviteCode, json, raw, STATUS_TEXT } = require('./common');

/** The session's own ids. */
const ME = { id: '5511999999999@c.us', lid: '123456789012345@lid' };
const OTHER = '5511888888888';

/**
 * A group as each engine lists it (devlikeapro/waha src/core/engines/*): NOWEB Baileys metadata,
 * WEBJS a chat with groupMetadata, GOWS whatsmeow's GroupInfo.
 * @param {string} engine @param {string} gid @param {import('./index').SimGroup} g @param {boolean} participants
 */
function engineGroup(engine, gid, g, participants) {
	const jid = `${gid}@g.us`;
	if (engine === 'WEBJS') {
		const serialized = (/** @type {string} */ id) => ({ server: id.split('@')[1], user: id.split('@')[0], _serialized: id });
		return {
			id: serialized(jid),
			name: g.name,
			isGroup: true,
			groupMetadata: {
				id: serialized(jid),
				subject: g.name,
				size: g.size,
				...(participants
					? { participants: [{ id: serialized(ME.id), isAdmin: g.admin, isSuperAdmin: false }, { id: serialized(`${OTHER}@c.us`), isAdmin: false, isSuperAdmin: !g.admin }] }
					: {}),
			},
		};
	}
	if (engine === 'GOWS') {
		return {
			JID: jid,
			Name: g.name,
			OwnerJID: `${OTHER}@s.whatsapp.net`,
			ParticipantCount: g.size,
			...(participants
				? { Participants: [{ JID: ME.lid, PhoneNumber: '5511999999999@s.whatsapp.net', IsAdmin: g.admin, IsSuperAdmin: false }, { JID: `${OTHER}@s.whatsapp.net`, IsAdmin: false, IsSuperAdmin: !g.admin }] }
				: {}),
		};
	}
	return {
		id: jid,
		subject: g.name,
		size: g.size,
		creation: 1690000000,
		...(participants ? { participants: [{ id: '5511999999999@s.whatsapp.net', admin: g.admin ? 'admin' : null }, { id: `${OTHER}@s.whatsapp.net`, admin: g.admin ? null : 'superadmin' }] } : {}),
	};
}

/** @param {number} status @param {string} message */
const nest = (status, message) => json(status, { statusCode: status, message, error: STATUS_TEXT[status] ?? 'Error' });

/**
 * The session checks every route makes (auth, tier, session name and status), or undefined when the
 * request may go on.
 * @param {any} sim @param {import('node:http').IncomingMessage} req @param {string} session
 * @returns {import('./common').Result | undefined}
 */
function sessionRefusal(sim, req, session) {
	const auth = sim.auth.waha;
	if (auth.apiKey !== '' && req.headers['x-api-key'] !== auth.apiKey) {
		return json(401, { message: 'Unauthorized', statusCode: 401 });
	}
	if (sim.variants.wahaTier === 'CORE' && session !== 'default') {
		return nest(422, `WAHA Core support only 'default' session. You tried to access '${session}' session.`);
	}
	const notRunning = () => nest(404, `We didn't find a session with name '${session}'.\nPlease start it first by using POST /api/sessions/${session}/start request`);
	if (session !== auth.session) return notRunning();
	const status = sim.variants.wahaStatus;
	if (status === 'STOPPED') return notRunning();
	if (status !== 'WORKING') {
		return json(422, {
			error: 'Session status is not as expected. Try again later or restart the session',
			session,
			status,
			expected: ['WORKING'],
		});
	}
	return undefined;
}

/** WhatsApp's IQ refusal as WAHA's exception filter answers it (500). @param {string} reason @param {URL} u @param {string} method */
function iqRefusal(reason, u, method) {
	return json(500, {
		statusCode: 500,
		timestamp: new Date().toISOString(),
		exception: { message: reason, name: 'Error', data: reason === 'not-authorized' ? 401 : 404 },
		request: { path: u.pathname, method, query: {} },
		version: { version: '2026.9.1', engine: 'NOWEB', tier: 'PLUS' },
	});
}

/**
 * Join requests (WAHA ≥ 2026.8.2; devlikeapro/waha groups.controller.ts@0da9ef6, groups.dto.ts@6aa4282):
 * the list as the session's engine fills it, approve/reject → 200 [{requesterId, success, error?}]
 * (error 404 when no request is pending), the approval setting → 200 true (WEBJS: false when not applied).
 * @param {any} sim @param {string} method @param {RegExpExecArray} jr
 */
function joinRequestRoute(sim, method, jr) {
	const session = decodeURIComponent(jr[1]);
	const id = decodeURIComponent(jr[2]);
	const action = /** @type {'approve' | 'reject' | undefined} */ (jr[3]);
	/** @type {import('./index').Op} */
	const op = jr[4] ? 'joinApproval' : action ?? 'joinRequests';
	return {
		op,
		handler: (/** @type {import('node:http').IncomingMessage} */ req, /** @type {URL} */ u, /** @type {string} */ body) => {
			const refused = sessionRefusal(sim, req, session);
			if (refused) return refused;
			const expected = op === 'joinRequests' ? 'GET' : op === 'joinApproval' ? 'PUT' : 'POST';
			if (method !== expected) return nest(404, `Cannot ${method} ${u.pathname}`);
			/** @type {any} */
			let payload = {};
			if (op !== 'joinRequests') {
				try {
					payload = JSON.parse(body || '{}') ?? {};
				} catch {
					return nest(400, 'Unexpected token in JSON');
				}
			}
			if (op === 'joinApproval' && typeof payload.newMembersApprovalRequired !== 'boolean') {
				return json(400, { statusCode: 400, message: ['newMembersApprovalRequired must be a boolean value'], error: 'Bad Request' });
			}
			if ((op === 'approve' || op === 'reject') && !Array.isArray(payload.participants)) {
				return json(400, { statusCode: 400, message: ['participants must be an array'], error: 'Bad Request' });
			}
			const engine = sim.variants.wahaEngine;
			const gid = /^(.+)@g\.us$/.exec(id)?.[1] ?? '';
			const group = sim.groupByJid(id);
			if (!group) return iqRefusal('item-not-found', u, method);
			if (!group.admin) {
				// WEBJS's setGroupProperty answers false on ServerStatusCodeError (session.webjs.core.ts@0da9ef6).
				if (op === 'joinApproval' && engine === 'WEBJS') return json(200, false);
				return iqRefusal('not-authorized', u, method);
			}
			if (op === 'joinApproval') {
				group.approvalRequired = payload.newMembersApprovalRequired;
				return json(200, true);
			}
			if (op === 'joinRequests') {
				return json(
					200,
					group.joinRequests.map((/** @type {import('./index').SimJoinRequest} */ r) => ({
						requesterId: r.lid ? `${r.lid}@lid` : `${r.phone}@c.us`,
						// Only NOWEB fills requesterPn (Baileys' phone_number); GOWS gives no method.
						...(engine === 'NOWEB' ? { requesterPn: r.lid && r.phone ? `${r.phone}@s.whatsapp.net` : null } : {}),
						addedById: null,
						parentGroupId: null,
						requestMethod: engine === 'GOWS' ? null : r.method,
						timestamp: r.at,
					})),
				);
			}
			return json(
				200,
				payload.participants.map((/** @type {any} */ p) => {
					const who = String(p?.id ?? '');
					const requesterId = who.endsWith('@s.whatsapp.net') ? who.replace('@s.whatsapp.net', '@c.us') : who;
					return sim.settleJoinRequest(gid, who, /** @type {'approve' | 'reject'} */ (action))
						? { requesterId, success: true }
						: { requesterId, success: false, error: 404 };
				}),
			);
		},
	};
}

/** @type {import('./index').SimVendor} */
module.exports = {
	id: 'waha',
	credentialType: 'groupInviteWahaApi',
	/** apiKey '' stands for a server without WAHA_API_KEY: no key is checked. */
	makeAuth: () => ({
		session: 'default',
		apiKey: `WAHA${crypto.randomBytes(12).toString('hex')}`,
		// The session webhook's hmac.key (the trigger's Webhook Secret); '' stands for a webhook without one.
		webhookSecret: `hmac-${crypto.randomBytes(16).toString('hex')}`,
	}),
	variants: {
		/** @type {'WORKING' | 'STOPPED' | 'STARTING' | 'SCAN_QR_CODE' | 'FAILED'} WAHA session status. */
		wahaStatus: 'WORKING',
		/** @type {200 | 201} WAHA revoke status (newer servers 200, the 2024 copy Nest's default 201). */
		wahaRevokeStatus: 200,
		/** @type {'json' | 'text'} WAHA code body: a JSON string or text/plain. */
		wahaBody: 'json',
		/** @type {'CORE' | 'PLUS'} WAHA tier: Core answers 422 for any session other than `default`. */
		wahaTier: 'PLUS',
		/** @type {'NOWEB' | 'WEBJS' | 'GOWS'} The session's engine: the shape of its group list and join-info. */
		wahaEngine: 'NOWEB',
	},
	credentials: (auth, baseUrl) => ({ ...auth, baseUrl }),
	secrets: (auth) => [auth.apiKey, auth.webhookSecret],
	errorBody: (message, status) => ({ statusCode: status, message, error: STATUS_TEXT[status] ?? 'Error' }),

	/**
	 * WAHA's webhooks: set by hand in the session's config.webhooks (editing them restarts the session), so
	 * nothing is registered (`initial()` {}, `targets()` []); tests post with `sim.deliverTo`. The body is
	 * WAHA's envelope (devlikeapro/waha src/structures/webhooks.dto.ts `WAHAWebhook`, groups.webhooks.dto.ts,
	 * groups.events.dto.ts@193eb53), signed like WAHA signs with hmac.key: `X-Webhook-Hmac` = hex
	 * HMAC-SHA512 of the body, `X-Webhook-Hmac-Algorithm: sha512` (waha docs how-to/webhooks, tag 2024.5.8).
	 * A join by link carries GOWS's raw event (`_data.JoinReason: "invite"`); other joins NOWEB's.
	 */
	webhooks: {
		initial: () => ({}),
		targets: () => [],
		request: (kind, event, _target, auth, forge) => {
			const at = event.at ?? 1764979200;
			const jid = (/** @type {{ phone?: string, lid?: string }} */ p) => (p.lid ? `${p.lid}@lid` : `${p.phone}@c.us`);
			const envelope = (/** @type {string} */ name, /** @type {unknown} */ payload) => ({
				id: `evt_${crypto.randomBytes(8).toString('hex')}`,
				timestamp: at * 1000,
				event: name,
				session: auth.session,
				metadata: {},
				me: { id: ME.id, pushName: 'Acme Support' },
				payload,
				engine: 'NOWEB',
				environment: { version: '2026.9.1', engine: 'NOWEB', tier: 'PLUS', browser: null },
			});
			/** @type {unknown} */
			let body;
			if (kind === 'other') {
				body = envelope('message', { id: 'false_5511977776666@c.us_AAA', timestamp: at, from: '5511977776666@c.us', fromMe: false, body: 'hi', hasMedia: false });
			} else if (kind === 'joinRequested') {
				const p = event.participants[0] ?? {};
				body = envelope('group.v2.participants.join-request', {
					group: { id: `${event.group}@g.us` },
					action: 'created',
					requesterId: jid(p),
					requesterPn: p.lid && p.phone ? `${p.phone}@c.us` : null,
					requestMethod: event.method ?? 'invite_link',
					timestamp: at,
					_data: {},
				});
			} else {
				const join = kind === 'memberJoined';
				const participants = event.participants.map((p) => ({ id: jid(p), pn: p.phone ? `${p.phone}@c.us` : null, role: join ? 'participant' : 'left' }));
				const author = event.by ? `${event.by}@s.whatsapp.net` : undefined;
				const data =
					join && event.via === 'invite_link'
						? { JID: `${event.group}@g.us`, Notify: 'invite', Sender: participants[0]?.id, Timestamp: new Date(at * 1000).toISOString(), JoinReason: 'invite', Join: participants.map((p) => p.id), Leave: null, Promote: null, Demote: null }
						: { id: `${event.group}@g.us`, ...(author ? { author } : {}), participants: participants.map((p) => p.id), action: join ? 'add' : 'remove' };
				body = envelope('group.v2.participants', { group: { id: `${event.group}@g.us` }, type: join ? 'join' : 'leave', timestamp: at, participants, _data: data });
			}
			const text = JSON.stringify(body);
			if (auth.webhookSecret === '') return { body: text };
			const key = forge ? `${auth.webhookSecret}-forged` : auth.webhookSecret;
			return {
				body: text,
				headers: { 'X-Webhook-Hmac': crypto.createHmac('sha512', key).update(text).digest('hex'), 'X-Webhook-Hmac-Algorithm': 'sha512' },
			};
		},
	},

	route(sim, method, url) {
		const s = /^\/api\/sessions\/([^/]+)$/.exec(url.pathname);
		const list = s ? null : /^\/api\/([^/]+)\/groups(\/join-info)?$/.exec(url.pathname);
		const m = /^\/api\/([^/]+)\/groups\/([^/]+)\/invite-code(\/revoke)?$/.exec(url.pathname);
		const jr = /^\/api\/([^/]+)\/groups\/([^/]+)\/(?:participants\/join-requests(?:\/(approve|reject))?|settings\/security\/(membership-approval))$/.exec(url.pathname);
		if (jr) return joinRequestRoute(sim, method, jr);
		if (!m && !s && !list) return undefined;
		/** @type {import('./index').Op} */
		const op = s ? 'status' : list ? (list[2] ? 'lookup' : 'list') : m && m[3] ? 'reset' : 'get';
		const session = decodeURIComponent(s ? s[1] : list ? list[1] : m ? m[1] : '');
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
						engine: { engine: sim.variants.wahaEngine },
						me: status === 'WORKING' ? { ...ME, pushName: 'Acme Support' } : null,
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
				const engine = sim.variants.wahaEngine;
				if (op === 'list') {
					const participants = u.searchParams.get('exclude') !== 'participants';
					const groups = [...sim.groups].map(([gid, g]) => [`${gid}@g.us`, engineGroup(engine, gid, g, participants)]);
					// NOWEB answers an object keyed by JID, the others an array.
					return json(200, engine === 'NOWEB' ? Object.fromEntries(groups) : groups.map(([, g]) => g));
				}
				const refusal = (/** @type {string} */ reason) =>
					json(500, {
						statusCode: 500,
						timestamp: new Date().toISOString(),
						exception: { message: reason, name: 'Error', data: reason === 'not-authorized' ? 401 : 404 },
						request: { path: u.pathname, method, query: {} },
						version: { version: '2025.1.1', engine: 'NOWEB', tier: 'CORE' },
					});
				if (op === 'lookup') {
					// join-info: the code (or a link); WhatsApp's "gone" for a code that leads nowhere.
					const given = u.searchParams.get('code') ?? '';
					const code = /chat\.whatsapp\.com\/([A-Za-z0-9]+)/.exec(given)?.[1] ?? given;
					const found = sim.groupByCode(code);
					if (!found) return refusal(engine === 'GOWS' ? 'failed to get group info: the group invite link has been revoked' : 'gone');
					const [gid, g] = found;
					return json(200, engineGroup(engine, gid, g, false));
				}
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
