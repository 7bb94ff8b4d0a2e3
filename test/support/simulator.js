// @ts-check
'use strict';
/**
 * A local HTTP simulator of the vendors' documented group-invite endpoints (Z-API, RyzeAPI, Wawp,
 * Evolution API, WAHA, Whapi.Cloud) on 127.0.0.1 and a random port, over real sockets. It checks auth like the vendors do,
 * keeps each group's invite code (a reset really changes it), serves every documented response
 * variant, and injects faults on demand. Used by the tests, the demo and the benchmark.
 */
const http = require('node:http');
const crypto = require('node:crypto');

const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function newInviteCode() {
	const bytes = crypto.randomBytes(22);
	let code = '';
	for (const byte of bytes) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
	return code;
}

/**
 * @typedef {'zApi' | 'ryzeApi' | 'wawp' | 'evolutionApi' | 'waha' | 'whapi'} Vendor
 * @typedef {'get' | 'reset' | 'status' | 'list'} Op
 * @typedef {'timeout' | 'resetBefore' | 'resetAfter' | '429' | '429RetryAfter' | '429RetryAfterLong' | '429RateLimitReset'
 *   | '500' | '502Html' | '503' | '200Html' | '200InvalidJson' | '200Empty' | '200NoLink'
 *   | 'valueFalse' | 'successFalse' | 'envelopeCode' | 'envelopeDash' | 'envelopeWordCode' | 'envelopeError' | 'envelopeStatus'
 *   | '401' | '403' | '404'} Fault
 * @typedef {{ vendor: Vendor, op: Op, method: string, path: string, query: Record<string, string>,
 *   headerNames: string[], fault?: Fault, status?: number, group?: string }} LoggedRequest
 */

/** The faults every vendor can be given; the fault matrix iterates over this list. */
const FAULTS = /** @type {Fault[]} */ ([
	'timeout',
	'resetBefore',
	'resetAfter',
	'429',
	'429RetryAfter',
	'429RateLimitReset',
	'429RetryAfterLong',
	'500',
	'502Html',
	'503',
	'200Html',
	'200InvalidJson',
	'200Empty',
	'200NoLink',
	'valueFalse',
	'successFalse',
	// HTTP 200 error envelopes whose codes look like words with underscores or dashes (or, the worst
	// case, a 22-letter word that is shaped like an invite code): never a link.
	'envelopeCode',
	'envelopeDash',
	'envelopeWordCode',
	'envelopeError',
	'envelopeStatus',
	'401',
	'403',
	'404',
]);

