// @ts-check
'use strict';
/**
 * WPPConnect Server (wppconnect-team/wppconnect-server@348a672, lib wppconnect@05a7769, wa-js@6972a84):
 * `Authorization: Bearer <token>` for one session name, routes under `/api/{session}/`; the link in
 * `response`, "success" on get and "Success" on revoke; wa-js's refusals as 500 (get) or 400 (revoke)
 * with a reason lost to a minified class name; 404 "não está ativa" for a session with no logged-in
 * client; status-session with its five states; the list as a bare array of chats.
 */
const crypto = require('node:crypto');
const { newInviteCode, json, raw } = require('./common');

/** The connected number, and its LID (LID-addressed groups list participants by LID). */
const ME = '5511999999999';
const ME_LID = '201234567890123';
const OTHER = '5511888888888';
const OTHER_LID = '209876543210987';

/** A WhatsApp Web Wid as the lib serialises it. @param {string} serialized */
function wid(serialized) {
	const [user, server] = serialized.split('@');
	return { server, user, _serialized: serialized };
}

/** Express's own 404 for a route it does not have. @param {string} method @param {string} path */
const noRoute = (method, path) =>
	raw(404, `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${method} ${path}</pre>\n</body>\n</html>\n`, 'text/html; charset=utf-8');

/** The controllers' catch: {status: "error", message, error: {name: <minified class>}}. @param {number} status @param {string} message @param {string} name */
const waError = (status, message, name) => json(status, { status: 'error', message, error: { name } });

