/**
 * Fault matrix: each provider × each operation × each injected fault, run through n8n-core against
 * the simulator. Checks the item's outcome, how many requests reached the simulator (a reset is
 * never sent twice except after a 429), and that no secret appears anywhere in the run.
 */
import { createServer } from 'node:net';

import { FAULTS, VENDOR_FAULTS, VendorSimulator } from '../support/simulator';
import { expectNoSecrets, GROUP, groupIdOf, LINK, OPERATIONS, PROVIDERS, run, startSimulator } from '../support/scenario';
import type { Operation, ProviderId } from '../support/scenario';

/**
 * Per-request timeout used in this suite: the simulator's "timeout" fault never answers. The item's
 * budget is 3 × this; a timed-out Get needs one timeout plus a backoff of at most 0.5 s before its
 * retry starts, so 1 s leaves 1.5 s of headroom for a busy machine (400 ms left only 0.3 s, and a
 * loaded machine once saw the retry cut off).
 */
const TIMEOUT = 1000;

type Fault = (typeof FAULTS)[number];

/**
 * Faults only one vendor answers (its simulator module's `faults`) and what a careful client does
 * with each. Meta's throttling as HTTP 400 (error.code 130429, or 4): a rate limit whatever the
 * status, so retried like a 429, a reset too (it did nothing).
 */
const VENDOR_EXPECTED: Record<string, Expectation> = {
	throttle400: { outcome: 'link', sent: 2 },
	appLimit400: { outcome: 'link', sent: 2 },
};
/** Vendor faults that are rate limits: a reset may be sent again after them, as after a 429. */
const VENDOR_THROTTLES = new Set(['throttle400', 'appLimit400']);

interface Expectation {
	outcome: 'link' | 'error' | 'ambiguous';
	/** Requests the simulator receives for the operation itself (get or reset). */
	sent: number;
	/** For errors: text the message must contain. */
	message?: RegExp;
}

/** What a careful client does, per fault: reads retry where safe, resets only when nothing happened. */
function expected(provider: ProviderId, operation: Operation, fault: Fault | string): Expectation {
	if (VENDOR_EXPECTED[fault]) return VENDOR_EXPECTED[fault];
	const lie = (message: RegExp): Expectation => ({ outcome: 'error', sent: 1, message });
	const names = {
		zApi: 'Z-API',
		ryzeApi: 'RyzeAPI',
		wawp: 'Wawp',
		evolutionApi: 'Evolution API',
		waha: 'WAHA',
		whapi: 'Whapi.Cloud',
		metaCloudApi: 'Meta WhatsApp Cloud API',
		uazapi: 'uazapi',
		evolutionGo: 'Evolution GO',
		wppconnect: 'WPPConnect Server',
		wuzapi: 'Wuzapi',
		gowa: 'GOWA',
	};
	const name = names[provider].replace(/\./g, '\\.');
	const bodyLies: Partial<Record<Fault, Expectation>> = {
		'200Html': lie(new RegExp(`${name} answered HTTP 200 but did not include`)),
		'200InvalidJson': lie(new RegExp(`${name} answered HTTP 200 but did not include`)),
		'200Empty': lie(new RegExp(`${name} answered HTTP 200 but did not include`)),
		'200NoLink': lie(new RegExp(`${name} answered HTTP 200 but did not include`)),
		valueFalse:
			provider === 'zApi'
				? lie(/Z-API answered HTTP 200 but reported \{"value": false\}/)
				: lie(new RegExp(`${name} answered HTTP 200 but did not include`)),
		// A 2xx error envelope is a definite failure: never a link, never re-sent, never "may not have completed".
		successFalse: lie(new RegExp(`^${name} answered HTTP 200 with an error and did not .*: Instance is not connected to WhatsApp$`)),
		envelopeCode: lie(new RegExp(`^${name} answered HTTP 200 with an error and did not .*: The session invalid_session is not connected$`)),
		envelopeDash: lie(new RegExp(`^${name} answered HTTP 200 with an error and did not .*: Session not found, start it first$`)),
		envelopeWordCode: lie(new RegExp(`^${name} answered HTTP 200 with an error and did not .*: The session is not connected$`)),
		envelopeError: lie(new RegExp(`^${name} answered HTTP 200 with an error and did not .*: instance_not_connected$`)),
		envelopeStatus: lie(new RegExp(`^${name} answered HTTP 200 with an error and did not .*: not-authorized$`)),
		401: lie(new RegExp(`${name} refused to .* \\(HTTP 401 Unauthorized\\)`)),
		403: lie(new RegExp(`${name} refused to .* \\(HTTP 403 Forbidden\\): Not authorized to reset group invite link \\(must be admin\\)`)),
		404: lie(new RegExp(`${name} refused to .* \\(HTTP 404 Not Found\\)`)),
		'429RetryAfterLong': lie(/is limiting requests \(HTTP 429\) and asks to wait 3600 s/),
	};
	if (bodyLies[fault as Fault]) return bodyLies[fault as Fault] as Expectation;
	const throttled = ['429', '429RetryAfter', '429RateLimitReset'].includes(fault);
	if (throttled) return { outcome: 'link', sent: 2 };
	if (operation === 'getInviteLink') {
		if (fault === '500') return { outcome: 'error', sent: 1, message: new RegExp(`${name} failed while trying to get the invite (link|code) \\(HTTP 500`) };
		// timeout, dropped connections, 502, 503: a read is retried and succeeds.
		return { outcome: 'link', sent: 2 };
	}
	// A reset that may have reached the vendor: never re-sent; the current link is read and reported.
	return { outcome: 'ambiguous', sent: 1, message: /^The reset may not have completed: / };
}

