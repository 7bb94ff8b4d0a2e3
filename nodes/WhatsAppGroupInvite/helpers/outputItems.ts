/**
 * The normalized items: what an operation outputs, and what an error item carries on the regular
 * output (Continue On Fail) and on the error output.
 */
import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { GroupSummary, InviteResult } from '../providers/types';
import { traceIdOf } from '../transport';

/** An invite-link item's fields: the link and code, and for a reset the previous ones when asked for. */
export function inviteFields(result: InviteResult, previous?: InviteResult): IDataObject {
	return {
		inviteCode: result.inviteCode,
		inviteLink: result.inviteLink,
		...(previous ? { previousInviteCode: previous.inviteCode, previousInviteLink: previous.inviteLink } : {}),
	};
}

/** The output item of one listed group: only what the vendor reported. */
export function groupItem(adapterId: string, group: GroupSummary): IDataObject {
	const json: IDataObject = { provider: adapterId, operation: 'getManyGroups', groupId: group.groupId };
	if (group.name !== undefined) json.name = group.name;
	if (group.participantCount !== undefined) json.participantCount = group.participantCount;
	if (group.isAdmin !== undefined) json.isAdmin = group.isAdmin;
	if (group.inviteCode !== undefined && group.inviteLink !== undefined) {
		json.inviteCode = group.inviteCode;
		json.inviteLink = group.inviteLink;
	}
	return json;
}

/**
 * The start of an error item on the regular output (Continue On Fail): the message, the description
 * (how to fix it) and the vendor's trace id, when there is one. (The error output gets the description
 * as `message`, with the trace id said in it: actions/router.ts.)
 */
export function errorFields(error: NodeApiError | NodeOperationError): IDataObject {
	const trace = traceIdOf(error);
	return {
		error: error.message,
		...(error.description ? { description: error.description } : {}),
		...(trace ? { traceId: trace.value } : {}),
	};
}