/** @type {import('./index').SimVendor} */
module.exports = {
	id: 'wppconnect',
	credentialType: 'groupInviteWppconnectApi',
	makeAuth: () => ({
		session: 'acme-wpp',
		// bcrypt(session + SECRET_KEY) with "/" → "_" and "+" → "-" (src/controller/encryptController.ts).
		token: `$2b$10$${crypto.randomBytes(40).toString('base64').replace(/\//g, '_').replace(/\+/g, '-').replace(/=+$/, '').slice(0, 53)}`,
	}),
	variants: {
		/** @type {'CONNECTED' | 'CLOSED' | 'INITIALIZING' | 'QRCODE' | 'PHONECODE'} the session's status (client.status). */
		wppStatus: 'CONNECTED',
		/** Whether a CONNECTED status still carries the QR code of its login (urlcode is never cleared). */
		wppStaleQr: false,
		/** @type {'pn' | 'lid'} how group participants are addressed (LID-addressed groups list `…@lid`). */
		wppAddressing: 'pn',
		/** Whether the server has GET contact/pn-lid (newer servers). */
		wppPnLid: true,
	},
	credentials: (auth, baseUrl) => ({ baseUrl, session: auth.session, token: auth.token }),
	secrets: (auth) => [auth.token],
	errorBody: (message) => ({ status: 'error', message }),

	/**
	 * WPPConnect's webhook: the session's `webhook` from start-session or the server's webhook.url, set by
	 * hand (nothing registered: `initial()` {}, `targets()` []; tests post with `sim.deliverTo`). The body is
	 * callWebHook's `{event, session, ...data}` (src/util/functions.ts:117-157) with the lib's participant
	 * event `{by, byPushName, groupId, action, operation, who}` (wppconnect listener.layer.ts:562-588;
	 * wa-js registerParticipantsChangedEvent.ts: an add by invite is action "join"). Unsigned: `forge` changes
	 * nothing (the URL token is all the node can check, and only in automatic/replace).
	 */
	webhooks: {
		initial: () => ({}),
		targets: () => [],
		request: (kind, event, _target, auth) => {
			if (kind === 'other' || kind === 'joinRequested') {
				// WPPConnect has no join-request event: a message stands for both.
				return {
					body: JSON.stringify({ event: 'onmessage', session: auth.session, id: 'false_5511977776666@c.us_AAA', body: 'hi', type: 'chat', from: '5511977776666@c.us', to: `${ME}@c.us`, isGroupMsg: false, t: event.at ?? 1764979200 }),
				};
			}
			const who = event.participants.map((p) => (p.lid ? `${p.lid}@lid` : `${p.phone}@c.us`));
			const join = kind === 'memberJoined';
			const action = join ? (event.via === 'invite_link' ? 'join' : 'add') : event.by && who.includes(`${event.by}@c.us`) ? 'leave' : 'remove';
			const by = event.by ? `${event.by}@c.us` : join && action === 'join' ? who[0] : `${ME}@c.us`;
			return {
				body: JSON.stringify({ event: 'onparticipantschanged', session: auth.session, by, byPushName: 'Someone', groupId: `${event.group}@g.us`, action, operation: join ? 'add' : 'remove', who }),
			};
		},
	},

	route(sim, method, url) {
		const m =
			/^\/api\/([^/]+)\/(status-session|group-invite-link|group-revoke-link|list-chats|get-phone-number|contact\/pn-lid|group-info-from-invite-link)(?:\/([^/]+))?$/.exec(
				url.pathname,
			);
		if (!m) return undefined;
		const [, sessionPart, endpoint, param] = m;
		/** @type {Record<string, import('./index').Op>} */
		const ops = {
			'status-session': 'status',
			'group-invite-link': 'get',
			'group-revoke-link': 'reset',
			'list-chats': 'list',
			'get-phone-number': 'status',
			'contact/pn-lid': 'status',
			'group-info-from-invite-link': 'lookup',
		};
		const op = ops[endpoint];
		return {
			op,
			handler: (req, u, body) => {
				const auth = sim.auth.wppconnect;
				const expected = endpoint === 'list-chats' || endpoint === 'group-info-from-invite-link' ? 'POST' : 'GET';
				if (method !== expected) return noRoute(method, u.pathname);
				const takesParam = ['contact/pn-lid', 'group-invite-link', 'group-revoke-link'].includes(endpoint);
				if (takesParam !== (param !== undefined)) return noRoute(method, u.pathname);
				if (endpoint === 'contact/pn-lid' && !sim.variants.wppPnLid) return noRoute(method, u.pathname);
				// src/middleware/auth.ts: "session:token" in the path, or the token after the first space of
				// the Authorization header; bcrypt(session + SECRET_KEY) must match.
				const pathSession = decodeURIComponent(sessionPart);
				const session = pathSession.split(':')[0];
				let token = pathSession.includes(':') ? pathSession.split(':')[1] : undefined;
				if (token === undefined) {
					token = String(req.headers.authorization ?? '').split(' ')[1];
					if (!token) return json(401, { message: 'Token is not present. Check your header and try again' });
				}
				if (session !== auth.session || token !== auth.token) {
					return json(401, { error: 'Check that the Session and Token are correct' });
				}
				const status = sim.variants.wppStatus;
				if (endpoint === 'status-session') {
					// src/controller/sessionController.ts getSessionState: CLOSED {qrcode: null} without a client.
					if (status === 'CLOSED') return json(200, { status: 'CLOSED', qrcode: null });
					const urlcode = '2@AbCdEfGhIjKlMnOpQrStUvWxYz0123456789,abcdef==,ghijkl==,mnopqr==';
					const showQr = status === 'QRCODE' || (status === 'CONNECTED' && sim.variants.wppStaleQr);
					return json(200, {
						status,
						qrcode: showQr ? 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' : null,
						urlcode: showQr ? urlcode : '',
						version: '2.10.4',
					});
				}
				// src/middleware/statusConnection.ts: a session whose client never logged in has no isConnected.
				if (status !== 'CONNECTED') {
					return json(404, { response: null, status: 'Disconnected', message: 'A sessão do WhatsApp não está ativa.' });
				}
				const lid = sim.variants.wppAddressing === 'lid';
				if (endpoint === 'get-phone-number') return json(200, { status: 'success', response: `${ME}@c.us`, mapper: 'device' });
				if (endpoint === 'contact/pn-lid') {
					const pn = decodeURIComponent(param ?? '');
					if (pn !== `${ME}@c.us`) return json(500, { status: 'error', message: 'Error on get contact by PN-LID', error: { name: 'r' } });
					return json(200, { lid: wid(`${ME_LID}@lid`), phoneNumber: wid(`${ME}@c.us`), contact: { id: wid(`${ME}@c.us`), name: 'Acme Support' } });
				}
				if (endpoint === 'list-chats') {
					// lib retriever.layer.ts listChats → wa-js chat.list: filters, then slices from the cursor
					// chat (included) for `count` chats (all without count).
					/** @type {{ onlyGroups?: boolean, count?: number, id?: string, direction?: string }} */
					let options = {};
					try {
						options = body ? JSON.parse(body) : {};
					} catch {
						return json(400, { status: 'error', message: 'Unexpected token in JSON' });
					}
					/** @type {any[]} */
					let chats = [...sim.groups].map(([gid, g]) => ({
						id: wid(`${gid}@g.us`),
						name: g.name,
						t: 1730918668,
						unreadCount: 0,
						archive: false,
						isReadOnly: false,
						kind: 'group',
						isBroadcast: false,
						isGroup: true,
						isUser: false,
						contact: { id: wid(`${gid}@g.us`), name: g.name },
						groupMetadata: {
							id: wid(`${gid}@g.us`),
							creation: 1588721491,
							owner: wid(lid ? `${OTHER_LID}@lid` : `${OTHER}@c.us`),
							subject: g.name,
							desc: '',
							size: g.size,
							announce: false,
							restrict: false,
							memberAddMode: 'admin_add',
							isLidAddressingMode: lid,
							participants: [
								{ id: wid(lid ? `${ME_LID}@lid` : `${ME}@c.us`), isAdmin: g.admin, isSuperAdmin: false },
								{ id: wid(lid ? `${OTHER_LID}@lid` : `${OTHER}@c.us`), isAdmin: !g.admin, isSuperAdmin: !g.admin },
							],
						},
						presence: { id: wid(`${gid}@g.us`), chatstates: [] },
						msgs: null,
					}));
					if (!options.onlyGroups) {
						chats.push({ id: wid(`${OTHER}@c.us`), name: 'A contact', kind: 'chat', isGroup: false, isUser: true, groupMetadata: null, msgs: null });
					}
					if (options.count !== undefined || options.id !== undefined) {
						const count = options.count ?? Number.POSITIVE_INFINITY;
						const start = options.id ? Math.max(0, chats.findIndex((c) => c.id._serialized === options.id)) : 0;
						chats = chats.slice(start, start + count);
					}
					return json(200, chats);
				}
				if (endpoint === 'group-info-from-invite-link') {
					/** @type {{ invitecode?: string }} */
					let payload = {};
					try {
						payload = body ? JSON.parse(body) : {};
					} catch {
						return json(400, { status: 'error', message: 'Unexpected token in JSON' });
					}
					// lib group.layer.ts and wa-js getGroupInfoFromInviteCode strip the link's prefix; a code
					// WhatsApp does not know (revoked, invalid) is their invalid_invite_code.
					const code = String(payload.invitecode ?? '').replace('chat.whatsapp.com/', '').replace('invite/', '').replace('https://', '').replace('http://', '');
					const found = sim.groupByCode(code);
					if (!found) return waError(500, 'Error on get group info from invite link', 'r');
					const [gid, g] = found;
					return json(200, {
						status: 'success',
						response: {
							id: `${gid}@g.us`,
							owner: lid ? `${OTHER_LID}@lid` : `${OTHER}@c.us`,
							subject: g.name,
							subjectOwner: `${OTHER}@c.us`,
							desc: '',
							creation: 1588721491,
							size: g.size,
							announce: false,
							restrict: false,
							membershipApprovalMode: false,
							participants: [{ id: lid ? `${OTHER_LID}@lid` : `${OTHER}@c.us`, isAdmin: false, isSuperAdmin: true }],
						},
					});
				}
				// group-invite-link / group-revoke-link: groupToArray (src/util/functions.ts) splits on "," and
				// ";" and forces "@g.us"; every group is acted on, the last answer is returned.
				const ids = decodeURIComponent(param ?? '')
					.split(/[,;]/)
					.map((id) => (id.includes('@') ? id : `${id}@g.us`));
				const reset = endpoint === 'group-revoke-link';
				/** @type {import('./index').SimGroup | undefined} */
				let last;
				for (const id of ids) {
					const group = sim.groupByJid(id);
					// wa-js ensureGroup(id, true): InvalidChat ("a") for a chat it does not have, WPPError ("r")
					// for group_you_are_not_admin; get answers 500, revoke 400.
					if (!group) return waError(reset ? 400 : 500, `Error on ${reset ? 'revoke' : 'get'} group invite link`, 'a');
					if (!group.admin) return waError(reset ? 400 : 500, `Error on ${reset ? 'revoke' : 'get'} group invite link`, 'r');
					if (reset) group.code = newInviteCode();
					last = group;
				}
				if (!last) return waError(500, 'Error on get group invite link', 'a');
				return json(200, { status: reset ? 'Success' : 'success', response: `https://chat.whatsapp.com/${last.code}` });
			},
		};
	},
};
