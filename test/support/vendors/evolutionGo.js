// @ts-check
'use strict';
/**
 * Evolution GO (EvolutionAPI/evolution-go@89eaae3, Go/Gin on whatsmeow; not Evolution API): the
 * instance token in the `apikey` header (the global key only on admin routes: 401 here), Get and
 * Reset on the one route `POST /group/invitelink` told apart by `reset` in the body, `{message, data}`
 * answers and `{error}` errors, WhatsApp's refusals as HTTP 500 with whatsmeow's text. With no client
 * in memory, every instance route starts the instance first (counted in `sim.evolutionGoStarts`).
 * Served under the path PREFIX, as a self-hosted server behind a reverse proxy may be (its credential's
 * Base URL carries the prefix): uazapi answers the same paths (/instance/status, /group/list) at the root.
 */
const crypto = require('node:crypto');
const { newInviteCode, json, groupIdOf } = require('./common');

const PREFIX = '/evolution-go';
const ME = '5511999999999';
const OTHER = '5511888888888';

/** @param {number} status @param {string} message */
const fail = (status, message) => json(status, { error: message });

/** @param {string} text @returns {Record<string, unknown> | undefined} */
function parse(text) {
	try {
		const value = JSON.parse(text);
		return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

/** Go's encoding/json matches keys case-insensitively: `groupJid`, `groupJID`, `GroupJid` all bind. @param {Record<string, unknown>} body @param {string} key */
function goField(body, key) {
	const found = Object.keys(body).find((k) => k.toLowerCase() === key.toLowerCase());
	return found === undefined ? undefined : body[found];
}

/** @type {import('./index').SimVendor} */
module.exports = {
	id: 'evolutionGo',
	credentialType: 'groupInviteEvolutionGoApi',
	makeAuth: () => ({
		/** The instance's own token: what the credential holds. */
		token: `EGOI${crypto.randomBytes(12).toString('hex').toUpperCase()}`,
		/** The server's GLOBAL_API_KEY: admin routes only. */
		globalKey: `EGOG${crypto.randomBytes(12).toString('hex').toUpperCase()}`,
	}),
	variants: {
		/**
		 * @type {'connected' | 'unloaded' | 'disconnected' | 'noSession' | 'qr'} The instance: connected; not in
		 * memory (the next call starts it, then it is connected); client present but disconnected; not in
		 * memory and starting it fails; connected to WhatsApp but not logged in (waiting for its QR code).
		 */
		evolutionGoState: 'connected',
		/** @type {'flat' | 'wiki'} GroupInfo as Go serialises it (embedded structs flattened) or as the project's wiki shows it (`GroupName.Name`). */
		evolutionGoListShape: 'flat',
	},
	credentials: (auth, baseUrl) => ({ token: auth.token, baseUrl: `${baseUrl}${PREFIX}` }),
	secrets: (auth) => [auth.token, auth.globalKey],
	errorBody: (message) => ({ error: message }),

	// The instance record's webhook fields (pkg/instance/model/instance_model.go:10-35@89eaae3), set only by
	// POST /instance/connect and readable only on the admin routes: the trigger sets nothing (manual).
	webhooks: {
		initial: () => ({ webhook: 'https://bot.example.com/evolution-go', events: 'MESSAGE', rabbitmqEnable: '', websocketEnable: '', natsEnable: '' }),
		// sendToQueueOrWebhook: a URL other than "" / "disabled", and GROUP among the subscriptions.
		targets: (state) =>
			state.webhook && state.webhook !== 'disabled' && String(state.events ?? '').split(',').includes('GROUP') ? [{ url: state.webhook }] : [],
		// whatsmeow.go:1797-1799,1838-1866: {event: "GroupInfo", data: events.GroupInfo, instanceToken, instanceId, instanceName}.
		request: (kind, event, _target, auth, forge) => {
			const envelope = { instanceToken: forge ? 'EGOIFORGED' : auth.token, instanceId: 'c0ffee00-0000-4000-8000-000000000001', instanceName: 'acme' };
			if (kind === 'other' || kind === 'joinRequested') {
				return { body: JSON.stringify({ event: 'Receipt', data: { MessageIDs: ['M1'], Type: 'read', Timestamp: '2025-12-06T00:00:00Z' }, ...envelope }) };
			}
			const jids = event.participants.map((p) => (p.lid ? `${p.lid}@lid` : `${p.phone}@s.whatsapp.net`));
			const data = {
				JID: `${event.group}@g.us`,
				Notify: event.via === 'invite_link' ? 'invite' : '',
				Sender: event.by ? `${event.by}@s.whatsapp.net` : null,
				SenderPN: null,
				Timestamp: new Date((event.at ?? 1764979200) * 1000).toISOString().replace('.000Z', 'Z'),
				Name: null,
				Topic: null,
				PrevParticipantVersionID: '',
				ParticipantVersionID: '',
				JoinReason: event.via === 'invite_link' ? 'invite' : '',
				Join: kind === 'memberJoined' ? jids : null,
				Leave: kind === 'memberLeft' ? jids : null,
				Promote: null,
				Demote: null,
				UnknownChanges: null,
			};
			return { body: JSON.stringify({ event: 'GroupInfo', data, ...envelope }) };
		},
	},

	route(sim, method, url) {
		/** @type {Record<string, import('./index').Op>} */
		const ops = { '/instance/status': 'status', '/group/list': 'list', '/group/invitelink': 'get' };
		if (!url.pathname.startsWith(`${PREFIX}/`)) return undefined;
		const path = url.pathname.slice(PREFIX.length);
		const op = ops[path];
		if (!op) return undefined;
		return {
			op,
			opFor: (text) => (op === 'get' && parse(text) && goField(/** @type {any} */ (parse(text)), 'reset') === true ? 'reset' : op),
			handler: (req, _u, text) => {
				// Gin routes by method first: another method is a 404 "404 page not found" (text/plain).
				const expected = path === '/group/invitelink' ? 'POST' : 'GET';
				if (method !== expected) return { status: 404, body: '404 page not found', raw: true, contentType: 'text/plain' };
				// auth_middleware.go Auth: the value must be an instance's token; the global key is not one.
				const key = req.headers.apikey;
				if (key !== sim.auth.evolutionGo.token) return fail(401, 'not authorized');
				let state = sim.variants.evolutionGoState;
				if (state === 'unloaded') {
					// ensureClientConnected: StartInstance, wait 2 s, then the client is there.
					sim.evolutionGoStarts = (sim.evolutionGoStarts ?? 0) + 1;
					sim.variants.evolutionGoState = state = 'connected';
				}
				const isStatus = op === 'status';
				// /instance/status answers these with 400, the group routes with 500.
				if (state === 'disconnected') return fail(isStatus ? 400 : 500, 'client disconnected');
				if (state === 'noSession') return fail(isStatus ? 400 : 500, 'no active session found');
				if (isStatus) return json(200, { message: 'success', data: { Connected: true, LoggedIn: state === 'connected', Name: state === 'connected' ? 'Acme Support' : '' } });
				// Connected but not paired: what WhatsApp answers a group query then is not in the source (UNVERIFIED).
				if (state === 'qr') return fail(500, 'info query timed out');
				if (op === 'list') {
					const wiki = sim.variants.evolutionGoListShape === 'wiki';
					const data = [...sim.groups].map(([gid, g]) => ({
						JID: `${gid}@g.us`,
						OwnerJID: `${OTHER}@s.whatsapp.net`,
						...(wiki ? { GroupName: { Name: g.name, NameSetAt: '2025-01-15T10:30:00Z' } } : { Name: g.name, NameSetAt: '2025-01-15T10:30:00Z' }),
						GroupCreated: '2025-01-15T10:00:00Z',
						Participants: [
							{ JID: `${ME}@s.whatsapp.net`, PhoneNumber: '', LID: '', IsAdmin: g.admin, IsSuperAdmin: false },
							{ JID: `${OTHER}@s.whatsapp.net`, PhoneNumber: '', LID: '', IsAdmin: !g.admin, IsSuperAdmin: !g.admin },
							...Array.from({ length: Math.max(0, g.size - 2) }, (_, i) => ({ JID: `55119000${String(i).padStart(5, '0')}@s.whatsapp.net`, IsAdmin: false, IsSuperAdmin: false })),
						],
						...(wiki ? {} : { ParticipantCount: 0 }),
					}));
					return json(200, { message: 'success', data: data.length ? data : null });
				}
				// POST /group/invitelink: ValidateNumberField (JSON bodies only), then ShouldBindBodyWithJSON
				// (which parses whatever the content type), then the group service.
				const body = parse(text);
				if (!body) {
					if (String(req.headers['content-type'] ?? '').includes('application/json')) return fail(400, 'Invalid JSON format');
					return fail(400, text.trim() === '' ? 'EOF' : "invalid character looking for beginning of value");
				}
				const given = String(goField(body, 'groupJid') ?? '');
				if (given === '') return fail(400, 'groupJID is required');
				const reset = goField(body, 'reset') === true;
				// utils.ParseJID → CreateJID: kept with @g.us; 18+ digits get @g.us (else a contact).
				const jid = given.includes('@') ? given : /^\d{18,}$/.test(given) ? `${given}@g.us` : `${given}@s.whatsapp.net`;
				if (groupIdOf(jid) === undefined) return fail(500, 'invalid group jid');
				const group = sim.groupByJid(jid);
				if (!group) return fail(500, 'that group does not exist');
				if (!group.admin) return fail(500, "you don't have the permission to get the group's invite link");
				if (reset) group.code = newInviteCode();
				return json(200, { message: 'success', data: `https://chat.whatsapp.com/${group.code}` });
			},
		};
	},
};
