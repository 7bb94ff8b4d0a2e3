// @ts-check
'use strict';
/**
 * uazapi (uazapiGO, closed source; OpenAPI v2.0.1 in jonesfernandess/uazapi-cli@7233784
 * uazapi-openapi.json, real answers in its skills/uazapi-api/SKILL.md): instance token in the `token`
 * header, JSON bodies with lower-case `groupjid` / `invitecode`, errors `{error}`; 401 for a bad
 * token and for an instance without a session; the link spelled `invite_link` (group info),
 * `InviteLink` (reset) or `inviteLink` (older server).
 *
 * Join requests: approve and reject only, `POST /group/updateParticipants` {groupjid, action,
 * participants} (uazapi-openapi.json :8669-8760), answering 200 `{groupUpdated: [{JID, Error}], group,
 * needs_refresh}` with WhatsApp's per-participant code (0 success; 404 here for a requester with no
 * pending request: which code WhatsApp sends is UNVERIFIED), 403 "Usuário não é administrador do grupo".
 * An unknown group answers 500 (undocumented; as the reset route here).
 */
const crypto = require('node:crypto');
const { newInviteCode, json, groupIdOf } = require('./common');

/** The connected number (status.jid.user, instance.owner) and its LID in the `live` shape. */
const ME = '5511999999999';
const ME_LID = '98999147212892';
const OTHER = '5511888888888';

/** @param {number} status @param {string} message */
const fail = (status, message) => json(status, { error: message });

