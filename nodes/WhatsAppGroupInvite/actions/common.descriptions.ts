/**
 * Parameters that several operations share: the Group locator (node v1.1; its four modes are read in
 * helpers/groupParameter.ts) and the Options collection, whose entries each name the operations they
 * apply to.
 */
import type { INodeProperties } from 'n8n-workflow';

import { MAX_CONCURRENCY } from '../helpers/options';
import { DEFAULT_TIMEOUT_MS } from '../transport';

/** Group (node v1.1), for every operation on one group: From List, By ID, By Invite Link, By Name. */
export const groupLocator: INodeProperties = {
	displayName: 'Group',
	name: 'groupId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	hint: 'The connected WhatsApp number must be an admin of the group',
	displayOptions: {
		show: { '@version': [{ _cnd: { gte: 1.1 } }], operation: ['getInviteLink', 'resetInviteLink', 'setJoinApproval'] },
		hide: { resource: ['joinRequest'] },
	},
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a group...',
			typeOptions: { searchListMethod: 'searchGroups', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 120363019502650977@g.us',
			validation: [
				{
					type: 'regex',
					properties: {
						// WhatsApp group IDs (and their spellings), invite links and codes (RyzeAPI), and
						// Meta Cloud API group IDs (40 to 256 letters and digits, whatsapp/groupId.ts).
						regex: '^\\s*(?:\\d{16,24}(?:@g\\.us|-group)?|\\d{8,15}-\\d{9,11}(?:@g\\.us)?|(?:https?://)?chat\\.whatsapp\\.com/\\S+|[A-Za-z0-9]{16,32}|[A-Za-z0-9+/=_-]{40,256})\\s*$',
						errorMessage:
							'Not a group ID: use e.g. 120363019502650977@g.us, 120363019502650977-group or 5511999999999-1623281429 (with Meta WhatsApp Cloud API, its own group ID, e.g. Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD)',
					},
				},
			],
		},
		{
			displayName: 'By Invite Link',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*(?:(?:https?://)?chat\\.whatsapp\\.com/(?:invite/)?)?[A-Za-z0-9]{16,32}/?\\s*$',
						errorMessage: 'Not an invite link: use e.g. https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv',
					},
				},
			],
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. Acme Support',
			hint: 'The exact group name (case and surrounding spaces are ignored)',
		},
	],
	description:
		'The WhatsApp group: picked from the list, or by its ID, one of its invite links (where the provider can look links up) or its exact name',
};

/** Group (node v2), for every join-request operation: the same four modes. */
export const joinRequestGroupLocator: INodeProperties = {
	...groupLocator,
	displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }], resource: ['joinRequest'] } },
	hint: 'The connected WhatsApp number must be an admin of the group',
};

/** Options, for every operation; entries that apply to some operations only say so. */
export const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Include Invite Links',
			name: 'includeInviteLinks',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/operation': ['getManyGroups', 'getAll'] }, hide: { '/resource': ['joinRequest'] } },
			description:
				"Whether to add each group's inviteLink and inviteCode. Costs one Get per group (paced like every request) unless the provider's list already carries the code; a group the number is not an admin of gets inviteLinkError instead.",
		},
		{
			displayName: 'Include Previous Link',
			name: 'includePreviousLink',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/operation': ['resetInviteLink'] } },
			description:
				'Whether to read the current link before resetting it and output it as previousInviteLink and previousInviteCode (one more request per item)',
		},
		{
			displayName: 'Include Raw Response',
			name: 'includeRawResponse',
			type: 'boolean',
			default: false,
			description:
				"Whether to add the provider's response bodies, in the order they were received, under raw",
		},
		{
			displayName: 'Max Requests per Minute',
			name: 'maxRequestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				"Client-side limit shared by all items of one run. 0 uses the provider's documented limit, if it has one (e.g. RyzeAPI: 100 per minute).",
		},
		{
			displayName: 'Requests in Parallel',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
			default: 1,
			description:
				'How many items are sent to the provider at the same time. Output order stays the input order.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_MS,
			description:
				'How long to wait for each answer from the provider, in milliseconds. An item, retries included, takes at most three times this.',
		},
	],
};
