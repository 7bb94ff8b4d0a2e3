/**
 * Get Invite Link: the group's current invite link. A read: retried after a transient failure.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { onOneGroup } from '../../helpers/groupParameter';
import { inviteFields } from '../../helpers/outputItems';
import type { ItemOutcome, ItemRun } from '../node.type';

/** Its own parameters: none beyond the Group and the Options (common.descriptions.ts). */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, run: ItemRun): Promise<ItemOutcome> {
	return await onOneGroup(this, run, 'getInviteLink', async (target) => {
		const result = await target.adapter.getInviteLink(target.client, target.group);
		return {
			ok: true,
			json: {
				...target.base,
				groupId: result.groupJid ?? target.base.groupId,
				...inviteFields(result),
				...(target.raw ? { raw: target.raw } : {}),
			},
		};
	});
}
