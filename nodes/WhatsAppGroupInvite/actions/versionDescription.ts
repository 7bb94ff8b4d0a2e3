/**
 * The node's parameters for versions 1 and 1.1 (light versioning: one class, `@version` in the
 * display options; the rest of the description is in WhatsAppGroupInvite.node.ts). v1 (Get and
 * Reset, Group ID as text) is frozen as it shipped; v1.1's parameters come from the resource
 * (group/Group.resource.ts) and its operation files.
 */
import type { INodeProperties } from 'n8n-workflow';

import { PROVIDERS } from '../providers';
import { options } from './common.descriptions';
import * as group from './group/Group.resource';
import * as joinRequest from './joinRequest/JoinRequest.resource';

const v1 = { '@version': [1] };

/** Node v2's Resource: Join Request only for the providers that have a join-request operation. */
function resources(): INodeProperties[] {
	const withRequests = joinRequest.joinRequestProviders;
	const without = PROVIDERS.map((p) => p.id).filter((id) => !withRequests.includes(id));
	const groupOption = { name: 'Group', value: 'group', description: 'Invite links, the groups you are in, join approval' };
	const requestOption = { name: 'Join Request', value: 'joinRequest', description: 'Requests to join a group that needs admin approval' };
	return [
		{ providers: withRequests, options: [groupOption, requestOption] },
		{ providers: without, options: [groupOption] },
	]
		.filter((entry) => entry.providers.length > 0)
		.map(({ providers, options }) => ({
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }], provider: providers } },
			options,
			default: 'group',
		}));
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		noDataExpression: true,
		options: PROVIDERS.map((provider) => ({ name: provider.name, value: provider.id })),
		default: 'zApi',
		description: 'The WhatsApp gateway that your WhatsApp number is connected through',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: v1 },
		options: [
			{
				name: 'Get Invite Link',
				value: 'getInviteLink',
				action: 'Get invite link',
				description: "Read the group's current invite link",
			},
			{
				name: 'Reset Invite Link',
				value: 'resetInviteLink',
				action: 'Reset invite link',
				description: 'Revoke the current invite link and return the new one',
			},
		],
		default: 'getInviteLink',
	},
	{
		displayName: 'Group ID',
		name: 'groupId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 120363019502650977@g.us',
		description:
			'The WhatsApp group, as 120363019502650977@g.us, 120363019502650977-group or the older 5511999999999-1623281429. Some providers (e.g. RyzeAPI) also accept an invite link or code.',
		hint: 'The connected WhatsApp number must be an admin of the group',
		displayOptions: { show: v1 },
	},
	...resources(),
	// Every Operation list first, then each operation's parameters, so that the panel reads Resource,
	// Operation, Group, then the rest, whatever the operation.
	...group.operations,
	...joinRequest.operationLists,
	...group.description,
	...joinRequest.description,
	...group.listing,
	options,
];
