/**
 * The node's options, read and checked: per item (they may come from expressions) and per run
 * (Requests in Parallel and Max Requests per Minute, read once from the first item).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';


import type { ProviderAdapter } from '../providers/types';
import { DEFAULT_TIMEOUT_MS } from '../transport';
import type { TransportSettings } from '../transport';
import { quote } from '../whatsapp/groupId';

/** The most items a run sends at the same time (Options → Requests in Parallel). */
export const MAX_CONCURRENCY = 20;

export interface ItemOptions {
	includePreviousLink: boolean;
	includeRawResponse: boolean;
	timeout: number;
}

/** A parameter value as an error message shows it. */
export function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return quote(value);
	return String(value);
}

/** Reads and checks the per-item options (they may come from expressions). */
export function readItemOptions(ctx: IExecuteFunctions, itemIndex: number, operation: string): ItemOptions {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const flag = (name: string, label: string): boolean => {
		const value = options[name];
		if (value === undefined) return false;
		if (typeof value !== 'boolean') {
			throw new NodeOperationError(
				ctx.getNode(),
				`The option ${label} must be true or false, but it is ${describeValue(value)}`,
				{ itemIndex, description: `Turn ${label} on or off, or make its expression return a boolean.` },
			);
		}
		return value;
	};
	const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
	if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < 1) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The option Timeout must be a positive number of milliseconds, but it is ${describeValue(timeout)}`,
			{ itemIndex, description: `Set Timeout to e.g. ${DEFAULT_TIMEOUT_MS} (30 seconds).` },
		);
	}
	return {
		includePreviousLink: operation === 'resetInviteLink' && flag('includePreviousLink', 'Include Previous Link'),
		includeRawResponse: flag('includeRawResponse', 'Include Raw Response'),
		timeout: Math.floor(timeout),
	};
}

/** Whether a parameter value holds an n8n expression anywhere (a string starting with "="). */
function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/**
 * The per-item options of one run. When the Options collection holds no expression, every item has
 * the same options: they are read and checked once, not once per item (n8n resolves a parameter for
 * every call, which real n8n's profile showed per item: scripts/bench/real-n8n.js).
 */
export function itemOptionsReader(ctx: IExecuteFunctions, operation: string): (itemIndex: number) => ItemOptions {
	if (hasExpression(ctx.getNode().parameters.options)) return (itemIndex) => readItemOptions(ctx, itemIndex, operation);
	let same: ItemOptions | undefined;
	// A failure is not kept: each item reports it with its own index.
	return (itemIndex) => (same ??= readItemOptions(ctx, itemIndex, operation));
}

/**
 * Get Many's Return All and Limit: how many items at most (Infinity for Return All), checked.
 * `read` reads one of the item's parameters.
 */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number, read: (name: string, fallback: unknown) => unknown): number {
	if (read('returnAll', false)) return Number.POSITIVE_INFINITY;
	const limit = read('limit', 50);
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(ctx.getNode(), `Limit must be a whole number of 1 or more, but it is ${describeValue(limit)}`, {
			itemIndex,
			description: 'Set Limit to e.g. 50, or turn on Return All.',
		});
	}
	return limit;
}

/** The run's own options, read once: how many items at a time, and the rate limit. */
export function readRunSettings(ctx: IExecuteFunctions, adapter: ProviderAdapter): Required<TransportSettings> {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = options.concurrency ?? 1;
	if (
		typeof concurrency !== 'number' ||
		!Number.isInteger(concurrency) ||
		concurrency < 1 ||
		concurrency > MAX_CONCURRENCY
	) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The option Requests in Parallel must be a whole number from 1 to ${MAX_CONCURRENCY}, but it is ${JSON.stringify(concurrency)}`,
			{ description: 'Use 1 to send one request at a time, or up to 10 for large batches.' },
		);
	}
	const perMinute = options.maxRequestsPerMinute ?? 0;
	if (typeof perMinute !== 'number' || !Number.isFinite(perMinute) || perMinute < 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The option Max Requests per Minute must be 0 or a positive number, but it is ${JSON.stringify(perMinute)}`,
			{ description: "Use 0 for the provider's documented limit, or e.g. 60." },
		);
	}
	return {
		concurrency,
		requestsPerMinute: Math.floor(perMinute) || (adapter.requestsPerMinute ?? 0),
	};
}
