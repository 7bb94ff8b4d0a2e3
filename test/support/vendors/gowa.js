// @ts-check
'use strict';
/**
 * GOWA, go-whatsapp-web-multidevice (aldinokemal/go-whatsapp-web-multidevice@51f7b19, Fiber v3.4.0,
 * whatsmeow@33cfac5): HTTP Basic only when the server has APP_BASIC_AUTH (a plain-text 401
 * "Unauthorized" otherwise); the device by X-Device-Id; every answer {code, message, results} with
 * code "SUCCESS"; a device that is not logged in as a JSON 401 AUTHENTICATION_ERROR; WhatsApp's
 * refusals as 500 INTERNAL_SERVER_ERROR with whatsmeow's text; reset as `reset=true` on the GET.
 *
 * Served under /gowa, as a server with APP_BASE_PATH=/gowa (and apart from the other gateways' paths).
 */
const crypto = require('node:crypto');
const { newInviteCode, json, raw } = require('./common');
const { groupInfo, ME } = require('./whatsmeowGroups');

const PREFIX = '/gowa';
/** The server's device, and a second one for the several-devices variant. */
const DEVICE = 'acme-device';
const OTHER_DEVICE = 'sales-device';

/** @type {Record<number, string>} */
const CODES = { 400: 'VALIDATION_ERROR', 401: 'AUTHENTICATION_ERROR', 404: 'NOT_FOUND', 429: 'TOO_MANY_REQUESTS', 500: 'INTERNAL_SERVER_ERROR', 503: 'SERVICE_UNAVAILABLE', 504: 'GATEWAY_TIMEOUT' };

/** @param {number} status @param {string} code @param {string} message @param {unknown} [results] */
const answer = (status, code, message, results) => json(status, { code, message, ...(results === undefined ? {} : { results }) });
/** The Recovery middleware's answer for whatsmeow's error text. @param {string} message */
const panicked = (message) => answer(500, 'INTERNAL_SERVER_ERROR', message);

/** Fiber query binding of a bool (strconv.ParseBool). @param {string} value */
function parseBool(value) {
	if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
	if (['0', 'f', 'F', 'FALSE', 'false', 'False', ''].includes(value)) return false;
	return undefined;
}

/**
 * Join requests (GOWA ≥ v5.6.0; ui/rest/group.go:211-277, usecase/group.go:215-315@51f7b19): the list
 * `results: [{jid, phone_number, requested_at}]` (null when none; phone_number the LID's digits when
 * GOWA cannot resolve it), approve/reject by phone digits only (`participantToJID` appends
 * @s.whatsapp.net) → `results: [{participant, status, message}]`, "Action approve failed (code 404)"
 * for a request that is not pending; whatsmeow's IQ refusals as 500 INTERNAL_SERVER_ERROR.
 * @param {any} sim @param {'joinRequests' | 'approve' | 'reject'} op @param {URL} u @param {string} body
 * @param {() => import('./common').Result | undefined} mustLogin
 */
function joinRequests(sim, op, u, body, mustLogin) {
	/** @type {any} */
	let payload = {};
	if (op === 'joinRequests') {
		payload = { group_id: u.searchParams.get('group_id') ?? '' };
		if (payload.group_id === '') return answer(400, 'INVALID_GROUP_ID', 'Group ID cannot be empty');
	} else {
		try {
			payload = JSON.parse(body || '{}') ?? {};
		} catch {
			return panicked('unexpected end of JSON input');
		}
		if (!payload.group_id) return answer(400, 'VALIDATION_ERROR', 'group_id: cannot be blank.');
		if (!Array.isArray(payload.participants) || payload.participants.length === 0) return answer(400, 'VALIDATION_ERROR', 'participants: cannot be blank.');
	}
	const refused = mustLogin();
	if (refused) return refused;
	// SanitizePhone: an id without @ gets @g.us when longer than 15 characters.
	const groupId = String(payload.group_id).includes('@') ? String(payload.group_id) : `${payload.group_id}@g.us`;
	if (op !== 'joinRequests') {
		for (const p of payload.participants) {
			// participantToJID: `<entry>@s.whatsapp.net`, which must be on WhatsApp.
			if (!/^\d{8,15}$/.test(String(p))) return answer(400, 'INVALID_JID', 'user is not registered');
		}
	}
	const group = sim.groupByJid(groupId);
	if (!group) return panicked('info query returned status 404: item-not-found');
	if (!group.admin) return panicked('info query returned status 401: not-authorized');
	if (op === 'joinRequests') {
		const results = group.joinRequests.map((/** @type {import('./index').SimJoinRequest} */ r) => ({
			jid: r.lid ? `${r.lid}@lid` : `${r.phone}@s.whatsapp.net`,
			phone_number: r.phone ?? r.lid,
			requested_at: rfc3339(r.at),
		}));
		return answer(200, 'SUCCESS', 'Success getting list requested participants', results.length > 0 ? results : null);
	}
	const gid = groupId.replace(/@g\.us$/, '');
	const results = payload.participants.map((/** @type {string} */ p) => {
		const request = group.joinRequests.find((/** @type {import('./index').SimJoinRequest} */ r) => r.phone === String(p));
		// WhatsApp answers with the id it knows the requester by (the LID, where it has one).
		const participant = request?.lid ? `${request.lid}@lid` : `${p}@s.whatsapp.net`;
		return sim.settleJoinRequest(gid, String(p), op)
			? { participant, status: 'success', message: `Action ${op} success` }
			: { participant, status: 'error', message: `Action ${op} failed (code 404)` };
	});
	return answer(200, 'SUCCESS', `Success ${op} requested participants`, results);
}

