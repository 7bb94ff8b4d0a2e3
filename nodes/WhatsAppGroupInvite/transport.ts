/**
 * Transport: the only module that talks to the network. It sends an adapter's requests through
 * `httpRequestWithAuthentication` (so n8n injects the credential's headers and query parameters),
 * parses what comes back, retries only where that is safe, paces requests to the vendor's limit, and
 * turns every failure into a NodeApiError whose text carries no secret.
 */
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type {
	ProviderAdapter,
	ProviderClient,
	ProviderRequest,
	ProviderResponse,
} from './providers/types';
import { errorEnvelope } from './providers/types';
import { redact, redactDeep, secretList } from './secrets';

/** Default per-request timeout (the node's Timeout option). */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Checks the credential's Base URL once per execution. */
export function checkBaseUrl(
	ctx: { getNode(): INode },
	adapter: ProviderAdapter,
	credentials: ICredentialDataDecryptedObject,
): string {
	const value = credentials.baseUrl;
	const where = `The Base URL of the ${adapter.name} credential`;
	if (typeof value !== 'string' || value.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), `${where} is empty`, {
			description: `Set it to the address of your ${adapter.name} server or service, e.g. https://api.example.com (hosted providers pre-fill their default).`,
		});
	}
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new NodeOperationError(ctx.getNode(), `${where} is not a valid URL`, {
			description: 'Use a full address such as https://api.example.com (with http:// or https://).',
		});
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new NodeOperationError(ctx.getNode(), `${where} must start with https:// or http://`, {
			description: `It starts with ${url.protocol}//. Use the address of your ${adapter.name} server or service.`,
		});
	}
	if (url.username !== '' || url.password !== '') {
		throw new NodeOperationError(ctx.getNode(), `${where} contains a user name or password`, {
			description: 'Remove the "user:password@" part: tokens belong in the credential\'s own fields.',
		});
	}
	if (url.search !== '' || url.hash !== '') {
		throw new NodeOperationError(ctx.getNode(), `${where} contains a query string or fragment`, {
			description: 'Remove everything from "?" or "#" on.',
		});
	}
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** How many times one request may be sent in all (the first try and the retries). */
export const MAX_ATTEMPTS = 3;
/** First backoff wait; doubles on each retry, with random jitter. */
export const BACKOFF_BASE_MS = 500;
/** The longest wait the node accepts from a vendor's Retry-After / X-RateLimit-Reset. */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;
/** The whole item, retries and waits included, is bounded by this many request timeouts. */
export const ITEM_BUDGET_TIMEOUTS = 3;

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
/** Network errors that prove the request never reached the vendor. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/**
 * The messages n8n puts in place of the HTTP library's own when it wraps a network error (n8n-workflow
 * `errors/abstract/node.error.ts` COMMON_ERRORS, used by NodeApiError in n8n 1.x and 2.x), and the
 * HTTP library's own texts, read back into their codes.
 */
const NETWORK_MESSAGES: Array<[RegExp, string]> = [
	[/connection was aborted/i, 'ECONNABORTED'],
	[/timeout of \d+ ?ms exceeded|connection timed out|\btimed? ?out\b/i, 'ETIMEDOUT'],
	[/refused the connection|ECONNREFUSED/i, 'ECONNREFUSED'],
	[/closed unexpectedly|socket hang up|ECONNRESET/i, 'ECONNRESET'],
	[/incorrect host \(domain\)|ENOTFOUND/i, 'ENOTFOUND'],
	[/host is unreachable/i, 'EHOSTUNREACH'],
	[/DNS server returned an error/i, 'EAI_AGAIN'],
];

export type NetworkFailureKind = 'timeout' | 'notSent' | 'dropped' | 'unknown';

/**
 * What a failed request without an HTTP answer means, from every shape n8n hands a node:
 * - n8n 2.x: the HTTP library's error, with `code` (or `cause.code`) such as ECONNREFUSED.
 * - n8n 1.x: a NodeApiError wrapping it, with `httpCode: "ECONNABORTED"` (found from the library's
 *   `code`), a substituted generic message ("The connection was aborted, perhaps the server is
 *   offline") and the original error as `cause`, or a plain `errorResponse`.
 * Codes are read from `code`, `httpCode`, `errorResponse` and nested causes; failing those, from
 * the messages n8n substitutes and the library's own texts.
 */
