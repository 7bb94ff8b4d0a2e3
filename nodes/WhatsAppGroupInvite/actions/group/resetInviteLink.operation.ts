/**
 * Reset Invite Link: revokes the current link and returns the new one. A write: sent again only when
 * it surely did not arrive (the transport's rule for `idempotent: false`). A reset that may have
 * happened (timeout, dropped connection, 5xx) is reported as such, with the link read afterwards.
 */
import type { IExecuteFunctions, INodeProperties, JsonObject, NodeApiError } from 'n8n-workflow';

import type { GroupTarget } from '../../helpers/groupParameter';
import { inviteItem, onOneGroup } from '../../helpers/groupParameter';
import type { InviteResult } from '../../providers/types';
import { keepTraceId, traceIdOf, withTraceId } from '../../transport';
import type { ItemOutcome, ItemRun } from '../node.type';

/** Its own parameters: none beyond the Group and the Options (Include Previous Link, common.descriptions.ts). */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, run: ItemRun): Promise<ItemOutcome> {
	return await onOneGroup(
		this,
		run,
		{ operation: 'resetInviteLink' },
		async (target) => {
			const previous = target.options.includePreviousLink
				? await target.adapter.getInviteLink(target.client, target.group)
				: undefined;
			return inviteItem(target, await target.adapter.resetInviteLink(target.client, target.group), previous);
		},
		reportAmbiguousReset,
	);
}

/**
 * A reset that timed out, lost its connection or met a 5xx may have changed the link anyway. Read the
 * group's current link, so the workflow learns the link that works now, and say so in the error.
 */
async function reportAmbiguousReset(target: GroupTarget, error: NodeApiError): Promise<ItemOutcome> {
	const { session, itemIndex, options } = target;
	let current: InviteResult | undefined;
	try {
		current = await target.adapter.getInviteLink(
			session.client(itemIndex, { timeout: options.timeout, budget: options.timeout * 2 }),
			target.group,
		);
	} catch {
		current = undefined;
	}
	const message = `The reset may not have completed: ${error.message}`;
	const description = withTraceId(
		target.adapter,
		current
			? `The group's current invite link is ${current.inviteLink} (read after the failed reset; it is in currentInviteLink when Continue On Fail is on). Check it before sharing, or run the reset again.`
			: 'Reading the current link afterwards failed too. Check the group in WhatsApp before sharing any link, then run the reset again.',
		traceIdOf(error),
	);
	const httpCode = error.httpCode ? Number(error.httpCode) : undefined;
	const details: JsonObject = current ? { currentInviteLink: current.inviteLink } : {};
	const reported = session.error(itemIndex, message, description, httpCode, details);
	keepTraceId(error, reported);
	return target.fail(
		reported,
		current ? { currentInviteCode: current.inviteCode, currentInviteLink: current.inviteLink } : {},
	);
}
