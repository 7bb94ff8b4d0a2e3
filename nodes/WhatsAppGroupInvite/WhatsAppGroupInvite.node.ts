import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { ItemOutcome, Operation } from './operations';
import { DEFAULT_TIMEOUT_MS, itemOptionsReader, OPERATIONS, runItem } from './operations';
import { searchGroups } from './methods/listSearch';
import { getProvider, PROVIDERS } from './providers';
import type { ProviderAdapter } from './providers/types';
import { checkBaseUrl, ProviderSession } from './transport';

export const MAX_CONCURRENCY = 20;

const providerNames = JSON.stringify(Object.fromEntries(PROVIDERS.map((p) => [p.id, p.name])));
const operationNames = JSON.stringify(OPERATIONS);

function readRunSettings(ctx: IExecuteFunctions, adapter: ProviderAdapter) {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = options.concurrency ?? 1;
	if (
		typeof concurrency !== 'number' ||
		!Number.isInteger(concurrency) ||
		concurrency < 1 ||
		concurrency > MAX_CONCURRENCY
	) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The option Requests in Parallel must be a whole number from 1 to ${MAX_CONCURRENCY}, but it is ${JSON.stringify(concurrency)}`,
			{ description: 'Use 1 to send one request at a time, or up to 10 for large batches.' },
		);
	}
	const perMinute = options.maxRequestsPerMinute ?? 0;
	if (typeof perMinute !== 'number' || !Number.isFinite(perMinute) || perMinute < 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The option Max Requests per Minute must be 0 or a positive number, but it is ${JSON.stringify(perMinute)}`,
			{ description: "Use 0 for the provider's documented limit, or e.g. 60." },
		);
	}
	return {
		concurrency,
		requestsPerMinute: Math.floor(perMinute) || (adapter.requestsPerMinute ?? 0),
	};
}

export class WhatsAppGroupInvite implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Group Invite',
		name: 'whatsAppGroupInvite',
		icon: { light: 'file:../../icons/whatsappGroupInvite.svg', dark: 'file:../../icons/whatsappGroupInvite.dark.svg' },
		group: ['transform'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: `={{ (${operationNames})[$parameter["operation"]] + ": " + (${providerNames})[$parameter["provider"]] }}`,
		description: 'Get or reset WhatsApp group invite links, and list your groups, through your WhatsApp gateway',
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
		properties: [
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
				displayOptions: { show: { '@version': [1] } },
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
				displayOptions: { show: { '@version': [1] } },
			},
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
						description:
							'Revoke the current invite link and return the new one. The old link stops working at once.',
					},
				],
				default: 'getInviteLink',
			},
			{
				displayName: 'Group',
				name: 'groupId',
				type: 'resourceLocator',
				required: true,
				default: { mode: 'list', value: '' },
				hint: 'The connected WhatsApp number must be an admin of the group',
				displayOptions: {
					show: { '@version': [{ _cnd: { gte: 1.1 } }], operation: ['getInviteLink', 'resetInviteLink'] },
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
									// Meta Cloud API group IDs (40 to 256 letters and digits, groupId.ts).
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
			},
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }], operation: ['getManyGroups'] } },
				description: 'Whether to return all results or only up to a given limit',
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				displayOptions: {
					show: { '@version': [{ _cnd: { gte: 1.1 } }], operation: ['getManyGroups'], returnAll: [false] },
				},
				description: 'Max number of results to return',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }], operation: ['getManyGroups'] } },
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
			{
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
						displayOptions: { show: { '/operation': ['getManyGroups'] } },
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
			},
		],
	};

	methods = {
		listSearch: {
			searchGroups,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const providerId = this.getNodeParameter('provider', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as Operation;
		const continueOnFail = this.continueOnFail();
		// n8n routes an item to the error output only when its json is `error` and `message` alone (n8n
		// 2.36+ also accepts `details`; 1.x does not), and then merges the input item's fields in. So the
		// error output gets the message and, as `message`, the description: how to fix it, and for a
		// reset that may have happened, the group's current link.
		const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
		const errorItemJson = (outcome: Extract<ItemOutcome, { ok: false }>): IDataObject =>
			toErrorOutput
				? { error: outcome.error.message, message: outcome.error.description ?? outcome.error.message }
				: outcome.json;

		// Everything that is the same for all items is read and checked once.
		let session: ProviderSession | undefined;
		let setupError: NodeOperationError | NodeApiError | undefined;
		let concurrency = 1;
		const readOptions = itemOptionsReader(this, operation);
		try {
			const adapter = getProvider(providerId);
			if (!adapter) {
				throw new NodeOperationError(this.getNode(), `Unknown provider ${JSON.stringify(providerId)}`, {
					description: `Choose one of: ${PROVIDERS.map((p) => p.name).join(', ')}.`,
				});
			}
			if (!(operation in OPERATIONS)) {
				throw new NodeOperationError(this.getNode(), `Unknown operation ${JSON.stringify(operation)}`, {
					description: 'Choose Get Invite Link, Reset Invite Link or Get Many Groups.',
				});
			}
			const settings = readRunSettings(this, adapter);
			concurrency = settings.concurrency;
			const credentials = await this.getCredentials(adapter.credentialType);
			const baseUrl = checkBaseUrl(this, adapter, credentials);
			session = new ProviderSession(this, adapter, credentials, baseUrl, settings);
		} catch (error) {
			setupError =
				error instanceof NodeOperationError || error instanceof NodeApiError
					? error
					: new NodeOperationError(this.getNode(), error as Error);
		}

		// Per input item, its output items (one, or for Get Many Groups one per group).
		const results: INodeExecutionData[][] = new Array(items.length);
		// Without Continue On Fail the run stops at the first failing item (in input order).
		const failure: { first?: { index: number; error: NodeApiError | NodeOperationError } } = {};
		const recordFailure = (index: number, error: NodeApiError | NodeOperationError): void => {
			if (failure.first === undefined || index < failure.first.index) failure.first = { index, error };
		};
		let next = 0;
		const worker = async (): Promise<void> => {
			while (next < items.length && failure.first === undefined) {
				const itemIndex = next++;
				const outcome: ItemOutcome =
					session === undefined
						? {
								ok: false,
								error: setupError as NodeOperationError,
								json: { error: setupError?.message, provider: providerId, operation, groupId: null },
							}
						: await runItem(this, session, operation, itemIndex, readOptions);
				if (outcome.ok) {
					results[itemIndex] = outcome.empty
						? []
						: [outcome.json, ...(outcome.more ?? [])].map((json) => ({ json, pairedItem: { item: itemIndex } }));
				} else if (continueOnFail) {
					results[itemIndex] = [{ json: errorItemJson(outcome), pairedItem: { item: itemIndex } }];
				} else {
					recordFailure(itemIndex, outcome.error);
				}
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));

		if (failure.first !== undefined) {
			const { error, index } = failure.first;
			if (error.context.itemIndex === undefined) error.context.itemIndex = index;
			throw error;
		}
		return [results.flat()];
	}
}
