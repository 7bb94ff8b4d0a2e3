/**
 * Get Invite Link: the group's current invite link. A read: retried after a transient failure.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inviteItem, onOneGroup } from '../../helpers/groupParameter';
import type { ItemOutcome, ItemRun } from '../node.type';

/** Its own parameters: none beyond the Group and the Options (common.descriptions.ts). */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, run: ItemRun): Promise<ItemOutcome> {
	return await onOneGroup(this, run, { operation: 'getInviteLink' }, async (target) =>
		inviteItem(target, await target.adapter.getInviteLink(target.client, target.group)),
	);
}
