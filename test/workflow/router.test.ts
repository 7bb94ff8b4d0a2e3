/**
 * The router (actions/router.ts): an operation it does not know fails before any request, for every
 * provider, and names the operation; every operation the editor offers is dispatched to its own file.
 * Before the router, runItem treated any operation that was not Get (or Get Many Groups) as a Reset.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { operationFor } from '../../nodes/WhatsAppGroupInvite/actions/router';
import * as group from '../../nodes/WhatsAppGroupInvite/actions/group/Group.resource';
import { OPERATIONS } from '../../nodes/WhatsAppGroupInvite/actions/node.type';
import { properties } from '../../nodes/WhatsAppGroupInvite/actions/versionDescription';
import { GROUP, groupIdOf, PROVIDERS, run11, useSimulator } from '../support/scenario';
import { runNode } from '../support/harness';
import { NODE } from '../support/fakeProviderClient';

const simulator = useSimulator();

const ctx = { getNode: () => NODE } as unknown as IExecuteFunctions;

describe('operationFor: the dispatch', () => {
	it('sends each operation to its own file', () => {
		expect(operationFor(ctx, 'group', 'getInviteLink')).toBe(group.getInviteLink.execute);
		expect(operationFor(ctx, 'group', 'resetInviteLink')).toBe(group.resetInviteLink.execute);
		expect(operationFor(ctx, 'group', 'getManyGroups')).toBe(group.getAll.execute);
	});

	it('dispatches every Operation value the editor offers (v1, v1.1 and each v2 resource), and only Reset to the reset', () => {
		const offered = properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => {
				// v1 and v1.1 have no Resource: their operations act on groups.
				const resources = (p.displayOptions?.show?.resource as string[] | undefined) ?? ['group'];
				return resources.flatMap((resource) => (p.options ?? []).map((o) => [resource, (o as { value: string }).value] as const));
			});
		expect(new Set(offered.filter(([r]) => r === 'group').map(([, v]) => v))).toEqual(
			new Set([...Object.keys(OPERATIONS), 'getAll', 'setJoinApproval']),
		);
		for (const [resource, value] of offered) {
			const execute = operationFor(ctx, resource as 'group', value);
			expect(execute === group.resetInviteLink.execute).toBe(resource === 'group' && value === 'resetInviteLink');
		}
	});

	it('refuses an operation or a resource it does not know', () => {
		for (const unknown of ['approveJoinRequests', 'reset', '', 'toString', '__proto__']) {
			expect(() => operationFor(ctx, 'group', unknown)).toThrow(`Unknown operation ${JSON.stringify(unknown)}`);
		}
		expect(() => operationFor(ctx, 'joinRequest', 'getInviteLink')).toThrow('Unknown operation "getInviteLink"');
		expect(() => operationFor(ctx, 'contact' as 'group', 'getInviteLink')).toThrow('Unknown resource "contact"');
	});
});

describe('an unknown operation in a real workflow', () => {
	it.each(PROVIDERS.map((p) => [p.provider]))('%s: fails before any request, naming the operation', async (provider) => {
		const sim = simulator();
		const entry = PROVIDERS.find((p) => p.provider === provider)!;
		for (const typeVersion of [1, 1.1]) {
			const result = await runNode({
				typeVersion,
				parameters: {
					provider,
					operation: 'approveJoinRequests',
					groupId: typeVersion === 1 ? groupIdOf(provider, GROUP) : { mode: 'id', value: groupIdOf(provider, GROUP) },
					options: {},
				},
				credentials: { [entry.credentialType]: sim.credentials()[entry.credentialType] },
				items: [{ n: 1 }, { n: 2 }],
			});
			expect(result.status).toBe('error');
			expect(result.error.message).toBe('Unknown operation "approveJoinRequests"');
		}
		// With Continue On Fail: one error item per input item, still nothing sent.
		const result = await run11(
			sim,
			provider,
			{ operation: 'approveJoinRequests', groupId: { mode: 'id', value: groupIdOf(provider, GROUP) } },
			{ items: [{ n: 1 }, { n: 2 }, { n: 3 }], onError: 'continueRegularOutput' },
		);
		expect(result.output.map((i: { json: { error: string }; pairedItem: unknown }) => [i.json.error, i.pairedItem])).toEqual([
			['Unknown operation "approveJoinRequests"', { item: 0 }],
			['Unknown operation "approveJoinRequests"', { item: 1 }],
			['Unknown operation "approveJoinRequests"', { item: 2 }],
		]);
		expect(sim.requests).toHaveLength(0);
	});
});
