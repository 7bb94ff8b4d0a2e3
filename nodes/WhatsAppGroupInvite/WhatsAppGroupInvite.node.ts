/**
 * WhatsApp Group Invite: get and reset group invite links, and list groups, through the user's
 * WhatsApp gateway. Its parameters are in actions/versionDescription.ts, the group picker in
 * methods/listSearch.ts, and every item runs through actions/router.ts.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { OPERATIONS, V2_OPERATIONS } from './actions/node.type';
import { router } from './actions/router';
import { properties } from './actions/versionDescription';
import { searchGroups } from './methods/listSearch';
import { PROVIDERS } from './providers';

const providerNames = JSON.stringify(Object.fromEntries(PROVIDERS.map((p) => [p.id, p.name])));
const operationNames = JSON.stringify(OPERATIONS);
const v2Names = JSON.stringify(V2_OPERATIONS);

export class WhatsAppGroupInvite implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Group Invite',
		name: 'whatsAppGroupInvite',
		icon: { light: 'file:../../icons/whatsappGroupInvite.svg', dark: 'file:../../icons/whatsappGroupInvite.dark.svg' },
		group: ['transform'],
		version: [1, 1.1, 2],
		defaultVersion: 2,
		// v1 and v1.1 have no Resource: their subtitle reads the Operation alone, as it always did.
		subtitle: `={{ ($parameter["resource"] ? (${v2Names})[$parameter["resource"] + ":" + $parameter["operation"]] : (${operationNames})[$parameter["operation"]]) + ": " + (${providerNames})[$parameter["provider"]] }}`,
		description: 'Get or reset WhatsApp group invite links, list your groups, and handle join requests, through your WhatsApp gateway',
		defaults: {
			name: 'WhatsApp Group Invite',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: PROVIDERS.map((provider) => ({
			name: provider.credentialType,
			required: true,
			displayOptions: { show: { provider: [provider.id] } },
		})),
		properties,
	};

	methods = {
		listSearch: {
			searchGroups,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
