/**
 * The per-item options of a run: read once when the Options collection holds no expression (n8n
 * resolves a parameter on every call), per item when it does.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { itemOptionsReader } from '../../nodes/WhatsAppGroupInvite/helpers/options';

function fakeContext(options: Record<string, unknown>, perItem?: (itemIndex: number) => Record<string, unknown>) {
	const calls: number[] = [];
	const ctx = {
		getNode: () => ({ name: 'WhatsApp Group Invite', parameters: { options } }),
		getNodeParameter: (name: string, itemIndex: number) => {
			if (name !== 'options') throw new Error(`unexpected parameter ${name}`);
			calls.push(itemIndex);
			return perItem ? perItem(itemIndex) : options;
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

describe('itemOptionsReader', () => {
	it('reads fixed options once for the whole run', () => {
		const { ctx, calls } = fakeContext({ timeout: 5000, includeRawResponse: true });
		const read = itemOptionsReader(ctx, 'getInviteLink');
		const all = [0, 1, 2].map((i) => read(i));
		expect(calls).toEqual([0]);
		expect(all.every((o) => o === all[0])).toBe(true);
		expect(all[0]).toEqual({ includePreviousLink: false, includeRawResponse: true, timeout: 5000 });
	});

	it('reads options with an expression for every item', () => {
		const { ctx, calls } = fakeContext({ timeout: '={{ $json.timeout }}' }, (i) => ({ timeout: 1000 * (i + 1) }));
		const read = itemOptionsReader(ctx, 'resetInviteLink');
		expect([0, 1, 2].map((i) => read(i).timeout)).toEqual([1000, 2000, 3000]);
		expect(calls).toEqual([0, 1, 2]);
	});

	it('does not keep a failure: each item reports it with its own index', () => {
		const { ctx, calls } = fakeContext({ timeout: 0 });
		const read = itemOptionsReader(ctx, 'getInviteLink');
		for (const i of [0, 1]) expect(() => read(i)).toThrow(/Timeout must be a positive number/);
		expect(calls).toEqual([0, 1]);
	});
});