/** @param {string} body @returns {Record<string, unknown> | undefined} */
function parse(body) {
	try {
		const value = JSON.parse(body);
		return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

/** @type {import('./index').SimVendor} */
module.exports = {
	id: 'uazapi',
	credentialType: 'groupInviteUazapiApi',
	makeAuth: () => ({ token: `UAZ${crypto.randomBytes(12).toString('hex')}` }),
	variants: {
		/**
		 * @type {'connected' | 'connecting' | 'disconnected' | 'hibernated'} instance.status (spec: disconnected,
		 * connecting, connected; `hibernated` per alltomatos/waconector docs/providers/uazapi.md).
		 */
		uazapiState: 'connected',
		/** @type {401 | 500} How group routes answer an instance without a session: 401 "No session" or 500 "WhatsApp client is not connected". */
		uazapiNoSession: 401,
		/** @type {'invite_link' | 'InviteLink' | 'inviteLink'} The key of the link in the /group/info answer. */
		uazapiInfoLink: 'invite_link',
		/** @type {'InviteLink' | 'invite_link' | 'inviteLink'} The key of the new link in the reset answer. */
		uazapiResetLink: 'InviteLink',
		/** @type {'noLink' | '500'} /group/info with getInviteLink for a group the number does not administer (undocumented). */
		uazapiNonAdminGet: 'noLink',
		/**
		 * @type {'spec' | 'live'} Group objects as the spec shows them (OwnerIsAdmin, phone-number JIDs) or as
		 * a real server answered (no OwnerIsAdmin, `@lid` JIDs, the phone in PhoneNumber, ParticipantCount).
		 */
		uazapiGroupShape: 'spec',
		/** @type {'post' | 'getOnly'} Whether the server has the paged POST /group/list (newer) or only GET. */
		uazapiList: 'post',
	},
	credentials: (auth, baseUrl) => ({ ...auth, baseUrl }),
	secrets: (auth) => [auth.token],
	errorBody: (message) => ({ error: message }),

	webhooks: {
		// An instance that already sends its messages to the user's own bot (spec :7503-7520's shape).
		initial: () => ({
			webhooks: [
				{
					id: '123e4567-e89b-12d3-a456-426614174000',
					enabled: true,
					url: 'https://bot.example.com/uazapi',
					events: ['messages', 'messages_update'],
					excludeMessages: ['wasSentByApi'],
					addUrlEvents: false,
					addUrlTypesMessages: false,
				},
			],
		}),
		targets: (state) =>
			(state.webhooks ?? [])
				.filter((/** @type {any} */ w) => w.enabled && (w.events ?? []).includes('groups'))
				.map((/** @type {any} */ w) => ({ url: w.url })),
		// UNVERIFIED shape (see providers/events/uazapi.ts): {EventType: "groups", token, action:
		// "participants", group: {JID, Name}, participants, participantAction}.
		request: (kind, event, _target, auth) => {
			if (kind === 'other') {
				return {
					body: JSON.stringify({
						EventType: 'messages',
						token: auth.token,
						messageid: '3EB0538DA65A59F6D8A251',
						chatid: '5511977776666@s.whatsapp.net',
						sender: '5511977776666@s.whatsapp.net',
						isGroup: false,
						fromMe: false,
						messageType: 'conversation',
						messageTimestamp: (event.at ?? 1764979200) * 1000,
						text: 'hi',
						wasSentByApi: false,
					}),
				};
			}
			const action = kind === 'memberJoined' ? 'add' : kind === 'memberLeft' ? 'remove' : 'request';
			return {
				body: JSON.stringify({
					EventType: 'groups',
					token: auth.token,
					action: 'participants',
					group: { JID: `${event.group}@g.us`, Name: 'Group' },
					participants: event.participants.map((p) => (p.lid ? { JID: `${p.lid}@lid`, PhoneNumber: p.phone ? `${p.phone}@s.whatsapp.net` : '' } : `${p.phone}@s.whatsapp.net`)),
					participantAction: action,
					...(kind === 'joinRequested' && event.method ? { requestMethod: event.method } : {}),
				}),
			};
		},
	},

	route(sim, method, url) {
		if (url.pathname === '/webhook') return webhookRoute(sim, method);
		/** @type {Record<string, import('./index').Op>} */
		const ops = {
			'/instance/status': 'status',
			'/group/info': 'get',
			'/group/resetInviteCode': 'reset',
			'/group/list': 'list',
			'/group/inviteInfo': 'lookup',
			'/group/updateParticipants': 'approve',
		};
		const op = ops[url.pathname];
		if (!op) return undefined;
		return {
			op,
			// The participants route approves or rejects, as its body's `action` says.
			...(op === 'approve' ? { opFor: (/** @type {string} */ text) => (parse(text)?.action === 'reject' ? 'reject' : 'approve') } : {}),
			handler: (req, u, text) => {
				const v = sim.variants;
				const expected = op === 'status' ? 'GET' : op === 'list' ? (v.uazapiList === 'post' ? ['GET', 'POST'] : ['GET']) : 'POST';
				if (!(Array.isArray(expected) ? expected : [expected]).includes(method)) return fail(405, 'Method Not Allowed');
				const token = req.headers.token;
				if (token === undefined || token === '') return fail(401, 'missing token');
				// The spec: "instance info not found" on /instance/status, "Invalid token" elsewhere.
				if (token !== sim.auth.uazapi.token) return fail(401, op === 'status' ? 'instance info not found' : 'Invalid token');
				const state = v.uazapiState;
				if (op === 'status') {
					const connected = state === 'connected';
					return json(200, {
						instance: {
							id: 'r183e2ef9597845',
							token: sim.auth.uazapi.token,
							status: state,
							name: 'acme-uazapi',
							profileName: connected ? 'Acme Support' : '',
							owner: connected ? ME : '',
							currentTime: '2026-01-25T12:00:00.000Z',
						},
						status: {
							connected: connected || state === 'connecting',
							loggedIn: connected,
							jid: connected ? { user: ME, agent: 0, device: 0, server: 's.whatsapp.net' } : null,
						},
					});
				}
				if (state !== 'connected') {
					return v.uazapiNoSession === 500 ? fail(500, 'WhatsApp client is not connected') : fail(401, 'No session');
				}
				const body = method === 'POST' ? parse(text) : {};
				if (method === 'POST' && !String(req.headers['content-type'] ?? '').includes('application/json')) return fail(400, 'Invalid JSON');
				if (!body) return fail(400, 'Invalid JSON');
				if (op === 'list') {
					const all = [...sim.groups].map(([gid, g]) => groupObject(v, gid, g));
					const withParticipants = (/** @type {Record<string, unknown>} */ group, /** @type {boolean} */ none) => (none ? { ...group, Participants: null } : group);
					if (method === 'GET') {
						const none = u.searchParams.get('noparticipants') === 'true';
						return json(200, { groups: all.map((g) => withParticipants(g, none)) });
					}
					// POST: page (1-based) and pageSize (default 50, max 1000), or offset (0-based).
					const size = Math.min(1000, Math.max(1, Number(body.pageSize ?? body.limit ?? 50) || 50));
					const page = body.offset !== undefined ? Math.floor(Number(body.offset) / size) + 1 : Math.max(1, Number(body.page ?? 1) || 1);
					const groups = all.slice((page - 1) * size, page * size).map((g) => withParticipants(g, body.noParticipants === true));
					const totalPages = Math.ceil(all.length / size);
					return json(200, {
						groups,
						pagination: { totalRecords: all.length, pageSize: size, currentPage: page, totalPages, hasNextPage: page < totalPages, hasPreviousPage: page > 1 },
					});
				}
				if (op === 'lookup') {
					const given = String(body.invitecode ?? '');
					const code = /chat\.whatsapp\.com\/([A-Za-z0-9]+)/.exec(given)?.[1] ?? given;
					if (!/^[A-Za-z0-9]{16,32}$/.test(code)) return fail(400, 'Invalid invite code');
					const found = sim.groupByCode(code);
					if (!found) return fail(404, 'Group invite link is invalid or has expired');
					const [gid, g] = found;
					const { OwnerIsAdmin: _flag, ...info } = groupObject(v, gid, g);
					return json(200, info);
				}
				const jid = String(body.groupjid ?? '');
				if (groupIdOf(jid) === undefined) return fail(400, 'Could not parse Group JID');
				const group = sim.groupByJid(jid);
				const id = /** @type {string} */ (groupIdOf(jid));
				if (op === 'get') {
					// The spec's 404 for /group/info: "Grupo não encontrado ou link de convite expirado".
					if (!group) return fail(404, 'Group invite link is invalid or has expired');
					const info = groupObject(v, id, group);
					if (body.getInviteLink !== true) return json(200, info);
					if (!group.admin) return v.uazapiNonAdminGet === '500' ? fail(500, 'Failed to retrieve group information') : json(200, info);
					return json(200, { ...info, [v.uazapiInfoLink]: `https://chat.whatsapp.com/${group.code}` });
				}
				if (op === 'approve') {
					const action = body.action;
					if (action !== 'approve' && action !== 'reject') return fail(400, 'Invalid action');
					const participants = Array.isArray(body.participants) ? body.participants.map(String) : [];
					if (participants.length === 0) return fail(400, 'participants is required');
					if (!group) return fail(500, 'Failed to update group participants');
					if (!group.admin) return fail(403, 'Usuário não é administrador do grupo');
					const groupUpdated = participants.map((/** @type {string} */ who) => {
						const shown = /@/.test(who) ? who : `${who}@s.whatsapp.net`;
						return { JID: shown, Error: sim.settleJoinRequest(id, who, action) ? 0 : 404 };
					});
					return json(200, { groupUpdated, group: groupObject(v, id, group), needs_refresh: false });
				}
				if (!group) return fail(500, 'Failed to reset group invite link');
				if (!group.admin) return fail(403, 'User is not an admin of this group');
				group.code = newInviteCode();
				return json(200, { [v.uazapiResetLink]: `https://chat.whatsapp.com/${group.code}`, group: groupObject(v, id, group), needs_refresh: false });
			},
		};
	},
};

/**
 * `GET /webhook` (the array) and `POST /webhook` (spec :7490-7880): `action` add (a new id), update (by
 * id, every field replaced), delete (by id); without `action` the simple mode updates the first
 * webhook or creates one. Answers the array after the change.
 * @param {any} sim @param {string} method
 */
function webhookRoute(sim, method) {
	return {
		op: /** @type {import('./index').Op} */ (method === 'GET' ? 'webhookRead' : 'webhookWrite'),
		handler: (/** @type {import('node:http').IncomingMessage} */ req, /** @type {URL} */ _u, /** @type {string} */ text) => {
			if (method !== 'GET' && method !== 'POST') return fail(405, 'Method Not Allowed');
			const token = req.headers.token;
			if (token === undefined || token === '') return fail(401, 'missing token');
			if (token !== sim.auth.uazapi.token) return fail(401, 'Invalid token');
			/** @type {any[]} */
			const rows = sim.hookState.uazapi.webhooks;
			if (method === 'GET') return json(200, rows);
			const body = parse(text);
			if (!body) return fail(400, 'Invalid JSON');
			const fields = (/** @type {Record<string, any>} */ b) => ({
				enabled: b.enabled !== false,
				url: String(b.url ?? ''),
				events: Array.isArray(b.events) ? b.events : [],
				excludeMessages: Array.isArray(b.excludeMessages) ? b.excludeMessages : [],
				addUrlEvents: b.addUrlEvents === true,
				addUrlTypesMessages: b.addUrlTypesMessages === true,
			});
			const action = body.action;
			if (action === 'delete') {
				const index = rows.findIndex((r) => r.id === body.id);
				if (index < 0) return fail(404, 'Webhook not found');
				rows.splice(index, 1);
				return json(200, rows);
			}
			if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url)) return fail(400, 'Invalid URL');
			if (action === 'add') {
				rows.push({ id: crypto.randomUUID(), ...fields(body) });
			} else if (action === 'update') {
				const index = rows.findIndex((r) => r.id === body.id);
				if (index < 0) return fail(404, 'Webhook not found');
				rows[index] = { id: rows[index].id, ...fields(body) };
			} else if (action === undefined) {
				if (rows.length === 0) rows.push({ id: crypto.randomUUID(), ...fields(body) });
				else rows[0] = { id: rows[0].id, ...fields(body) };
			} else {
				return fail(400, 'Invalid action');
			}
			return json(200, rows);
		},
	};
}

