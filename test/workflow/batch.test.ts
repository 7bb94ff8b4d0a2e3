/**
 * Batches: 1,000 items with 10% injected faults and Continue On Fail: exactly 1,000 output items,
 * in input order, each with its pairedItem and the Group ID it was sent, each either a link or an
 * error; exactly the items with a malformed Group ID fail as malformed (before any request), and a
 * valid one fails only through an injected fault.
 */
import type { VendorSimulator } from '../support/simulator';
import { expectNoSecrets, groupIdOf, LINK, run, startSimulator } from '../support/scenario';
import type { Operation, ProviderId } from '../support/scenario';

const ITEMS = 1000;
/**
 * A generous time budget per case: what is tested is that nothing is lost or reordered, not speed.
 * 1,000 sequential items take about 10 s on a quiet machine and several times that on a loaded one.
 */
const CASE_TIMEOUT_MS = 300_000;
const GROUPS = Array.from({ length: 50 }, (_, i) => `1203630195026${String(10000 + i)}`);

let sim: VendorSimulator;
beforeAll(async () => {
	sim = await startSimulator();
	for (const id of GROUPS) sim.addGroup(id);
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(() => sim.reset());

const cases: Array<{ provider: ProviderId; operation: Operation; concurrency: number }> = [
	{ provider: 'zApi', operation: 'getInviteLink', concurrency: 1 },
	{ provider: 'ryzeApi', operation: 'resetInviteLink', concurrency: 1 },
	{ provider: 'wawp', operation: 'resetInviteLink', concurrency: 10 },
	{ provider: 'evolutionApi', operation: 'resetInviteLink', concurrency: 10 },
	{ provider: 'waha', operation: 'getInviteLink', concurrency: 10 },
	// Each reset is a DELETE and then a Get (the simulator's DELETE answers without the code).
	{ provider: 'whapi', operation: 'resetInviteLink', concurrency: 10 },
	// Meta's opaque group IDs; its error envelope for the injected faults.
	{ provider: 'metaCloudApi', operation: 'resetInviteLink', concurrency: 10 },
	{ provider: 'uazapi', operation: 'resetInviteLink', concurrency: 10 },
	// Get and Reset share one URL: each reset is told apart by {"reset": true} in its body.
	{ provider: 'evolutionGo', operation: 'resetInviteLink', concurrency: 10 },
	// Resets that are GETs (WPPConnect's revoke route, Wuzapi's and GOWA's reset=true).
	{ provider: 'wppconnect', operation: 'resetInviteLink', concurrency: 10 },
	{ provider: 'wuzapi', operation: 'resetInviteLink', concurrency: 1 },
	{ provider: 'gowa', operation: 'getInviteLink', concurrency: 10 },
];

describe.each(cases)('$provider $operation, concurrency $concurrency', ({ provider, operation, concurrency }) => {
	it(`${ITEMS} items with 10% faults: ${ITEMS} items out, in order, each a link or an error`, async () => {
		sim.randomFaults({
			rate: 0.1,
			seed: 7,
			faults: ['429', '500', '503', '502Html', '200Html', '200Empty', 'valueFalse', '401', '404', 'resetBefore', 'resetAfter', 'timeout'],
		});
		const items = Array.from({ length: ITEMS }, (_, i) => ({
			groupId: i % 97 === 13 ? `bad-${i}` : groupIdOf(provider, GROUPS[i % GROUPS.length]),
			row: i,
		}));
		const result = await run({
			sim,
			provider,
			operation,
			groupId: '={{ $json.groupId }}',
			items,
			// 1 s per request: the injected "timeout" faults never answer, so this bounds the run, and it
			// leaves healthy requests headroom on a loaded machine (at 200 ms, a run next to two busy-loops
			// timed out healthy requests and fell below the 80% of links asserted below).
			options: { timeout: 1000, maxRequestsPerMinute: 600000, concurrency },
			onError: 'continueRegularOutput',
		});
		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(ITEMS);
		// The items designed to fail whatever the simulator does: their Group ID is malformed.
		const malformed = items.flatMap((item, index) => (item.groupId.startsWith('bad-') ? [index] : []));
		expect(malformed).toHaveLength(11); // rows 13, 110, ..., 983
		const failedMalformed: number[] = [];
		const failedValid: number[] = [];
		let links = 0;
		result.output.forEach((item: { json: Record<string, unknown>; pairedItem: { item: number } }, index: number) => {
			expect(item.pairedItem).toEqual({ item: index });
			const json = item.json;
			const sent = items[index].groupId;
			expect(json.provider).toBe(provider);
			// Every item, link or error, names the group it was about exactly as it was sent.
			expect(json.groupId).toBe(sent);
			if (typeof json.error === 'string') {
				expect(json.inviteLink).toBeUndefined();
				expect(json.error).not.toMatch(/undefined|TypeError/);
				if (malformed.includes(index)) {
					// Refused before any request, saying which ID is wrong.
					expect(json.error).toMatch(new RegExp(`^The Group ID "${sent}" is not a (WhatsApp|Meta Cloud API) group ID`));
					failedMalformed.push(index);
				} else {
					// A valid ID fails only through a fault the simulator injected, never as malformed.
					expect(json.error).not.toMatch(/is not a .*group ID/);
					failedValid.push(index);
				}
			} else {
				links++;
				expect(json.inviteLink).toMatch(LINK);
			}
		});
		// Each malformed item failed, and only as malformed; none of them reached the vendor.
		expect(failedMalformed).toEqual(malformed);
		expect(sim.requests.filter((r) => JSON.stringify(r).includes('bad-'))).toEqual([]);
		// Each valid item that failed took an injected fault: no more such failures than faulted requests.
		// A timeout is the one failure a loaded machine can also cause (a healthy answer slower than the
		// 1 s Timeout), so failures that are not timeouts are the ones bounded by the faults.
		const faulted = sim.requests.filter((r) => r.fault !== undefined).length;
		const byTimeout = failedValid.filter((index) => /did not answer within/.test(String(result.output[index].json.error)));
		expect(failedValid.length).toBeGreaterThan(20);
		expect(failedValid.length - byTimeout.length).toBeLessThanOrEqual(faulted);
		expect(links).toBe(ITEMS - malformed.length - failedValid.length);
		expect(links).toBeGreaterThan(ITEMS * 0.8);
		expectNoSecrets(result.serialized, sim.secrets());
	}, CASE_TIMEOUT_MS);
});
