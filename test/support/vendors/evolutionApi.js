// @ts-check
'use strict';
/**
 * Evolution API v2 (EvolutionAPI/evolution-api): `apikey` header (the global key, or the instance's
 * token for its instance), instance in the path, `groupJid` in the query; errors
 * `{status, error, response: {message}}`, WhatsApp's own failures as 404.
 */
const crypto = require('node:crypto');
const { newInviteCode, json, raw, STATUS_TEXT } = require('./common');

/** @param {number} status @param {string | Array<string | { property: string, message: string }>} message */
const fail = (status, message) => json(status, { status, error: STATUS_TEXT[status] ?? "Error", response: { message } });

/**
 * POST /webhook/set/{instance} and GET /webhook/find/{instance} (webhook.router.ts:17-36,
 * webhook.controller.ts:20-55, webhook.schema.ts@3454bec). The row is upserted: a field sent undefined
 * keeps its value (Prisma), `enabled: false` empties events, enabled with no events subscribes all;
 * `headers: null` is refused as Prisma refuses null for a Json field.
 * @param {any} sim @param {string} method @param {string} which @param {string} instance
 */
function webhookRoute(sim, method, which, instance) {
	return {
		op: /** @type {import('./index').Op} */ (which === 'find' ? 'webhookRead' : 'webhookWrite'),
		handler: (/** @type {import('node:http').IncomingMessage} */ req, /** @type {URL} */ u, /** @type {string} */ body) => {
			const auth = sim.auth.evolutionApi;
			if ((which === 'find' && method !== 'GET') || (which === 'set' && method !== 'POST')) return fail(404, [`Cannot ${method} ${u.pathname}`]);
			const key = req.headers.apikey;
			if (key !== auth.apiKey && !(key === auth.instanceToken && instance === auth.instanceName)) return fail(401, 'Unauthorized');
			if (instance !== auth.instanceName) return fail(404, [`The "${instance}" instance does not exist`]);
			if (which === 'find') return json(200, sim.hookState.evolutionApi ?? null);
			/** @type {any} */
			let payload;
			try {
				payload = JSON.parse(body || '{}');
			} catch {
				return fail(400, ['Unexpected token in JSON']);
			}
			const w = payload?.webhook;
			if (!w || typeof w !== 'object') return fail(400, ['instance requires property "webhook"']);
			if (typeof w.enabled !== 'boolean' || typeof w.url !== 'string') return fail(400, ['webhook requires property "enabled" and "url"']);
			// isNotEmpty('enabled', 'url') applies only when the object has no other property.
			if (Object.keys(w).every((k) => k === 'enabled' || k === 'url') && w.url === '') return fail(400, ['The "url" cannot be empty']);
			if (w.headers === null) return fail(500, ['Argument headers must not be null']);
			const events = !w.enabled ? [] : Array.isArray(w.events) && w.events.length > 0 ? w.events : ['APPLICATION_STARTUP', 'MESSAGES_UPSERT', 'GROUP_PARTICIPANTS_UPDATE'];
			const before = sim.hookState.evolutionApi ?? { id: 'cm0evowebhook0000000002', webhookByEvents: false, webhookBase64: false, instanceId: 'b1f7c7e0-0000-4000-8000-000000000001' };
			const row = { ...before, enabled: w.enabled, url: w.url, events };
			if (w.headers !== undefined) row.headers = w.headers;
			if (w.byEvents !== undefined) row.webhookByEvents = w.byEvents;
			if (w.base64 !== undefined) row.webhookBase64 = w.base64;
			if (row.headers === undefined) row.headers = null;
			sim.hookState.evolutionApi = row;
			return json(201, row);
		},
	};
}