/** Go's time.Time in RFC 3339 at the server's offset (-03:00). @param {number} seconds */
function rfc3339(seconds) {
	const local = new Date((seconds - 3 * 3600) * 1000).toISOString().replace(/\.\d{3}Z$/, '');
	return `${local}-03:00`;
}

/**
 * GET /devices, GET and PATCH /devices/{device_id}/webhook (ui/rest/device.go:20-32,205-290@51f7b19):
 * PATCH writes the four fields (webhook_url required), GET answers them ("" / false when unset).
 * @param {any} sim @param {string} method @param {string | undefined} device
 */
function webhookRoute(sim, method, device) {
	return {
		op: /** @type {import('./index').Op} */ (method === 'PATCH' ? 'webhookWrite' : 'webhookRead'),
		handler: (/** @type {import('node:http').IncomingMessage} */ req, /** @type {URL} */ _u, /** @type {string} */ body) => {
			const refused = basicAuthRefusal(sim, req);
			if (refused) return refused;
			const devices = sim.variants.gowaDevices === 'multi' ? [DEVICE, OTHER_DEVICE] : [DEVICE];
			if (device === undefined) {
				if (method !== 'GET') return raw(405, 'Method Not Allowed', 'text/plain; charset=utf-8');
				return answer(200, 'SUCCESS', 'List devices', devices.map((id, i) => ({ id, phone_number: i === 0 ? ME : '5511888888888', state: 'logged_in', jid: `${i === 0 ? ME : '5511888888888'}:7@s.whatsapp.net`, created_at: '2025-12-01T10:00:00Z' })));
			}
			if (!devices.includes(device)) return panicked('sql: no rows in result set');
			// Only the first device's settings are simulated; the other keeps none.
			const state = device === DEVICE ? sim.hookState.gowa : { webhook_url: '', webhook_secret: '', webhook_events: '', webhook_insecure_skip_verify: false };
			if (method === 'GET') return answer(200, 'SUCCESS', 'Device webhook retrieved', { device_id: device, ...state });
			if (method !== 'PATCH') return raw(405, 'Method Not Allowed', 'text/plain; charset=utf-8');
			/** @type {any} */
			let payload;
			try {
				payload = JSON.parse(body || '{}') ?? {};
			} catch {
				return answer(400, 'BAD_REQUEST', 'Invalid request body');
			}
			if (typeof payload.webhook_url !== 'string') return answer(400, 'BAD_REQUEST', 'webhook_url is required');
			const next = {
				webhook_url: payload.webhook_url,
				webhook_secret: String(payload.webhook_secret ?? ''),
				webhook_events: String(payload.webhook_events ?? ''),
				webhook_insecure_skip_verify: payload.webhook_insecure_skip_verify === true,
			};
			if (device === DEVICE) sim.hookState.gowa = next;
			return answer(200, 'SUCCESS', 'Device webhook updated', { device_id: device, ...next });
		},
	};
}

/** cmd/rest.go: basic auth first, for every route, when APP_BASIC_AUTH is set. @param {any} sim @param {import('node:http').IncomingMessage} req */
function basicAuthRefusal(sim, req) {
	if (!sim.variants.gowaBasicAuth) return undefined;
	const auth = sim.auth.gowa;
	const header = String(req.headers.authorization ?? '');
	if (!/^basic /i.test(header)) return raw(401, 'Unauthorized', 'text/plain; charset=utf-8');
	const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
	const [user, ...rest] = decoded.split(':');
	if (user !== auth.username || rest.join(':') !== auth.password) return raw(401, 'Unauthorized', 'text/plain; charset=utf-8');
	return undefined;
}