export function classifyNetworkError(error: unknown): { code: string; kind: NetworkFailureKind } {
	const codes: string[] = [];
	const texts: string[] = [];
	const seen = new Set<unknown>();
	const visit = (value: unknown, depth: number): void => {
		if (value === null || typeof value !== 'object' || seen.has(value) || depth > 4) return;
		seen.add(value);
		const entry = value as Record<string, unknown>;
		for (const key of ['code', 'httpCode', 'errno']) {
			const found = entry[key];
			if (typeof found === 'string' && /^E[A-Z_]+$/.test(found)) codes.push(found);
		}
		if (typeof entry.message === 'string') texts.push(entry.message);
		visit(entry.cause, depth + 1);
		visit(entry.errorResponse, depth + 1);
	};
	visit(error, 0);
	const known = codes.find((code) => NETWORK_KINDS[code] !== undefined);
	const code =
		known ??
		NETWORK_MESSAGES.find(([pattern]) => texts.some((text) => pattern.test(text)))?.[1] ??
		codes[0] ??
		'';
	return { code, kind: NETWORK_KINDS[code] ?? 'unknown' };
}

const NETWORK_KINDS: Record<string, NetworkFailureKind> = {
	...Object.fromEntries([...NOT_SENT_CODES].map((code) => [code, 'notSent'])),
	...Object.fromEntries([...TIMEOUT_CODES].map((code) => [code, 'timeout'])),
	...Object.fromEntries([...DROPPED_CODES].map((code) => [code, 'dropped'])),
};

/** Errors that may or may not have taken effect at the vendor (for a reset: the link may have changed). */
const ambiguousErrors = new WeakSet<Error>();

export function isAmbiguous(error: unknown): boolean {
	return error instanceof Error && ambiguousErrors.has(error);
}

/**
 * Refusals about what was asked (an HTTP 4xx other than auth and throttling, or a 5xx the adapter
 * calls definite, e.g. WAHA's "item-not-found"): the vendor answered, and the answer is about the
 * group, not about the connection, the credential or a rate limit.
 */
const refusals = new WeakSet<Error>();

export function isRefusal(error: unknown): boolean {
	return error instanceof Error && refusals.has(error);
}

export interface TransportSettings {
	/** Client-side limit in requests per minute (0: none). */
	requestsPerMinute: number;
	/** How many items the run sends at the same time (Requests in Parallel; 1 when absent). */
	concurrency?: number;
}

/** Below this spacing between starts, spreading them is not worth a timer. */
export const MIN_SPREAD_MS = 1;
/** Weight of the newest answer time in the running estimate of the vendor's answer time. */
const LATENCY_WEIGHT = 0.2;
/** How many spacings a late start may catch up: enough for timer lateness, too few to form a bunch. */
const CATCH_UP = 2;

/**
 * Spreads the starts of parallel requests evenly over the vendor's answer time. Without it, the
 * requests of a run with Requests in Parallel = N leave together, come back together, and the N
 * answers are handled back to back while the next N wait: in real n8n (scripts/bench/real-n8n.js),
 * 20 in parallel at 50 ms took 1.5 times N × 50 ms / 20. Starting one request every (answer time /
 * N) keeps N in flight without the bunches. The answer time is learned from the run's own requests
 * (nothing is spread before the first answer, nor when the spacing would be under MIN_SPREAD_MS, as
 * against a vendor on the same machine). A start that comes late keeps the schedule: the next one is
 * planned from its slot, not from when it really started, so timer lateness does not add up; but no
 * more than CATCH_UP spacings are caught up, so a stall does not turn into a bunch again.
 * The clock is injectable for tests.
 */
export class Spreader {
	private latencyMs: number | undefined;
	private nextStart: number | undefined;

	constructor(
		private readonly parallel: number,
		private readonly clock: { now: () => number; sleep: (ms: number) => Promise<void> } = { now: Date.now, sleep },
	) {}

	/** One answer's time, in ms (any HTTP status: it is the vendor's answer time either way). */
	observe(ms: number): void {
		this.latencyMs = this.latencyMs === undefined ? ms : this.latencyMs * (1 - LATENCY_WEIGHT) + ms * LATENCY_WEIGHT;
	}

