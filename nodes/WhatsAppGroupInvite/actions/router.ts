/**
 * The router: runs every input item through its operation and gathers the output, as n8n's own
 * versioned nodes do (Airtable v2, Microsoft Teams v2 `actions/router.ts`).
 * - The operation is found first, by resource and operation, in an exhaustive switch whose default
 *   throws: an operation it does not know fails before any request (never as another operation).
 * - What is the same for every item (provider, credentials, Base URL, run options) is read once.
 * - Items run up to Requests in Parallel at a time; the output keeps the input order, with paired
 *   items. With Continue On Fail, each failing item gives one error item (on the regular output, or
 *   on the error output); without it, the run stops at the first failing item in input order.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { itemOptionsReader, readRunSettings } from '../helpers/options';
import { errorFields } from '../helpers/outputItems';
import { getProvider, PROVIDERS } from '../providers';
import { checkBaseUrl, ProviderSession } from '../transport';
import { hasResource, supports, unsupported, unsupportedResource } from '../helpers/capabilities';
import type { ProviderAdapter } from '../providers/types';
import * as group from './group/Group.resource';
import * as joinRequest from './joinRequest/JoinRequest.resource';
import type { ItemOutcome, ItemRun, NodeMap, Resource } from './node.type';

type OperationExecute = (this: IExecuteFunctions, run: ItemRun) => Promise<ItemOutcome>;

/** The operation to run, or an error before anything is sent. */
export function operationFor(ctx: IExecuteFunctions, resource: Resource, operation: string): OperationExecute {
	switch (resource) {
		case 'group':
			switch (operation as NodeMap['group']) {
				case 'getInviteLink':
					return group.getInviteLink.execute;
				case 'resetInviteLink':
					return group.resetInviteLink.execute;
				// v1.1's Get Many Groups is v2's group Get Many.
				case 'getManyGroups':
				case 'getAll':
					return group.getAll.execute;
				case 'setJoinApproval':
					return group.setJoinApproval.execute;
				default:
					throw new NodeOperationError(ctx.getNode(), `Unknown operation ${JSON.stringify(operation)}`, {
						description: 'Choose Get Invite Link, Reset Invite Link or Get Many Groups.',
					});
			}
		case 'joinRequest':
			switch (operation as NodeMap['joinRequest']) {
				case 'getAll':
					return joinRequest.getAll.execute;
				case 'approve':
					return joinRequest.approve.execute;
				case 'reject':
					return joinRequest.reject.execute;
				default:
					throw new NodeOperationError(ctx.getNode(), `Unknown operation ${JSON.stringify(operation)}`, {
						description: 'Choose Get Many, Approve or Reject.',
					});
			}
		default:
			throw new NodeOperationError(ctx.getNode(), `Unknown resource ${JSON.stringify(resource)}`, {
				description: 'Choose Group or Join Request.',
			});
	}
}

/** The operation to run for this provider: as operationFor, and refused when the provider lacks it. */
function operationOf(ctx: IExecuteFunctions, adapter: ProviderAdapter, resource: Resource, operation: string): OperationExecute {
	if (!hasResource(adapter, resource)) throw unsupportedResource(ctx.getNode(), adapter, resource);
	const execute = operationFor(ctx, resource, operation);
	if (!supports(adapter, resource, operation)) throw unsupported(ctx.getNode(), adapter, resource, operation);
	return execute;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const providerId = this.getNodeParameter('provider', 0) as string;
	const version = this.getNode().typeVersion;
	// Node v1 and v1.1 have no Resource parameter: every operation acts on groups.
	const resource = (version >= 2 ? this.getNodeParameter('resource', 0, 'group') : 'group') as Resource;
	// n8n drops an Operation the editor does not offer for this provider: operationOf says why.
	const operation = this.getNodeParameter('operation', 0, '') as string;
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
	let execute: OperationExecute | undefined;
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
		execute = operationOf(this, adapter, resource, operation);
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
	const failure: { first?: { index: number; error: NodeApiError | NodeOperationError } } = {};
	const recordFailure = (index: number, error: NodeApiError | NodeOperationError): void => {
		if (failure.first === undefined || index < failure.first.index) failure.first = { index, error };
	};
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length && failure.first === undefined) {
			const itemIndex = next++;
			const outcome: ItemOutcome =
				session === undefined || execute === undefined
					? {
							ok: false,
							error: setupError as NodeOperationError,
							json: { ...errorFields(setupError as NodeOperationError), provider: providerId, operation, groupId: null },
						}
					: await execute.call(this, { session, itemIndex, readOptions });
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
