// @ts-check
'use strict';
/**
 * A local HTTP simulator of the vendors' group endpoints on 127.0.0.1 and a random port, over real
 * sockets. The vendors themselves are modules in ./vendors (one each): this core keeps the groups
 * (a reset really changes a code), logs every request, applies latency and a rate limit, and injects
 * faults on demand. Each vendor checks auth like the real one and serves every documented variant.
 * Used by the tests, the demo, the e2e and the benchmark.
 */
const http = require('node:http');

const { newInviteCode, groupIdOf } = require('./vendors/common');
const { VENDORS } = require('./vendors');

/**
 * @typedef {string} Vendor the provider id, e.g. 'zApi'
 * @typedef {import('./vendors').Op} Op
 * @typedef {import('./vendors').SimGroup} SimGroup
 * @typedef {'timeout' | 'resetBefore' | 'resetAfter' | '429' | '429RetryAfter' | '429RetryAfterLong' | '429RateLimitReset'
 *   | '500' | '502Html' | '503' | '200Html' | '200InvalidJson' | '200Empty' | '200NoLink'
 *   | 'valueFalse' | 'successFalse' | 'envelopeCode' | 'envelopeDash' | 'envelopeWordCode' | 'envelopeError' | 'envelopeStatus'
 *   | '401' | '403' | '404'} Fault
 * @typedef {Fault | string} AnyFault a core fault, or one a vendor module answers itself (its `faults`)
 * @typedef {{ vendor: Vendor, op: Op, method: string, path: string, query: Record<string, string>,
 *   headerNames: string[], body?: string, fault?: AnyFault, status?: number, group?: string }} LoggedRequest
 */

