/**
 * The node's resources and operations, and what running one item gives. Kept apart from the router
 * so that operation files and the router do not import each other.
 */
import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ItemOptions } from '../helpers/options';
import type { ProviderSession } from '../transport';

/**
 * The Operation values of node v1 and v1.1, stored in workflows, with their display names. v1 and
 * v1.1 have no Resource parameter: every operation acts on groups.
 */
export const OPERATIONS = {
	getInviteLink: 'Get Invite Link',
	resetInviteLink: 'Reset Invite Link',
	getManyGroups: 'Get Many Groups',
} as const;

export type Operation = keyof typeof OPERATIONS;

/**
 * The resources and their operations, as the router dispatches them (stored in workflows). Node v2
 * names Get Many `getAll` in both resources; v1.1's `getManyGroups` is the group resource's getAll.
 */
export interface NodeMap {
	group: Operation | 'getAll' | 'setJoinApproval';
	joinRequest: 'getAll' | 'approve' | 'reject';
}

export type Resource = keyof NodeMap;

/** Display names of node v2's resource/operation pairs (the node's subtitle; v1 and v1.1 use OPERATIONS). */
export const V2_OPERATIONS: Record<string, string> = {
	'group:getInviteLink': 'Get Invite Link',
	'group:resetInviteLink': 'Reset Invite Link',
	'group:getAll': 'Get Many Groups',
	'group:setJoinApproval': 'Set Join Approval',
	'joinRequest:getAll': 'Get Many Join Requests',
	'joinRequest:approve': 'Approve Join Request',
	'joinRequest:reject': 'Reject Join Request',
};

export type ItemOutcome =
	/** `more`: further output items for the same input item (Get Many Groups); `empty`: none at all. */
	| { ok: true; json: IDataObject; more?: IDataObject[]; empty?: boolean }
	| { ok: false; error: NodeApiError | NodeOperationError; json: IDataObject };

/** What an operation gets for one item. */
export interface ItemRun {
	readonly session: ProviderSession;
	readonly itemIndex: number;
	/** The run's per-item options (read once when they hold no expression). */
	readonly readOptions: (itemIndex: number) => ItemOptions;
}
