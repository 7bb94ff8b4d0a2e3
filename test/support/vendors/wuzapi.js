// @ts-check
'use strict';
/**
 * Wuzapi (asternic/wuzapi@79ee4cd, May 2025, and 1.0.9 per handlers.go@02a462c): the user's `token`
 * header; every answer wrapped by `Respond` as {code, data, success}; WhatsApp's failures as HTTP 500
 * {"code": 500, "success": true} without a reason; reset as `reset=true` on the GET; the status in
 * either spelling; the invite lookup only in 1.0.9.
 *
 * Served under /wuzapi (a reverse proxy's path): Evolution GO and uazapi use the same paths
 * (/group/invitelink, /group/list), and one simulator serves every vendor.
 */
const crypto = require('node:crypto');
const { newInviteCode, json, raw } = require('./common');
const { groupInfo, ME } = require('./whatsmeowGroups');

const PREFIX = '/wuzapi';

/**
 * `Respond` (handlers.go:3368-3396): an error value → {code, error, success: false}; data that is not
 * JSON (the handlers' fmt.Sprintf strings for WhatsApp's failures) → {code, success: true}.
 * @param {number} status @param {unknown} [data] @param {string} [error]
 */
function respond(status, data, error) {
	if (error !== undefined) return json(status, { code: status, error, success: false });
	return json(status, data === undefined ? { code: status, success: true } : { code: status, data, success: true });
}

/** strconv.ParseBool. @param {string} value @returns {boolean | undefined} */
function parseBool(value) {
	if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
	if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
	return undefined;
}

const JOIN_ROUTES = ['/group/requestparticipants', '/group/updaterequestparticipants', '/group/joinapprovalmode'];

/** The op of POST /group/updaterequestparticipants: its body's Action. @param {string} body @returns {import('./index').Op} */
function actionOp(body) {
	try {
		return JSON.parse(body)?.Action === 'reject' ? 'reject' : 'approve';
	} catch {
		return 'approve';
	}
}

/**
 * Join requests (handlers_grouprequests.go@5ef9565): the list is whatsmeow's [{JID, RequestedAt}];
 * approve/reject answer "updated successfully" whatever whatsmeow said per requester (dropped);
 * WhatsApp's refusals as 500 with the handler's text.
 * @param {any} sim @param {string} path @param {URL} u @param {string} body @param {boolean} loggedIn
 */
