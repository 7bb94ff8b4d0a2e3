/**
 * Groups by name (node v1.1): listing a provider's groups page by page, the group picker's search,
 * finding a group by its exact name, and resolving an invite link to its group. All of it goes
 * through the transport (retries, pacing, redaction) like the invite-link calls.
 */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { quote } from './groupId';
import { inviteCodeFromLink, isInviteCode } from './invite';
import { getProvider, PROVIDERS } from './providers';
import type { GroupPage, GroupSummary, ProviderAdapter } from './providers/types';
import { checkBaseUrl, DEFAULT_TIMEOUT_MS, ITEM_BUDGET_TIMEOUTS, ProviderSession } from './transport';

/** Groups asked for per list request. */
export const LIST_PAGE_SIZE = 100;
/** A list stops after this many pages (100 × 200 = 20,000 groups; WhatsApp allows far fewer per number). */
export const MAX_LIST_PAGES = 200;
/** Entries the picker shows per page of its dropdown. */
export const PICKER_PAGE_SIZE = 50;

/** A problem with what the user asked for (no such name, several groups with it, …), with how to fix it. */
export class GroupLookupError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'GroupLookupError';
	}
}

export function listUnsupported(adapter: ProviderAdapter, what: string): GroupLookupError {
	const able = PROVIDERS.filter((p) => p.listGroups).map((p) => p.name);
	return new GroupLookupError(
		`${adapter.name} cannot list groups, so ${what} is not available with it`,
		able.length ? `Use Group: By ID, or a provider that lists groups (${able.join(', ')}).` : 'Use Group: By ID.',
	);
}

/** One page of the provider's group list, with the item's timeout and budget. */
export async function listPage(
	session: ProviderSession,
	itemIndex: number,
	timeout: number,
	cursor: string | undefined,
	pageSize = LIST_PAGE_SIZE,
): Promise<GroupPage> {
	const adapter = session.adapter;
	if (!adapter.listGroups) throw listUnsupported(adapter, 'listing groups');
	const client = session.client(itemIndex, [], timeout, Date.now() + timeout * ITEM_BUDGET_TIMEOUTS);
	return await adapter.listGroups(client, { cursor, pageSize });
}

const everyGroup = new WeakMap<ProviderSession, Promise<GroupSummary[]>>();

/**
 * Every group of the connected number, fetched at most once per execution (By Name for many items
 * and Get Many Groups for many items share it). A failed list is not kept: the next item tries again.
 */
export async function allGroups(session: ProviderSession, itemIndex: number, timeout: number): Promise<GroupSummary[]> {
	let pending = everyGroup.get(session);
	if (!pending) {
		pending = (async () => {
			const seen = new Map<string, GroupSummary>();
			let cursor: string | undefined;
			for (let page = 0; page < MAX_LIST_PAGES; page++) {
				const result = await listPage(session, itemIndex, timeout, cursor);
				for (const group of result.groups) if (!seen.has(group.groupId)) seen.set(group.groupId, group);
				if (result.next === undefined || result.next === cursor || result.groups.length === 0) break;
				cursor = result.next;
			}
			return [...seen.values()];
		})();
		everyGroup.set(session, pending);
		pending.catch(() => everyGroup.delete(session));
	}
	return await pending;
}

/** Case-insensitive, trimmed, inner spaces collapsed. */
export function normalizeName(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

function distance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let previous = row[0];
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const kept = row[j];
			row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
			previous = kept;
		}
	}
	return row[b.length];
}

/** The names closest to `name`: names containing it first, then by edit distance. */
export function closestNames(groups: GroupSummary[], name: string, count = 3): string[] {
	const wanted = normalizeName(name);
	const names = [...new Set(groups.map((g) => g.name).filter((n): n is string => typeof n === 'string' && n.trim() !== ''))];
	return names
		.map((n) => {
			const normal = normalizeName(n);
			const contains = normal.includes(wanted) || wanted.includes(normal);
			return { n, score: (contains ? 0 : 1000) + distance(normal, wanted) };
		})
		.sort((a, b) => a.score - b.score || a.n.localeCompare(b.n))
		.slice(0, count)
		.map((entry) => entry.n);
}

