/**
 * The Group parameter, for every operation that acts on one group: v1's Group ID text, or v1.1's
 * resource locator in one of its four modes (From List, By ID, By Invite Link, By Name), read into
 * the group the adapter acts on. `onOneGroup` is the frame such an operation runs in: the group is
 * found, a client with the item's budget is made, and any failure becomes the item's error item.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ItemOutcome, ItemRun } from '../actions/node.type';
import { PROVIDERS } from '../providers';
import type { InviteResult, ProviderAdapter, ProviderClient } from '../providers/types';
import type { ProviderSession } from '../transport';
import { isAmbiguous, isRefusal } from '../transport';
import type { GroupRef } from '../whatsapp/groupId';
import { GroupIdError, parseGroupId, quote, shownGroupId } from '../whatsapp/groupId';
import { RequesterError } from '../whatsapp/requester';
import { allGroups, findByName, GroupLookupError, inviteCodeOf, listUnsupported } from './groupLookup';
import type { ItemOptions } from './options';
import { errorFields, inviteFields } from './outputItems';

/** How a v1.1 node names the group (its resourceLocator mode); v1's plain Group ID is `id`. */
export type GroupMode = 'list' | 'id' | 'url' | 'name';

/** Reads the Group parameter: v1's text, or v1.1's resourceLocator `{mode, value, cachedResultName}`. */
export function readGroupParameter(raw: unknown): { mode: GroupMode; value: unknown; pickedName?: string } {
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

/**
 * Group: By Invite Link. The provider looks the code up; a provider that cannot fails before any
 * request. A code the provider does not know (revoked, expired, mistyped) fails with that reason
 * (the adapter's `client.inviteGone`).
 */
async function groupOfInviteLink(
	session: ProviderSession,
	link: string,
	itemIndex: number,
	options: ItemOptions,
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
	const found = await adapter.resolveInvite(session.client(itemIndex, { timeout: options.timeout, raw }), code);
	return parseGroupId(found.groupId, adapter.groupIdRules, adapter.name);
}

/** One group operation's item, once its group is known. */
export interface GroupTarget {
	readonly adapter: ProviderAdapter;
	readonly session: ProviderSession;
	readonly itemIndex: number;
	readonly group: GroupRef;
	/** A client with the item's time budget, started once the group is known. */
	readonly client: ProviderClient;
	readonly options: ItemOptions;
	/** The provider's answers, kept only for Include Raw Response. */
	readonly raw?: unknown[];
	/** The item's first fields: `{provider, operation}`. */
	readonly base: IDataObject;
	/** Reads a parameter of this item. */
	parameter(name: string, fallback?: unknown): unknown;
	/** The error item for a failure, with `extra` fields (e.g. the link read after a failed reset). */
	fail(error: NodeApiError | NodeOperationError, extra?: IDataObject): ItemOutcome;
}

/** The item of an invite-link operation: the group (as the vendor reported it, if it did) and the link. */
export function inviteItem(target: GroupTarget, result: InviteResult, previous?: InviteResult): ItemOutcome {
	return {
		ok: true,
		json: {
			...target.base,
			groupId: result.groupJid ?? target.base.groupId,
			...inviteFields(result, previous),
			...(target.raw ? { raw: target.raw } : {}),
		},
	};
}

/** A failure before the group is known, as the error the user reads. */
function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof GroupIdError || error instanceof GroupLookupError || error instanceof RequesterError) {
		return new NodeOperationError(ctx.getNode(), error.message, { itemIndex, description: error.hint });
	}
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * Runs an operation on one group: reads the options and the Group parameter, finds the group (all
 * four modes), then calls `act`. `fields`: what every item of it starts with after `provider` (e.g.
 * `{operation: 'getInviteLink'}`). Never throws: a failure comes back as the item's error outcome.
 * `onAmbiguous`: what to do when a write failed in a way that may have taken effect (e.g. a reset's
 * read-back); without it, such a failure is reported as it is.
 */
export async function onOneGroup(
	ctx: IExecuteFunctions,
	run: ItemRun,
	fields: IDataObject,
	act: (target: GroupTarget) => Promise<ItemOutcome>,
	onAmbiguous?: (target: GroupTarget, error: NodeApiError) => Promise<ItemOutcome>,
): Promise<ItemOutcome> {
	const { session, itemIndex } = run;
	const adapter = session.adapter;
	const base: IDataObject = { provider: adapter.id, ...fields };
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
	const fail = (error: NodeApiError | NodeOperationError, extra: IDataObject = {}): ItemOutcome => ({
		ok: false,
		error,
		json: { ...errorFields(error), ...base, groupId: groupIdShown(), ...extra },
	});

	let options: ItemOptions;
	let mode: GroupMode = 'id';
	let pickedName: string | undefined;
	let raw: unknown[] | undefined;
	try {
		options = run.readOptions(itemIndex);
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
			group = await groupOfInviteLink(session, rawGroupId, itemIndex, options, raw);
		} else {
			if (!adapter.listGroups) throw listUnsupported(adapter, 'Group: By Name');
			const found = findByName(await allGroups(session, itemIndex, options.timeout), rawGroupId, adapter.name);
			group = parseGroupId(found.groupId, adapter.groupIdRules, adapter.name);
		}
	} catch (error) {
		return fail(asNodeError(ctx, error, itemIndex));
	}

	const target: GroupTarget = {
		adapter,
		session,
		itemIndex,
		group,
		client: session.client(itemIndex, { timeout: options.timeout, raw }),
		options,
		raw,
		base: { ...base, groupId: groupIdShown() },
		parameter: (name, fallback) => ctx.getNodeParameter(name, itemIndex, fallback),
		fail,
	};
	try {
		return await act(target);
	} catch (error) {
		if (isAmbiguous(error) && onAmbiguous) return await onAmbiguous(target, error as NodeApiError);
		if (mode === 'list' && error instanceof NodeApiError && isRefusal(error)) {
			// A group picked in the list that the vendor no longer knows (deleted, or the number left it).
			const picked = pickedName ? ` (${quote(pickedName)})` : '';
			error.description = `The group was picked From List${picked}; it may no longer exist, or the number is no longer in it: pick it again. ${error.description ?? ''}`.trim();
		}
		if (error instanceof RequesterError || error instanceof GroupLookupError) return fail(asNodeError(ctx, error, itemIndex));
		return fail(
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: session.error(itemIndex, `Unexpected problem: ${(error as Error).message}`, 'Please report this.'),
		);
	}
}
