// @ts-check
'use strict';
/**
 * RyzeAPI (https://docs.ryzeapi.cloud): `token` header (an instance's token or the account's), the
 * instance in the path; errors `{success: false, error: {message}}`.
 *
 * Join requests (docs /en/api/groups/requests, /participants, /update; research notes
 * docs/research/join-requests-ryzeapi-meta-zapi-uazapi.md §1): the list gives each requester's `@lid`
 * JID with `phoneNumber` (or null); approve/reject answer 200 with one entry per participant
 * `{success, error}` (the entry's id key, `jid`, and the "not pending" text are UNVERIFIED: the
 * simulator answers `{jid, success: false, error: "item-not-found"}`); the update is partial.
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

	webhooks: {
		// An instance that already sends its messages to the user's own bot, and a second, disabled row.
		initial: () => ({
			webhooks: [
				{ label: 'crm', enabled: true, url: 'https://bot.example.com/ryze', authorization: 'Bearer user-bot-token', byEvents: false, events: ['message.exchange'], mediaBase64: false },
				{ label: 'old', enabled: false, url: '', authorization: '', byEvents: false, events: [], mediaBase64: false },
			],
		}),
		// Every enabled row whose events include group.flow (or that has none: "it receives the 6 types"),
		// with the Authorization header it was given.
		targets: (state) =>
			(state.webhooks ?? [])
				.filter((/** @type {any} */ w) => w.enabled && w.url && (!w.events?.length || w.events.includes('group.flow')))
				.map((/** @type {any} */ w) => ({ url: w.url, headers: w.authorization ? { authorization: w.authorization } : {} })),
		// docs.ryzeapi.cloud/en/api/events/overview: {event, data, instanceData{baseUrl, instance, token}};
		// group.flow's `data` is undocumented: the shape the source models (UNVERIFIED).
		request: (kind, event, target, auth, forge) => {
			const instanceData = { baseUrl: 'https://ryzeapi.cloud', instance: auth.instanceName, token: auth.token };
			const headers = forge ? { authorization: 'Bearer forged' } : (target.headers ?? {});
			if (kind === 'other') {
				return {
					headers,
					body: JSON.stringify({ event: 'message.exchange', data: { key: { remoteJid: '5511977776666@s.whatsapp.net', fromMe: false, id: 'M1' }, message: { conversation: 'hi' } }, instanceData }),
				};
			}
			const action = kind === 'memberJoined' ? 'joined' : kind === 'memberLeft' ? (event.by ? 'removed' : 'left') : 'join_request';
			return {
				headers,
				body: JSON.stringify({
					event: 'group.flow',
					data: {
						groupJid: `${event.group}@g.us`,
						action,
						participants: event.participants.map((p) => ({
							jid: p.lid ? `${p.lid}@lid` : `${p.phone}@s.whatsapp.net`,
							phoneNumber: p.phone ? `${p.phone}@s.whatsapp.net` : null,
						})),
						...(event.by ? { author: `${event.by}@s.whatsapp.net` } : {}),
						...(kind === 'joinRequested' ? { requestMethod: event.method ?? 'invite_link' } : {}),
						timestamp: event.at ?? 1764979200,
					},
					instanceData,
				}),
			};
		},
	},

	route(sim, method, url) {
		const events = /^\/api\/events\/(webhook|getWebhook)\/([^/]+)$/.exec(url.pathname);
		if (events) return webhookRoute(sim, method, events[1] === 'webhook', decodeURIComponent(events[2]));
		const m = /^\/api\/group\/(info|resetLink|list|requests|participants|update)\/([^/]+)$/.exec(url.pathname);
		if (url.pathname !== '/api/instance/list' && !m) return undefined;
		/** @type {Record<string, import('./index').Op>} */
		const ops = { info: 'get', list: 'list', resetLink: 'reset', requests: 'joinRequests', participants: 'approve', update: 'joinApproval' };
		/** @type {import('./index').Op} */
		const op = !m ? 'status' : ops[m[1]];
		const instance = m ? decodeURIComponent(m[2]) : '';
		return {
			op,
			// The participants route approves or rejects, as its body's `action` says.
			...(op === 'approve' ? { opFor: (/** @type {string} */ body) => (/"action"\s*:\s*"reject"/.test(body) ? 'reject' : 'approve') } : {}),
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
				if (op === 'joinRequests' || op === 'approve' || op === 'joinApproval') return joinRoute(sim, op, method, req, u, body);
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

/**
 * The webhook routes (docs.ryzeapi.cloud/en/api/events/webhook-configure, /webhook-list): POST upserts the
 * row by label (default "default"), at most 3 enabled; `{enabled: false}` clears url, authorization,
 * events and mediaBase64 and keeps the row; GET lists them all sorted by label, or `?label=` one (404).
 * @param {any} sim @param {string} method @param {boolean} write @param {string} instance
 */
function webhookRoute(sim, method, write, instance) {
	return {
		op: /** @type {import('./index').Op} */ (write ? 'webhookWrite' : 'webhookRead'),
		handler: (/** @type {import('node:http').IncomingMessage} */ req, /** @type {URL} */ u, /** @type {string} */ body) => {
			const auth = sim.auth.ryzeApi;
			const token = req.headers.token;
			if (token === undefined) return fail(401, 'Missing token in header');
			if (token !== auth.token) return fail(401, 'Invalid token');
			if (instance !== auth.instanceName) {
				return sim.variants.ryzeTokenKind === 'instance' ? fail(403, 'Instance token does not match the requested instance') : fail(404, 'Instance not found');
			}
			/** @type {any[]} */
			const rows = sim.hookState.ryzeApi.webhooks;
			if (!write) {
				if (method !== 'GET') return fail(405, 'Method not allowed');
				if (u.searchParams.has('label')) {
					const label = u.searchParams.get('label') || 'default';
					const row = rows.find((r) => r.label === label);
					return row ? json(200, { success: true, webhook: row }) : fail(404, 'Webhook not found');
				}
				return json(200, { success: true, webhooks: [...rows].sort((a, b) => String(a.label).localeCompare(String(b.label))) });
			}
			if (method !== 'POST') return fail(405, 'Method not allowed');
			if (!String(req.headers['content-type'] ?? '').includes('application/json')) return fail(415, 'Content-Type must be application/json');
			/** @type {any} */
			let parsed;
			try {
				parsed = JSON.parse(body || '{}') ?? {};
			} catch {
				return fail(400, 'Invalid JSON body');
			}
			const label = typeof parsed.label === 'string' && parsed.label !== '' ? parsed.label : 'default';
			const index = rows.findIndex((r) => r.label === label);
			const enabled = parsed.enabled !== false;
			let row;
			if (!enabled) {
				row = { ...(rows[index] ?? { label, byEvents: false }), label, enabled: false, url: '', authorization: '', events: [], mediaBase64: false };
			} else {
				if (typeof parsed.url !== 'string' || !/^https?:\/\//.test(parsed.url)) return fail(400, 'url is required when enabled is true');
				const active = rows.filter((r) => r.enabled && r.label !== label).length;
				if (active >= 3) return fail(400, 'Maximum of 3 enabled webhooks per instance reached');
				row = {
					label,
					enabled: true,
					url: parsed.url,
					authorization: typeof parsed.authorization === 'string' ? parsed.authorization : '',
					byEvents: parsed.byEvents === true,
					events: Array.isArray(parsed.events) ? parsed.events : [],
					mediaBase64: parsed.mediaBase64 === true,
				};
			}
			if (index < 0) rows.push(row);
			else rows[index] = row;
			return json(200, { success: true, message: 'Webhook saved', webhook: row });
		},
	};
}

/**
 * The join-request routes: list (GET /api/group/requests), approve/reject (POST
 * /api/group/participants) and the approval setting (PUT /api/group/update).
 * @param {any} sim @param {import('./index').Op} op @param {string} method
 * @param {import('node:http').IncomingMessage} req @param {URL} u @param {string} body
 */
function joinRoute(sim, op, method, req, u, body) {
	const expected = op === 'joinRequests' ? 'GET' : op === 'approve' ? 'POST' : 'PUT';
	if (method !== expected) return fail(405, 'Method not allowed');
	/** @type {Record<string, any>} */
	let parsed = {};
	if (method !== 'GET') {
		if (!String(req.headers['content-type'] ?? '').includes('application/json')) return fail(415, 'Content-Type must be application/json');
		try {
			parsed = JSON.parse(body || '{}') ?? {};
		} catch {
			return fail(400, 'Invalid JSON body');
		}
	}
	const identifier = method === 'GET' ? u.searchParams.get('identifier') : parsed.identifier;
	if (!identifier) return fail(400, 'Identifier is required');
	const found = sim.findGroup(String(identifier));
	if (!found) return fail(404, 'Group not found or you are not a member of this group');
	const [id, group] = found;
	const jid = `${id}@g.us`;
	if (op === 'joinRequests') {
		if (!group.admin) return fail(403, 'Not authorized to view group requests (must be admin)');
		/** @param {import('./index').SimJoinRequest} r */
		const row = (r) => ({
			jid: r.lid ? `${r.lid}@lid` : `${r.phone}@s.whatsapp.net`,
			phoneNumber: r.phone ? `${r.phone}@s.whatsapp.net` : null,
			requestedAt: new Date(r.at * 1000).toISOString().replace(/\.000Z$/, 'Z'),
		});
		const requests = group.joinRequests.map(row);
		return json(200, { success: true, message: `${requests.length} pending requests found`, groupJid: jid, requests, meta: { total: requests.length } });
	}
	if (op === 'joinApproval') {
		const value = parsed.groupSettings?.requireAdminApproval;
		if (typeof value !== 'boolean') return fail(400, 'At least one field beyond identifier must be sent');
		if (!group.admin) return fail(403, 'Not authorized to update group (must be admin)');
		group.approvalRequired = value;
		return json(200, {
			success: true,
			message: 'Group updated: requireAdminApproval',
			group: {
				jid,
				name: group.name,
				participantCount: group.size,
				groupSettings: { membersCanSendMessages: true, membersCanEditInfo: false, membersCanAddOthers: false, requireAdminApproval: group.approvalRequired },
			},
		});
	}
	const action = parsed.action;
	if (action !== 'approve' && action !== 'reject') return fail(400, 'action must be one of add, remove, promote, demote, approve, reject');
	const participants = Array.isArray(parsed.participants) ? parsed.participants.map(String) : [];
	if (participants.length === 0) return fail(400, 'participants is required');
	if (!group.admin) return fail(403, 'Not authorized to update group participants (must be admin)');
	const results = participants.map((who) => {
		/** @type {import('./index').SimJoinRequest | undefined} */
		const pending = group.joinRequests.find((/** @type {import('./index').SimJoinRequest} */ r) => {
			const digits = who.replace(/@.*$/, '');
			return r.phone === digits || r.lid === digits;
		});
		// "The service automatically resolves the equivalent LID when you pass only the phone number".
		const shown = pending?.lid ? `${pending.lid}@lid` : /@/.test(who) ? who : `${who}@s.whatsapp.net`;
		if (!pending || !sim.settleJoinRequest(id, who, action)) return { jid: shown, success: false, error: 'item-not-found' };
		return { jid: shown, success: true };
	});
	const ok = results.filter((r) => r.success).length;
	return json(200, { success: true, message: `${ok} of ${results.length} participants processed`, groupJid: jid, action, participants: results });
}
