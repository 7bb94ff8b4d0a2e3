/**
 * The two operations, written once for every provider: validate the item, call the adapter,
 * build the normalized output item, and decide what an error item carries.
 */
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { GroupIdError, parseGroupId, quote, shownGroupId } from './groupId';
import type { GroupRef } from './groupId';
import { allGroups, findByName, firstGroups, GroupLookupError, inviteCodeOf, listUnsupported } from './groups';
import { PROVIDERS } from './providers';
import type { GroupSummary, InviteResult } from './providers/types';
import type { ProviderSession } from './transport';
import { DEFAULT_TIMEOUT_MS, ITEM_BUDGET_TIMEOUTS, isAmbiguous, isRefusal } from './transport';

export const OPERATIONS = {
	getInviteLink: 'Get Invite Link',
	resetInviteLink: 'Reset Invite Link',
	getManyGroups: 'Get Many Groups',
} as const;

export type Operation = keyof typeof OPERATIONS;

export { DEFAULT_TIMEOUT_MS };

export interface ItemOptions {
	includePreviousLink: boolean;
	includeRawResponse: boolean;
	timeout: number;
}

export type ItemOutcome =
	/** `more`: further output items for the same input item (Get Many Groups); `empty`: none at all. */
	| { ok: true; json: IDataObject; more?: IDataObject[]; empty?: boolean }
	| { ok: false; error: NodeApiError | NodeOperationError; json: IDataObject };

/** How a v1.1 node names the group (its resourceLocator mode); v1's plain Group ID is `id`. */
export type GroupMode = 'list' | 'id' | 'url' | 'name';

/** Reads the Group parameter: v1's text, or v1.1's resourceLocator `{mode, value, cachedResultName}`. */
function readGroupParameter(raw: unknown): { mode: GroupMode; value: unknown; pickedName?: string } {
	if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'mode' in raw) {
		const locator = raw as { mode?: unknown; value?: unknown; cachedResultName?: unknown };
		const mode = (['list', 'id', 'url', 'name'] as const).find((m) => m === locator.mode) ?? 'id';
		return {
			mode,
			value: locator.value,
			...(typeof locator.cachedResultName === 'string' ? { pickedName: locator.cachedResultName } : {}),
		};
	}
	return { mode: 'id', value: raw };
}

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
export function itemOptionsReader(ctx: IExecuteFunctions, operation: Operation): (itemIndex: number) => ItemOptions {
	if (hasExpression(ctx.getNode().parameters.options)) return (itemIndex) => readItemOptions(ctx, itemIndex, operation);
	let same: ItemOptions | undefined;
	// A failure is not kept: each item reports it with its own index.
	return (itemIndex) => (same ??= readItemOptions(ctx, itemIndex, operation));
}

/**
 * Group: By Invite Link. The provider looks the code up; a provider that cannot fails before any
 * request. A code the provider does not know (revoked, expired, mistyped) fails with that reason
 * (the adapter's `client.inviteGone`).
 */
async function groupOfInviteLink(
	session: ProviderSession,
	link: string,
	itemIndex: number,
	timeout: number,
	raw: unknown[] | undefined,
): Promise<GroupRef> {
	const adapter = session.adapter;
	const code = inviteCodeOf(link);
	if (!adapter.resolveInvite) {
		const able = PROVIDERS.filter((p) => p.resolveInvite).map((p) => p.name);
		throw new GroupLookupError(
			`${adapter.name} cannot look up an invite link, so Group: By Invite Link is not available with it`,
			`Use Group: From List, By Name or By ID${able.length ? `, or a provider that resolves invite links (${able.join(', ')})` : ''}.`,
		);
	}
	const found = await adapter.resolveInvite(
		session.client(itemIndex, raw, timeout, Date.now() + timeout * ITEM_BUDGET_TIMEOUTS),
		code,
	);
	return parseGroupId(found.groupId, adapter.groupIdRules, adapter.name);
}

/**
 * Runs one item. Never throws: failures come back as an outcome with the error and the error item.
 * `readOptions`: the run's itemOptionsReader (by default, the options are read for this item).
 */
