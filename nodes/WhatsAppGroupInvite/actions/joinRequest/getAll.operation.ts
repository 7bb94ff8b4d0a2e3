/**
 * Get Many Join Requests (node v2): the group's pending join requests, one item each, with who asked,
 * how and when. A read: retried after a transient failure.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { onOneGroup } from '../../helpers/groupParameter';
import { readLimit } from '../../helpers/options';
import type { JoinRequest } from '../../providers/types';
import type { ItemOutcome, ItemRun } from '../node.type';

/** Its own parameters: Return All and Limit are shared with Get Many Groups (group/getAll.operation.ts). */
export const description: INodeProperties[] = [];

/** One pending request as an output item: only what the vendor reported. */
export function joinRequestItem(base: IDataObject, request: JoinRequest): IDataObject {
	return {
		provider: base.provider,
		resource: 'joinRequest',
		operation: 'getAll',
		groupId: base.groupId,
		requester: request.requester.jid,
		...(request.requester.phone !== undefined ? { phone: request.requester.phone } : {}),
		...(request.requestMethod !== undefined ? { requestMethod: request.requestMethod } : {}),
		...(request.requestedAt !== undefined ? { requestedAt: request.requestedAt } : {}),
	};
}

export async function execute(this: IExecuteFunctions, run: ItemRun): Promise<ItemOutcome> {
	return await onOneGroup(this, run, { resource: 'joinRequest', operation: 'getAll' }, async (target) => {
		const limit = readLimit(this, run.itemIndex, target.parameter);
		const requests = (await target.adapter.listJoinRequests!(target.client, target.group)).slice(0, limit);
		const items = requests.map((request) => ({
			...joinRequestItem(target.base, request),
			...(target.raw ? { raw: target.raw } : {}),
		}));
		if (items.length === 0) return { ok: true, json: target.base, empty: true };
		const [first, ...more] = items;
		return { ok: true, json: first, more };
	});
}