	/** The spacing between starts now, in ms (0: not spread). */
	interval(): number {
		if (this.parallel <= 1 || this.latencyMs === undefined) return 0;
		const interval = this.latencyMs / this.parallel;
		return interval < MIN_SPREAD_MS ? 0 : interval;
	}

	/** Resolves when the next request may start, with the milliseconds it waited. */
	async acquire(): Promise<number> {
		const interval = this.interval();
		if (interval === 0) return 0;
		const now = this.clock.now();
		const slot = Math.max(this.nextStart ?? now, now - interval * CATCH_UP);
		this.nextStart = slot + interval;
		const wait = slot - now;
		if (wait <= 0) return 0;
		await this.clock.sleep(wait);
		return wait;
	}
}

/**
 * Share of a rate limit the pacer uses. Requests that leave evenly spaced still reach the vendor a
 * few milliseconds early or late (network, event loop), so pacing at exactly the limit lets some
 * one-second window see one request too many; 5% headroom absorbs that jitter.
 */
export const PACING_SHARE = 0.95;

/**
 * Client-side pacing shared by every item and every parallel request of one execution: request
 * starts are spread evenly, `60 000 / (limit × PACING_SHARE)` ms apart, so a vendor that counts per
 * second or per minute never sees a burst. A vendor's "quota used up until" pauses every request.
 */
export class Pacer {
	private readonly intervalMs: number;
	private lastStart = Number.NEGATIVE_INFINITY;
	private pausedUntil = 0;
	private queue: Promise<void> = Promise.resolve();

	constructor(requestsPerMinute: number) {
		this.intervalMs = requestsPerMinute > 0 ? 60_000 / (requestsPerMinute * PACING_SHARE) : 0;
	}

	/** Called when the vendor says its quota is used up until `until` (epoch ms). */
	pauseUntil(until: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, until);
	}

	/** Resolves when the next request may start, with the milliseconds it waited. */
	async acquire(): Promise<number> {
		const asked = Date.now();
		if (this.intervalMs === 0 && this.pausedUntil <= asked) return 0;
		// One caller at a time: each start is at least one interval after the previous actual start
		// (not its planned one), so a late start is never followed by a catch-up burst.
		const turn = this.queue.then(async () => {
			for (;;) {
				const wait = Math.max(this.lastStart + this.intervalMs, this.pausedUntil) - Date.now();
				if (wait <= 0) break;
				await sleep(wait);
			}
			this.lastStart = Date.now();
		});
		this.queue = turn;
		await turn;
		return Date.now() - asked;
	}
}

interface Failure {
	/** Whether sending again is safe: the vendor provably did not act on the request. */
	notProcessed: boolean;
	/** Whether an idempotent request may be retried. */
	transient: boolean;
	/** Whether the vendor may have acted on the request although it failed (timeout, dropped, 5xx). */
	ambiguous: boolean;
	/** Wait the vendor asked for, in ms. */
	retryAfterMs?: number;
	/** The HTTP status of a rate limit the adapter recognized in an answer other than a 429. */
	rateLimitStatus?: number;
	error: NodeApiError;
}

type Headers = Record<string, unknown>;

function header(headers: Headers | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	// Only an HTTP date (e.g. "Wed, 21 Oct 2026 07:28:00 GMT"): Date.parse reads odd text as dates.
	if (!/^[A-Za-z]{3},? +\d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4} +\d{2}:\d{2}:\d{2} +GMT$/.test(trimmed)) {
		return undefined;
	}
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Parses `X-RateLimit-Reset`: epoch seconds, epoch milliseconds or seconds from now. */
export function parseRateLimitReset(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
	const number = Number(value.trim());
	if (number > 1e12) return Math.max(0, number - now);
	if (number > 1e9) return Math.max(0, number * 1000 - now);
	return Math.round(number * 1000);
}

function rateLimitWait(headers: Headers | undefined): number | undefined {
	return (
		parseRetryAfter(header(headers, 'retry-after')) ??
		parseRateLimitReset(header(headers, 'x-ratelimit-reset'))
	);
}

function parseBody(raw: unknown): { body: unknown; json: boolean; text: string } {
	if (raw === undefined || raw === null) return { body: undefined, json: false, text: '' };
	if (typeof raw !== 'string') {
		// Some helpers hand back an already-parsed body.
		return { body: raw, json: true, text: JSON.stringify(raw) };
	}
	const text = raw;
	const trimmed = text.trim();
	if (trimmed === '') return { body: undefined, json: false, text };
	try {
		return { body: JSON.parse(trimmed) as unknown, json: true, text };
	} catch {
		return { body: trimmed, json: false, text };
	}
}