/** @type {import('./index').SimVendor} */
module.exports = {
	id: 'evolutionApi',
	credentialType: 'groupInviteEvolutionApi',
	makeAuth: () => ({
		instanceName: 'acme-evolution',
		/** The server's global key (AUTHENTICATION_API_KEY): what the credentials use. */
		apiKey: `EVOG${crypto.randomBytes(12).toString('hex').toUpperCase()}`,
		/** The instance's own token, also accepted for this instance. */
		instanceToken: `EVOI${crypto.randomBytes(12).toString('hex').toUpperCase()}`,
	}),
	variants: {
		/**
		 * @type {'POST' | 'PUT' | 'PUTHtml' | 'PUT405'} Evolution's revoke route: v2 POST; an older
		 * PUT-only server whose POST gets 404 "Cannot POST" (JSON envelope or Express's HTML page),
		 * or a proxy answering 405.
		 */
		evolutionRevoke: 'POST',
		/** @type {'open' | 'close' | 'connecting'} Evolution's instance connection state. */
		evolutionState: 'open',
		/**
		 * @type {'loaded' | 'notLoaded' | 'evolutionChannel'} Evolution instance: loaded (Baileys), known to
		 * the database but not loaded in the server's monitor (500 TypeError), or on the Evolution channel.
		 */
		evolutionInstance: 'loaded',
		/**
		 * @type {'ok' | 'missing'} /instance/fetchInstances (the connected number, for isAdmin): answered,
		 * or a 404 "Cannot GET" (a server or proxy that does not serve that route).
		 */
		evolutionFetchInstances: 'ok',
	},
	credentials: (auth, baseUrl) => ({ instanceName: auth.instanceName, apiKey: auth.apiKey, baseUrl }),
	secrets: (auth) => [auth.apiKey, auth.instanceToken],
	errorBody: (message, status) => ({ status, error: STATUS_TEXT[status] ?? 'Error', response: { message: [message] } }),

	// The instance's one webhook row (prisma Webhook: url, headers, enabled, events, webhookByEvents,
	// webhookBase64; webhook.controller.ts:20-55@3454bec), or null when the instance never had one.
	webhooks: {
		// The user's own bot, sent messages only (kept through every test).
		initial: () => ({
			id: 'cm0evowebhook0000000001',
			url: 'https://bot.example.com/evolution',
			headers: { authorization: 'Bearer user-bot' },
			enabled: true,
			events: ['MESSAGES_UPSERT'],
			webhookByEvents: false,
			webhookBase64: false,
			instanceId: 'b1f7c7e0-0000-4000-8000-000000000001',
		}),
		// webhook.controller.ts:103-131: enabled, the event listed, an http(s) URL; byEvents appends the event name.
		targets: (state) =>
			state && state.enabled && /^https?:\/\//.test(state.url ?? '') && (state.events ?? []).includes('GROUP_PARTICIPANTS_UPDATE')
				? [{ url: state.webhookByEvents ? `${state.url}/group-participants-update` : state.url, headers: state.headers ?? {} }]
				: [],
		// webhook.controller.ts:92-101 around Baileys rc.6's group-participants.update (objects {id, phoneNumber?, admin}).
		request: (kind, event, target, auth, forge) => {
			const at = event.at ?? 1764979200;
			const common = {
				instance: auth.instanceName,
				destination: target.url,
				date_time: new Date(at * 1000).toISOString(),
				sender: '5511999999999@s.whatsapp.net',
				server_url: 'http://evolution.local:8080',
				apikey: auth.instanceToken,
			};
			const headers = forge ? { 'x-wgi-token': 'forged' } : target.headers ?? {};
			if (kind === 'other' || kind === 'joinRequested') {
				return { headers, body: JSON.stringify({ event: 'messages.upsert', data: { key: { remoteJid: '5511977776666@s.whatsapp.net', fromMe: false, id: 'M1' }, message: { conversation: 'hi' } }, ...common }) };
			}
			const participants = event.participants.map((p) =>
				p.lid ? { id: `${p.lid}@lid`, ...(p.phone ? { phoneNumber: `${p.phone}@s.whatsapp.net` } : {}), admin: null } : { id: `${p.phone}@s.whatsapp.net`, admin: null },
			);
			const data = {
				id: `${event.group}@g.us`,
				author: event.by ? `${event.by}@s.whatsapp.net` : participants[0]?.id,
				participants,
				action: kind === 'memberJoined' ? 'add' : 'remove',
			};
			return { headers, body: JSON.stringify({ event: 'group-participants.update', data, ...common }) };
		},
	},

	route(sim, method, url) {
		const hook = /^\/webhook\/(set|find)\/([^/]+)$/.exec(url.pathname);
		if (hook) return webhookRoute(sim, method, hook[1], decodeURIComponent(hook[2]));
		const m = /^\/(group\/inviteCode|group\/revokeInviteCode|instance\/connectionState|group\/fetchAllGroups|group\/inviteInfo)\/([^/]+)$/.exec(url.pathname);
		const instances = url.pathname === '/instance/fetchInstances';
		if (!m && !instances) return undefined;
		/** @type {Record<string, import('./index').Op>} */
		const ops = { 'group/inviteCode': 'get', 'group/revokeInviteCode': 'reset', 'instance/connectionState': 'status', 'group/fetchAllGroups': 'list', 'group/inviteInfo': 'lookup' };
		const op = m ? ops[m[1]] : 'status';
		const instance = m ? decodeURIComponent(m[2]) : sim.auth.evolutionApi.instanceName;
		return {
			op,
			handler: (req, u) => {
				const auth = sim.auth.evolutionApi;
				const noRoute = () => fail(404, [`Cannot ${method} ${u.pathname}`]);
				// Express matches the route before the auth guard runs: a missing route is a 404 for anyone.
				if (op !== 'reset') {
					if (method !== 'GET') return noRoute();
				} else {
					const expected = sim.variants.evolutionRevoke === 'POST' ? 'POST' : 'PUT';
					if (method !== expected) {
						if (method === 'POST' && sim.variants.evolutionRevoke === 'PUT405') return fail(405, 'Method Not Allowed');
						if (method === 'POST' && sim.variants.evolutionRevoke === 'PUTHtml') {
							const html = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot POST ${u.pathname}</pre>\n</body>\n</html>\n`;
							return raw(404, html, 'text/html; charset=utf-8');
						}
						return noRoute();
					}
				}
				const key = req.headers.apikey;
				if (key !== auth.apiKey && !(key === auth.instanceToken && instance === auth.instanceName)) {
					return fail(401, 'Unauthorized');
				}
				if (instance !== auth.instanceName) return fail(404, [`The "${instance}" instance does not exist`]);
				if (instances) {
					if (sim.variants.evolutionFetchInstances === 'missing') return noRoute();
					// instance.controller.ts fetchInstances: an array; ownerJid is the connected number.
					return json(200, [{ id: 'b1f7c7e0-0000-4000-8000-000000000001', name: instance, connectionStatus: sim.variants.evolutionState, ownerJid: '5511999999999@s.whatsapp.net', profileName: 'Acme Support' }]);
				}
				if (op === 'status') {
					return json(200, { instance: { instanceName: instance, state: sim.variants.evolutionState } });
				}
				// An instance in the database but not loaded in the monitor: the controller reads a property of
				// undefined (500 with the TypeError text); an Evolution-channel instance has no group methods.
				if (sim.variants.evolutionInstance === 'notLoaded') {
					return fail(500, [`TypeError: Cannot read properties of undefined (reading '${op === 'get' ? 'groupInviteCode' : 'revokeGroupInviteCode'}')`]);
				}
				if (sim.variants.evolutionInstance === 'evolutionChannel') return fail(400, 'Method not available on Evolution Channel');
				if (op === 'list') {
					const participants = u.searchParams.get('getParticipants');
					if (!participants) return fail(400, ['The getParticipants needs to be informed in the query']);
					if (participants !== 'true' && participants !== 'false') {
						return fail(400, [{ property: 'getParticipants', message: 'getParticipants is not one of enum values: true,false' }]);
					}
					if (sim.variants.evolutionState !== 'open') return fail(500, 'Connection Closed');
					return json(200, [...sim.groups].map(([gid, g]) => ({
						id: `${gid}@g.us`,
						subject: g.name,
						subjectOwner: '5511888888888@s.whatsapp.net',
						size: g.size,
						creation: 1690000000,
						owner: '5511888888888@s.whatsapp.net',
						restrict: false,
						announce: false,
						isCommunity: false,
						...(participants === 'true'
							? { participants: [{ id: '123456789012345@lid', phoneNumber: '5511999999999@s.whatsapp.net', admin: g.admin ? 'admin' : null }, { id: '5511888888888@s.whatsapp.net', admin: 'superadmin' }] }
							: {}),
					})));
				}
				if (op === 'lookup') {
					const code = u.searchParams.get('inviteCode');
					if (!code) return fail(400, ['The group invite code id needs to be informed in the query']);
					if (!/^[a-zA-Z0-9]{22}$/.test(code)) return fail(400, [{ property: 'inviteCode', message: 'inviteCode does not match pattern "^[a-zA-Z0-9]{22}$"' }]);
					const found = sim.groupByCode(code);
					// whatsapp.baileys.service.ts:4326-4332: any failure (gone, or Connection Closed) is this 404.
					if (!found || sim.variants.evolutionState !== 'open') return fail(404, ['No invite info', code]);
					const [gid, g] = found;
					return json(200, { id: `${gid}@g.us`, addressingMode: 'pn', subject: g.name, size: g.size, creation: 1690000000, owner: '5511888888888@s.whatsapp.net', participants: [] });
				}
				const given = u.searchParams.get('groupJid');
				if (!given) return fail(400, ['The group id needs to be informed in the query', 'ex: "groupJid=120362@g.us"']);
				const group = sim.groupByJid(given.endsWith('@g.us') ? given : `${given}@g.us`);
				const what = op === 'get' ? 'No invite code' : 'Revoke error';
				if (sim.variants.evolutionState !== 'open') return fail(404, [what, 'Error: Connection Closed']);
				if (!group) return fail(404, [what, 'Error: item-not-found']);
				if (!group.admin) return fail(404, [what, 'Error: not-authorized']);
				if (op === 'get') {
					return json(200, { inviteUrl: `https://chat.whatsapp.com/${group.code}`, inviteCode: group.code });
				}
				group.code = newInviteCode();
				return json(201, { revoked: true, inviteCode: group.code });
			},
		};
	},
};
