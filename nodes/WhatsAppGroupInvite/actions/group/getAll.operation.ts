/**
 * Get Many Groups (node v1.1's `getManyGroups`): the connected number's groups, filtered, one output
 * item per group. The list is fetched once per execution; Include Invite Links costs one Get per group
 * whose list entry has no code, paced like every request.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { allGroups, firstGroups, GroupLookupError, listUnsupported } from '../../helpers/groupLookup';
import { readLimit } from '../../helpers/options';
import { errorFields, groupItem } from '../../helpers/outputItems';
import { PROVIDERS } from '../../providers';
import { connectedIdsFailure } from '../../providers/listing';
import { parseGroupId } from '../../whatsapp/groupId';
import type { ItemOutcome, ItemRun } from '../node.type';

/** v1.1's Get Many Groups and v2's Get Many, in both resources (Filters: groups only). */
const show = { '@version': [{ _cnd: { gte: 1.1 } }], operation: ['getManyGroups', 'getAll'] };

/** Its own parameters: Return All, Limit (shared with Get Many Join Requests) and Filters (Include Invite Links is in the Options). */
export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { ...show, returnAll: [false] } },
		description: 'Max number of results to return',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show, hide: { resource: ['joinRequest'] } },
		options: [
			{
				displayName: 'Admin Only',
				name: 'adminOnly',
				type: 'boolean',
				default: false,
				description: `Whether to return only the groups the connected number is an admin of. Only for providers whose group list reports roles (${PROVIDERS.filter((p) => p.listReportsAdmin).map((p) => p.name).join(', ') || 'none yet'}); with the others the node fails with a clear error instead of guessing.`,
			},
			{
				displayName: 'Name Contains',
				name: 'nameContains',
				type: 'string',
				default: '',
				placeholder: 'e.g. Support',
				description: 'Only groups whose name contains this text (case is ignored)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, run: ItemRun): Promise<ItemOutcome> {
	const { session, itemIndex } = run;
	const adapter = session.adapter;
	const base: IDataObject = { provider: adapter.id, operation: 'getManyGroups' };
	const fail = (error: NodeApiError | NodeOperationError): ItemOutcome => ({
		ok: false,
		error,
		json: { ...errorFields(error), ...base },
	});
	try {
		const options = run.readOptions(itemIndex);
		const limit = readLimit(this, itemIndex, (name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
		const returnAll = limit === Number.POSITIVE_INFINITY;
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const nameContains = typeof filters.nameContains === 'string' ? filters.nameContains.trim().toLocaleLowerCase() : '';
		const adminOnly = filters.adminOnly === true;
		const includeInviteLinks = (this.getNodeParameter('options', itemIndex, {}) as IDataObject).includeInviteLinks === true;
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
		// The connected number could not be read: isAdmin is unknown where the list itself did not say.
		const rolesFailure = connectedIdsFailure(session.memo);
		if (adminOnly && rolesFailure !== undefined && listed.some((g) => g.isAdmin === undefined)) {
			throw new GroupLookupError(
				`Admin Only can't be applied: ${adapter.name} did not say which WhatsApp number is connected, so the node cannot tell which groups it administers (${rolesFailure})`,
				`Turn Admin Only off to list the groups without isAdmin, or make the ${adapter.name} server answer that request (check the credential and the server's version).`,
			);
		}
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
		if (rolesFailure !== undefined) {
			for (const item of items) {
				if (item.isAdmin === undefined) {
					item.note = `isAdmin is left out: ${adapter.name} did not say which WhatsApp number is connected (${rolesFailure})`;
				}
			}
		}
		if (includeInviteLinks) {
			for (const [i, g] of groups.entries()) {
				if (items[i].inviteLink !== undefined) continue;
				try {
					const ref = parseGroupId(g.groupId, adapter.groupIdRules, adapter.name);
					const invite = await adapter.getInviteLink(session.client(itemIndex, { timeout: options.timeout }), ref);
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
			return fail(new NodeOperationError(this.getNode(), error.message, { itemIndex, description: error.hint }));
		}
		if (error instanceof NodeOperationError || error instanceof NodeApiError) return fail(error);
		return fail(new NodeOperationError(this.getNode(), error as Error, { itemIndex }));
	}
}