function describeStatus(statusCode: number): string {
	const names: Record<number, string> = {
		400: 'Bad Request',
		401: 'Unauthorized',
		403: 'Forbidden',
		404: 'Not Found',
		405: 'Method Not Allowed',
		415: 'Unsupported Media Type',
		422: 'Unprocessable Entity',
		429: 'Too Many Requests',
		500: 'Internal Server Error',
		502: 'Bad Gateway',
		503: 'Service Unavailable',
		504: 'Gateway Timeout',
	};
	return names[statusCode] ? `HTTP ${statusCode} ${names[statusCode]}` : `HTTP ${statusCode}`;
}

function seconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** One execution's connection to one provider: credentials read once, shared by every item. */
export class ProviderSession {
	readonly secrets: string[];
	readonly pacer: Pacer;
	readonly spreader: Spreader;
	/** The adapter's per-execution memory (ProviderClient.memo). */
	private readonly memo = new Map<string, unknown>();
	private readonly apiRoot: string;
	private readonly credentialsRef: { id: string; name: string; type: string };

	constructor(
		private readonly ctx: IExecuteFunctions | ILoadOptionsFunctions,
		readonly adapter: ProviderAdapter,
		readonly credentials: ICredentialDataDecryptedObject,
		baseUrl: string,
		settings: TransportSettings,
	) {
		this.secrets = secretList(adapter.secrets(credentials));
		const stored = ctx.getNode().credentials?.[adapter.credentialType];
		this.credentialsRef = { id: stored?.id ?? '', name: stored?.name ?? '', type: adapter.credentialType };
		this.apiRoot = adapter.apiRoot(credentials, baseUrl);
		this.pacer = new Pacer(settings.requestsPerMinute);
		this.spreader = new Spreader(settings.concurrency ?? 1);
	}

	redact(text: string): string {
		return redact(text, this.secrets);
	}

	/**
	 * A client for one item. Every response body it receives is appended to `raw` (redacted), when
	 * given (Include Raw Response).
	 * `timeout` bounds each request and `deadline` (epoch ms) the item: no backoff or request runs past
	 * it. Waiting for the rate limit (client-side pacing or the vendor's Retry-After) moves it later.
	 */
	client(itemIndex: number, raw: unknown[] | undefined, timeout: number, deadline: number): ProviderClient {
		const limits = { timeout, deadline };
		return {
			credentials: this.credentials,
			memo: this.memo,
			send: async (request) => await this.send(request, itemIndex, raw, limits),
			invalidResponse: (problem, response) =>
				this.invalidResponse(problem, response, itemIndex),
			httpError: (request, response) => {
				const parsed =
					response.text === undefined
						? { body: response.body, json: true, text: JSON.stringify(response.body ?? '') }
						: { body: response.body, json: false, text: response.text };
				const failure = this.httpFailure(response.statusCode, undefined, parsed, request, itemIndex);
				if (!request.idempotent && failure.ambiguous) ambiguousErrors.add(failure.error);
				return failure.error;
			},
			inviteGone: (response) => {
				const said =
					(response.text === undefined ? this.vendorMessageOf(response.body) : response.text.trim().slice(0, 200)) ||
					describeStatus(response.statusCode);
				return this.error(
					itemIndex,
					`${this.adapter.name} knows no group for this invite link: it may have been revoked or expired (${said})`,
					'Use a current invite link of the group (a reset revokes the old one), or pick the group From List or By Name.',
					response.statusCode,
					{ vendorMessage: said },
				);
			},
		};
	}

	error(
		itemIndex: number,
		message: string,
		description: string,
		httpCode?: number,
		details: JsonObject = {},
	): NodeApiError {
		const safeMessage = this.redact(message);
		const safeDescription = this.redact(description);
		// A plain, already-redacted object as the "response": nothing from the HTTP library (whose
		// config holds the full URL with its tokens) is kept on the error.
		const errorResponse: JsonObject = {
			provider: this.adapter.name,
			...(httpCode === undefined ? {} : { httpCode: String(httpCode) }),
			...redactDeep(details, this.secrets),
		};
		return new NodeApiError(this.ctx.getNode(), errorResponse, {
			message: safeMessage,
			description: safeDescription,
			httpCode: httpCode === undefined ? undefined : String(httpCode),
			itemIndex,
		});
	}