const matrix = PROVIDERS.flatMap(({ provider }) =>
	OPERATIONS.flatMap((operation) =>
		[...FAULTS, ...(VENDOR_FAULTS[provider] ?? [])].map((fault: string) => ({ provider, operation, fault })),
	),
);
const vendorFaultCount = PROVIDERS.reduce((sum, { provider }) => sum + (VENDOR_FAULTS[provider] ?? []).length, 0);

let sim: VendorSimulator;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(() => sim.reset());

describe('fault matrix', () => {
	it('covers every provider, operation and fault', () => {
		expect(matrix.length).toBe(PROVIDERS.length * OPERATIONS.length * FAULTS.length + OPERATIONS.length * vendorFaultCount);
		expect(VENDOR_FAULTS.metaCloudApi).toEqual(['throttle400', 'appLimit400']);
		for (const faults of Object.values(VENDOR_FAULTS)) for (const fault of faults) expect(VENDOR_EXPECTED[fault]).toBeDefined();
		expect(FAULTS.length).toBeGreaterThanOrEqual(17);
	});

	it.each(matrix)('$provider $operation with $fault', async ({ provider, operation, fault }) => {
		const want = expected(provider, operation, fault);
		const op = operation === 'getInviteLink' ? 'get' : 'reset';
		sim.inject({ vendor: provider, op, fault });
		const before = sim.codeOf(GROUP);
		const result = await run({
			sim,
			provider,
			operation,
			options: { timeout: TIMEOUT, maxRequestsPerMinute: 6000 },
			items: [{ n: 1 }],
			onError: 'continueRegularOutput',
		});
		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(1);
		const item = result.output[0];
		expect(item.pairedItem).toEqual({ item: 0 });
		const json = item.json as Record<string, unknown>;

		expect(sim.count(provider, op)).toBe(want.sent);
		if (want.outcome === 'link') {
			expect(json.error).toBeUndefined();
			// Whapi.Cloud's revoke answers {"success": true} without the code: exactly one Get follows it.
			if (operation === 'resetInviteLink') expect(sim.count(provider, 'get')).toBe(provider === 'whapi' ? 1 : 0);
			expect(json.inviteLink).toMatch(LINK);
			expect(json.inviteCode).toBe(sim.codeOf(GROUP));
		} else {
			expect(typeof json.error).toBe('string');
			expect(json.error).toMatch(want.message as RegExp);
			expect(json).toMatchObject({ provider, operation, groupId: groupIdOf(provider, GROUP) });
			expect(json.inviteLink).toBeUndefined();
			expect(String(json.error)).not.toMatch(/undefined|TypeError|\[object Object\]/);
		}
		if (fault === 'successFalse' || fault.startsWith('envelope')) {
			// The vendor said it did not do it: a definite failure, the link unchanged, nothing read back.
			expect(json.currentInviteLink).toBeUndefined();
			expect(sim.codeOf(GROUP)).toBe(before);
			if (operation === 'resetInviteLink') expect(sim.count(provider, 'get')).toBe(0);
		}
		if (want.outcome === 'ambiguous') {
			// The current link was read afterwards (one Get) and is the one that works now.
			expect(sim.count(provider, 'get')).toBe(1);
			expect(json.currentInviteCode).toBe(sim.codeOf(GROUP));
			expect(json.currentInviteLink).toBe(`https://chat.whatsapp.com/${sim.codeOf(GROUP)}`);
			// Whether it changed depends on when the fault hit: before the vendor acted, or after.
			if (fault === 'resetAfter' || fault === 'timeout') expect(sim.codeOf(GROUP)).not.toBe(before);
			if (fault === 'resetBefore' || fault === '500' || fault === '503' || fault === '502Html') {
				expect(sim.codeOf(GROUP)).toBe(before);
			}
		}
		if (operation === 'resetInviteLink' && want.sent === 2) {
			// Only a rate limit (the vendor provably did nothing) lets a reset be sent again: a 429, or a
			// vendor's own throttling answer (Meta's 130429 / 4 as HTTP 400).
			expect(fault.startsWith('429') || VENDOR_THROTTLES.has(fault)).toBe(true);
		}
		expectNoSecrets(result.serialized, sim.secrets());
	});
});