/** Faults only one vendor answers (its module's `faults`), by vendor. @type {Record<string, string[]>} */
const VENDOR_FAULTS = Object.fromEntries(VENDORS.map((vendor) => [vendor.id, Object.keys(vendor.faults ?? {})]));

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
		/**
		 * Secrets the simulator expects, per vendor; the tests assert none of them ever shows up in a run.
		 * @type {Record<string, Record<string, string>>}
		 */
		this.auth = Object.fromEntries(VENDORS.map((vendor) => [vendor.id, vendor.makeAuth()]));
		/**
		 * Documented response variants of every vendor (see each vendor module), switchable per test.
		 * @type {Record<string, any>}
		 */
		this.variants = Object.assign({}, ...VENDORS.map((vendor) => vendor.variants));
		/** @type {Map<string, SimGroup>} group id (before @g.us) → state, in the order groups were added */
		this.groups = new Map();
		/** @type {Array<{ vendor?: Vendor, op?: Op, group?: string, fault: AnyFault, times: number }>} */
		this.faults = [];
		/** @type {{ rate: number, faults: AnyFault[], ops?: Op[], next: () => number } | undefined} */
		this.faultPlan = undefined;
		/** @type {LoggedRequest[]} */
		this.requests = [];
		/** Every webhook the simulator posted, with the answer. @type {Array<{ vendor: string, kind: string, url: string, status: number, body: string }>} */
		this.deliveries = [];
		/** @type {Set<import('node:net').Socket>} */
		this.sockets = new Set();
		/**
		 * Each vendor's webhook settings, as its API reads and writes them (the vendor module's
		 * `webhooks.initial()`): what a trigger registers, and what must be the same after it is removed.
		 * @type {Record<string, any>}
		 */
		this.hookState = Object.fromEntries(VENDORS.map((vendor) => [vendor.id, vendor.webhooks?.initial() ?? {}]));
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

	/** n8n credential data pointing at this simulator, per credential type. @returns {Record<string, any>} */
	credentials() {
		return Object.fromEntries(VENDORS.map((vendor) => [vendor.credentialType, vendor.credentials(this.auth[vendor.id], this.baseUrl)]));
	}

	/** Every secret value in the credentials (what must never leak). */
	secrets() {
		return VENDORS.flatMap((vendor) => vendor.secrets(this.auth[vendor.id])).filter((secret) => secret !== '');
	}

	/**
	 * Adds a group the connected number belongs to.
	 * @param {string} id digits (or legacy phone-timestamp), without @g.us
	 * @param {{ admin?: boolean, code?: string, name?: string, size?: number }} [options]
	 */
	addGroup(id, options = {}) {
		const group = {
			code: options.code ?? newInviteCode(),
			admin: options.admin ?? true,
			name: options.name ?? `Group ${id}`,
			size: options.size ?? 3,
			approvalRequired: false,
			/** @type {import('./vendors').SimJoinRequest[]} */
			joinRequests: [],
		};
		this.groups.set(id, group);
		return group;
	}

	/**
	 * Adds a pending join request to a group (its approval must be on for WhatsApp to make one; the
	 * simulator turns it on). `lid`: the requester is known by a LID, `phone` then given or not.
	 * @param {string} id the group's id before @g.us
	 * @param {{ phone?: string, lid?: string, method?: string, at?: number }} request `at`: epoch seconds
	 * @returns {import('./vendors').SimJoinRequest}
	 */
	addJoinRequest(id, request) {
		const group = this.groups.get(id);
		if (!group) throw new Error(`no simulated group ${id}`);
		group.approvalRequired = true;
		const entry = {
			phone: request.phone,
			lid: request.lid,
			method: request.method ?? 'invite_link',
			at: request.at ?? 1764979200,
			requestId: `JR${String(group.joinRequests.length + 1).padStart(4, '0')}${id.slice(-6)}`,
		};
		group.joinRequests.push(entry);
		return entry;
	}

	/**
	 * Approves or rejects the pending request matching `who` (phone digits, a LID's digits, a JID or a
	 * request id): it leaves the list, and an approved requester joins. False when none is pending.
	 * @param {string} id @param {string} who @param {'approve' | 'reject'} action
	 */
	settleJoinRequest(id, who, action) {
		const group = this.groups.get(id);
		if (!group) return false;
		const digits = String(who).replace(/@.*$/, '').replace(/:\d+$/, '').replace(/^\+/, '');
		const index = group.joinRequests.findIndex((r) => r.phone === digits || r.lid === digits || r.requestId === who);
		if (index < 0) return false;
		group.joinRequests.splice(index, 1);
		if (action === 'approve') group.size += 1;
		return true;
	}

	/** The group with this JID (`<id>@g.us`). @param {string} jid */
	groupByJid(jid) {
		const id = groupIdOf(jid);
		return id === undefined ? undefined : this.groups.get(id);
	}

	/**
	 * The group a JID, an invite code or an invite link names.
	 * @param {string} identifier @returns {[string, SimGroup] | undefined}
	 */
	findGroup(identifier) {
		const linkCode = /chat\.whatsapp\.com\/([A-Za-z0-9]+)/.exec(identifier)?.[1];
		for (const [id, group] of this.groups) {
			if (identifier === `${id}@g.us` || group.code === identifier || group.code === linkCode) return [id, group];
		}
		return undefined;
	}

	/** The group whose current invite code is `code`. @param {string} code @returns {[string, SimGroup] | undefined} */
	groupByCode(code) {
		for (const [id, group] of this.groups) if (group.code === code) return [id, group];
		return undefined;
	}

	/** @param {string} id */
	codeOf(id) {
		return this.groups.get(id)?.code;
	}

	/**
	 * Makes the next `times` matching requests fail with `fault`. With `group` (the id before @g.us),
	 * only requests about that group match: cases that run one after another in one workflow each get
	 * their own fault, and a retry of one case can never take the fault meant for the next.
	 * @param {{ vendor?: Vendor, op?: Op, group?: string, fault: AnyFault, times?: number }} spec
	 */
	inject(spec) {
		this.faults.push({ ...spec, times: spec.times ?? 1 });
	}

	/** A deep copy of a vendor's webhook settings (to compare before and after). @param {Vendor} vendor */
	webhookSettings(vendor) {
		return JSON.parse(JSON.stringify(this.hookState[vendor] ?? {}));
	}

	/**
	 * Posts a group event the way the vendor does, to every URL its webhook settings send group events
	 * to (`webhooks.targets`), signed or tokened as the vendor would. `forge`: as an attacker would,
	 * without the registration's token, header or a valid signature.
	 * @param {Vendor} vendor @param {import('./vendors').HookKind} kind @param {import('./vendors').HookEvent} event
	 * @param {{ forge?: boolean }} [options]
	 * @returns {Promise<Array<{ url: string, status: number, body: string }>>}
	 */
	async deliver(vendor, kind, event, options = {}) {
		const module = VENDORS.find((v) => v.id === vendor);
		if (!module?.webhooks) throw new Error(`the simulated ${vendor} sends no webhooks`);
		const targets = module.webhooks.targets(this.hookState[vendor], this.auth[vendor]);
		return await Promise.all(targets.map((target) => this.deliverTo(vendor, target, kind, event, options)));
	}

	/**
	 * Posts one group event in the vendor's format to one target (a URL the user set by hand, for a
	 * gateway whose webhook a trigger cannot register).
	 * @param {Vendor} vendor @param {import('./vendors').HookTarget} target @param {import('./vendors').HookKind} kind
	 * @param {import('./vendors').HookEvent} event @param {{ forge?: boolean }} [options]
	 */
	async deliverTo(vendor, target, kind, event, options = {}) {
		const module = VENDORS.find((v) => v.id === vendor);
		if (!module?.webhooks) throw new Error(`the simulated ${vendor} sends no webhooks`);
		const request = module.webhooks.request(kind, event, target, this.auth[vendor], Boolean(options.forge));
		const url = options.forge && target.url.includes('token=') ? target.url.replace(/([?&]token=)[^&]*/, '$1forged') : target.url;
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': request.contentType ?? 'application/json', ...(request.headers ?? {}) },
			body: request.body,
		});
		const delivered = { url, status: response.status, body: await response.text() };
		this.deliveries.push({ vendor, kind, ...delivered });
		return delivered;
	}

	/** @param {Vendor} [vendor] @param {Op} [op] @param {string} [group] the id before @g.us */
	count(vendor, op, group) {
		return this.requests.filter((r) => (!vendor || r.vendor === vendor) && (!op || r.op === op) && (!group || r.group === group)).length;
	}

	reset() {
		this.requests = [];
		this.deliveries = [];
		this.hookState = Object.fromEntries(VENDORS.map((vendor) => [vendor.id, vendor.webhooks?.initial() ?? {}]));
		this.faults = [];
		this.faultPlan = undefined;
		this.rateWindow = [];
		this.rateLimited = 0;
	}

	/**
	 * Makes a share of all later requests fail, each with a fault drawn from `faults`, from a seeded
	 * generator so a run is repeatable.
	 * @param {{ rate: number, faults: AnyFault[], seed?: number, ops?: Op[] }} plan
	 */
	randomFaults(plan) {
		let state = plan.seed ?? 42;
		const next = () => {
			state = (state * 1103515245 + 12345) % 2147483648;
			return state / 2147483648;
		};
		this.faultPlan = { ...plan, next };
	}

	/** @param {Vendor} vendor @param {Op} op @param {string} [group] @returns {AnyFault | undefined} */
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
				return send(res, 429, this.errorBody(route.vendor, 'Rate limit exceeded. Try again later.', 429), {
					'Retry-After': String(retry),
				});
			}
			this.rateWindow.push(now);
		}

		// The body is read first (RyzeAPI's reset names its group there); a dropped connection still
		// means the vendor did nothing.
		const body = await readBody(req);
		entry.body = body;
		// A vendor whose read and reset share one URL (Evolution GO) tells them apart by the body.
		if (route.opFor) entry.op = route.opFor(body);
		entry.group = route.group ?? groupIn(`${safeDecode(url.pathname)} ${safeDecode(url.search)} ${body}`);
		const fault = this.takeFault(route.vendor, entry.op, entry.group);
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
	 * @param {import('node:http').ServerResponse} res @param {Vendor} vendor @param {AnyFault} fault
	 * @param {LoggedRequest} entry
	 */
	sendFault(res, vendor, fault, entry) {
		const own = VENDORS.find((v) => v.id === vendor)?.faults?.[fault];
		if (own) {
			const result = own();
			entry.status = result.status;
			send(res, result.status, result.body);
			return;
		}
		const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
		/** @type {Record<string, () => void>} */
		const table = {
			429: () => send(res, 429, this.errorBody(vendor, 'Rate limit exceeded. Try again later.', 429)),
			'429RetryAfter': () =>
				send(res, 429, this.errorBody(vendor, 'Rate limit exceeded. Try again later.', 429), { 'Retry-After': '1' }),
			'429RateLimitReset': () =>
				send(res, 429, this.errorBody(vendor, 'Rate limit exceeded. Try again later.', 429), {
					'X-RateLimit-Limit': '100',
					'X-RateLimit-Remaining': '0',
					'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + 1),
				}),
			'429RetryAfterLong': () =>
				send(res, 429, this.errorBody(vendor, 'Rate limit exceeded. Try again later.', 429), { 'Retry-After': '3600' }),
			500: () => send(res, 500, this.errorBody(vendor, 'Internal server error', 500)),
			'502Html': () => sendRaw(res, 502, html, 'text/html'),
			503: () => send(res, 503, this.errorBody(vendor, 'Service temporarily unavailable', 503)),
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
			401: () => send(res, 401, this.errorBody(vendor, 'Invalid token', 401)),
			403: () => send(res, 403, this.errorBody(vendor, 'Not authorized to reset group invite link (must be admin)', 403)),
			404: () => send(res, 404, this.errorBody(vendor, 'Group not found or you are not a member of this group', 404)),
		};
		entry.status = Number(String(fault).slice(0, 3)) || 200;
		table[fault]();
	}

	/**
	 * The vendor and operation a request is for.
	 * @param {string} method @param {URL} url
	 * @returns {{ vendor: Vendor, op: Op, group?: string, opFor?: (body: string) => Op, handler: (req: import('node:http').IncomingMessage, url: URL, body: string) => Result } | undefined}
	 */
	route(method, url) {
		for (const vendor of VENDORS) {
			const found = vendor.route(this, method, url);
			if (found) return { vendor: vendor.id, ...found };
		}
		return undefined;
	}

	/** @param {Vendor} vendor @param {string} message @param {number} status */
	errorBody(vendor, message, status) {
		return VENDORS.find((v) => v.id === vendor)?.errorBody(message, status) ?? { error: message };
	}
}

/** @typedef {import('./vendors').Result} Result */

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

module.exports = { VendorSimulator, FAULTS, VENDOR_FAULTS, newInviteCode };