function joinRequests(sim, path, u, body, loggedIn) {
	/** @type {any} */
	let payload = {};
	if (path !== '/group/requestparticipants') {
		try {
			payload = JSON.parse(body || 'null') ?? {};
		} catch {
			return respond(400, undefined, 'could not decode Payload');
		}
	}
	// Go's json decoding matches keys case-insensitively.
	/** @param {string} key */
	const get = (key) => Object.entries(payload).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
	const groupJID = path === '/group/requestparticipants' ? (u.searchParams.get('groupJID') ?? '') : String(get('GroupJID') ?? '');
	if (path === '/group/requestparticipants' && groupJID === '') return respond(400, undefined, 'missing groupJID parameter');
	if (!/^\d+(-\d+)?@g\.us$/.test(groupJID)) return respond(400, undefined, 'could not parse Group JID');
	const failed = (/** @type {string} */ what, /** @type {string} */ reason) => respond(500, undefined, `${what}: ${reason}`);
	const what =
		path === '/group/requestparticipants'
			? 'Failed to get group request participants'
			: path === '/group/joinapprovalmode'
				? 'failed to set group join approval mode'
				: 'failed to update group request participants';
	if (path === '/group/updaterequestparticipants') {
		const phones = get('Phone');
		if (!Array.isArray(phones) || phones.length === 0) return respond(400, undefined, 'missing Phone in Payload');
		// parseJID: bare digits → @s.whatsapp.net; an empty entry panics (recovered as a 500 here).
		if (phones.some((p) => typeof p !== 'string' || p === '' || !/^\+?\d+(@(s\.whatsapp\.net|lid))?$/.test(p))) return respond(400, undefined, 'could not parse Phone');
		const action = get('Action');
		if (!action) return respond(400, undefined, 'missing Action in Payload');
		if (action !== 'approve' && action !== 'reject') return respond(400, undefined, 'invalid Action in Payload (must be approve or reject)');
	}
	if (path === '/group/joinapprovalmode' && typeof get('mode') !== 'boolean') return respond(400, undefined, 'could not decode Payload');
	if (!loggedIn) return failed(what, 'websocket not connected');
	const group = sim.groupByJid(groupJID);
	if (!group) return failed(what, 'info query returned status 404: item-not-found');
	if (!group.admin) return failed(what, 'info query returned status 403: forbidden');
	if (path === '/group/requestparticipants') {
		const data = group.joinRequests.map((/** @type {import('./index').SimJoinRequest} */ r) => ({
			JID: r.lid ? `${r.lid}@lid` : `${r.phone}@s.whatsapp.net`,
			// Go's time.Time at the server's offset, as in API.md@5ef9565.
			RequestedAt: `${new Date((r.at - 3 * 3600) * 1000).toISOString().replace(/\.\d{3}Z$/, '')}-03:00`,
		}));
		return respond(200, data.length > 0 ? data : null);
	}
	if (path === '/group/joinapprovalmode') {
		group.approvalRequired = get('mode');
		return respond(200, { Details: 'Group join approval mode updated successfully' });
	}
	const gid = groupJID.replace(/@g\.us$/, '');
	// whatsmeow's per-requester result is discarded: the answer is the same whether it was pending.
	for (const phone of get('Phone')) sim.settleJoinRequest(gid, phone, get('Action'));
	return respond(200, { Details: 'Group request participants updated successfully' });
}

/** Event types POST /webhook keeps (constants.go messageTypes; GroupInfo and JoinedGroup in later builds). */
const MESSAGE_TYPES = ['Message', 'ReadReceipt', 'Presence', 'HistorySync', 'ChatPresence', 'GroupInfo', 'JoinedGroup', 'All'];

/**
 * /webhook (handlers.go:246-420@79ee4cd): GET {webhook, subscribe: events split on ","}; POST {webhookurl,
 * events?} sets the URL and, with events, the known ones joined (none known → "All"); DELETE empties both.
 * @param {any} sim @param {string} method
 */
function webhookRoute(sim, method) {
	return {
		op: /** @type {import('./index').Op} */ (method === 'GET' ? 'webhookRead' : 'webhookWrite'),
		handler: (/** @type {import('node:http').IncomingMessage} */ req, /** @type {URL} */ u, /** @type {string} */ body) => {
			const token = String(req.headers.token ?? '') || (u.searchParams.get('token') ?? '');
			if (token !== sim.auth.wuzapi.token) return respond(401, undefined, 'unauthorized');
			const state = sim.hookState.wuzapi;
			if (method === 'GET') return respond(200, { webhook: state.webhook, subscribe: String(state.events).split(',') });
			if (method === 'DELETE') {
				state.webhook = '';
				state.events = '';
				return respond(200, { Details: 'Webhook and events deleted successfully' });
			}
			if (method !== 'POST') return raw(405, '', 'text/plain; charset=utf-8');
			/** @type {any} */
			let payload;
			try {
				payload = JSON.parse(body || 'null') ?? {};
			} catch {
				return respond(400, undefined, 'could not decode payload');
			}
			state.webhook = String(payload.webhookurl ?? '');
			if (Array.isArray(payload.events) && payload.events.length > 0) {
				const valid = payload.events.filter((/** @type {string} */ e) => MESSAGE_TYPES.includes(e));
				state.events = valid.length > 0 ? valid.join(',') : 'All';
			}
			return respond(200, { webhook: state.webhook, events: payload.events ?? [] });
		},
	};
}