/** @type {import('./index').SimVendor} */
module.exports = {
	id: 'gowa',
	credentialType: 'groupInviteGowaApi',
	makeAuth: () => ({ username: 'acme', password: `GOWA${crypto.randomBytes(12).toString('hex')}` }),
	variants: {
		/** Whether the server runs with APP_BASIC_AUTH (else no auth at all). */
		gowaBasicAuth: true,
		/** @type {'single' | 'multi'} one device (the default one), or several (X-Device-Id required). */
		gowaDevices: 'single',
		/** @type {'loggedIn' | 'disconnected' | 'notLoggedIn'} the device: logged in; paired but its socket down; never paired. */
		gowaState: 'loggedIn',
		/** Whether groups are LID-addressed (participants' JID a LID, PhoneNumber the number). */
		gowaLid: false,
	},
	credentials: (auth, baseUrl) => ({ baseUrl: `${baseUrl}${PREFIX}`, username: auth.username, password: auth.password, deviceId: DEVICE }),
	secrets: (auth) => [auth.password],
	errorBody: (message, status) => ({ code: CODES[status] ?? 'INTERNAL_SERVER_ERROR', message }),

	// The device's webhook columns (devices table; sqlite_repository.go:1547-1600@51f7b19), as GET
	// /devices/{device_id}/webhook answers them.
	webhooks: {
		// The user's own bot, sent messages only, with its own secret (kept through every test).
		initial: () => ({ webhook_url: 'https://bot.example.com/gowa', webhook_secret: 'user-bot-secret', webhook_events: 'message', webhook_insecure_skip_verify: false }),
		// webhook_forward.go:100-124,188-210: the device URL when set, if the event is listed (or none are).
		// (An empty URL falls back to the server's global list, not simulated.)
		targets: (state) => {
			const events = String(state.webhook_events ?? '').split(',').map((e) => e.trim().toLowerCase()).filter((e) => e !== '');
			return state.webhook_url && (events.length === 0 || events.includes('group.participants')) ? [{ url: state.webhook_url, secret: state.webhook_secret || 'secret' }] : [];
		},
		// event_group.go:15-38 and webhook.go:44-65: the JSON body signed with HMAC-SHA256 in X-Hub-Signature-256.
		request: (kind, event, target, _auth, forge) => {
			const timestamp = rfc3339(event.at ?? 1764979200);
			const body = JSON.stringify(
				kind === 'other' || kind === 'joinRequested'
					? { event: 'message', device_id: `${ME}@s.whatsapp.net`, timestamp, payload: { id: 'M1', chat_id: '5511977776666@s.whatsapp.net', from: '5511977776666@s.whatsapp.net', body: 'hi' } }
					: {
							event: 'group.participants',
							device_id: `${ME}@s.whatsapp.net`,
							timestamp,
							payload: {
								chat_id: `${event.group}@g.us`,
								type: kind === 'memberJoined' ? 'join' : 'leave',
								jids: event.participants.map((p) => (p.phone ? `${p.phone}@s.whatsapp.net` : `${p.lid}@lid`)),
							},
						},
			);
			const key = forge ? 'forged-secret' : target.secret ?? 'secret';
			return { body, headers: { 'X-Hub-Signature-256': `sha256=${crypto.createHmac('sha256', key).update(body).digest('hex')}` } };
		},
	},

	route(sim, method, url) {
		if (!url.pathname.startsWith(`${PREFIX}/`)) return undefined;
		const path = url.pathname.slice(PREFIX.length);
		const hook = /^\/devices(?:\/([^/]+)\/webhook)?$/.exec(path);
		if (hook) return webhookRoute(sim, method, hook[1] === undefined ? undefined : decodeURIComponent(hook[1]));
		const reset = path === '/group/invite-link' && parseBool(url.searchParams.get('reset') ?? '') === true;
		/** @type {Record<string, import('./index').Op>} */
		const ops = {
			'/group/invite-link': reset ? 'reset' : 'get',
			'/user/my/groups': 'list',
			'/app/status': 'status',
			'/group/info-from-link': 'lookup',
			'/group/participant-requests': 'joinRequests',
			'/group/participant-requests/approve': 'approve',
			'/group/participant-requests/reject': 'reject',
		};
		const op = ops[path];
		if (!op) return undefined;
		return {
			op,
			handler: (req, u, body) => {
				const auth = sim.auth.gowa;
				// cmd/rest.go: basicauth runs first, for every route, when APP_BASIC_AUTH is set.
				if (sim.variants.gowaBasicAuth) {
					const header = String(req.headers.authorization ?? '');
					if (!/^basic /i.test(header)) return raw(401, 'Unauthorized', 'text/plain; charset=utf-8');
					const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
					if (!/^[A-Za-z0-9+/]+=*$/.test(header.slice(6).trim()) || !decoded.includes(':')) return raw(400, 'Bad Request', 'text/plain; charset=utf-8');
					const [user, ...rest] = decoded.split(':');
					if (user !== auth.username || rest.join(':') !== auth.password) return raw(401, 'Unauthorized', 'text/plain; charset=utf-8');
				}
				if (method !== (op === 'approve' || op === 'reject' ? 'POST' : 'GET')) return raw(405, 'Method Not Allowed', 'text/plain; charset=utf-8');
				// ui/rest/middleware/device.go: X-Device-Id (URL-decoded), else ?device_id=, else the only device.
				let deviceId = String(req.headers['x-device-id'] ?? '').trim();
				try {
					deviceId = decodeURIComponent(deviceId.replace(/\+/g, ' '));
				} catch {
					// kept as sent
				}
				if (deviceId === '') deviceId = (u.searchParams.get('device_id') ?? '').trim();
				const devices = sim.variants.gowaDevices === 'multi' ? [DEVICE, OTHER_DEVICE] : [DEVICE];
				if (deviceId === '') {
					if (devices.length > 1) return answer(400, 'DEVICE_ID_REQUIRED', 'device_id is required via X-Device-Id header or device_id query');
					deviceId = DEVICE;
				}
				if (!devices.includes(deviceId) && deviceId !== `${ME}@s.whatsapp.net`) {
					return answer(404, 'DEVICE_NOT_FOUND', 'device not found; create a device first from /api/devices or provide a valid X-Device-Id', { device_id: deviceId });
				}
				const state = sim.variants.gowaState;
				if (path === '/app/status') {
					// usecase/app.go Status: false/false before pairing (Store.ID nil); jid "" then.
					return answer(200, 'SUCCESS', 'Connection status retrieved', {
						is_connected: state === 'loggedIn',
						is_logged_in: state === 'loggedIn',
						device_id: DEVICE,
						jid: state === 'notLoggedIn' ? '' : `${ME}@s.whatsapp.net`,
					});
				}
				// pkg/utils/whatsapp.go MustLogin, after each use case's validation.
				const mustLogin = () =>
					state === 'disconnected'
						? answer(401, 'AUTHENTICATION_ERROR', 'you are not connect to services server, please reconnect')
						: state === 'notLoggedIn'
							? answer(401, 'AUTHENTICATION_ERROR', 'you are not logged in')
							: undefined;
				if (op === 'joinRequests' || op === 'approve' || op === 'reject') return joinRequests(sim, op, u, body, mustLogin);
				if (path === '/user/my/groups') {
					const refused = mustLogin();
					if (refused) return refused;
					const data = [...sim.groups].map(([gid, g]) => groupInfo(gid, g, { lid: sim.variants.gowaLid }));
					return answer(200, 'SUCCESS', 'Success get list groups', { data: data.length > 0 ? data : null });
				}
				if (path === '/group/info-from-link') {
					const link = u.searchParams.get('link') ?? '';
					if (link === '') return answer(400, 'VALIDATION_ERROR', 'link: cannot be blank.');
					const refused = mustLogin();
					if (refused) return refused;
					const found = sim.groupByCode(link.replace('https://chat.whatsapp.com/', ''));
					if (!found) return panicked('that group invite link has been revoked');
					const [gid, g] = found;
					const info = groupInfo(gid, g, { lid: sim.variants.gowaLid });
					return answer(200, 'SUCCESS', 'Success get group info from link', {
						group_id: `${gid}@g.us`,
						name: g.name,
						topic: '',
						created_at: info.GroupCreated,
						participant_count: info.Participants.length,
						is_locked: false,
						is_announce: false,
						is_ephemeral: false,
						description: '',
					});
				}
				// /group/invite-link (ui/rest/group.go:430-446, usecase/group.go:467-494)
				const resetParam = parseBool(u.searchParams.get('reset') ?? '');
				if (resetParam === undefined) return panicked(`failed to decode: schema: error converting value for "reset"`);
				const groupId = u.searchParams.get('group_id') ?? '';
				if (groupId === '') return answer(400, 'VALIDATION_ERROR', 'group_id: cannot be blank.');
				const refused = mustLogin();
				if (refused) return refused;
				const group = sim.groupByJid(groupId);
				if (!group) return panicked('that group does not exist');
				if (!group.admin) return panicked("you don't have the permission to get the group's invite link");
				if (reset) group.code = newInviteCode();
				return answer(200, 'SUCCESS', 'Success get group invite link', { invite_link: `https://chat.whatsapp.com/${group.code}`, group_id: groupId });
			},
		};
	},
};
