/**
 * The two operations, written once for every provider: validate the item, call the adapter,
 * build the normalized output item, and decide what an error item carries.
 */
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { GroupIdError, parseGroupId, quote } from './groupId';
import type { GroupRef } from './groupId';
import type { InviteResult } from './providers/types';
import type { ProviderSession } from './transport';
import { ITEM_BUDGET_TIMEOUTS, isAmbiguous } from './transport';

export const OPERATIONS = {
	getInviteLink: 'Get Invite Link',
	resetInviteLink: 'Reset Invite Link',
} as const;

export type Operation = keyof typeof OPERATIONS;

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface ItemOptions {
	includePreviousLink: boolean;
	includeRawResponse: boolean;
	timeout: number;
}

export type ItemOutcome =
	| { ok: true; json: IDataObject }
	| { ok: false; error: NodeApiError | NodeOperationError; json: IDataObject };

function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return quote(value);
	return String(value);
}

/** Reads and checks the per-item options (they may come from expressions). */
export function readItemOptions(
	ctx: IExecuteFunctions,
	itemIndex: number,
	operation: Operation,
): ItemOptions {
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

/** Runs one item. Never throws: failures come back as an outcome with the error and the error item. */
export async function runItem(
	ctx: IExecuteFunctions,
	session: ProviderSession,
	operation: Operation,
	itemIndex: number,
): Promise<ItemOutcome> {
	const adapter = session.adapter;
	const base: IDataObject = { provider: adapter.id, operation };
	let group: GroupRef | undefined;
	let rawGroupId: unknown;
	const groupIdShown = (): IDataObject['groupId'] =>
		group
			? group.kind === 'invite'
				? group.input
				: group.jid
			: typeof rawGroupId === 'string'
				? rawGroupId.trim()
				: typeof rawGroupId === 'number'
					? rawGroupId
					: null;
	const fail = (
		error: NodeApiError | NodeOperationError,
		extra: IDataObject = {},
	): ItemOutcome => ({
		ok: false,
		error,
		json: { error: error.message, ...base, groupId: groupIdShown(), ...extra },
	});

	let options: ItemOptions;
	try {
		options = readItemOptions(ctx, itemIndex, operation);
		rawGroupId = ctx.getNodeParameter('groupId', itemIndex, '');
		group = parseGroupId(rawGroupId, adapter.groupIdRules);
	} catch (error) {
		if (error instanceof GroupIdError) {
			return fail(
				new NodeOperationError(ctx.getNode(), error.message, { itemIndex, description: error.hint }),
			);
		}
		if (error instanceof NodeOperationError || error instanceof NodeApiError) return fail(error);
		return fail(new NodeOperationError(ctx.getNode(), error as Error, { itemIndex }));
	}

	const raw: unknown[] = [];
	const deadline = Date.now() + options.timeout * ITEM_BUDGET_TIMEOUTS;
	const client = session.client(itemIndex, raw, options.timeout, deadline);
	const output = (result: InviteResult, previous?: InviteResult): IDataObject => ({
		...base,
		groupId: result.groupJid ?? groupIdShown(),
		inviteCode: result.inviteCode,
		inviteLink: result.inviteLink,
		...(previous
			? { previousInviteCode: previous.inviteCode, previousInviteLink: previous.inviteLink }
			: {}),
		...(options.includeRawResponse ? { raw } : {}),
	});

	try {
		if (operation === 'getInviteLink') {
			return { ok: true, json: output(await adapter.getInviteLink(client, group)) };
		}
		const previous = options.includePreviousLink
			? await adapter.getInviteLink(client, group)
			: undefined;
		return { ok: true, json: output(await adapter.resetInviteLink(client, group), previous) };
	} catch (error) {
		if (!isAmbiguous(error)) {
			return fail(
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: session.error(itemIndex, `Unexpected problem: ${(error as Error).message}`, 'Please report this.'),
			);
		}
		return await reportAmbiguousReset(session, error as NodeApiError, group, itemIndex, options, fail);
	}
}

/**
 * A reset that timed out, lost its connection or met a 5xx may have changed the link anyway. Read the
 * group's current link, so the workflow learns the link that works now, and say so in the error.
 */
async function reportAmbiguousReset(
	session: ProviderSession,
	error: NodeApiError,
	group: GroupRef,
	itemIndex: number,
	options: ItemOptions,
	fail: (error: NodeApiError, extra?: IDataObject) => ItemOutcome,
): Promise<ItemOutcome> {
	const readDeadline = Date.now() + options.timeout * 2;
	let current: InviteResult | undefined;
	try {
		current = await session.adapter.getInviteLink(
			session.client(itemIndex, [], options.timeout, readDeadline),
			group,
		);
	} catch {
		current = undefined;
	}
	const message = `The reset may not have completed: ${error.message}`;
	const description = current
		? `The group's current invite link is ${current.inviteLink} (read after the failed reset; it is in currentInviteLink when Continue On Fail is on). Check it before sharing, or run the reset again.`
		: 'Reading the current link afterwards failed too. Check the group in WhatsApp before sharing any link, then run the reset again.';
	const httpCode = error.httpCode ? Number(error.httpCode) : undefined;
	const details: JsonObject = current ? { currentInviteLink: current.inviteLink } : {};
	return fail(
		session.error(itemIndex, message, description, httpCode, details),
		current ? { currentInviteCode: current.inviteCode, currentInviteLink: current.inviteLink } : {},
	);
}