/** The one group whose name is `name` (exact after trimming, case-insensitive). */
export function findByName(groups: GroupSummary[], name: string, providerName: string): GroupSummary {
	const wanted = normalizeName(name);
	if (wanted === '') {
		throw new GroupLookupError('The group name is empty', 'Set Group (By Name) to the name of the group, e.g. Acme Support.');
	}
	const matches = groups.filter((g) => typeof g.name === 'string' && normalizeName(g.name) === wanted);
	if (matches.length === 1) return matches[0];
	if (matches.length > 1) {
		throw new GroupLookupError(
			`${matches.length} groups are named ${quote(name.trim())}: ${matches.map((g) => g.groupId).join(', ')}`,
			'Pick the group From List, or use Group: By ID with one of these IDs.',
		);
	}
	const close = closestNames(groups, name);
	throw new GroupLookupError(
		`No group named ${quote(name.trim())} among the ${groups.length} groups ${providerName} lists for this number`,
		close.length
			? `The closest names are: ${close.map((n) => quote(n)).join(', ')}. Names must match exactly (case and surrounding spaces are ignored).`
			: 'The number is in no group with a name. Check the credential points to the right WhatsApp number.',
	);
}

/** The invite code in what the user gave for By Invite Link: a chat.whatsapp.com link or a bare code. */
export function inviteCodeOf(value: string): string {
	const input = value.trim();
	const code = inviteCodeFromLink(input) ?? (isInviteCode(input) ? input : undefined);
	if (code === undefined) {
		throw new GroupLookupError(
			`${quote(input)} is not a WhatsApp invite link`,
			'Use a link such as https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv (or just its code).',
		);
	}
	return code;
}

/** Decodes the picker's pagination token: the provider's page cursor and the position inside that page. */
function readToken(token: string | undefined): { cursor?: string; offset: number } {
	if (!token) return { offset: 0 };
	try {
		const parsed = JSON.parse(token) as { c?: unknown; o?: unknown };
		return {
			cursor: typeof parsed.c === 'string' ? parsed.c : undefined,
			offset: typeof parsed.o === 'number' && parsed.o >= 0 ? parsed.o : 0,
		};
	} catch {
		return { offset: 0 };
	}
}

/**
 * The group picker (Group: From List). Searches the name and the JID, client-side over the provider's
 * pages, and keeps a dropdown page at PICKER_PAGE_SIZE entries however sparse the matches are.
 * A failure shows the provider's message and how to fix it, never an empty list without a reason.
 */
export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const providerId = this.getCurrentNodeParameter('provider') as string;
	const adapter = getProvider(providerId);
	if (!adapter) throw new NodeOperationError(this.getNode(), `Unknown provider ${JSON.stringify(providerId)}`);
	if (!adapter.listGroups) {
		const problem = listUnsupported(adapter, 'Group: From List');
		throw new NodeOperationError(this.getNode(), `${problem.message}. ${problem.hint}`);
	}
	const credentials = await this.getCredentials(adapter.credentialType);
	const session = new ProviderSession(this, adapter, credentials, checkBaseUrl(this, adapter, credentials), {
		requestsPerMinute: adapter.requestsPerMinute ?? 0,
	});
	const wanted = normalizeName(filter ?? '');
	const results: INodeListSearchResult['results'] = [];
	let { cursor, offset } = readToken(paginationToken);
	try {
		for (let page = 0; page < MAX_LIST_PAGES; page++) {
			const result = await listPage(session, 0, DEFAULT_TIMEOUT_MS, cursor);
			for (let i = offset; i < result.groups.length; i++) {
				const group = result.groups[i];
				const label = group.name?.trim() || group.groupId;
				if (wanted !== '' && !normalizeName(label).includes(wanted) && !group.groupId.toLowerCase().includes(wanted)) continue;
				results.push({ name: `${label} (${group.groupId})`, value: group.groupId });
				if (results.length >= PICKER_PAGE_SIZE) {
					const more = i + 1 < result.groups.length || result.next !== undefined;
					const token = i + 1 < result.groups.length ? { c: cursor, o: i + 1 } : { c: result.next, o: 0 };
					return { results, ...(more ? { paginationToken: JSON.stringify(token) } : {}) };
				}
			}
			if (result.next === undefined || result.next === cursor || result.groups.length === 0) break;
			cursor = result.next;
			offset = 0;
		}
	} catch (error) {
		if (error instanceof NodeApiError) {
			// The dropdown shows the message only: put the fix in it.
			const fix = error.description ? ` ${error.description}` : '';
			throw new NodeOperationError(this.getNode(), `Could not list the groups: ${error.message}.${fix}`);
		}
		if (error instanceof GroupLookupError) throw new NodeOperationError(this.getNode(), `${error.message}. ${error.hint}`);
		throw error;
	}
	return { results };
}