	private invalidResponse(problem: string, response: ProviderResponse, itemIndex: number): NodeApiError {
		const shown =
			typeof response.body === 'string'
				? response.body
				: response.body === undefined
					? ''
					: JSON.stringify(response.body);
		const snippet = shown.length > 200 ? `${shown.slice(0, 200)}...` : shown;
		const what = snippet === '' ? 'an empty body' : `: ${snippet}`;
		// (A 2xx error envelope does not get here: send() reports it as the vendor's refusal.)
		return this.error(
			itemIndex,
			`${this.adapter.name} answered ${describeStatus(response.statusCode)} but ${problem}`,
			`The answer was ${what === 'an empty body' ? what : `this${what}`}. Check that the credential's Base URL points to the ${this.adapter.name} API and that the instance is connected to WhatsApp; if it is, the group may not allow this (the connected number must be a group admin).`,
			response.statusCode,
			{ body: snippet },
		);
	}

	private async send(
		request: ProviderRequest,
		itemIndex: number,
		raw: unknown[] | undefined,
		limits: { timeout: number; deadline: number },
	): Promise<ProviderResponse> {
		for (let attempt = 1; ; attempt++) {
			const outcome = await this.attempt(request, itemIndex, raw, limits);
			if ('statusCode' in outcome) return outcome;

			const mayRetry = request.idempotent ? outcome.transient : outcome.notProcessed;
			if (!mayRetry || attempt >= MAX_ATTEMPTS) {
				if (!request.idempotent && outcome.ambiguous) ambiguousErrors.add(outcome.error);
				throw outcome.error;
			}
			const backoff = BACKOFF_BASE_MS * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
			const wait = outcome.retryAfterMs ?? Math.round(backoff);
			if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > MAX_RATE_LIMIT_WAIT_MS) {
				throw this.rateLimitTooLong(itemIndex, request, outcome.retryAfterMs, outcome.rateLimitStatus);
			}
			if (outcome.retryAfterMs !== undefined) {
				// A wait the vendor asked for (within the cap) goes through the pacer, so every request of
				// this execution waits, and like any pacing wait it does not use up the item's budget.
				this.pacer.pauseUntil(Date.now() + wait);
			} else if (Date.now() + wait >= limits.deadline) {
				throw outcome.error;
			} else {
				await sleep(wait);
			}
		}
	}

	private rateLimitTooLong(itemIndex: number, request: ProviderRequest, waitMs: number, status = 429): NodeApiError {
		const at = new Date(Date.now() + waitMs).toISOString().replace(/\.\d+Z$/, 'Z');
		const shown = status === 429 ? 'HTTP 429' : describeStatus(status);
		return this.error(
			itemIndex,
			`${this.adapter.name} is limiting requests (${shown}) and asks to wait ${seconds(waitMs)} before trying to ${request.action} again`,
			`That is longer than this node waits (${seconds(MAX_RATE_LIMIT_WAIT_MS)} at most). Try again after ${at}, or lower Options → Max Requests per Minute so the limit is not reached.`,
			status,
			{ retryAt: at },
		);
	}

	private async attempt(
		request: ProviderRequest,
		itemIndex: number,
		raw: unknown[] | undefined,
		limits: { timeout: number; deadline: number },
	): Promise<ProviderResponse | Failure> {
		// Time spent queueing for the rate limit, or spread over the vendor's answer time, does not
		// count against the item's budget.
		limits.deadline += await this.pacer.acquire();
		limits.deadline += await this.spreader.acquire();
		// A request the vendor is known to be slow at gets at least its own time, budget included.
		const perRequest = Math.max(limits.timeout, request.minTimeout ?? 0);
		if (request.minTimeout !== undefined) limits.deadline = Math.max(limits.deadline, Date.now() + request.minTimeout);
		const remaining = limits.deadline - Date.now();
		const timeout = Math.max(1, Math.min(perRequest, remaining));
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${this.apiRoot}${request.path}`,
			qs: request.qs,
			headers: { Accept: 'application/json, text/plain, */*' },
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout,
		};
		if (request.body !== undefined) {
			options.headers = { ...options.headers, 'Content-Type': 'application/json' };
			options.body = JSON.stringify(request.body);
		}

		let response: { statusCode: number; headers?: Headers; body?: unknown };
		const sent = Date.now();
		try {
			response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				this.adapter.credentialType,
				options,
				// The credentials were read once for the run: n8n need not load and decrypt them again
				// for every request. A copy, since pre-authentication may write to it.
				{ credentialsDecrypted: { ...this.credentialsRef, data: { ...this.credentials } } },
			)) as typeof response;
		} catch (error) {
			return this.networkFailure(error as Error, request, itemIndex, timeout);
		}

		this.spreader.observe(Date.now() - sent);
		const { statusCode } = response;
		const parsed = parseBody(response.body);
		if (raw && parsed.body !== undefined) raw.push(redactDeep(parsed.body, this.secrets));

		const remainingQuota = header(response.headers, 'x-ratelimit-remaining');
		if (remainingQuota !== undefined && Number(remainingQuota) <= 0) {
			const wait = parseRateLimitReset(header(response.headers, 'x-ratelimit-reset'));
			if (wait !== undefined && wait <= MAX_RATE_LIMIT_WAIT_MS) this.pacer.pauseUntil(Date.now() + wait);
		}

		if (statusCode >= 200 && statusCode < 300 && parsed.json) {
			const isError = this.adapter.isErrorEnvelope ?? errorEnvelope;
			if (isError(parsed.body)) return this.envelopeFailure(statusCode, parsed, request, itemIndex);
		}
		if ((statusCode >= 200 && statusCode < 300) || request.passStatuses?.includes(statusCode)) {
			return { statusCode, body: parsed.body, ...(parsed.json ? {} : { text: parsed.text }) };
		}
		return this.httpFailure(statusCode, response.headers, parsed, request, itemIndex);
	}

	private httpFailure(
		statusCode: number,
		headers: Headers | undefined,
		parsed: { body: unknown; json: boolean; text: string },
		request: ProviderRequest,
		itemIndex: number,
	): Failure {
		const name = this.adapter.name;
		const vendorMessage = parsed.json ? this.vendorMessageOf(parsed.body) : undefined;
		const snippet = parsed.json ? undefined : parsed.text.trim().slice(0, 200);
		// A rate limit: HTTP 429, or an answer the adapter recognizes as one (a vendor that throttles
		// with another status). Either way the vendor did not act on the request.
		const limitedOtherwise =
			statusCode !== 429 && parsed.json && this.adapter.isRateLimited?.(statusCode, parsed.body) === true;
		const rateLimited = statusCode === 429 || limitedOtherwise;
		let message: string;
		if (rateLimited) {
			const shown = statusCode === 429 ? 'HTTP 429' : describeStatus(statusCode);
			message = `${name} is limiting requests (${shown}) and did not ${request.action}`;
		} else if (statusCode >= 500) {
			message = `${name} failed while trying to ${request.action} (${describeStatus(statusCode)})`;
		} else {
			message = `${name} refused to ${request.action} (${describeStatus(statusCode)})`;
		}
		if (vendorMessage) message += `: ${vendorMessage}`;
		else if (snippet) message += `: ${snippet}`;

		const body = parsed.json ? parsed.body : undefined;
		const description =
			this.adapter.errorHint?.(statusCode, vendorMessage, body) ??
			this.defaultHint(rateLimited ? 429 : statusCode);
		const error = this.error(itemIndex, message, description, statusCode, {
			...(vendorMessage ? { vendorMessage } : {}),
			...(snippet ? { body: snippet } : {}),
			...(parsed.json ? (this.adapter.errorDetails?.(parsed.body) ?? {}) : {}),
		});
		const definite = this.adapter.isDefiniteFailure?.(statusCode, vendorMessage) === true;
		if (!rateLimited && ((statusCode >= 400 && statusCode < 500 && ![401, 403].includes(statusCode)) || (statusCode >= 500 && definite))) {
			refusals.add(error);
		}
		return {
			error,
			notProcessed: rateLimited,
			transient: rateLimited || RETRYABLE_STATUSES.has(statusCode),
			ambiguous: statusCode >= 500 && !rateLimited && !definite,
			retryAfterMs: rateLimited || statusCode === 503 ? rateLimitWait(headers) : undefined,
			...(limitedOtherwise ? { rateLimitStatus: statusCode } : {}),
		};
	}

	/**
	 * A 2xx answer that is an error envelope: a definite failure. The vendor says it did not do it, so
	 * it is neither retried nor, for a reset, reported as "may not have completed".
	 */
	private envelopeFailure(
		statusCode: number,
		parsed: { body: unknown; text: string },
		request: ProviderRequest,
		itemIndex: number,
	): Failure {
		const name = this.adapter.name;
		const vendorMessage = this.vendorMessageOf(parsed.body);
		const shown = parsed.text.trim();
		const snippet = shown.length > 200 ? `${shown.slice(0, 200)}...` : shown;
		const said = vendorMessage ? `: ${vendorMessage}` : '';
		const hint = this.adapter.errorHint?.(statusCode, vendorMessage, parsed.body);
		const error = this.error(
			itemIndex,
			`${name} answered ${describeStatus(statusCode)} with an error and did not ${request.action}${said}`,
			`${hint ?? `Check that the ${name} instance is connected to WhatsApp and that the connected number is an admin of the group.`} The answer was: ${snippet}`,
			statusCode,
			{
				...(vendorMessage ? { vendorMessage } : {}),
				body: snippet,
				...(this.adapter.errorDetails?.(parsed.body) ?? {}),
			},
		);
		return { error, notProcessed: false, transient: false, ambiguous: false };
	}

	/** The vendor's own error text on one line (WAHA's 404 carries a line break). */
	private vendorMessageOf(body: unknown): string | undefined {
		const message = this.adapter.errorMessage(body);
		return message === undefined ? undefined : message.replace(/\s+/g, ' ').trim() || undefined;
	}

	private defaultHint(statusCode: number): string {
		const credential = `the ${this.adapter.name} credential`;
		switch (statusCode) {
			case 400:
				return 'Check the Group ID and that the instance is connected to WhatsApp (scan the QR code in the provider panel if it is not).';
			case 401:
				return `Check ${credential}: the token is missing, wrong or expired. Copy it again from the provider panel.`;
			case 403:
				return `Check that ${credential} belongs to this instance and that the connected WhatsApp number is an admin of the group (only admins can read or reset invite links).`;
			case 404:
				return 'Check the Group ID (the connected number must be a member of the group) and the instance name or ID in the credential.';
			case 405:
			case 415:
				return `${this.adapter.name} did not accept the request format. Check that the credential's Base URL points to the ${this.adapter.name} API itself, without extra path segments.`;
			case 429:
				return 'Wait a moment and run again, or lower Options → Max Requests per Minute so the limit is not reached.';
			default:
				return statusCode >= 500
					? `${this.adapter.name} had a problem on its side. Try again later; check the provider's status page if it persists.`
					: 'Check the node parameters and the credential, then try again.';
		}
	}

	private networkFailure(
		error: Error,
		request: ProviderRequest,
		itemIndex: number,
		timeout: number,
	): Failure {
		const { code, kind } = classifyNetworkError(error);
		const name = this.adapter.name;
		const timedOut = kind === 'timeout';
		const refused = kind === 'notSent';
		const dropped = kind === 'dropped';
		let message: string;
		let description: string;
		if (timedOut) {
			message = `${name} did not answer within ${seconds(timeout)} when asked to ${request.action}`;
			description =
				'The provider may be slow or unreachable. Try again later, or raise Options → Timeout.';
		} else if (refused) {
			message = `Could not reach ${name} to ${request.action}: the connection was refused or the host was not found`;
			description = `Check the Base URL in the ${name} credential and that the service is up.`;
		} else if (dropped) {
			message = `${name} closed the connection before answering when asked to ${request.action}`;
			description = 'The provider or a proxy dropped the connection. Try again later.';
		} else {
			// Unknown: the request may have reached the vendor, so a reset is treated as ambiguous.
			message = `The request to ${name} to ${request.action} failed without an answer: ${error.message}`;
			description = `Check the Base URL in the ${name} credential and that the service is up.`;
		}
		return {
			// Not under the key `code`: NodeApiError would swap the message for its generic one.
			error: this.error(itemIndex, message, description, undefined, { networkError: code }),
			notProcessed: refused,
			transient: timedOut || refused || dropped,
			ambiguous: !refused,
		};
	}
}
