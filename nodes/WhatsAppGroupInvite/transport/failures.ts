/**
 * Failure classification: what a failed request means (sent or not, safe to repeat or not, maybe
 * done or surely not) and the error the user reads, with the vendor's own message and how to fix it.
 * Every text goes through the session's redaction (ErrorMaker.error).
 */
import type { JsonObject, NodeApiError } from 'n8n-workflow';

import type { ProviderAdapter, ProviderRequest } from '../providers/types';
import type { Headers } from './http';
import { describeStatus, rateLimitWait, seconds } from './http';

/** Builds an error whose texts and details carry no secret (ProviderSession.error). */
export interface ErrorMaker {
	readonly adapter: ProviderAdapter;
	error(itemIndex: number, message: string, description: string, httpCode?: number, details?: JsonObject): NodeApiError;
}

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

export function markAmbiguous(error: Error): void {
	ambiguousErrors.add(error);
}

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

/**
 * The vendor's trace id of a failed answer (ProviderAdapter.traceId, e.g. Meta's fbtrace_id), kept
 * with the error so that both outputs show it: the description says it, the regular output's error
 * item has it as `traceId`.
 */
const traces = new WeakMap<Error, { label: string; value: string }>();

export function traceIdOf(error: unknown): { label: string; value: string } | undefined {
	return error instanceof Error ? traces.get(error) : undefined;
}

/** The description with the vendor's trace id said in it, for `adapter`'s support. */
export function withTraceId(adapter: ProviderAdapter, description: string, trace: { label: string; value: string } | undefined): string {
	return trace ? `${description} ${adapter.name} support asks for the ${trace.label} of a failed request: ${trace.value}.` : description;
}

/** Keeps `from`'s trace id on `to` (an error made from another, e.g. a reset that may have happened). */
export function keepTraceId(from: Error, to: Error): void {
	const trace = traces.get(from);
	if (trace) traces.set(to, trace);
}

export interface Failure {
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

export function httpFailure(
	maker: ErrorMaker,
	statusCode: number,
	headers: Headers | undefined,
	parsed: { body: unknown; json: boolean; text: string },
	request: ProviderRequest,
	itemIndex: number,
): Failure {
	const name = maker.adapter.name;
	const vendorMessage = parsed.json ? vendorMessageOf(maker.adapter, parsed.body) : undefined;
	const snippet = parsed.json ? undefined : parsed.text.trim().slice(0, 200);
	// A rate limit: HTTP 429, or an answer the adapter recognizes as one (a vendor that throttles
	// with another status). Either way the vendor did not act on the request.
	const limitedOtherwise =
		statusCode !== 429 && parsed.json && maker.adapter.isRateLimited?.(statusCode, parsed.body) === true;
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
	const trace = parsed.json ? maker.adapter.traceId?.(parsed.body) : undefined;
	const description = withTraceId(
		maker.adapter,
		maker.adapter.errorHint?.(statusCode, vendorMessage, body) ?? defaultHint(maker.adapter, rateLimited ? 429 : statusCode),
		trace,
	);
	const error = maker.error(itemIndex, message, description, statusCode, {
		...(vendorMessage ? { vendorMessage } : {}),
		...(snippet ? { body: snippet } : {}),
		...(parsed.json ? (maker.adapter.errorDetails?.(parsed.body) ?? {}) : {}),
	});
	if (trace) traces.set(error, trace);
	const definite = maker.adapter.isDefiniteFailure?.(statusCode, vendorMessage) === true;
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
export function envelopeFailure(
	maker: ErrorMaker,
	statusCode: number,
	parsed: { body: unknown; text: string },
	request: ProviderRequest,
	itemIndex: number,
): Failure {
	const name = maker.adapter.name;
	const vendorMessage = vendorMessageOf(maker.adapter, parsed.body);
	const shown = parsed.text.trim();
	const snippet = shown.length > 200 ? `${shown.slice(0, 200)}...` : shown;
	const said = vendorMessage ? `: ${vendorMessage}` : '';
	const hint = maker.adapter.errorHint?.(statusCode, vendorMessage, parsed.body);
	const trace = maker.adapter.traceId?.(parsed.body);
	const error = maker.error(
		itemIndex,
		`${name} answered ${describeStatus(statusCode)} with an error and did not ${request.action}${said}`,
		withTraceId(
			maker.adapter,
			`${hint ?? `Check that the ${name} instance is connected to WhatsApp and that the connected number is an admin of the group.`} The answer was: ${snippet}`,
			trace,
		),
		statusCode,
		{
			...(vendorMessage ? { vendorMessage } : {}),
			body: snippet,
			...(maker.adapter.errorDetails?.(parsed.body) ?? {}),
		},
	);
	if (trace) traces.set(error, trace);
	return { error, notProcessed: false, transient: false, ambiguous: false };
}

/** The vendor's own error text on one line (WAHA's 404 carries a line break). */
export function vendorMessageOf(adapter: ProviderAdapter, body: unknown): string | undefined {
	const message = adapter.errorMessage(body);
	return message === undefined ? undefined : message.replace(/\s+/g, ' ').trim() || undefined;
}

export function defaultHint(adapter: ProviderAdapter, statusCode: number): string {
	const credential = `the ${adapter.name} credential`;
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
			return `${adapter.name} did not accept the request format. Check that the credential's Base URL points to the ${adapter.name} API itself, without extra path segments.`;
		case 429:
			return 'Wait a moment and run again, or lower Options → Max Requests per Minute so the limit is not reached.';
		default:
			return statusCode >= 500
				? `${adapter.name} had a problem on its side. Try again later; check the provider's status page if it persists.`
				: 'Check the node parameters and the credential, then try again.';
	}
}

export function networkFailure(
	maker: ErrorMaker,
	error: Error,
	request: ProviderRequest,
	itemIndex: number,
	timeout: number,
): Failure {
	const { code, kind } = classifyNetworkError(error);
	const name = maker.adapter.name;
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
		error: maker.error(itemIndex, message, description, undefined, { networkError: code }),
		notProcessed: refused,
		transient: timedOut || refused || dropped,
		ambiguous: !refused,
	};
}
