/**
 * What a new user ran into (issue 19, part 4), through n8n-core against the simulator:
 * 1. an error item on the regular output carries the description (how to fix it), and Meta's
 *    fbtrace_id reaches both outputs;
 * 2. Get Many Groups lists the groups when the connected number can't be read (isAdmin left out, with
 *    a note), and Admin Only then fails saying why;
 * 3. participant counts: Whapi.Cloud's `size` or `participants_count`, else the participants' number.
 */
import { PROVIDERS, groupIdOf, run11 as run, useSimulator } from '../support/scenario';
import type { ProviderId } from '../support/scenario';
import type { VendorSimulator } from '../support/simulator';
import { getProvider } from '../../nodes/WhatsAppGroupInvite/providers';

const simulator = useSimulator();
let sim: VendorSimulator;
beforeAll(() => {
	sim = simulator();
	for (let i = 0; i < 5; i++) sim.addGroup(`12036301950265${1000 + i}`, { name: `Team ${i}`, size: 5 + i });
});
beforeEach(() => {
	sim.variants.evolutionFetchInstances = 'ok';
	sim.variants.whapiSizeField = '1.8.7';
});

/** Node v1.1 on this file's simulator. */
const run11 = (...args: Parameters<typeof run> extends [unknown, ...infer Rest] ? Rest : never) => run(sim, ...args);

type Item = { json: Record<string, unknown>; pairedItem: unknown };

describe('1. the error item says how to fix it, on the regular output too', () => {
	it.each(PROVIDERS.map((p) => [p.provider]))('%s: a bad Group ID and an unknown name carry the description', async (provider) => {
		const result = await run11(
			provider as ProviderId,
			{ operation: 'getInviteLink', groupId: { mode: 'id', value: '={{ $json.g }}' } },
			{ onError: 'continueRegularOutput', items: [{ g: '5511999999999' }] },
		);
		const json = (result.output as Item[])[0].json;
		expect(json.error).toBe('The Group ID "5511999999999" looks like a phone number, not a group');
		expect(json.description).toEqual(expect.any(String));
		expect(String(json.description).length).toBeGreaterThan(20);
		if (getProvider(provider)?.listGroups) {
			const byName = await run11(
				provider as ProviderId,
				{ operation: 'getInviteLink', groupId: { mode: 'name', value: 'Teem 3' } },
				{ onError: 'continueRegularOutput' },
			);
			const item = (byName.output as Item[])[0].json;
			expect(item.error).toMatch(/^No group named "Teem 3" among the \d+ groups/);
			expect(item.description).toMatch(/^The closest names are: "Team 3"/);
		}
	});

	it('Meta: fbtrace_id is on the regular output (traceId, and in the description) and in the error output message', async () => {
		const unknown = { mode: 'id', value: groupIdOf('metaCloudApi', '120363000000000001') };
		const regular = await run11('metaCloudApi', { operation: 'resetInviteLink', groupId: unknown }, { onError: 'continueRegularOutput' });
		const json = (regular.output as Item[])[0].json;
		expect(json.traceId).toEqual(expect.stringMatching(/^A[A-Za-z0-9]{12}$/));
		expect(json.description).toContain(`Meta WhatsApp Cloud API support asks for the fbtrace_id of a failed request: ${json.traceId}.`);
		expect(json.description).toMatch(/does not exist/);

		const errorOutput = await run11('metaCloudApi', { operation: 'resetInviteLink', groupId: unknown }, { onError: 'continueErrorOutput' });
		const error = (errorOutput.errorOutput as Item[])[0].json;
		// n8n 1.x routes only {error, message} to the error output: the trace id is in the message text.
		expect(Object.keys(error).sort()).toEqual(['error', 'message']);
		expect(error.message).toMatch(/fbtrace_id of a failed request: A[A-Za-z0-9]{12}\.$/);
	});

	it('without Continue On Fail, the stopped run shows the trace id in the description', async () => {
		const result = await run11('metaCloudApi', { operation: 'getInviteLink', groupId: { mode: 'id', value: groupIdOf('metaCloudApi', '120363000000000001') } });
		expect(result.status).toBe('error');
		expect(result.error.description).toMatch(/fbtrace_id of a failed request: A[A-Za-z0-9]{12}\.$/);
	});
});

describe('2. Get Many Groups when the connected number cannot be read', () => {
	it('Evolution API answering 404 to /instance/fetchInstances: the groups are listed without isAdmin, with a note', async () => {
		sim.variants.evolutionFetchInstances = 'missing';
		const result = await run11('evolutionApi', { operation: 'getManyGroups', returnAll: true });
		expect(result.status).toBe('success');
		const items = (result.output as Item[]).map((i) => i.json);
		expect(items.length).toBe(sim.groups.size);
		for (const item of items) {
			expect(item.isAdmin).toBeUndefined();
			expect(item.note).toMatch(/^isAdmin is left out: Evolution API did not say which WhatsApp number is connected \(Evolution API refused to read which WhatsApp number is connected \(HTTP 404 Not Found\)/);
			expect(item.participantCount).toEqual(expect.any(Number));
		}
		// Read once per execution, not once per page or item.
		expect(sim.count('evolutionApi', 'status')).toBe(1);
	});

	it('Evolution API, the same with Admin Only: fails and says why', async () => {
		sim.variants.evolutionFetchInstances = 'missing';
		const result = await run11(
			'evolutionApi',
			{ operation: 'getManyGroups', returnAll: true, filters: { adminOnly: true } },
			{ onError: 'continueRegularOutput' },
		);
		const json = (result.output as Item[])[0].json;
		expect(json.error).toMatch(/^Admin Only can't be applied: Evolution API did not say which WhatsApp number is connected, so the node cannot tell which groups it administers \(.*HTTP 404/);
		expect(json.description).toMatch(/^Turn Admin Only off to list the groups without isAdmin/);
	});

	const ADMIN = PROVIDERS.map((p) => p.provider).filter((id) => getProvider(id)?.listReportsAdmin);
	it.each(ADMIN.map((p) => [p]))('%s: a failed connected-number read never fails the list', async (provider) => {
		sim.inject({ vendor: provider, op: 'status', fault: '404', times: 10 });
		const result = await run11(provider as ProviderId, { operation: 'getManyGroups', returnAll: true });
		expect(result.status).toBe('success');
		const items = (result.output as Item[]).map((i) => i.json);
		expect(items.length).toBe(sim.groups.size);
		const asked = sim.count(provider, 'status') > 0;
		for (const item of items) {
			// uazapi's list says OwnerIsAdmin itself: it needs no connected number.
			if (asked) {
				expect(item.isAdmin).toBeUndefined();
				expect(item.note).toMatch(/^isAdmin is left out: /);
			} else {
				expect(typeof item.isAdmin).toBe('boolean');
				expect(item.note).toBeUndefined();
			}
		}
	});
});

describe('3. participant counts', () => {
	it.each([['1.8.7'], ['size'], ['participantsOnly']])('Whapi.Cloud with %s: every group has its count', async (shape) => {
		sim.variants.whapiSizeField = shape;
		const result = await run11('whapi', { operation: 'getManyGroups', returnAll: true });
		const items = (result.output as Item[]).map((i) => i.json);
		const byName = Object.fromEntries(items.map((i) => [i.name, i.participantCount]));
		expect(byName).toMatchObject({ 'Team 0': 5, 'Team 1': 6, 'Team 4': 9 });
	});
});
