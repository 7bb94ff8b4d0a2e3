/**
 * The join-request resource (node v2): requests to join a group whose invite link needs an admin's
 * approval. Its Operation list per provider (only what the provider supports), the Group and the
 * Requester, and its operations, one file each.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { supports } from '../../helpers/capabilities';
import { PROVIDERS } from '../../providers';
import { joinRequestGroupLocator } from '../common.descriptions';
import * as approve from './approve.operation';
import * as getAll from './getAll.operation';
import * as reject from './reject.operation';

export { approve, getAll, reject };

const OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Approve',
		value: 'approve',
		action: 'Approve a join request',
		description: 'Let the person who asked to join into the group. This cannot be undone from here.',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many join requests',
		description: "List the group's pending join requests, one item per request",
	},
	{
		name: 'Reject',
		value: 'reject',
		action: 'Reject a join request',
		description: 'Turn the request down: the person is not let in. This cannot be undone from here.',
	},
];

/** The providers with any join-request operation. */
export const joinRequestProviders = PROVIDERS.filter((p) => OPTIONS.some((o) => supports(p, 'joinRequest', String(o.value)))).map((p) => p.id);

/** One Operation list per set of supported operations, shown for the providers that have that set. */
function operations(): INodeProperties[] {
	const lists = new Map<string, { providers: string[]; options: INodePropertyOptions[] }>();
	for (const id of joinRequestProviders) {
		const adapter = PROVIDERS.find((p) => p.id === id)!;
		const options = OPTIONS.filter((o) => supports(adapter, 'joinRequest', String(o.value)));
		const key = options.map((o) => o.value).join(',');
		const entry = lists.get(key) ?? { providers: [], options };
		entry.providers.push(id);
		lists.set(key, entry);
	}
	return [...lists.values()].map(({ providers, options }): INodeProperties => {
		const show = { '@version': [{ _cnd: { gte: 2 } }], resource: ['joinRequest'], provider: providers };
		// Get Many first where the provider can list; Approve where it can only act on a request.
		return options.some((o) => o.value === 'getAll')
			? { displayName: 'Operation', name: 'operation', type: 'options', noDataExpression: true, displayOptions: { show }, options, default: 'getAll' }
			: { displayName: 'Operation', name: 'operation', type: 'options', noDataExpression: true, displayOptions: { show }, options, default: 'approve' };
	});
}

/** Node v2's join-request Operation lists, one per set of supported operations. */
export const operationLists: INodeProperties[] = operations();

export const description: INodeProperties[] = [
	joinRequestGroupLocator,
	{
		displayName: 'Requester',
		name: 'requester',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5511999999999 or {{ $json.requester }}',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }], resource: ['joinRequest'], operation: ['approve', 'reject'] } },
		description:
			'Who asked to join: a phone number with its country code, or the requester as Get Many Join Requests outputs it (…@s.whatsapp.net or …@lid)',
	},
	...getAll.description,
	...approve.description,
	...reject.description,
];
