/**
 * The group resource: its Operation list (node v1.1) and its operations, one file each. Node v1 and
 * v1.1 have no Resource parameter; every operation acts on groups.
 */
import type { INodeProperties } from 'n8n-workflow';

import { groupLocator } from '../common.descriptions';
import * as getAll from './getAll.operation';
import * as getInviteLink from './getInviteLink.operation';
import * as resetInviteLink from './resetInviteLink.operation';

export { getAll, getInviteLink, resetInviteLink };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
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
	groupLocator,
	...getInviteLink.description,
	...resetInviteLink.description,
	...getAll.description,
];
