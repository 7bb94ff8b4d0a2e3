// @ts-check
'use strict';
/**
 * Z-API (https://developer.z-api.io, repo Z-API/z-api-docs): instance id and token in the path, the
 * account's Client-Token header; group ids sent as `<digits>-group` (or the older `<phone>-<timestamp>`).
 *
 * Join requests: only approve and reject (`POST /approve-participant`, `/reject-participant` with
 * `{groupId, phones}`, group/approve-participant.md and reject-participant.md), answering `{value:
 * true | false}`. Z-API documents no other answer: no phone pending, a group the number does not
 * administer and an unknown group all answer 200 `{value: false}` here (what third-party reports say).
 */
const crypto = require('node:crypto');
const { newInviteCode, json, page } = require('./common');

/**
 * The webhook routes (zdocs/instance/me.md, zdocs/webhooks/on-message-received.md:18-56): `GET /me` shows
 * the callback URLs, `PUT /update-webhook-received` `{value}` sets the "received" one (https only).
 * @param {any} sim @param {string} method @param {RegExpExecArray} m
 */
function webhookRoute(sim, method, m) {
	const [, instance, token, endpoint] = m;
	return {
		op: /** @type {import('./index').Op} */ (endpoint === 'me' ? 'webhookRead' : 'webhookWrite'),
		handler: (/** @type {import('node:http').IncomingMessage} */ req, /** @type {URL} */ _u, /** @type {string} */ body) => {
			const auth = sim.auth.zApi;
			const clientToken = req.headers['client-token'];
			if (auth.clientToken) {
				if (clientToken === undefined) return json(400, { error: 'your client-token is not configured' });
				if (clientToken !== auth.clientToken) return json(403, { error: `Client-Token ${clientToken} not allowed` });
			}
			if (decodeURIComponent(instance) !== auth.instanceId || decodeURIComponent(token) !== auth.instanceToken) {
				return json(404, { error: 'Instance not found' });
			}
			const state = sim.hookState.zApi;
			if (endpoint === 'me') {
				if (method !== 'GET') return json(405, { error: 'Method not allowed' });
				return json(200, {
					id: auth.instanceId,
					token: auth.instanceToken,
					name: 'Acme Support',
					due: 1893456000000,
					connected: Boolean(sim.variants.zApiConnected),
					paymentStatus: 'PAID',
					created: '2025-01-10T12:00:00.000Z',
					callRejectAuto: false,
					callRejectMessage: '',
					autoReadMessage: false,
					initialDataCallbackUrl: '',
					...state,
				});
			}
			if (method !== 'PUT') return json(405, { error: 'Method not allowed' });
			if (!String(req.headers['content-type'] ?? '').includes('application/json')) return json(415, { error: 'Unsupported Media Type' });
			/** @type {any} */
			let parsed;
			try {
				parsed = JSON.parse(body || '{}') ?? {};
			} catch {
				return json(400, { error: 'Invalid JSON' });
			}
			const value = parsed.value;
			if (typeof value !== 'string') return json(400, { error: 'value is required' });
			const https = /^https:\/\//i.test(value);
			const testHttp = sim.variants.zApiWebhookHttp && /^http:\/\/127\.0\.0\.1[:/]/.test(value);
			// Empty clears the URL (UNVERIFIED: Z-API documents only setting one).
			if (value !== '' && !https && !testHttp) return json(400, { error: 'Z-API does not accept webhooks that are not HTTPS' });
			state.receivedCallbackUrl = value;
			return json(200, { value: true });
		},
	};
}