/** @type {import('./index').SimVendor} */
module.exports = {
	id: 'wuzapi',
	credentialType: 'groupInviteWuzapiApi',
	makeAuth: () => ({ token: `WUZ${crypto.randomBytes(12).toString('hex')}` }),
	variants: {
		/** @type {'1.0.9' | '2025-05'} the server: 1.0.9 (lower-case status keys with `jid`, /group/inviteinfo) or May 2025. */
		wuzapiVersion: '1.0.9',
		/**
		 * @type {'loggedIn' | 'connected' | 'disconnected' | 'none'} the user's WhatsApp client: logged in;
		 * connected but not logged in (QR pending); disconnected; no client in memory.
		 */
		wuzapiSession: 'loggedIn',
		/** Whether groups are LID-addressed (participants' JID a LID, PhoneNumber the number). */
		wuzapiLid: false,
	},
	credentials: (auth, baseUrl) => ({ baseUrl: `${baseUrl}${PREFIX}`, token: auth.token }),
	secrets: (auth) => [auth.token],
	errorBody: (message, status) => ({ code: status, error: message, success: false }),

	// The user's webhook and events columns (users table; handlers.go:246-420@79ee4cd).
	webhooks: {
		// The user's own bot, subscribed to messages only (kept through every test).
		initial: () => ({ webhook: 'https://bot.example.com/wuzapi', events: 'Message' }),
		// A URL set, and GroupInfo (or All) among the events.
		targets: (state) => {
			const events = String(state.events ?? '').split(',');
			return state.webhook && (events.includes('GroupInfo') || events.includes('All')) ? [{ url: state.webhook }] : [];
		},
		// wmiau.go:676-691 / helpers.go:26-42: a form with jsonData = {type, event}, plus userID and instanceName.
		request: (kind, event) => {
			const jsonData =
				kind === 'other' || kind === 'joinRequested'
					? { type: 'ReadReceipt', state: 'Read', event: { MessageIDs: ['M1'], Timestamp: '2025-12-06T00:00:00Z' } }
					: {
							type: 'GroupInfo',
							event: {
								JID: `${event.group}@g.us`,
								Notify: '',
								Sender: event.by ? `${event.by}@s.whatsapp.net` : null,
								SenderPN: null,
								Timestamp: new Date((event.at ?? 1764979200) * 1000).toISOString().replace('.000Z', 'Z'),
								JoinReason: event.via === 'invite_link' ? 'invite' : '',
								Join: kind === 'memberJoined' ? event.participants.map((p) => (p.lid ? `${p.lid}@lid` : `${p.phone}@s.whatsapp.net`)) : null,
								Leave: kind === 'memberLeft' ? event.participants.map((p) => (p.lid ? `${p.lid}@lid` : `${p.phone}@s.whatsapp.net`)) : null,
								Promote: null,
								Demote: null,
							},
						};
			const form = new URLSearchParams({ jsonData: JSON.stringify(jsonData), userID: '1', instanceName: 'acme' });
			return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
		},
	},

	route(sim, method, url) {
		if (!url.pathname.startsWith(`${PREFIX}/`)) return undefined;
		const path = url.pathname.slice(PREFIX.length);
		if (path === '/webhook') return webhookRoute(sim, method);
		const reset = path === '/group/invitelink' && parseBool(url.searchParams.get('reset') ?? '') === true;
		/** @type {Record<string, import('./index').Op>} */
		const ops = {
			'/group/invitelink': reset ? 'reset' : 'get',
			'/group/list': 'list',
			'/session/status': 'status',
			'/group/inviteinfo': 'lookup',
			'/group/requestparticipants': 'joinRequests',
			// approve or reject, read from the body's Action (opFor below)
			'/group/updaterequestparticipants': 'approve',
			'/group/joinapprovalmode': 'joinApproval',
		};
		const op = ops[path];
		if (!op) return undefined;
		return {
			op,
			...(path === '/group/updaterequestparticipants' ? { opFor: actionOp } : {}),
			handler: (req, u, body) => {
				const auth = sim.auth.wuzapi;
				const modern = sim.variants.wuzapiVersion === '1.0.9';
				// 1.0.9 lower-cased the error strings.
				/** @param {string} text */
				const say = (text) => (modern ? text.charAt(0).toLowerCase() + text.slice(1) : text);
				if (path === '/group/inviteinfo' && !modern) return raw(404, '404 page not found\n', 'text/plain; charset=utf-8');
				// The join-request routes (routes.go@5ef9565) are not in the May 2025 tree.
				const joinRoute = JOIN_ROUTES.includes(path);
				if (joinRoute && !modern) return raw(404, '404 page not found\n', 'text/plain; charset=utf-8');
				const expected = path === '/group/inviteinfo' || (joinRoute && path !== '/group/requestparticipants') ? 'POST' : 'GET';
				// gorilla/mux: a route matched with another method is a 405 with an empty body.
				if (method !== expected) return raw(405, '', 'text/plain; charset=utf-8');
				const token = String(req.headers.token ?? '') || (u.searchParams.get('token') ?? '');
				if (token !== auth.token) return respond(401, undefined, say('Unauthorized'));
				const state = sim.variants.wuzapiSession;
				const connected = state === 'loggedIn' || state === 'connected';
				const loggedIn = state === 'loggedIn';
				if (path === '/session/status') {
					if (!modern) {
						if (state === 'none') return respond(500, undefined, 'No session');
						return respond(200, { Connected: connected, LoggedIn: loggedIn });
					}
					return respond(200, {
						id: '1',
						name: 'acme',
						connected,
						loggedIn,
						token: auth.token,
						// The pairing's JID, with its device, kept in the database once paired.
						jid: `${ME}:12@s.whatsapp.net`,
						webhook: '',
						events: 'All',
						proxy_url: '',
						qrcode: '',
						history: '0',
						proxy_config: { enabled: false, proxy_url: '' },
						s3_config: { enabled: false, endpoint: '', region: '', bucket: '', access_key: '***', path_style: false, public_url: '', media_delivery: '', retention_days: 0 },
						hmac_configured: false,
					});
				}
				if (state === 'none') return respond(500, undefined, say('No session'));
				// whatsmeow's error (not connected, not logged in, not an admin, no such group, revoked link…),
				// passed to Respond as a string: the reason is dropped.
				const whatsappFailed = () => respond(500);
				if (joinRoute) return joinRequests(sim, path, u, body, loggedIn);
				if (path === '/group/list') {
					if (!loggedIn) return whatsappFailed();
					const groups = [...sim.groups].map(([gid, g]) => groupInfo(gid, g, { lid: sim.variants.wuzapiLid }));
					return respond(200, { Groups: groups.length > 0 ? groups : null });
				}
				if (path === '/group/inviteinfo') {
					/** @type {{ Code?: string }} */
					let payload;
					try {
						payload = JSON.parse(body || 'null') ?? {};
					} catch {
						return respond(400, undefined, 'could not decode Payload');
					}
					if (!payload.Code) return respond(400, undefined, 'missing Code in Payload');
					if (!loggedIn) return whatsappFailed();
					const found = sim.groupByCode(payload.Code.replace('https://chat.whatsapp.com/', ''));
					if (!found) return whatsappFailed();
					const [gid, g] = found;
					return respond(200, groupInfo(gid, g, { lid: sim.variants.wuzapiLid }));
				}
				// /group/invitelink (handlers.go:2933-2995)
				const groupJID = u.searchParams.get('groupJID') ?? '';
				if (groupJID === '') return respond(400, undefined, say('Missing groupJID parameter'));
				const resetParam = u.searchParams.get('reset') ?? '';
				if (resetParam !== '' && parseBool(resetParam) === undefined) {
					return respond(400, undefined, say('Invalid reset parameter, must be true or false'));
				}
				if (!/^[^@]+(@[a-z.]+)?$/.test(groupJID)) return respond(400, undefined, say('Could not parse Group JID'));
				if (!loggedIn) return whatsappFailed();
				const group = sim.groupByJid(groupJID);
				if (!group || !group.admin) return whatsappFailed();
				if (reset) group.code = newInviteCode();
				return respond(200, { InviteLink: `https://chat.whatsapp.com/${group.code}` });
			},
		};
	},
};
