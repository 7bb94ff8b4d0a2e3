/**
 * Approve and Reject (node v2), written once: one requester per item, in any form Get Many Join
 * Requests outputs or a phone number. A write: sent again only when it surely did not arrive. One that
 * may have happened (timeout, dropped connection, 5xx) is reported as such, and where the provider can
 * list requests, the pending list is read once to say which it is.
 */
import type { IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import type { GroupTarget } from '../../helpers/groupParameter';
import { onOneGroup } from '../../helpers/groupParameter';
import type { Requester } from '../../whatsapp/requester';
import { parseRequester, sameRequester } from '../../whatsapp/requester';
import type { ItemOutcome, ItemRun } from '../node.type';

type Action = 'approve' | 'reject';

const DONE: Record<Action, { status: string; verb: string; noun: string }> = {
	approve: { status: 'approved', verb: 'approve', noun: 'approval' },
	reject: { status: 'rejected', verb: 'reject', noun: 'rejection' },
};

export async function settle(ctx: IExecuteFunctions, run: ItemRun, action: Action): Promise<ItemOutcome> {
	let requester: Requester | undefined;
	return await onOneGroup(
		ctx,
		run,
		{ resource: 'joinRequest', operation: action },
		async (target) => {
			// A requester that is not one fails before any request (RequesterError, read by onOneGroup).
			requester = parseRequester(target.parameter('requester', ''));
			const call = action === 'approve' ? target.adapter.approveJoinRequest : target.adapter.rejectJoinRequest;
			await call!.call(target.adapter, target.client, target.group, requester);
			return {
				ok: true,
				json: {
					provider: target.adapter.id,
					resource: 'joinRequest',
					operation: action,
					groupId: target.base.groupId,
					requester: requester.jid,
					status: DONE[action].status,
					...(target.raw ? { raw: target.raw } : {}),
				},
			};
		},
		async (target, error) => await reportAmbiguous(target, error, action, requester),
	);
}

/**
 * An approve or reject that may have happened: read the pending list once (where the provider can) and
 * say which it is. The item stays an error either way: the workflow must not take it for done.
 */
async function reportAmbiguous(target: GroupTarget, error: NodeApiError, action: Action, requester: Requester | undefined): Promise<ItemOutcome> {
	const { session, itemIndex, options, adapter } = target;
	const { noun, verb } = DONE[action];
	let description = `It may have gone through anyway. Check the group's pending requests in WhatsApp before you ${verb} it again.`;
	let extra = {};
	if (adapter.listJoinRequests && requester) {
		try {
			const pending = await adapter.listJoinRequests(session.client(itemIndex, { timeout: options.timeout, budget: options.timeout * 2 }), target.group);
			const still = pending.some((request) => sameRequester(request.requester, requester!));
			extra = { stillPending: still };
			description = still
				? `Read afterwards: the request from ${requester.phone ?? requester.jid} is still pending, so the ${noun} did not go through. Run it again.`
				: `Read afterwards: the request from ${requester.phone ?? requester.jid} is no longer pending, so the ${noun} most likely went through (unless another admin handled it meanwhile). Do not run it again.`;
		} catch {
			description = `Reading the pending requests afterwards failed too. Check the group's pending requests in WhatsApp before you ${verb} it again.`;
		}
	}
	return target.fail(
		session.error(itemIndex, `The ${noun} may not have completed: ${error.message}`, description, error.httpCode ? Number(error.httpCode) : undefined),
		{ ...(requester ? { requester: requester.jid } : {}), ...extra },
	);
}
