/**
 * Which provider can do which operation: the adapter method each operation needs. The editor offers
 * each provider only what it supports (actions/versionDescription.ts), and the router refuses the rest
 * before any request, naming the provider and what it lacks.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PROVIDERS } from '../providers';
import type { ProviderAdapter } from '../providers/types';

type Need = 'listJoinRequests' | 'approveJoinRequest' | 'rejectJoinRequest' | 'setJoinApproval';

/** Node v2's operations that not every provider has, with the adapter method each needs and what it is. */
const NEEDS: Record<string, { method: Need; what: string }> = {
	'group:setJoinApproval': { method: 'setJoinApproval', what: 'turn admin approval of new members on or off' },
	'joinRequest:getAll': { method: 'listJoinRequests', what: 'list pending join requests' },
	'joinRequest:approve': { method: 'approveJoinRequest', what: 'approve join requests' },
	'joinRequest:reject': { method: 'rejectJoinRequest', what: 'reject join requests' },
};

/** Whether the provider can run the operation. */
export function supports(adapter: ProviderAdapter, resource: string, operation: string): boolean {
	const need = NEEDS[`${resource}:${operation}`];
	return need === undefined || typeof adapter[need.method] === 'function';
}

/** The providers (ids) that can run the operation. */
export function providersFor(resource: string, operation: string): string[] {
	return PROVIDERS.filter((p) => supports(p, resource, operation)).map((p) => p.id);
}

/** Whether the provider has any operation of the resource (a resource without one is not offered). */
export function hasResource(adapter: ProviderAdapter, resource: string): boolean {
	if (resource !== 'joinRequest') return true;
	return ['getAll', 'approve', 'reject'].some((operation) => supports(adapter, resource, operation));
}

/**
 * The error for a resource the provider has no operation of (n8n then drops the Operation, which the
 * editor does not offer for it), before any request.
 */
export function unsupportedResource(node: INode, adapter: ProviderAdapter, resource: string): NodeOperationError {
	const able = PROVIDERS.filter((p) => hasResource(p, resource)).map((p) => p.name);
	return new NodeOperationError(node, `${adapter.name} cannot list, approve or reject join requests over its API, so Join Request is not available with it`, {
		description: able.length ? `Providers that can: ${able.join(', ')}.` : 'No provider supports it yet.',
	});
}

/** The error for an operation the provider lacks, before any request. */
export function unsupported(node: INode, adapter: ProviderAdapter, resource: string, operation: string): NodeOperationError {
	const need = NEEDS[`${resource}:${operation}`];
	const able = PROVIDERS.filter((p) => supports(p, resource, operation)).map((p) => p.name);
	return new NodeOperationError(node, `${adapter.name} cannot ${need?.what ?? operation} over its API, so this operation is not available with it`, {
		description: able.length ? `Providers that can: ${able.join(', ')}.` : 'No provider supports it yet.',
	});
}
