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
	},
	credentials: (auth, baseUrl) => ({ ...auth, baseUrl }),
	secrets: (auth) => [auth.instanceToken, auth.clientToken, auth.instanceId],
	errorBody: (message) => ({ error: message }),

	route(sim, method, url) {
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