class VendorSimulator {
	/**
	 * @param {{ latencyMs?: number, rateLimit?: { limit: number, windowMs: number }, silent?: boolean }} [options]
	 */
	constructor(options = {}) {
		this.latencyMs = options.latencyMs ?? 0;
		this.rateLimit = options.rateLimit;
		/** @type {number[]} */
		this.rateWindow = [];
		this.rateLimited = 0;
		this.baseUrl = '';
		/** Secrets the simulator expects; the tests assert none of them ever shows up in a run. */
		this.auth = {
			zApi: {
				instanceId: `3C4F${crypto.randomBytes(12).toString('hex').toUpperCase()}`,
				instanceToken: `ZTOK${crypto.randomBytes(12).toString('hex')}`,
				clientToken: `ZCLI${crypto.randomBytes(12).toString('hex')}`,
			},
			ryzeApi: {
				instanceName: 'acme-support',
				token: `RYZE${crypto.randomBytes(12).toString('hex')}`,
			},
			wawp: {
				instanceId: `${crypto.randomInt(100000000, 999999999)}${crypto.randomInt(1000, 9999)}`,
				accessToken: `WAWP${crypto.randomBytes(12).toString('hex')}`,
			},
			evolutionApi: {
				instanceName: 'acme-evolution',
				/** The server's global key (AUTHENTICATION_API_KEY): what the credentials use. */
				apiKey: `EVOG${crypto.randomBytes(12).toString('hex').toUpperCase()}`,
				/** The instance's own token, also accepted for this instance. */
				instanceToken: `EVOI${crypto.randomBytes(12).toString('hex').toUpperCase()}`,
			},
			/** apiKey '' stands for a server without WHATSAPP_API_KEY: no key is checked. */
			waha: { session: 'default', apiKey: `WAHA${crypto.randomBytes(12).toString('hex')}` },
			whapi: { token: `WHAPI${crypto.randomBytes(12).toString('hex')}` },
		};
		/** Documented response variants, switchable per test. */
		this.variants = {
			/** @type {'GET' | 'POST'} Z-API's get-invitation-link method (current docs GET, older POST). */
			zApiGetMethod: 'GET',
			/** @type {'invitationLink' | 'value'} Z-API reset answer (current docs / before 2024-02). */
			zApiReset: 'invitationLink',
			/** @type {'group' | 'data' | 'dataGroup' | 'top'} Where RyzeAPI's group info puts the link. */
			ryzeInfo: 'group',
			/** @type {'string' | 'text' | 'code' | 'inviteCode' | 'invite_code' | 'link'} Wawp get body. */
			wawpGet: 'code',
			/**
			 * @type {'POST' | 'PUT' | 'PUTHtml' | 'PUT405'} Evolution's revoke route: v2 POST; an older
			 * PUT-only server whose POST gets 404 "Cannot POST" (JSON envelope or Express's HTML page),
			 * or a proxy answering 405.
			 */
			evolutionRevoke: 'POST',
			/** @type {'open' | 'close' | 'connecting'} Evolution's instance connection state. */
			evolutionState: 'open',
			/** @type {'WORKING' | 'STOPPED' | 'STARTING' | 'SCAN_QR_CODE' | 'FAILED'} WAHA session status. */
			wahaStatus: 'WORKING',
			/** @type {200 | 201} WAHA revoke status (newer servers 200, the 2024 copy Nest's default 201). */
			wahaRevokeStatus: 200,
			/** @type {'json' | 'text'} WAHA code body: a JSON string or text/plain. */
			wahaBody: 'json',
			/** @type {'success' | 'code'} Whapi DELETE answer: {success: true} or {invite_code}. */
			whapiReset: 'success',
			/** Z-API: whether the instance is connected (`/status` answers 200 {connected: false} when not). */
			zApiConnected: true,
			/**
			 * @type {'instance' | 'account'} RyzeAPI token kind: a TokenInstance belongs to one instance (the
			 * instance list ignores its name filter; another instance in a path is refused), a TokenAccount
			 * sees every instance of the account.
			 */
			ryzeTokenKind: 'instance',
			/** @type {'connected' | 'connecting' | 'disconnected' | 'loggedout'} RyzeAPI connection.state. */
			ryzeState: 'connected',
			/** @type {'WORKING' | 'STOPPED' | 'STARTING' | 'SCAN_QR_CODE' | 'FAILED'} Wawp session status. */
			wawpStatus: 'WORKING',
			/** @type {'CORE' | 'PLUS'} WAHA tier: Core answers 422 for any session other than `default`. */
			wahaTier: 'PLUS',
			/**
			 * @type {'loaded' | 'notLoaded' | 'evolutionChannel'} Evolution instance: loaded (Baileys), known to
			 * the database but not loaded in the server's monitor (500 TypeError), or on the Evolution channel.
			 */
			evolutionInstance: 'loaded',
			/** @type {'AUTH' | 'QR' | 'LAUNCH' | 'INIT' | 'STOP' | 'SYNC_ERROR'} Whapi.Cloud channel status (`/health`). */
			whapiHealth: 'AUTH',
		};
		/** @type {Map<string, { code: string, admin: boolean, name: string }>} group id (before @g.us) → state */
		this.groups = new Map();
		/** @type {Array<{ vendor?: Vendor, op?: Op, group?: string, fault: Fault, times: number }>} */
		this.faults = [];
		/** @type {{ rate: number, faults: Fault[], ops?: Op[], next: () => number } | undefined} */
		this.faultPlan = undefined;
		/** @type {LoggedRequest[]} */
		this.requests = [];
		/** @type {Set<import('node:net').Socket>} */
		this.sockets = new Set();
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error) => {
				if (!res.headersSent) {
					res.writeHead(500, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ error: String(error) }));
				}
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	/**
	 * @param {number} [port] 0 (default) for a random free port
	 * @returns {Promise<string>} the base URL, e.g. http://127.0.0.1:40123
	 */
	async start(port = 0) {
		await new Promise((resolve) => this.server.listen(port, '127.0.0.1', () => resolve(undefined)));
		const address = /** @type {import('node:net').AddressInfo} */ (this.server.address());
		this.baseUrl = `http://127.0.0.1:${address.port}`;
		return this.baseUrl;
	}

	async stop() {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(() => resolve(undefined)));
	}

	/** n8n credential data pointing at this simulator, per credential type. */
	credentials() {
		return {
			groupInviteZApi: { ...this.auth.zApi, baseUrl: this.baseUrl },
			groupInviteRyzeApi: { ...this.auth.ryzeApi, baseUrl: this.baseUrl },
			groupInviteWawpApi: { ...this.auth.wawp, baseUrl: this.baseUrl },
			groupInviteEvolutionApi: {
				instanceName: this.auth.evolutionApi.instanceName,
				apiKey: this.auth.evolutionApi.apiKey,
				baseUrl: this.baseUrl,
			},
			groupInviteWahaApi: { ...this.auth.waha, baseUrl: this.baseUrl },
			groupInviteWhapiApi: { ...this.auth.whapi, baseUrl: this.baseUrl },
		};
	}

	/** Every secret value in the credentials (what must never leak). */
	secrets() {
		return [
			this.auth.zApi.instanceToken,
			this.auth.zApi.clientToken,
			this.auth.zApi.instanceId,
			this.auth.ryzeApi.token,
			this.auth.wawp.accessToken,
			this.auth.wawp.instanceId,
			this.auth.evolutionApi.apiKey,
			this.auth.evolutionApi.instanceToken,
			this.auth.waha.apiKey,
			this.auth.whapi.token,
		].filter((secret) => secret !== '');
	}

	/**
	 * Adds a group the connected number belongs to.
	 * @param {string} id digits (or legacy phone-timestamp), without @g.us
	 * @param {{ admin?: boolean, code?: string }} [options]
	 */
	addGroup(id, options = {}) {
		const group = { code: options.code ?? newInviteCode(), admin: options.admin ?? true, name: `Group ${id}` };
		this.groups.set(id, group);
		return group;
	}

	/** @param {string} id */
	codeOf(id) {
		return this.groups.get(id)?.code;
	}

	/**
	 * Makes the next `times` matching requests fail with `fault`. With `group` (the id before @g.us),
	 * only requests about that group match: cases that run one after another in one workflow each get
	 * their own fault, and a retry of one case can never take the fault meant for the next.
	 * @param {{ vendor?: Vendor, op?: Op, group?: string, fault: Fault, times?: number }} spec
	 */
	inject(spec) {
		this.faults.push({ ...spec, times: spec.times ?? 1 });
	}

	/** @param {Vendor} [vendor] @param {Op} [op] @param {string} [group] the id before @g.us */
	count(vendor, op, group) {
		return this.requests.filter((r) => (!vendor || r.vendor === vendor) && (!op || r.op === op) && (!group || r.group === group)).length;
	}

	reset() {
		this.requests = [];
		this.faults = [];
		this.faultPlan = undefined;
		this.rateWindow = [];
		this.rateLimited = 0;
	}

	/**
	 * Makes a share of all later requests fail, each with a fault drawn from `faults`, from a seeded
	 * generator so a run is repeatable.
	 * @param {{ rate: number, faults: Fault[], seed?: number, ops?: Op[] }} plan
	 */
	randomFaults(plan) {
		let state = plan.seed ?? 42;
		const next = () => {
			state = (state * 1103515245 + 12345) % 2147483648;
			return state / 2147483648;
		};
		this.faultPlan = { ...plan, next };
	}

	/** @param {Vendor} vendor @param {Op} op @param {string} [group] @returns {Fault | undefined} */
	takeFault(vendor, op, group) {
		const plan = this.faultPlan;
		if (plan && (!plan.ops || plan.ops.includes(op)) && plan.next() < plan.rate) {
			return plan.faults[Math.floor(plan.next() * plan.faults.length)];
		}
		const index = this.faults.findIndex(
			(f) => f.times > 0 && (!f.vendor || f.vendor === vendor) && (!f.op || f.op === op) && (!f.group || f.group === group),
		);
		if (index < 0) return undefined;
		const fault = this.faults[index];
		fault.times -= 1;
		if (fault.times <= 0) this.faults.splice(index, 1);
		return fault.fault;
	}

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	async handle(req, res) {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const route = this.route(req.method ?? 'GET', url);
		if (!route) {
			return send(res, 404, { error: `Cannot ${req.method} ${url.pathname}` });
		}
		const entry = /** @type {LoggedRequest} */ ({
			vendor: route.vendor,
			op: route.op,
			method: req.method ?? '',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headerNames: Object.keys(req.headers),
		});
		this.requests.push(entry);

		if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));

		const rateLimit = this.rateLimit;
		if (rateLimit) {
			const now = Date.now();
			this.rateWindow = this.rateWindow.filter((t) => t > now - rateLimit.windowMs);
			if (this.rateWindow.length >= rateLimit.limit) {
				this.rateLimited += 1;
				entry.status = 429;
				const retry = Math.max(1, Math.ceil((this.rateWindow[0] + rateLimit.windowMs - now) / 1000));
				return send(res, 429, errorBody(route.vendor, 'Rate limit exceeded. Try again later.', 429), {
					'Retry-After': String(retry),
				});
			}
			this.rateWindow.push(now);
		}

		// The body is read first (RyzeAPI's reset names its group there); a dropped connection still
		// means the vendor did nothing.
		const body = await readBody(req);
		entry.group = groupIn(`${safeDecode(url.pathname)} ${safeDecode(url.search)} ${body}`);
		const fault = this.takeFault(route.vendor, route.op, entry.group);
		entry.fault = fault;
		if (fault === 'resetBefore') {
			req.socket.destroy();
			return;
		}
		if (fault && fault !== 'timeout' && fault !== 'resetAfter') {
			return this.sendFault(res, route.vendor, fault, entry);
		}
		const result = route.handler(req, url, body);
		entry.status = result.status;
		if (fault === 'timeout') return; // the effect happened, the answer never comes
		if (fault === 'resetAfter') {
			req.socket.destroy();
			return;
		}
		if (typeof result.body === 'string' && result.raw) {
			res.writeHead(result.status, { 'Content-Type': result.contentType ?? 'text/plain' });
			res.end(result.body);
			return;
		}
		send(res, result.status, result.body);
	}

	/**
	 * @param {import('node:http').ServerResponse} res @param {Vendor} vendor @param {Fault} fault
	 * @param {LoggedRequest} entry
	 */
	sendFault(res, vendor, fault, entry) {
		const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
		/** @type {Record<string, () => void>} */
		const table = {
			429: () => send(res, 429, errorBody(vendor, 'Rate limit exceeded. Try again later.', 429)),
			'429RetryAfter': () =>
				send(res, 429, errorBody(vendor, 'Rate limit exceeded. Try again later.', 429), { 'Retry-After': '1' }),
			'429RateLimitReset': () =>
				send(res, 429, errorBody(vendor, 'Rate limit exceeded. Try again later.', 429), {
					'X-RateLimit-Limit': '100',
					'X-RateLimit-Remaining': '0',
					'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 1),
				}),
			'429RetryAfterLong': () =>
				send(res, 429, errorBody(vendor, 'Rate limit exceeded. Try again later.', 429), { 'Retry-After': '3600' }),
			500: () => send(res, 500, errorBody(vendor, 'Internal server error', 500)),
			'502Html': () => sendRaw(res, 502, html, 'text/html'),
			503: () => send(res, 503, errorBody(vendor, 'Service temporarily unavailable', 503)),
			'200Html': () => sendRaw(res, 200, html.replace(/502 Bad Gateway/g, 'Maintenance'), 'text/html'),
			'200InvalidJson': () => sendRaw(res, 200, '{"invitationLink": "https://chat.whatsapp.com/AbC', 'application/json'),
			'200Empty': () => sendRaw(res, 200, '', 'application/json'),
			'200NoLink': () => send(res, 200, vendor === 'ryzeApi' ? { success: true, message: 'OK' } : { phone: '120363019502650977-group' }),
			valueFalse: () => send(res, 200, { value: false }),
			successFalse: () =>
				send(res, 200, { success: false, error: { message: 'Instance is not connected to WhatsApp' } }),
			envelopeCode: () => send(res, 200, { code: 'invalid_session', message: 'The session invalid_session is not connected' }),
			envelopeDash: () => send(res, 200, { code: 'session-not-found', message: 'Session not found, start it first' }),
			envelopeWordCode: () => send(res, 200, { code: 'SessionNotConnectedNow', message: 'The session is not connected' }),
			envelopeError: () => send(res, 200, { error: 'instance_not_connected' }),
			envelopeStatus: () => send(res, 200, { status: 'error', message: 'not-authorized' }),
			401: () => send(res, 401, errorBody(vendor, 'Invalid token', 401)),
			403: () => send(res, 403, errorBody(vendor, 'Not authorized to reset group invite link (must be admin)', 403)),
			404: () => send(res, 404, errorBody(vendor, 'Group not found or you are not a member of this group', 404)),
		};
		entry.status = Number(String(fault).slice(0, 3)) || 200;
		table[fault]();
	}

	/**
	 * @param {string} method @param {URL} url
	 * @returns {{ vendor: Vendor, op: Op, handler: (req: import('node:http').IncomingMessage, url: URL, body: string) => Result } | undefined}
	 */
	route(method, url) {
		const path = url.pathname;
		let m = /^\/instances\/([^/]+)\/token\/([^/]+)\/(group-invitation-link|redefine-invitation-link|status)(?:\/([^/]+))?$/.exec(path);
		if (m) {
			const [, instance, token, endpoint, groupId] = m;
			const op = endpoint === 'status' ? 'status' : endpoint === 'group-invitation-link' ? 'get' : 'reset';
			return {
				vendor: 'zApi',
				op,
				handler: (req, _url, body) => this.zApi(req, method, decodeURIComponent(instance), decodeURIComponent(token), op, groupId && decodeURIComponent(groupId), body),
			};
		}
		m = /^\/api\/group\/(info|resetLink|list)\/([^/]+)$/.exec(path);
		if (m) {
			/** @type {Op} */
			const op = m[1] === 'info' ? 'get' : m[1] === 'list' ? 'list' : 'reset';
			const instance = decodeURIComponent(m[2]);
			return { vendor: 'ryzeApi', op, handler: (req, u, body) => this.ryzeApi(req, method, op, instance, u, body) };
		}
		if (path === '/api/instance/list') {
			return { vendor: 'ryzeApi', op: 'status', handler: (req, u, body) => this.ryzeApi(req, method, 'status', '', u, body) };
		}
		m = /^\/v2\/groups\/([^/]+)\/invite-code(\/revoke)?$/.exec(path);
		if (m) {
			const op = m[2] ? 'reset' : 'get';
			const id = decodeURIComponent(m[1]);
			return { vendor: 'wawp', op, handler: (_req, u, body) => this.wawp(method, op, id, u, body) };
		}
		if (path === '/v2/session/info') {
			return { vendor: 'wawp', op: 'status', handler: (_req, u, body) => this.wawp(method, 'status', '', u, body) };
		}
		m = /^\/(group\/inviteCode|group\/revokeInviteCode|instance\/connectionState)\/([^/]+)$/.exec(path);
		if (m) {
			/** @type {Op} */
			const op = m[1] === 'group/inviteCode' ? 'get' : m[1] === 'group/revokeInviteCode' ? 'reset' : 'status';
			const instance = decodeURIComponent(m[2]);
			return { vendor: 'evolutionApi', op, handler: (req, u) => this.evolutionApi(req, method, op, instance, u) };
		}
		m = /^\/api\/([^/]+)\/groups\/([^/]+)\/invite-code(\/revoke)?$/.exec(path);
		if (m) {
			const op = m[3] ? 'reset' : 'get';
			const [session, id] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
			return { vendor: 'waha', op, handler: (req, u) => this.waha(req, method, op, session, id, u) };
		}
		m = /^\/api\/sessions\/([^/]+)$/.exec(path);
		if (m) {
			const session = decodeURIComponent(m[1]);
			return { vendor: 'waha', op: 'status', handler: (req, u) => this.waha(req, method, 'status', session, '', u) };
		}
		m = /^\/groups\/([^/]+)\/invite$/.exec(path);
		if (m) {
			const op = method === 'DELETE' ? 'reset' : 'get';
			const id = decodeURIComponent(m[1]);
			return { vendor: 'whapi', op, handler: (req) => this.whapi(req, method, op, id) };
		}
		if (path === '/health') {
			return { vendor: 'whapi', op: 'status', handler: (req) => this.whapi(req, method, 'status', '') };
		}
		return undefined;
	}

	/**
	 * @param {import('node:http').IncomingMessage} req @param {string} method @param {string} instance
	 * @param {string} token @param {Op} op @param {string | undefined} groupId @param {string} _body
	 * @returns {Result}
	 */
	zApi(req, method, instance, token, op, groupId, _body) {
		const auth = this.auth.zApi;
		const clientToken = req.headers['client-token'];
		if (auth.clientToken) {
			if (clientToken === undefined) return json(400, { error: 'your client-token is not configured' });
			if (clientToken !== auth.clientToken) return json(403, { error: `Client-Token ${clientToken} not allowed` });
		}
		if (instance !== auth.instanceId || token !== auth.instanceToken) return json(404, { error: 'Instance not found' });
		if (op === 'status') {
			if (method !== 'GET') return json(405, { error: 'Method not allowed' });
			// Z-API docs (EN/instance/status.md): 200 either way; `connected` says whether it can be used.
			if (!this.variants.zApiConnected) return json(200, { connected: false, error: 'You are not connected.', smartphoneConnected: false });
			return json(200, { connected: true, error: 'You are already connected.', smartphoneConnected: true });
		}
		const expected = op === 'get' ? this.variants.zApiGetMethod : 'POST';
		if (method !== expected) return json(405, { error: 'Method not allowed' });
		if (method === 'POST' && !String(req.headers['content-type'] ?? '').includes('application/json')) {
			return json(415, { error: 'Unsupported Media Type' });
		}
		const match = /^(\d{16,})-group$/.exec(groupId ?? '') ?? /^(\d{8,15}-\d{9,11})$/.exec(groupId ?? '');
		const group = match ? this.groups.get(match[1]) : undefined;
		if (!group) return json(404, { error: 'Group not found' });
		if (op === 'get') {
			if (!group.admin) return json(200, { phone: groupId, invitationLink: null, invitationLinkError: 'not-authorized' });
			return json(200, { phone: groupId, invitationLink: `https://chat.whatsapp.com/${group.code}` });
		}
		if (!group.admin) return json(200, { value: false });
		group.code = newInviteCode();
		if (this.variants.zApiReset === 'value') return json(200, { value: true });
		return json(200, { invitationLink: `https://chat.whatsapp.com/${group.code}` });
	}

	/**
	 * @param {import('node:http').IncomingMessage} req @param {string} method @param {Op} op
	 * @param {string} instance @param {URL} url @param {string} body
	 * @returns {Result}
	 */
	ryzeApi(req, method, op, instance, url, body) {
		const auth = this.auth.ryzeApi;
		const fail = (/** @type {number} */ status, /** @type {string} */ message) =>
			json(status, { success: false, error: { message } });
		const token = req.headers.token;
		if (token === undefined) return fail(401, 'Missing token in header');
		if (token !== auth.token) return fail(401, 'Invalid token');
		const state = this.variants.ryzeState;
		if (op === 'status') {
			if (method !== 'GET') return fail(405, 'Method not allowed');
			// docs.ryzeapi.cloud/en/api/instance/list: a TokenInstance gets its own instance whatever the
			// filter says; a TokenAccount gets the named one, or 404 for a single unknown name.
			const name = url.searchParams.get('instanceName');
			if (this.variants.ryzeTokenKind === 'account' && name !== auth.instanceName) return fail(404, 'Instance not found');
			return json(200, {
				success: true,
				message: '1 Instance found',
				data: { instances: [{ name: auth.instanceName, connection: { state, numberJid: state === 'connected' ? '5511999999999@s.whatsapp.net' : null } }] },
			});
		}
		if (instance !== auth.instanceName) {
			// Every group route validates the instance's ownership (docs.ryzeapi.cloud/en/api/groups/overview).
			return this.variants.ryzeTokenKind === 'instance'
				? fail(403, 'Instance token does not match the requested instance')
				: fail(404, 'Instance not found');
		}
		if (state !== 'connected') return fail(400, 'Instance is not connected to WhatsApp');
		if (op === 'list') {
			if (method !== 'GET') return fail(405, 'Method not allowed');
			const groups = [...this.groups].map(([id, group]) => ({ name: group.name, jid: `${id}@g.us`, participantCount: 3 }));
			return json(200, { success: true, message: `${groups.length} groups found`, data: { groups } });
		}
		let identifier;
		if (op === 'get') {
			if (method !== 'GET') return fail(405, 'Method not allowed');
			identifier = url.searchParams.get('identifier');
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
		const found = this.findGroup(String(identifier));
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
			participantCount: 3,
		};
		switch (this.variants.ryzeInfo) {
			case 'data':
				return json(200, { success: true, message: 'Group found', data: detail });
			case 'dataGroup':
				return json(200, { success: true, message: 'Group found', data: { group: detail } });
			case 'top':
				return json(200, { success: true, message: 'Group found', ...detail });
			default:
				return json(200, { success: true, message: 'Group found', group: detail });
		}
	}

	/** @param {string} identifier @returns {[string, { code: string, admin: boolean, name: string }] | undefined} */
	findGroup(identifier) {
		const linkCode = /chat\.whatsapp\.com\/([A-Za-z0-9]+)/.exec(identifier)?.[1];
		for (const [id, group] of this.groups) {
			if (identifier === `${id}@g.us` || group.code === identifier || group.code === linkCode) return [id, group];
		}
		return undefined;
	}

	/**
	 * @param {string} method @param {Op} op @param {string} id @param {URL} url @param {string} _body
	 * @returns {Result}
	 */
	wawp(method, op, id, url, _body) {
		const auth = this.auth.wawp;
		const instanceId = url.searchParams.get('instance_id');
		const accessToken = url.searchParams.get('access_token');
		if (!instanceId || !accessToken) return json(400, { code: 'missing_parameters', message: 'instance_id and access_token are required' });
		if (accessToken !== auth.accessToken) return json(401, { code: 'unauthorized', message: 'Invalid access token' });
		if (instanceId !== auth.instanceId) return json(404, { code: 'invalid_session', message: 'Instance not found' });
		if (op === 'status') {
			if (method !== 'POST') return json(405, { code: 'method_not_allowed', message: 'Method not allowed' });
			const status = this.variants.wawpStatus;
			return json(200, { name: `wawp-${instanceId}`, status, config: { webhooks: {}, proxy: null }, me: status === 'WORKING' ? { id: '201012345678@c.us', pushName: 'John Doe' } : null });
		}
		if (method !== (op === 'get' ? 'GET' : 'POST')) return json(405, { code: 'method_not_allowed', message: 'Method not allowed' });
		const match = /^(\d{16,}|\d{8,15}-\d{9,11})@g\.us$/.exec(id);
		const group = match ? this.groups.get(match[1]) : undefined;
		if (!group) return json(404, { code: 'not_found', message: 'Group not found' });
		if (!group.admin) return json(403, { code: 'forbidden', message: 'You are not an admin of this group' });
		if (op === 'reset') {
			group.code = newInviteCode();
			return json(200, { code: group.code });
		}
		switch (this.variants.wawpGet) {
			case 'string':
				return json(200, group.code);
			case 'text':
				return { status: 200, body: group.code, raw: true, contentType: 'text/plain' };
			case 'inviteCode':
				return json(200, { inviteCode: group.code });
			case 'invite_code':
				return json(200, { invite_code: group.code });
			case 'link':
				return json(200, `https://chat.whatsapp.com/${group.code}`);
			default:
				return json(200, { code: group.code });
		}
	}

	/** @param {string} id the group part before @g.us, or a full JID */
	groupByJid(id) {
		const match = /^(\d{16,}|\d{8,15}-\d{9,11})@g\.us$/.exec(id);
		return match ? this.groups.get(match[1]) : undefined;
	}

	/**
	 * Evolution API v2: `apikey` header (global key, or the instance's token for its instance), instance
	 * in the path, `groupJid` in the query; errors in `{status, error, response: {message}}`.
	 * @param {import('node:http').IncomingMessage} req @param {string} method @param {Op} op
	 * @param {string} instance @param {URL} url
	 * @returns {Result}
	 */
	evolutionApi(req, method, op, instance, url) {
		const auth = this.auth.evolutionApi;
		const fail = (/** @type {number} */ status, /** @type {string | string[]} */ message) =>
			json(status, { status, error: STATUS_TEXT[status] ?? 'Error', response: { message } });
		const noRoute = () => fail(404, [`Cannot ${method} ${url.pathname}`]);
		// Express matches the route before the auth guard runs: a missing route is a 404 for anyone.
		if (op === 'status' || op === 'get') {
			if (method !== 'GET') return noRoute();
		} else {
			const expected = this.variants.evolutionRevoke === 'POST' ? 'POST' : 'PUT';
			if (method !== expected) {
				if (method === 'POST' && this.variants.evolutionRevoke === 'PUT405') return fail(405, 'Method Not Allowed');
				if (method === 'POST' && this.variants.evolutionRevoke === 'PUTHtml') {
					const html = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot POST ${url.pathname}</pre>\n</body>\n</html>\n`;
					return { status: 404, body: html, raw: true, contentType: 'text/html; charset=utf-8' };
				}
				return noRoute();
			}
		}
		const key = req.headers.apikey;
		if (key !== auth.apiKey && !(key === auth.instanceToken && instance === auth.instanceName)) {
			return fail(401, 'Unauthorized');
		}
		if (instance !== auth.instanceName) return fail(404, [`The "${instance}" instance does not exist`]);
		if (op === 'status') {
			return json(200, { instance: { instanceName: instance, state: this.variants.evolutionState } });
		}
		// An instance in the database but not loaded in the monitor: the controller reads a property of
		// undefined (500 with the TypeError text); an Evolution-channel instance has no group methods.
		if (this.variants.evolutionInstance === 'notLoaded') {
			return fail(500, [`TypeError: Cannot read properties of undefined (reading '${op === 'get' ? 'groupInviteCode' : 'revokeGroupInviteCode'}')`]);
		}
		if (this.variants.evolutionInstance === 'evolutionChannel') return fail(400, 'Method not available on Evolution Channel');
		const given = url.searchParams.get('groupJid');
		if (!given) return fail(400, ['The group id needs to be informed in the query', 'ex: "groupJid=120362@g.us"']);
		const jid = given.endsWith('@g.us') ? given : `${given}@g.us`;
		const group = this.groupByJid(jid);
		const what = op === 'get' ? 'No invite code' : 'Revoke error';
		if (this.variants.evolutionState !== 'open') return fail(404, [what, 'Error: Connection Closed']);
		if (!group) return fail(404, [what, 'Error: item-not-found']);
		if (!group.admin) return fail(404, [what, 'Error: not-authorized']);
		if (op === 'get') {
			return json(200, { inviteUrl: `https://chat.whatsapp.com/${group.code}`, inviteCode: group.code });
		}
		group.code = newInviteCode();
		return json(201, { revoked: true, inviteCode: group.code });
	}

	/**
	 * WAHA: optional `X-Api-Key`, session in the path; the code as a bare string; Nest errors
	 * `{statusCode, message, error}`, 422 when the session is not WORKING, and WhatsApp's own refusals
	 * (not an admin, unknown group) as a 500 with the exception.
	 * @param {import('node:http').IncomingMessage} req @param {string} method @param {Op} op
	 * @param {string} session @param {string} id @param {URL} url
	 * @returns {Result}
	 */
	waha(req, method, op, session, id, url) {
		const auth = this.auth.waha;
		const nest = (/** @type {number} */ status, /** @type {string} */ message) =>
			json(status, { statusCode: status, message, error: STATUS_TEXT[status] ?? 'Error' });
		if (auth.apiKey !== '' && req.headers['x-api-key'] !== auth.apiKey) {
			return json(401, { message: 'Unauthorized', statusCode: 401 });
		}
		const expected = op === 'reset' ? 'POST' : 'GET';
		if (method !== expected) return nest(404, `Cannot ${method} ${url.pathname}`);
		// devlikeapro/waha src/core/manager.core.ts: Core refuses any other session name (422
		// OnlyDefaultSessionIsAllowed); getSession answers 404 for a session that is missing or stopped.
		if (this.variants.wahaTier === 'CORE' && session !== 'default') {
			const encoded = Buffer.from(session, 'utf-8').toString('base64');
			return nest(422, `WAHA Core support only 'default' session. You tried to access '${session}' session (base64: ${encoded}). If you want to run more then one WhatsApp account - please get WAHA PLUS version. Check this out: https://waha.devlike.pro/docs/how-to/plus-version/`);
		}
		const notRunning = () => nest(404, `We didn't find a session with name '${session}'.\nPlease start it first by using POST /api/sessions/${session}/start request`);
		if (session !== auth.session) return notRunning();
		const status = this.variants.wahaStatus;
		if (op === 'status') {
			return json(200, {
				name: session,
				status,
				config: { webhooks: [] },
				me: status === 'WORKING' ? { id: '5511999999999@c.us', pushName: 'Acme Support' } : null,
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
		const refusal = (/** @type {string} */ reason) =>
			json(500, {
				statusCode: 500,
				timestamp: new Date().toISOString(),
				exception: { message: reason, name: 'Error', data: reason === 'not-authorized' ? 401 : 404 },
				request: { path: url.pathname, method, query: {} },
				version: { version: '2025.1.1', engine: 'NOWEB', tier: 'CORE' },
			});
		const group = this.groupByJid(id);
		if (!group) return refusal('item-not-found');
		if (!group.admin) return refusal('not-authorized');
		let code = group.code;
		let statusCode = 200;
		if (op === 'reset') {
			group.code = newInviteCode();
			code = group.code;
			statusCode = this.variants.wahaRevokeStatus;
		}
		if (this.variants.wahaBody === 'text') return { status: statusCode, body: code, raw: true, contentType: 'text/plain; charset=utf-8' };
		return json(statusCode, code);
	}

	/**
	 * Whapi.Cloud: `Authorization: Bearer <token>`; GET reads `{invite_code}`, DELETE revokes; errors
	 * in `{error: {code, message}}`.
	 * @param {import('node:http').IncomingMessage} req @param {string} method @param {Op} op @param {string} id
	 * @returns {Result}
	 */
	whapi(req, method, op, id) {
		const fail = (/** @type {number} */ status, /** @type {string} */ message) =>
			json(status, { error: { code: status, message } });
		const authorization = String(req.headers.authorization ?? '');
		if (!authorization.startsWith('Bearer ')) return fail(401, 'Missing Bearer token');
		// Whapi.Cloud OpenAPI: a token no channel has answers 404 "Channel not found"; a channel not
		// paired with a phone answers 401 "Need channel authorization" on the WhatsApp routes.
		if (authorization.slice('Bearer '.length) !== this.auth.whapi.token) return fail(404, 'Channel not found');
		const health = this.variants.whapiHealth;
		if (op === 'status') {
			if (method !== 'GET') return fail(405, 'Method not allowed');
			const codes = { INIT: 1, LAUNCH: 2, QR: 3, AUTH: 4, STOP: 5, SYNC_ERROR: 6 };
			return json(200, { channel_id: 'SIMULA-T0R', uptime: 3600, version: '1.8.5', status: { code: codes[health], text: health } });
		}
		if (health !== 'AUTH') return fail(401, 'Need channel authorization');
		if (op === 'get' && method !== 'GET') return fail(405, 'Method not allowed');
		const group = this.groupByJid(id);
		if (!group) return fail(404, 'Group not found');
		if (!group.admin) return fail(403, 'Not enough rights: you are not an admin of this group');
		if (op === 'get') return json(200, { invite_code: group.code });
		group.code = newInviteCode();
		return json(200, this.variants.whapiReset === 'code' ? { invite_code: group.code } : { success: true });
	}
}

/** @type {Record<number, string>} */
const STATUS_TEXT = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	503: 'Service Unavailable',
};

/** @typedef {{ status: number, body: unknown, raw?: boolean, contentType?: string }} Result */

/** @param {number} status @param {unknown} body @returns {Result} */
function json(status, body) {
	return { status, body };
}

/** @param {Vendor} vendor @param {string} message @param {number} status */
function errorBody(vendor, message, status) {
	if (vendor === 'ryzeApi') return { success: false, error: { message } };
	if (vendor === 'wawp') return { code: status, message };
	if (vendor === 'evolutionApi') return { status, error: STATUS_TEXT[status] ?? 'Error', response: { message: [message] } };
	if (vendor === 'waha') return { statusCode: status, message, error: STATUS_TEXT[status] ?? 'Error' };
	if (vendor === 'whapi') return { error: { code: status, message } };
	return { error: message };
}

/**
 * @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function send(res, status, body, headers = {}) {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {string} text @param {string} type */
function sendRaw(res, status, text, type) {
	res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
	res.end(text);
}

/** The group a request is about: the id before @g.us (or Z-API's -group), if it names one. @param {string} text */
function groupIn(text) {
	return /(?:^|[^\d])(\d{8,15}-\d{9,11}|\d{16,})(?=@g\.us|-group|[^\d-]|$)/.exec(text)?.[1];
}

/** @param {string} text */
function safeDecode(text) {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** @param {import('node:http').IncomingMessage} req @returns {Promise<string>} */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

module.exports = { VendorSimulator, FAULTS, newInviteCode };
