/**
 * The WhatsApp Group Trigger's parameters. Names stored in workflows: provider, events, webhookSetup,
 * options.groupIds, options.includeRaw. Webhook Setup lists, per provider, only the setups its gateway
 * allows (providers/events/<provider>.ts `setups`), with the panel's notes beside it.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { PROVIDERS } from '../WhatsAppGroupInvite/providers';
import { groupEventSource } from '../WhatsAppGroupInvite/providers/events';
import type { SetupMode } from '../WhatsAppGroupInvite/providers/events/types';

const SETUP_OPTIONS: Record<SetupMode, INodePropertyOptions> = {
	automatic: {
		name: 'Automatic',
		value: 'automatic',
		description: 'Register this trigger with the gateway when the workflow is activated, and remove only that registration when it is deactivated',
	},
	manual: {
		name: 'Manual',
		value: 'manual',
		description: 'Set this trigger\'s URL on the gateway yourself (the steps are shown below)',
	},
	replace: {
		name: 'Replace the Gateway\'s Webhook',
		value: 'replace',
		description: 'Take over the gateway\'s only webhook URL while the workflow is active, and put the previous one back when it is deactivated',
	},
};

const sources = PROVIDERS.map((adapter) => ({ adapter, source: groupEventSource(adapter.id) })).filter(
	(entry): entry is { adapter: (typeof PROVIDERS)[number]; source: NonNullable<ReturnType<typeof groupEventSource>> } => entry.source !== undefined,
);

/** The providers whose gateway allows exactly these setups. */
function providersWith(...setups: SetupMode[]): string[] {
	return sources.filter(({ source }) => source.setups.join(',') === setups.join(',')).map(({ adapter }) => adapter.id);
}

/** Webhook Setup, once per list of setups a gateway allows (the default first). */
function setupParameters(): INodeProperties[] {
	const description = 'How the gateway learns where to send group events';
	return [
		{
			displayName: 'Webhook Setup',
			name: 'webhookSetup',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { provider: providersWith('automatic', 'manual') } },
			options: [SETUP_OPTIONS.automatic, SETUP_OPTIONS.manual],
			default: 'automatic',
			description,
		},
		{
			displayName: 'Webhook Setup',
			name: 'webhookSetup',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { provider: providersWith('manual', 'replace') } },
			options: [SETUP_OPTIONS.manual, SETUP_OPTIONS.replace],
			default: 'manual',
			description,
		},
		{
			displayName: 'Webhook Setup',
			name: 'webhookSetup',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { provider: providersWith('manual') } },
			options: [SETUP_OPTIONS.manual],
			default: 'manual',
			description,
		},
	].filter((parameter) => (parameter.displayOptions.show.provider as string[]).length > 0) as INodeProperties[];
}

function notices(): INodeProperties[] {
	const out: INodeProperties[] = [];
	for (const { adapter, source } of sources) {
		out.push({
			displayName: `Set this trigger's Production URL (above, under Webhook URLs) on ${adapter.name}: ${source.manualSteps}`,
			name: 'manualNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { provider: [adapter.id], webhookSetup: ['manual'] } },
		});
		if (source.setups.includes('replace')) {
			out.push({
				displayName: `While this workflow is active, ${adapter.name}'s only webhook URL points here: everything else that receives ${adapter.name}'s webhooks (a message bot, another workflow) gets no events until it is deactivated, when the previous URL is put back.${source.sideEffect ? ` ${source.sideEffect}` : ''}`,
				name: 'replaceNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { provider: [adapter.id], webhookSetup: ['replace'] } },
			});
		} else if (source.sideEffect) {
			out.push({
				displayName: source.sideEffect,
				name: 'sideEffectNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { provider: [adapter.id] } },
			});
		}
	}
	return out;
}

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Connect Using',
		name: 'provider',
		type: 'options',
		noDataExpression: true,
		options: PROVIDERS.map((provider) => ({ name: provider.name, value: provider.id })),
		default: 'zApi',
		description: 'The WhatsApp gateway that sends the group events',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Member Joined', value: 'memberJoined', description: 'Someone joined a group (by the invite link, added by an admin, or approved)' },
			{ name: 'Member Left', value: 'memberLeft', description: 'Someone left a group or was removed' },
			{ name: 'Join Requested', value: 'joinRequested', description: 'Someone asked to join a group that needs an admin\'s approval' },
		],
		default: ['memberJoined'],
		required: true,
		description: 'The group events that start the workflow, one item per participant',
	},
	...setupParameters(),
	...notices(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Include Raw Payload',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description: 'Whether to add the gateway\'s payload as received, as `raw` (credential secrets redacted)',
			},
			{
				displayName: 'Only These Groups',
				name: 'groupIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 120363019502650977@g.us, 120363025246125888@g.us',
				description: 'Group IDs, separated by commas: events of other groups start nothing. Empty for all groups.',
			},
		],
	},
];
