/**
 * The group resource: its Operation lists (node v1.1; node v2, per provider, only what the provider
 * supports) and its operations, one file each.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { providersFor } from '../../helpers/capabilities';
import { PROVIDERS } from '../../providers';
import { groupLocator } from '../common.descriptions';
import * as getAll from './getAll.operation';
import * as getInviteLink from './getInviteLink.operation';
import * as resetInviteLink from './resetInviteLink.operation';
import * as setJoinApproval from './setJoinApproval.operation';

export { getAll, getInviteLink, resetInviteLink, setJoinApproval };

/** Node v2's group operations, in the editor's order. */
const V2_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Get Invite Link',
		value: 'getInviteLink',
		action: 'Get invite link',
		description: "Read the group's current invite link",
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many groups',
		description: 'List the groups the connected WhatsApp number is in, one item per group',
	},
	{
		name: 'Reset Invite Link',
		value: 'resetInviteLink',
		action: 'Reset invite link',
		description: 'Revoke the current invite link and return the new one. The old link stops working at once.',
	},
	{
		name: 'Set Join Approval',
		value: 'setJoinApproval',
		action: 'Set join approval',
		description: 'Turn on or off whether an admin must approve people who join through the invite link',
	},
];

/** Node v2's Operation list for the providers that have exactly these group operations. */
function v2Operations(): INodeProperties[] {
	const withApproval = providersFor('group', 'setJoinApproval');
	const without = PROVIDERS.map((p) => p.id).filter((id) => !withApproval.includes(id));
	return [
		{ providers: withApproval, options: V2_OPTIONS },
		{ providers: without, options: V2_OPTIONS.filter((o) => o.value !== 'setJoinApproval') },
	]
		.filter((entry) => entry.providers.length > 0)
		.map(({ providers, options }) => ({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }], resource: ['group'], provider: providers } },
			options,
			default: 'getInviteLink',
		}));
}

/** The Operation lists: node v1.1's, and node v2's per provider. */
export const operations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@version': [1.1] } },
		options: [
			{
				name: 'Get Invite Link',
				value: 'getInviteLink',
				action: 'Get invite link',
				description: "Read the group's current invite link",
			},
			{
				name: 'Get Many Groups',
				value: 'getManyGroups',
				action: 'Get many groups',
				description: 'List the groups the connected WhatsApp number is in, one item per group',
			},
			{
				name: 'Reset Invite Link',
				value: 'resetInviteLink',
				action: 'Reset invite link',
				description: 'Revoke the current invite link and return the new one. The old link stops working at once.',
			},
		],
		default: 'getInviteLink',
	},
	...v2Operations(),
];

/** The parameters of the group operations, after every Operation list (versionDescription.ts orders them). */
export const description: INodeProperties[] = [
	groupLocator,
	...getInviteLink.description,
	...resetInviteLink.description,
	...setJoinApproval.description,
];

/** Return All, Limit and Filters: after every Group and Requester, for both resources' Get Many. */
export const listing: INodeProperties[] = getAll.description;