/** @type {import('./index').SimVendor} */
module.exports = {
	id: 'zApi',
	credentialType: 'groupInviteZApi',
	makeAuth: () => ({
		instanceId: `3C4F${crypto.randomBytes(12).toString('hex').toUpperCase()}`,
		instanceToken: `ZTOK${crypto.randomBytes(12).toString('hex')}`,
		clientToken: `ZCLI${crypto.randomBytes(12).toString('hex')}`,
	}),
	variants: {
		/** @type {'GET' | 'POST'} Z-API's get-invitation-link method (current docs GET, older POST). */
		zApiGetMethod: 'GET',
		/** @type {'invitationLink' | 'value'} Z-API reset answer (current docs / before 2024-02). */
		zApiReset: 'invitationLink',
		/** Whether the instance is connected (`/status` answers 200 {connected: false} when not). */
		zApiConnected: true,
		/**
		 * Whether `PUT /update-webhook-received` also takes an http://127.0.0.1 URL (a test's own); false is
		 * Z-API's real behaviour: "Z-API does not accept webhooks that aren't HTTPS".
		 */
		zApiWebhookHttp: false,
	},
	credentials: (auth, baseUrl) => ({ ...auth, baseUrl }),
	secrets: (auth) => [auth.instanceToken, auth.clientToken, auth.instanceId],
	errorBody: (message) => ({ error: message }),

	webhooks: {
		// An instance whose messages already go to the user's own bot (the one "received" URL).
		initial: () => ({
			receivedCallbackUrl: 'https://bot.example.com/zapi/received',
			receiveCallbackSentByMe: false,
			deliveryCallbackUrl: 'https://bot.example.com/zapi/delivery',
			messageStatusCallbackUrl: '',
			connectedCallbackUrl: '',
			disconnectedCallbackUrl: '',
			presenceChatCallbackUrl: '',
		}),
		targets: (state) => (state.receivedCallbackUrl ? [{ url: state.receivedCallbackUrl }] : []),
		// zdocs/webhooks/on-message-received.md: a ReceivedCallback with a `notification` for group
		// changes (:1928-1975) and join requests (:592-692); a plain text message for `other` (:123-150).
		request: (kind, event) => {
			const base = {
				isStatusReply: false,
				connectedPhone: '5511999999999',
				waitingMessage: false,
				isEdit: false,
				isGroup: true,
				isNewsletter: false,
				instanceId: 'A20DA9C0183A2D35A260F53F5D2B9244',
				messageId: `A20DA9${crypto.randomBytes(10).toString('hex').toUpperCase()}`,
				phone: `${event.group}-group`,
				fromMe: false,
				momment: (event.at ?? 1764979200) * 1000,
				status: 'RECEIVED',
				chatName: 'Group',
				senderPhoto: null,
				senderName: 'name',
				photo: null,
				broadcast: false,
				referenceMessageId: null,
				forwarded: false,
				type: 'ReceivedCallback',
			};
			if (kind === 'other') {
				return { body: JSON.stringify({ ...base, participantPhone: '5511977776666', text: { message: 'hi' } }) };
			}
			const numbers = event.participants.map((p) => p.phone ?? `${p.lid}@lid`);
			/** @type {Record<string, string>} */
			const codes = { memberJoined: 'GROUP_PARTICIPANT_ADD', memberLeft: event.by ? 'GROUP_PARTICIPANT_REMOVE' : 'GROUP_PARTICIPANT_LEAVE', joinRequested: 'MEMBERSHIP_APPROVAL_REQUEST' };
			return {
				body: JSON.stringify({
					...base,
					participantPhone: event.by ?? (numbers.length === 1 ? numbers[0] : null),
					notification: codes[kind],
					notificationParameters: numbers,
					callId: null,
					code: null,
					...(kind === 'joinRequested' ? { requestMethod: event.method ?? 'invite_link' } : {}),
				}),
			};
		},
	},

	route(sim, method, url) {
		const hook = /^\/instances\/([^/]+)\/token\/([^/]+)\/(me|update-webhook-received)$/.exec(url.pathname);
		if (hook) return webhookRoute(sim, method, hook);
		const m = /^\/instances\/([^/]+)\/token\/([^/]+)\/(group-invitation-link|redefine-invitation-link|status|groups|group-invitation-metadata|approve-participant|reject-participant)(?:\/([^/]+))?$/.exec(url.pathname);
		if (!m) return undefined;
		const [, instance, token, endpoint, groupId] = m;
		/** @type {Record<string, import('./index').Op>} */
		const ops = {
			status: 'status',
			'group-invitation-link': 'get',
			'redefine-invitation-link': 'reset',
			groups: 'list',
			'group-invitation-metadata': 'lookup',
			'approve-participant': 'approve',
			'reject-participant': 'reject',
		};
		const op = ops[endpoint];
		return {
			op,
			handler: (req, u, body) => {
				const auth = sim.auth.zApi;
				const clientToken = req.headers['client-token'];
				if (auth.clientToken) {
					if (clientToken === undefined) return json(400, { error: 'your client-token is not configured' });
					if (clientToken !== auth.clientToken) return json(403, { error: `Client-Token ${clientToken} not allowed` });
				}
				if (decodeURIComponent(instance) !== auth.instanceId || decodeURIComponent(token) !== auth.instanceToken) {
					return json(404, { error: 'Instance not found' });
				}
				if (op === 'status') {
					if (method !== 'GET') return json(405, { error: 'Method not allowed' });
					// Z-API docs (EN/instance/status.md): 200 either way; `connected` says whether it can be used.
					if (!sim.variants.zApiConnected) return json(200, { connected: false, error: 'You are not connected.', smartphoneConnected: false });
					return json(200, { connected: true, error: 'You are already connected.', smartphoneConnected: true });
				}
				if (op === 'list') {
					// EN/group/get-groups.md: page and pageSize required; a bare array of chat rows.
					if (method !== 'GET') return json(405, { error: 'Method not allowed' });
					const pageNumber = Number(u.searchParams.get('page'));
					const pageSize = Number(u.searchParams.get('pageSize'));
					if (!(pageNumber >= 1) || !(pageSize >= 1)) return json(400, { error: 'page and pageSize are required' });
					const rows = [...sim.groups].map(([gid, g]) => ({
						isGroup: true,
						name: g.name,
						phone: /-/.test(gid) ? gid : `${gid}-group`,
						unread: '0',
						lastMessageTime: '1730918668000',
						isMuted: '0',
						isMarkedSpam: 'false',
						archived: 'false',
						pinned: 'false',
						muteEndTime: null,
						messagesUnread: '0',
					}));
					return json(200, page(rows, String((pageNumber - 1) * pageSize), String(pageSize), pageSize));
				}
				if (op === 'lookup') {
					// EN/group/group-invitation-metadata.md: GET ?url=<link>; a link that leads nowhere is not
					// documented (answered here as 404 like an unknown group).
					if (method !== 'GET') return json(405, { error: 'Method not allowed' });
					const code = /chat\.whatsapp\.com\/([A-Za-z0-9]+)/.exec(u.searchParams.get('url') ?? '')?.[1];
					const found = code ? sim.groupByCode(code) : undefined;
					if (!found) return json(404, { error: 'Group not found' });
					const [gid, g] = found;
					return json(200, {
						phone: /-/.test(gid) ? gid : `${gid}-group`,
						owner: '5511888888888',
						subject: g.name,
						creation: 1588721491000,
						participantsCount: g.size,
						participants: [{ phone: '5511888888888', isAdmin: false, isSuperAdmin: true }],
					});
				}
				if (op === 'approve' || op === 'reject') {
					if (groupId !== undefined || method !== 'POST') return json(405, { error: 'Method not allowed' });
					if (!String(req.headers['content-type'] ?? '').includes('application/json')) return json(415, { error: 'Unsupported Media Type' });
					/** @type {Record<string, any>} */
					let parsed;
					try {
						parsed = JSON.parse(body || '{}') ?? {};
					} catch {
						return json(400, { error: 'Invalid JSON' });
					}
					const gid = String(parsed.groupId ?? '');
					const match = /^(\d{16,})-group$/.exec(gid) ?? /^(\d{8,15}-\d{9,11})$/.exec(gid);
					const group = match ? sim.groups.get(match[1]) : undefined;
					const phones = Array.isArray(parsed.phones) ? parsed.phones.map(String) : [];
					if (!group || !group.admin || phones.length === 0) return json(200, { value: false });
					// One boolean for the batch: every phone must have a pending request.
					const pending = phones.every((phone) => group.joinRequests.some((/** @type {import('./index').SimJoinRequest} */ r) => r.phone === phone));
					if (!pending) return json(200, { value: false });
					for (const phone of phones) sim.settleJoinRequest(/** @type {string} */ (match?.[1]), phone, op);
					return json(200, { value: true });
				}
				const expected = op === 'get' ? sim.variants.zApiGetMethod : 'POST';
				if (method !== expected) return json(405, { error: 'Method not allowed' });
				if (method === 'POST' && !String(req.headers['content-type'] ?? '').includes('application/json')) {
					return json(415, { error: 'Unsupported Media Type' });
				}
				const id = groupId && decodeURIComponent(groupId);
				const match = /^(\d{16,})-group$/.exec(id ?? '') ?? /^(\d{8,15}-\d{9,11})$/.exec(id ?? '');
				const group = match ? sim.groups.get(match[1]) : undefined;
				if (!group) return json(404, { error: 'Group not found' });
				if (op === 'get') {
					if (!group.admin) return json(200, { phone: id, invitationLink: null, invitationLinkError: 'not-authorized' });
					return json(200, { phone: id, invitationLink: `https://chat.whatsapp.com/${group.code}` });
				}
				if (!group.admin) return json(200, { value: false });
				group.code = newInviteCode();
				if (sim.variants.zApiReset === 'value') return json(200, { value: true });
				return json(200, { invitationLink: `https://chat.whatsapp.com/${group.code}` });
			},
		};
	},
};
