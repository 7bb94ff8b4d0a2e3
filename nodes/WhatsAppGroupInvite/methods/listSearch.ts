/**
 * The group picker (Group: From List), as n8n's own nodes build theirs (e.g. Airtable v2
 * `methods/listSearch.ts`): one dropdown page per call, searched by name and JID, with a pagination
 * token for the next page. It lists through the transport, so retries, pacing and redaction apply.
 */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { GroupLookupError, lastPage, listPage, listUnsupported, MAX_LIST_PAGES, normalizeName } from '../helpers/groupLookup';
import { getProvider } from '../providers';
import { checkBaseUrl, DEFAULT_TIMEOUT_MS, ProviderSession } from '../transport';

/** Entries the picker shows per page of its dropdown. */
export const PICKER_PAGE_SIZE = 50;

/** The picker's pagination token: the provider's page cursor and the position inside that page. */
interface Token {
	cursor?: string;
	offset: number;
}

function readToken(token: string | undefined): Token {
	if (!token) return { offset: 0 };
	try {
		const parsed = JSON.parse(token) as { c?: unknown; o?: unknown };
		return {
			cursor: typeof parsed.c === 'string' ? parsed.c : undefined,
			offset: typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 ? parsed.o : 0,
		};
	} catch {
		return { offset: 0 };
	}
}

/**
 * Lists the groups whose name or group ID contains `filter` (case ignored), each shown as
 * "Name (120363…@g.us)" with the group ID (in the provider's form) as its value. Filtering is client-side over the provider's pages
 * (none of the gateways filters by name), and a dropdown page is filled up to PICKER_PAGE_SIZE entries
 * however sparse the matches are. A failure shows the provider's message and how to fix it, never an
 * empty list without a reason.
 */
export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const providerId = this.getCurrentNodeParameter('provider') as string;
	const adapter = getProvider(providerId);
	if (!adapter) throw new NodeOperationError(this.getNode(), `Unknown provider ${JSON.stringify(providerId)}`);
	try {
		if (!adapter.listGroups) throw listUnsupported(adapter, 'Group: From List');
		const credentials = await this.getCredentials(adapter.credentialType);
		const session = new ProviderSession(this, adapter, credentials, checkBaseUrl(this, adapter, credentials), {
			requestsPerMinute: adapter.requestsPerMinute ?? 0,
		});
		const wanted = normalizeName(filter ?? '');
		const results: INodeListSearchResult['results'] = [];
		let { cursor, offset } = readToken(paginationToken);
		for (let page = 0; page < MAX_LIST_PAGES; page++) {
			const result = await listPage(session, 0, DEFAULT_TIMEOUT_MS, cursor);
			for (let i = offset; i < result.groups.length; i++) {
				const group = result.groups[i];
				const label = group.name ?? group.groupId;
				// Group IDs are searched case-insensitively too (a provider's own IDs have letters).
				const id = group.groupId.toLocaleLowerCase();
				if (wanted !== '' && !normalizeName(label).includes(wanted) && !id.includes(wanted)) continue;
				results.push({ name: group.name ? `${group.name} (${group.groupId})` : group.groupId, value: group.groupId });
				if (results.length < PICKER_PAGE_SIZE) continue;
				const next: Token | undefined =
					i + 1 < result.groups.length
						? { cursor, offset: i + 1 }
						: lastPage(result, cursor)
							? undefined
							: { cursor: result.next, offset: 0 };
				return { results, ...(next ? { paginationToken: JSON.stringify({ c: next.cursor, o: next.offset }) } : {}) };
			}
			if (lastPage(result, cursor)) break;
			cursor = result.next;
			offset = 0;
		}
		return { results };
	} catch (error) {
		throw pickerError(this, error);
	}
}

/**
 * What the picker shows when listing fails: n8n's "Could not load list" with this error's message. n8n
 * 1.x shows only the message there (not the description), so the fix goes into the message too. The
 * transport's errors are already redacted and carry the vendor's own message.
 */
function pickerError(ctx: ILoadOptionsFunctions, error: unknown): NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		const fix = error.description ? ` ${error.description}` : '';
		return new NodeOperationError(ctx.getNode(), `${error.message.replace(/\.?$/, '.')}${fix}`, {
			description: error.description ?? undefined,
		});
	}
	if (error instanceof GroupLookupError) {
		return new NodeOperationError(ctx.getNode(), `${error.message}. ${error.hint}`, { description: error.hint });
	}
	return new NodeOperationError(ctx.getNode(), error as Error);
}