export async function runItem(
	ctx: IExecuteFunctions,
	session: ProviderSession,
	operation: Operation,
	itemIndex: number,
	readOptions: (itemIndex: number) => ItemOptions = (index) => readItemOptions(ctx, index, operation),
): Promise<ItemOutcome> {
	const adapter = session.adapter;
	if (operation === 'getManyGroups') return await runGetManyGroups(ctx, session, itemIndex);
	const base: IDataObject = { provider: adapter.id, operation };
	let group: GroupRef | undefined;
	let rawGroupId: unknown;
	// The canonical …@g.us, the provider's own ID as given (idForm meta), or an invite as given.
	const groupIdShown = (): IDataObject['groupId'] =>
		group
			? shownGroupId(group)
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
	let mode: GroupMode = 'id';
	let pickedName: string | undefined;
	// The provider's answers, kept only for Include Raw Response.
	let raw: unknown[] | undefined;
	let deadline = 0;
	try {
		options = readOptions(itemIndex);
		raw = options.includeRawResponse ? [] : undefined;
		const parameter = readGroupParameter(ctx.getNodeParameter('groupId', itemIndex, ''));
		({ mode, pickedName } = parameter);
		rawGroupId = parameter.value;
		if (mode === 'id' || mode === 'list') {
			group = parseGroupId(rawGroupId, adapter.groupIdRules, adapter.name);
		} else if (typeof rawGroupId !== 'string' || rawGroupId.trim() === '') {
			throw new GroupLookupError(
				`The group ${mode === 'url' ? 'invite link' : 'name'} is empty`,
				mode === 'url'
					? 'Set Group (By Invite Link) to a link such as https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv.'
					: 'Set Group (By Name) to the name of the group, e.g. Acme Support.',
			);
		} else if (mode === 'url') {
			group = await groupOfInviteLink(session, rawGroupId, itemIndex, options.timeout, raw);
		} else {
			if (!adapter.listGroups) throw listUnsupported(adapter, 'Group: By Name');
			const found = findByName(await allGroups(session, itemIndex, options.timeout), rawGroupId, adapter.name);
			group = parseGroupId(found.groupId, adapter.groupIdRules, adapter.name);
		}
	} catch (error) {
		if (error instanceof GroupIdError || error instanceof GroupLookupError) {
			return fail(
				new NodeOperationError(ctx.getNode(), error.message, { itemIndex, description: error.hint }),
			);
		}
		if (error instanceof NodeOperationError || error instanceof NodeApiError) return fail(error);
		return fail(new NodeOperationError(ctx.getNode(), error as Error, { itemIndex }));
	}

	deadline = Date.now() + options.timeout * ITEM_BUDGET_TIMEOUTS;
	const client = session.client(itemIndex, raw, options.timeout, deadline);
	const output = (result: InviteResult, previous?: InviteResult): IDataObject => ({
		...base,
		groupId: result.groupJid ?? groupIdShown(),
		inviteCode: result.inviteCode,
		inviteLink: result.inviteLink,
		...(previous
			? { previousInviteCode: previous.inviteCode, previousInviteLink: previous.inviteLink }
			: {}),
		...(raw ? { raw } : {}),
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
			if (mode === 'list' && error instanceof NodeApiError && isRefusal(error)) {
				// A group picked in the list that the vendor no longer knows (deleted, or the number left it).
				const picked = pickedName ? ` (${quote(pickedName)})` : '';
				error.description = `The group was picked From List${picked}; it may no longer exist, or the number is no longer in it: pick it again. ${error.description ?? ''}`.trim();
			}
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

/** The output item of one listed group: only what the vendor reported. */
function groupItem(adapterId: string, group: GroupSummary): IDataObject {
	const json: IDataObject = { provider: adapterId, operation: 'getManyGroups', groupId: group.groupId };
	if (group.name !== undefined) json.name = group.name;
	if (group.participantCount !== undefined) json.participantCount = group.participantCount;
	if (group.isAdmin !== undefined) json.isAdmin = group.isAdmin;
	if (group.inviteCode !== undefined && group.inviteLink !== undefined) {
		json.inviteCode = group.inviteCode;
		json.inviteLink = group.inviteLink;
	}
	return json;
}

/**
 * Get Many Groups: the connected number's groups, filtered, one output item per group. The list is
 * fetched once per execution; Include Invite Links costs one Get per group whose list entry has no
 * code, paced like every request.
 */
async function runGetManyGroups(
	ctx: IExecuteFunctions,
	session: ProviderSession,
	itemIndex: number,
): Promise<ItemOutcome> {
	const adapter = session.adapter;
	const base: IDataObject = { provider: adapter.id, operation: 'getManyGroups' };
	const fail = (error: NodeApiError | NodeOperationError): ItemOutcome => ({
		ok: false,
		error,
		json: { error: error.message, ...base },
	});
	try {
		const options = readItemOptions(ctx, itemIndex, 'getInviteLink');
		const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? Number.POSITIVE_INFINITY : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
		if (!returnAll && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) {
			throw new NodeOperationError(ctx.getNode(), `Limit must be a whole number of 1 or more, but it is ${describeValue(limit)}`, {
				itemIndex,
				description: 'Set Limit to e.g. 50, or turn on Return All.',
			});
		}
		const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const nameContains = typeof filters.nameContains === 'string' ? filters.nameContains.trim().toLocaleLowerCase() : '';
		const adminOnly = filters.adminOnly === true;
		const extra = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const includeInviteLinks = extra.includeInviteLinks === true;
		if (!adapter.listGroups) throw listUnsupported(adapter, 'Get Many Groups');
		if (adminOnly && !adapter.listReportsAdmin) {
			const able = PROVIDERS.filter((p) => p.listGroups && p.listReportsAdmin).map((p) => p.name);
			throw new GroupLookupError(
				`Admin Only can't be applied with ${adapter.name}: its group list does not say which groups the number is an admin of`,
				`Turn Admin Only off (a Reset on a group the number does not administer fails on its own, with a clear error)${able.length ? `, or use ${able.join(', ')}` : ''}.`,
			);
		}
		// Without a filter, a Limit needs only the pages that hold that many groups.
		const listed =
			returnAll || nameContains !== '' || adminOnly
				? await allGroups(session, itemIndex, options.timeout, true)
				: await firstGroups(session, itemIndex, options.timeout, true, limit);
		if (adminOnly && listed.length > 0 && listed.every((g) => g.isAdmin === undefined)) {
			// The provider can report roles, but this server did not (e.g. an older version): never guess.
			throw new GroupLookupError(
				`Admin Only can't be applied: ${adapter.name} did not say for any of the ${listed.length} groups whether the connected number is an admin`,
				`Turn Admin Only off, or update the ${adapter.name} server (older versions do not tell which number is connected).`,
			);
		}
		const groups = listed
			.filter((g) => nameContains === '' || (g.name ?? '').toLocaleLowerCase().includes(nameContains))
			.filter((g) => !adminOnly || g.isAdmin === true)
			.slice(0, limit);
		const items = groups.map((g) => groupItem(adapter.id, g));
		if (includeInviteLinks) {
			for (const [i, g] of groups.entries()) {
				if (items[i].inviteLink !== undefined) continue;
				try {
					const ref = parseGroupId(g.groupId, adapter.groupIdRules, adapter.name);
					const client = session.client(itemIndex, [], options.timeout, Date.now() + options.timeout * ITEM_BUDGET_TIMEOUTS);
					const invite = await adapter.getInviteLink(client, ref);
					items[i].inviteCode = invite.inviteCode;
					items[i].inviteLink = invite.inviteLink;
				} catch (error) {
					items[i].inviteLinkError = error instanceof Error ? error.message : String(error);
				}
			}
		}
		if (items.length === 0) return { ok: true, json: base, empty: true };
		const [first, ...rest] = items;
		return { ok: true, json: first, more: rest };
	} catch (error) {
		if (error instanceof GroupLookupError) {
			return fail(new NodeOperationError(ctx.getNode(), error.message, { itemIndex, description: error.hint }));
		}
		if (error instanceof NodeOperationError || error instanceof NodeApiError) return fail(error);
		return fail(new NodeOperationError(ctx.getNode(), error as Error, { itemIndex }));
	}
}
