/**
 * Sending one adapter request: pacing, the HTTP call through n8n's `httpRequestWithAuthentication`
 * (n8n injects the credential's headers and query parameters), reading the answer, and retrying only
 * where that is safe: a read after a transient failure, a write only when it surely did not arrive.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, NodeApiError } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { errorEnvelope } from '../providers/read';
import type { ProviderRequest, ProviderResponse } from '../providers/types';
import type { ErrorMaker, Failure } from './failures';
import { envelopeFailure, httpFailure, markAmbiguous, networkFailure } from './failures';
import type { Headers } from './http';
import { describeStatus, header, parseBody, parseRateLimitReset, seconds } from './http';
import type { LatencySpreader, RateLimitPacer } from './pacing';
import { redactDeep } from './secrets';
import type { TransportContext } from './context';

/** How many times one request may be sent in all (the first try and the retries). */
export const MAX_ATTEMPTS = 3;
/** First backoff wait; doubles on each retry, with random jitter. */
export const BACKOFF_BASE_MS = 500;
/** The longest wait the node accepts from a vendor's Retry-After / X-RateLimit-Reset. */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/** What sending needs from the session: one execution's connection to one provider. */
export interface Connection extends ErrorMaker {
	readonly ctx: TransportContext;
	readonly apiRoot: string;
	readonly credentials: ICredentialDataDecryptedObject;
	readonly credentialsRef: { id: string; name: string; type: string };
	readonly secrets: string[];
	readonly pacer: RateLimitPacer;
	readonly spreader: LatencySpreader;
}

/** One item's limits: `timeout` bounds each request, `deadline` (epoch ms) the item. */
export interface ItemLimits {
	timeout: number;
	deadline: number;
}

/** Sends a request, retrying where that is safe, within the item's limits. */
export async function send(
	link: Connection,
	request: ProviderRequest,
	itemIndex: number,
	raw: unknown[] | undefined,
	limits: ItemLimits,
): Promise<ProviderResponse> {
	for (let attempt = 1; ; attempt++) {
		const outcome = await sendOnce(link, request, itemIndex, raw, limits);
		if ('statusCode' in outcome) return outcome;

		const mayRetry = request.idempotent ? outcome.transient : outcome.notProcessed;
		if (!mayRetry || attempt >= MAX_ATTEMPTS) {
			if (!request.idempotent && outcome.ambiguous) markAmbiguous(outcome.error);
			throw outcome.error;
		}
		const backoff = BACKOFF_BASE_MS * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
		const wait = outcome.retryAfterMs ?? Math.round(backoff);
		if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > MAX_RATE_LIMIT_WAIT_MS) {
			throw rateLimitTooLong(link, itemIndex, request, outcome.retryAfterMs, outcome.rateLimitStatus);
		}
		if (outcome.retryAfterMs !== undefined) {
			// A wait the vendor asked for (within the cap) goes through the pacer, so every request of
			// this execution waits, and like any pacing wait it does not use up the item's budget.
			link.pacer.pauseUntil(Date.now() + wait);
		} else if (Date.now() + wait >= limits.deadline) {
			throw outcome.error;
		} else {
			await sleep(wait);
		}
	}
}

function rateLimitTooLong(
	link: Connection,
	itemIndex: number,
	request: ProviderRequest,
	waitMs: number,
	status = 429,
): NodeApiError {
	const at = new Date(Date.now() + waitMs).toISOString().replace(/\.\d+Z$/, 'Z');
	const shown = status === 429 ? 'HTTP 429' : describeStatus(status);
	return link.error(
		itemIndex,
		`${link.adapter.name} is limiting requests (${shown}) and asks to wait ${seconds(waitMs)} before trying to ${request.action} again`,
		`That is longer than this node waits (${seconds(MAX_RATE_LIMIT_WAIT_MS)} at most). Try again after ${at}, or lower Options → Max Requests per Minute so the limit is not reached.`,
		status,
		{ retryAt: at },
	);
}

/** One attempt: the answer, or what its failure means. */
async function sendOnce(
	link: Connection,
	request: ProviderRequest,
	itemIndex: number,
	raw: unknown[] | undefined,
	limits: ItemLimits,
): Promise<ProviderResponse | Failure> {
	// Time spent queueing for the rate limit, or spread over the vendor's answer time, does not
	// count against the item's budget.
	limits.deadline += await link.pacer.acquire();
	limits.deadline += await link.spreader.acquire();
	// A request the vendor is known to be slow at gets at least its own time, budget included.
	const perRequest = Math.max(limits.timeout, request.minTimeout ?? 0);
	if (request.minTimeout !== undefined) limits.deadline = Math.max(limits.deadline, Date.now() + request.minTimeout);
	const remaining = limits.deadline - Date.now();
	const timeout = Math.max(1, Math.min(perRequest, remaining));
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${link.apiRoot}${request.path}`,
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
		response = (await link.ctx.helpers.httpRequestWithAuthentication.call(
			link.ctx,
			link.adapter.credentialType,
			options,
			// The credentials were read once for the run: n8n need not load and decrypt them again
			// for every request. A copy, since pre-authentication may write to it.
			{ credentialsDecrypted: { ...link.credentialsRef, data: { ...link.credentials } } },
		)) as typeof response;
	} catch (error) {
		return networkFailure(link, error as Error, request, itemIndex, timeout);
	}

	link.spreader.observe(Date.now() - sent);
	const { statusCode } = response;
	const parsed = parseBody(response.body);
	if (raw && parsed.body !== undefined) raw.push(redactDeep(parsed.body, link.secrets));

	const remainingQuota = header(response.headers, 'x-ratelimit-remaining');
	if (remainingQuota !== undefined && Number(remainingQuota) <= 0) {
		const wait = parseRateLimitReset(header(response.headers, 'x-ratelimit-reset'));
		if (wait !== undefined && wait <= MAX_RATE_LIMIT_WAIT_MS) link.pacer.pauseUntil(Date.now() + wait);
	}

	if (statusCode >= 200 && statusCode < 300 && parsed.json) {
		const isError = link.adapter.isErrorEnvelope ?? errorEnvelope;
		if (isError(parsed.body)) return envelopeFailure(link, statusCode, parsed, request, itemIndex);
	}
	if ((statusCode >= 200 && statusCode < 300) || request.passStatuses?.includes(statusCode)) {
		return { statusCode, body: parsed.body, ...(parsed.json ? {} : { text: parsed.text }) };
	}
	return httpFailure(link, statusCode, response.headers, parsed, request, itemIndex);
}
