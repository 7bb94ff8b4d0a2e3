/**
 * Reject Join Request (node v2): one requester per item (actions/joinRequest/settle.ts).
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemOutcome, ItemRun } from '../node.type';
import { settle } from './settle';

/** Its own parameters: Requester, shared with the other of Approve and Reject (JoinRequest.resource.ts). */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, run: ItemRun): Promise<ItemOutcome> {
	return await settle(this, run, 'reject');
}
