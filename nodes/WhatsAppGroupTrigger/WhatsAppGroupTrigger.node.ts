/**
 * WhatsApp Group Trigger: starts a workflow when someone joins, leaves or asks to join a WhatsApp
 * group, through the user's gateway. Registration (checkExists, create, delete) is in
 * lifecycle.ts, the webhook in receive.ts, the parameters in description.ts,
 * and each gateway's events in providers/events/<provider>.ts. Same credentials as the action node.
 */
import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { PROVIDERS } from '../WhatsAppGroupInvite/providers';
import { triggerProperties } from './description';
import { checkExists, create, remove } from './lifecycle';
import { receive } from './receive';

const providerNames = JSON.stringify(Object.fromEntries(PROVIDERS.map((p) => [p.id, p.name])));

export class WhatsAppGroupTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Group Trigger',
		name: 'whatsAppGroupTrigger',
		icon: { light: 'file:../../icons/whatsappGroupInvite.svg', dark: 'file:../../icons/whatsappGroupInvite.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{ (${providerNames})[$parameter["provider"]] }}`,
		description: 'Starts the workflow when someone joins, leaves or asks to join a WhatsApp group',
		defaults: {
			name: 'WhatsApp Group Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: PROVIDERS.map((provider) => ({
			name: provider.credentialType,
			required: true,
			displayOptions: { show: { provider: [provider.id] } },
		})),
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
			{
				// Meta's verification handshake (hub.challenge); other gateways get 405 here.
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
