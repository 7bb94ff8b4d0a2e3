/**
 * Set Join Approval (node v2): turns "approve new participants" on or off for the group, so that its
 * invite link lets people in only after an admin approves them. A write: sent again only when it surely
 * did not arrive; one that may have happened is reported as such.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { onOneGroup } from '../../helpers/groupParameter';
import { describeValue } from '../../helpers/options';
import type { ItemOutcome, ItemRun } from '../node.type';

export const description: INodeProperties[] = [
	{
		displayName: 'Require Admin Approval',
		name: 'required',
		type: 'boolean',
		default: true,
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }], resource: ['group'], operation: ['setJoinApproval'] } },
		description:
			'Whether people who open the invite link must wait for an admin to approve them (on), or join at once (off)',
	},
];

export async function execute(this: IExecuteFunctions, run: ItemRun): Promise<ItemOutcome> {
	return await onOneGroup(
		this,
		run,
		{ resource: 'group', operation: 'setJoinApproval' },
		async (target) => {
			const required = target.parameter('required', true);
			if (typeof required !== 'boolean') {
				throw new NodeOperationError(this.getNode(), `Require Admin Approval must be true or false, but it is ${describeValue(required)}`, {
					itemIndex: run.itemIndex,
					description: 'Turn it on or off, or make its expression return a boolean.',
				});
			}
			await target.adapter.setJoinApproval!(target.client, target.group, required);
			return {
				ok: true,
				json: {
					provider: target.adapter.id,
					groupId: target.base.groupId,
					joinApprovalRequired: required,
					...(target.raw ? { raw: target.raw } : {}),
				},
			};
		},
		async (target, error) =>
			target.fail(
				target.session.error(
					run.itemIndex,
					`The approval setting may not have changed: ${error.message}`,
					`${target.adapter.name} may have applied it anyway. Check the group's setting in WhatsApp (Group settings → Approve new participants), or run this again: setting it twice is harmless.`,
					error.httpCode ? Number(error.httpCode) : undefined,
				),
			),
	);
}
