/**
 * One execution's connection to one provider (ProviderSession): the credentials read once, the
 * pacing shared by every item, and a client per item that owns the item's time budget. The only way
 * an adapter reaches the network: sending is in ./send.ts, what a failure means in ./failures.ts.
 */
import type { ICredentialDataDecryptedObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ProviderAdapter, ProviderClient, ProviderResponse } from '../providers/types';
import type { Requester } from '../whatsapp/requester';
import type { TransportContext } from './context';
import { httpFailure, markAmbiguous, vendorMessageOf } from './failures';
import { describeStatus } from './http';
import { LatencySpreader, RateLimitPacer } from './pacing';
import { redact, redactDeep, secretList } from './secrets';
import type { Connection } from './send';
import { send } from './send';

/** Default per-request timeout (the node's Timeout option). */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** An item, retries and waits included, is bounded by this many request timeouts. */
export const ITEM_BUDGET_TIMEOUTS = 3;

export interface TransportSettings {
	/** Client-side limit in requests per minute (0: none). */
	requestsPerMinute: number;
	/** How many items the run sends at the same time (Requests in Parallel; 1 when absent). */
	concurrency?: number;
}

export interface ClientLimits {
	/** Bounds each request, in ms (the node's Timeout option). */
	timeout: number;
	/** Every response body is appended here (redacted), when given (Include Raw Response). */
	raw?: unknown[];
	/**
	 * The item's whole time, retries and backoffs included, in ms: no backoff or request runs past it.
	 * By default ITEM_BUDGET_TIMEOUTS × timeout. Waiting for the rate limit (client-side pacing or
	 * the vendor's Retry-After) does not use it up.
	 */
	budget?: number;
}

export class ProviderSession implements Connection {
	readonly secrets: string[];
	readonly pacer: RateLimitPacer;
	readonly spreader: LatencySpreader;
	readonly apiRoot: string;
	readonly credentialsRef: { id: string; name: string; type: string };
	/** The adapter's per-execution memory (ProviderClient.memo). */
	readonly memo = new Map<string, unknown>();

	constructor(
		readonly ctx: TransportContext,
		readonly adapter: ProviderAdapter,
		readonly credentials: ICredentialDataDecryptedObject,
		baseUrl: string,
		settings: TransportSettings,
	) {
		this.secrets = secretList(adapter.secrets(credentials));
		const stored = ctx.getNode().credentials?.[adapter.credentialType];
		this.credentialsRef = { id: stored?.id ?? '', name: stored?.name ?? '', type: adapter.credentialType };
		this.apiRoot = adapter.apiRoot(credentials, baseUrl);
		this.pacer = new RateLimitPacer(settings.requestsPerMinute);
		this.spreader = new LatencySpreader(settings.concurrency ?? 1);
	}

	redact(text: string): string {
		return redact(text, this.secrets);
	}

	/** A client for one item, with its own time budget (ClientLimits) starting now. */
	client(itemIndex: number, { timeout, raw, budget = timeout * ITEM_BUDGET_TIMEOUTS }: ClientLimits): ProviderClient {
		const limits = { timeout, deadline: Date.now() + budget };
		return {
			credentials: this.credentials,
			memo: this.memo,
			send: async (request) => await send(this, request, itemIndex, raw, limits),
			invalidResponse: (problem, response) =>
				this.invalidResponse(problem, response, itemIndex),
			httpError: (request, response) => {
				const parsed =
					response.text === undefined
						? { body: response.body, json: true, text: JSON.stringify(response.body ?? '') }
						: { body: response.body, json: false, text: response.text };
				const failure = httpFailure(this, response.statusCode, undefined, parsed, request, itemIndex);
				if (!request.idempotent && failure.ambiguous) markAmbiguous(failure.error);
				return failure.error;
			},
			notPending: (requester, response) => this.notPending(itemIndex, requester, response),
			reportedFailure: (action, reason, response) => this.reportedFailure(itemIndex, action, reason, response),
			inviteGone: (response) => {
				const said =
					(response.text === undefined ? vendorMessageOf(this.adapter, response.body) : response.text.trim().slice(0, 200)) ||
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

	/** The error for a join request that is not pending (ProviderClient.notPending). */
	private notPending(itemIndex: number, requester: Requester, response?: ProviderResponse): NodeApiError {
		const said = response === undefined ? undefined : this.vendorSaid(response);
		const who = requester.phone ?? requester.jid;
		return this.error(
			itemIndex,
			`${this.adapter.name} has no pending request from ${who} in this group${said ? ` (${said})` : ''}`,
			'It may have been approved or rejected already, or withdrawn. Get Many Join Requests lists the requests that are still pending.',
			response?.statusCode,
			said ? { vendorMessage: said } : {},
		);
	}

	/** The error for a 2xx answer that reports a failure (ProviderClient.reportedFailure). */
	private reportedFailure(itemIndex: number, action: string, reason: string | undefined, response: ProviderResponse): NodeApiError {
		return this.error(
			itemIndex,
			`${this.adapter.name} answered ${describeStatus(response.statusCode)} but reported that it could not ${action}${reason ? `: ${reason}` : ''}`,
			`Check that the connected number is an admin of the group and that ${this.adapter.name} is connected to WhatsApp, then try again.`,
			response.statusCode,
			reason ? { vendorMessage: reason } : {},
		);
	}

	/** What the vendor said in an answer, on one line (its error message, else the text). */
	private vendorSaid(response: ProviderResponse): string | undefined {
		const said = response.text === undefined ? vendorMessageOf(this.adapter, response.body) : response.text.trim().slice(0, 200);
		return said || undefined;
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
}