/**
 * A Group object as uazapi sends it (whatsmeow's GroupInfo plus uazapi's own fields).
 * @param {Record<string, any>} v @param {string} gid @param {import('./index').SimGroup} g @returns {Record<string, unknown>}
 */
function groupObject(v, gid, g) {
	const live = v.uazapiGroupShape === 'live';
	const me = live
		? { JID: `${ME_LID}@lid`, PhoneNumber: `${ME}@s.whatsapp.net`, LID: `${ME_LID}@lid` }
		: { JID: `${ME}@s.whatsapp.net`, PhoneNumber: '', LID: '' };
	const other = live
		? { JID: '77712345678901@lid', PhoneNumber: `${OTHER}@s.whatsapp.net`, LID: '77712345678901@lid' }
		: { JID: `${OTHER}@s.whatsapp.net`, PhoneNumber: '', LID: '' };
	const participants = [
		{ ...me, IsAdmin: g.admin, IsSuperAdmin: false, DisplayName: '', Error: 0, AddRequest: null },
		{ ...other, IsAdmin: !g.admin, IsSuperAdmin: !g.admin, DisplayName: '', Error: 0, AddRequest: null },
		...Array.from({ length: Math.max(0, g.size - 2) }, (_, i) => ({
			JID: `55119000${String(i).padStart(5, '0')}@s.whatsapp.net`,
			PhoneNumber: '',
			LID: '',
			IsAdmin: false,
			IsSuperAdmin: false,
			DisplayName: '',
			Error: 0,
			AddRequest: null,
		})),
	];
	return {
		JID: `${gid}@g.us`,
		OwnerJID: live ? '' : `${OTHER}@s.whatsapp.net`,
		OwnerPN: live ? '' : `${OTHER}@s.whatsapp.net`,
		Name: g.name,
		NameSetAt: '2026-07-06T16:01:10Z',
		Topic: '',
		IsLocked: false,
		IsAnnounce: false,
		IsEphemeral: false,
		GroupCreated: '2026-07-06T16:01:10Z',
		Participants: participants,
		...(live ? { ParticipantCount: g.size, Suspended: false } : {}),
		MemberAddMode: 'admin_add',
		AddressingMode: live ? 'lid' : 'pn',
		OwnerCanSendMessage: true,
		...(live ? {} : { OwnerIsAdmin: g.admin }),
	};
}