describe('around the matrix', () => {
	it('a reset whose connection is refused is sent again once the vendor is up', async () => {
		const port = await freePort();
		const revived = new VendorSimulator();
		revived.addGroup(GROUP);
		const up = new Promise<void>((resolve) => {
			setTimeout(() => void revived.start(port).then(() => resolve()), 150);
		});
		const result = await run({
			sim: revived,
			provider: 'ryzeApi',
			operation: 'resetInviteLink',
			options: { timeout: TIMEOUT },
			credentials: { baseUrl: `http://127.0.0.1:${port}` },
			onError: 'continueRegularOutput',
		});
		await up;
		expect(result.output[0].json.error).toBeUndefined();
		expect(revived.count('ryzeApi', 'reset')).toBe(1);
		expect(result.output[0].json.inviteCode).toBe(revived.codeOf(GROUP));
		await revived.stop();
	});

	it('a vendor that never comes up fails the item with a clear message after the bounded retries', async () => {
		const gone = await startSimulator();
		const baseUrl = gone.baseUrl;
		await gone.stop();
		const startedAt = Date.now();
		const result = await run({
			sim,
			provider: 'wawp',
			operation: 'getInviteLink',
			options: { timeout: TIMEOUT },
			credentials: { baseUrl },
			onError: 'continueRegularOutput',
		});
		expect(result.output[0].json.error).toBe('Could not reach Wawp to get the invite code: the connection was refused or the host was not found');
		expect(Date.now() - startedAt).toBeLessThan(TIMEOUT * 3 + 2000);
		expectNoSecrets(result.serialized, sim.secrets());
	});

	it('the whole item, retries included, is bounded by three timeouts', async () => {
		sim.inject({ vendor: 'zApi', op: 'get', fault: 'timeout', times: 10 });
		const timeout = 400;
		const startedAt = Date.now();
		const result = await run({
			sim,
			provider: 'zApi',
			operation: 'getInviteLink',
			options: { timeout },
			onError: 'continueRegularOutput',
		});
		const elapsed = Date.now() - startedAt;
		// The last attempt gets what is left of the item's budget, so it may wait less than 0.4 s.
		expect(result.output[0].json.error).toMatch(/^Z-API did not answer within 0\.[1-4] s when asked to get the invite link$/);
		expect(elapsed).toBeLessThan(timeout * 3 + 1000);
		expect(sim.count('zApi', 'get')).toBeLessThanOrEqual(3);
	});

	it('without Continue On Fail an ambiguous reset stops the run with the current link in the description', async () => {
		sim.inject({ vendor: 'ryzeApi', op: 'reset', fault: 'resetAfter' });
		const result = await run({ sim, provider: 'ryzeApi', operation: 'resetInviteLink', options: { timeout: TIMEOUT } });
		expect(result.status).toBe('error');
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.message).toBe(
			'The reset may not have completed: RyzeAPI closed the connection before answering when asked to reset the invite link',
		);
		expect(result.error.description).toContain(`https://chat.whatsapp.com/${sim.codeOf(GROUP)}`);
		expectNoSecrets(result.serialized, sim.secrets());
	});

	it('an error output item of an ambiguous reset names the current link in its message', async () => {
		sim.inject({ vendor: 'wawp', op: 'reset', fault: '503' });
		const result = await run({
			sim,
			provider: 'wawp',
			operation: 'resetInviteLink',
			options: { timeout: TIMEOUT },
			onError: 'continueErrorOutput',
		});
		expect(result.output).toHaveLength(0);
		// Only `error` and `message` reach n8n's error output on every n8n version.
		expect(Object.keys(result.errorOutput[0].json).sort()).toEqual(['error', 'message']);
		expect(result.errorOutput[0].json.error).toMatch(/^The reset may not have completed: Wawp failed/);
		expect(result.errorOutput[0].json.message).toContain(`https://chat.whatsapp.com/${sim.codeOf(GROUP)}`);
	});
});

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}
