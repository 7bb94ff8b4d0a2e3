/**
 * Group lookup: listing a provider's groups page by page (fetched once per execution), finding a
 * group by its exact name, and reading an invite link typed by the user. All of it goes through the
 * transport (retries, pacing, redaction) like the invite-link calls. The group picker's search is in
 * methods/listSearch.ts.
 */
import { PROVIDERS } from '../providers';
import type { GroupPage, GroupSummary, ProviderAdapter } from '../providers/types';
import type { ProviderSession } from '../transport';
import { quote } from '../whatsapp/groupId';
import { inviteCodeFromLink, isInviteCode } from '../whatsapp/invite';

/** Groups asked for per list request. */
export const LIST_PAGE_SIZE = 100;
/** A list stops after this many pages (100 × 200 = 20,000 groups; WhatsApp allows far fewer per number). */
export const MAX_LIST_PAGES = 200;

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
	roles = false,
): Promise<GroupPage> {
	const adapter = session.adapter;
	if (!adapter.listGroups) throw listUnsupported(adapter, 'listing groups');
	return await adapter.listGroups(session.client(itemIndex, { timeout }), { cursor, pageSize: LIST_PAGE_SIZE, roles });
}

/** Whether a page is the last one: no cursor, the same cursor again, or nothing on it. */
export function lastPage(page: GroupPage, cursor: string | undefined): boolean {
	return page.next === undefined || page.next === cursor || page.groups.length === 0;
}

/** The groups of the list's pages, in order and without repeats, until `enough` are found or the list ends. */
async function collect(
	session: ProviderSession,
	itemIndex: number,
	timeout: number,
	roles: boolean,
	enough: number,
): Promise<GroupSummary[]> {
	const seen = new Map<string, GroupSummary>();
	let cursor: string | undefined;
	for (let page = 0; page < MAX_LIST_PAGES && seen.size < enough; page++) {
		const result = await listPage(session, itemIndex, timeout, cursor, roles);
		for (const group of result.groups) if (!seen.has(group.groupId)) seen.set(group.groupId, group);
		if (lastPage(result, cursor)) break;
		cursor = result.next;
	}
	return [...seen.values()];
}

const everyGroup = new WeakMap<ProviderSession, Map<boolean, Promise<GroupSummary[]>>>();

/**
 * Every group of the connected number, fetched at most once per execution (By Name for many items
 * and Get Many Groups for many items share it). A failed list is not kept: the next item tries again.
 * `roles`: whether isAdmin is needed (see GroupListRequest.roles).
 */
export async function allGroups(
	session: ProviderSession,
	itemIndex: number,
	timeout: number,
	roles = false,
): Promise<GroupSummary[]> {
	const lists = everyGroup.get(session) ?? new Map<boolean, Promise<GroupSummary[]>>();
	everyGroup.set(session, lists);
	let pending = lists.get(roles);
	if (!pending) {
		pending = collect(session, itemIndex, timeout, roles, Number.POSITIVE_INFINITY);
		lists.set(roles, pending);
		pending.catch(() => lists.delete(roles));
	}
	return await pending;
}

/** The first `count` groups of the list: only as many pages as they take (Get Many Groups with a Limit and no filter). */
export async function firstGroups(
	session: ProviderSession,
	itemIndex: number,
	timeout: number,
	roles: boolean,
	count: number,
): Promise<GroupSummary[]> {
	return (await collect(session, itemIndex, timeout, roles, count)).slice(0, count);
}

/** A name as By Name compares it: trimmed, case ignored (otherwise exact). */
export function normalizeName(name: string): string {
	return name.trim().toLocaleLowerCase();
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
