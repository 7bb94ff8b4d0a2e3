import type { IExecuteFunctions, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ProviderAdapter, ProviderRequest } from '../../nodes/WhatsAppGroupInvite/providers/types';
import { REDACTED, redact, redactDeep, secretList } from '../../nodes/WhatsAppGroupInvite/transport/secrets';
import {
	isAmbiguous,
	isRefusal,
	RateLimitPacer,
	parseRateLimitReset,
	parseRetryAfter,
	PACING_SHARE,
	ProviderSession,
	LatencySpreader,
} from '../../nodes/WhatsAppGroupInvite/transport';
import { NODE } from '../support/fakeProviderClient';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
	it.each([
		['0', 0],
		['1', 1000],
		['30', 30_000],
		['120', 120_000],
		['  5  ', 5000],
		['1.5', 1500],
		['0.25', 250],
		['2.0004', 2000],
	])('reads %j seconds as %d ms', (value, ms) => {
		expect(parseRetryAfter(value, NOW)).toBe(ms);
	});

	it('reads an HTTP date in the future as the time until then', () => {
		expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:30 GMT', NOW)).toBe(30_000);
		expect(parseRetryAfter(new Date(NOW + 1500).toUTCString(), NOW)).toBe(1000); // HTTP dates have whole seconds
		expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
	});

	it('reads an HTTP date in the past, or now, as 0', () => {
		expect(parseRetryAfter('Sun, 01 Mar 2026 11:59:00 GMT', NOW)).toBe(0);
		expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', NOW)).toBe(0);
		expect(parseRetryAfter(new Date(NOW).toUTCString(), NOW)).toBe(0);
	});

	it('uses the current time by default', () => {
		const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
		const wait = parseRetryAfter(inTenSeconds);
		expect(wait).toBeGreaterThan(8000);
		expect(wait).toBeLessThanOrEqual(10_000);
	});

	it.each([undefined, '', '   ', 'soon', 'later please', 'NaN', 'Infinity', '1e3', '0x10', '12abc', '5 seconds'])(
		'ignores %j',
		(value) => {
			expect(parseRetryAfter(value, NOW)).toBeUndefined();
		},
	);

	// V8's Date.parse is lenient: these are not HTTP dates but parse as dates in 2001, so the wait is
	// 0 instead of "no usable value" (which would keep the exponential backoff). See the report.
	it.each(['-1', '.5', '1,5', 'abc 5', 'foo 12'])('ignores the non-date %j', (value) => {
		expect(parseRetryAfter(value, NOW)).toBeUndefined();
	});
});

describe('parseRateLimitReset', () => {
	const epochSeconds = NOW / 1000;

	it.each([
		['epoch seconds, 30 s ahead', String(epochSeconds + 30), 30_000],
		['epoch seconds with decimals', String(epochSeconds + 2.5), 2500],
		['epoch seconds in the past', String(epochSeconds - 60), 0],
		['epoch milliseconds, 1.5 s ahead', String(NOW + 1500), 1500],
		['epoch milliseconds in the past', String(NOW - 1), 0],
		['delta seconds', '30', 30_000],
		['delta seconds with decimals', '1.5', 1500],
		['zero', '0', 0],
		['padded delta seconds', ' 7 ', 7000],
		['a large delta (under the epoch threshold)', '86400', 86_400_000],
	])('reads %s', (_name, value, ms) => {
		expect(parseRateLimitReset(value, NOW)).toBe(ms);
	});

	it.each([undefined, '', '   ', '-5', 'soon', '1e3', '12abc', 'Sun, 01 Mar 2026 12:00:30 GMT', '1,5'])(
		'ignores %j',
		(value) => {
			expect(parseRateLimitReset(value, NOW)).toBeUndefined();
		},
	);

	it('uses the current time by default', () => {
		const wait = parseRateLimitReset(String(Math.floor(Date.now() / 1000) + 20));
		expect(wait).toBeGreaterThan(18_000);
		expect(wait).toBeLessThanOrEqual(20_000);
	});
});

describe('LatencySpreader (parallel request starts spread over the answer time)', () => {
	/** A clock that only moves when someone sleeps: starts are read off it exactly. */
	function fakeClock() {
		const clock = { t: 0, now: () => clock.t, sleep: async (ms: number) => void (clock.t += ms) };
		return clock;
	}

	it('spreads nothing before the first answer, for one request at a time, or below 1 ms apart', async () => {
		const clock = fakeClock();
		expect(await new LatencySpreader(20, clock).acquire()).toBe(0); // no answer time learned yet
		const single = new LatencySpreader(1, clock);
		single.observe(50);
		expect(single.interval()).toBe(0);
		const local = new LatencySpreader(10, clock);
		local.observe(5); // a vendor on this machine: 0.5 ms apart is not worth a timer
		expect(local.interval()).toBe(0);
		expect(await local.acquire()).toBe(0);
		expect(clock.t).toBe(0);
	});

	it('starts N in parallel one answer time / N apart once the answer time is known (50 ms, 20: 2.5 ms)', async () => {
		const clock = fakeClock();
		const spreader = new LatencySpreader(20, clock);
		spreader.observe(50);
		const starts: number[] = [];
		for (let i = 0; i < 5; i++) {
			await spreader.acquire();
			starts.push(clock.t);
		}
		expect(starts).toEqual([0, 2.5, 5, 7.5, 10]);
	});

	it('a late start keeps the schedule (catch-up), but never by more than two spacings', async () => {
		const clock = fakeClock();
		const spreader = new LatencySpreader(4, clock);
		spreader.observe(40); // 10 ms apart
		await spreader.acquire(); // slot 0
		clock.t = 15; // the event loop was busy: the next slot (10) is 5 ms late
		expect(await spreader.acquire()).toBe(0); // slot 10: at once
		expect(await spreader.acquire()).toBe(5); // slot 20: kept, 5 ms from now (not 10)
		clock.t = 1000; // a long stall: two spacings are caught up, not the whole stall
		const waits = [];
		for (let i = 0; i < 5; i++) waits.push(await spreader.acquire());
		expect(waits).toEqual([0, 0, 0, 10, 10]); // slots 980, 990, 1000, 1010, 1020
	});

	it('learns the answer time as a running average, so one slow answer does not stall the run', () => {
		const spreader = new LatencySpreader(10, fakeClock());
		spreader.observe(50);
		spreader.observe(550);
		expect(spreader.interval()).toBeCloseTo(15); // (0.8 × 50 + 0.2 × 550) / 10
	});
});

describe('RateLimitPacer', () => {
	/** Times (ms since start) at which each of `count` concurrent acquires resolved. */
	async function acquireTimes(pacer: RateLimitPacer, count: number): Promise<number[]> {
		const start = Date.now();
		return await Promise.all(
			Array.from({ length: count }, async () => {
				await pacer.acquire();
				return Date.now() - start;
			}),
		);
	}

	it('spreads request starts 60 000 / (limit × 0.95) ms apart (600/min: about 105 ms)', async () => {
		expect(PACING_SHARE).toBe(0.95);
		const times = await acquireTimes(new RateLimitPacer(600), 5);
		expect(times[0]).toBeLessThan(50);
		// About 421 ms in all (never less: a start never comes before its slot); the upper bound is
		// loose on purpose (a behaviour check, not a benchmark).
		expect(times[4]).toBeGreaterThanOrEqual(421);
		expect(times[4]).toBeLessThan(1500);
		for (let i = 1; i < times.length; i++) {
			expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(85);
		}
	});

	it('paces sequential callers the same way', async () => {
		const pacer = new RateLimitPacer(1200); // 50 ms apart
		const start = Date.now();
		for (let i = 0; i < 4; i++) await pacer.acquire();
		const elapsed = Date.now() - start;
		expect(elapsed).toBeGreaterThanOrEqual(140);
		expect(elapsed).toBeLessThan(1000);
	});

	it('does not wait when requests are already further apart than the interval', async () => {
		const pacer = new RateLimitPacer(1200); // 50 ms apart
		await pacer.acquire();
		await new Promise((resolve) => setTimeout(resolve, 80));
		const start = Date.now();
		await pacer.acquire();
		expect(Date.now() - start).toBeLessThan(30);
	});

	it.each([0, -1])('does not pace with a limit of %d', async (limit) => {
		const times = await acquireTimes(new RateLimitPacer(limit), 50);
		expect(Math.max(...times)).toBeLessThan(50);
	});

	it('holds every request until pauseUntil', async () => {
		const pacer = new RateLimitPacer(0);
		const start = Date.now();
		pacer.pauseUntil(start + 200);
		const times = await acquireTimes(pacer, 3);
		for (const time of times) {
			expect(time).toBeGreaterThanOrEqual(190);
			expect(time).toBeLessThan(1000);
		}
	});

	it('keeps the latest pause when an earlier one comes after it', async () => {
		const pacer = new RateLimitPacer(0);
		const start = Date.now();
		pacer.pauseUntil(start + 200);
		pacer.pauseUntil(start + 50);
		await pacer.acquire();
		expect(Date.now() - start).toBeGreaterThanOrEqual(190);
	});

	it('ignores a pause that is already over', async () => {
		const pacer = new RateLimitPacer(0);
		pacer.pauseUntil(Date.now() - 10_000);
		const start = Date.now();
		await pacer.acquire();
		expect(Date.now() - start).toBeLessThan(30);
	});

	it('paces after a pause: the first request at its end, the next one interval later', async () => {
		const pacer = new RateLimitPacer(600); // 100 ms apart
		const start = Date.now();
		pacer.pauseUntil(start + 150);
		const times = await acquireTimes(pacer, 2);
		expect(times[0]).toBeGreaterThanOrEqual(140);
		expect(times[1]).toBeGreaterThanOrEqual(240);
		expect(times[1]).toBeLessThan(1500);
	});
});

describe('secretList', () => {
	it('keeps strings and numbers of 4 characters or more, trimmed, with their URL-encoded forms', () => {
		const list = secretList(['abcd', 12345, '  spaced  ', 'a/b c?', 'abc', '   ab   ', '', null, undefined, true, {}, ['longsecret']]);
		// Encoded as encodeURIComponent does, with "+" for spaces (forms) and lower-case hex.
		expect(list.sort()).toEqual(['12345', 'a%2Fb%20c%3F', 'a%2Fb+c%3F', 'a%2fb%20c%3f', 'a/b c?', 'abcd', 'spaced'].sort());
	});

	it.each(['', 'a', 'ab', 'abc', ' abc ', '\tab\n'])('ignores the short value %j', (value) => {
		expect(secretList([value])).toEqual([]);
	});

	it.each([123, 1.5, 0])('ignores the short number %d', (value) => {
		expect(secretList([value])).toEqual([]);
	});

	it('sorts longest first and drops duplicates', () => {
		const list = secretList(['abcd', 'abcdefgh', 'abcd', 'abcdef', 'tok+en/1']);
		expect(list.slice(0, 2).sort()).toEqual(['tok%2Ben%2F1', 'tok%2ben%2f1']);
		expect(list.slice(2)).toEqual(['abcdefgh', 'tok+en/1', 'abcdef', 'abcd']);
		for (let i = 1; i < list.length; i++) expect(list[i - 1].length).toBeGreaterThanOrEqual(list[i].length);
	});

	it('lists a value once when encoding does not change it', () => {
		expect(secretList(['TOKEN123456'])).toEqual(['TOKEN123456']);
	});
});

describe('redact', () => {
	const secrets = secretList(['TOKEN123456', 'tok/en?=1', 'CLIENT7890']);

	it('replaces every occurrence of every secret', () => {
		expect(redact('TOKEN123456 and TOKEN123456, CLIENT7890', secrets)).toBe(
			`${REDACTED} and ${REDACTED}, ${REDACTED}`,
		);
	});

	it('redacts the URL-encoded form too', () => {
		expect(redact('https://api.z-api.io/instances/ABC/token/tok%2Fen%3F%3D1/status', secrets)).toBe(
			`https://api.z-api.io/instances/ABC/token/${REDACTED}/status`,
		);
		expect(redact('raw tok/en?=1 here', secrets)).toBe(`raw ${REDACTED} here`);
	});

	it('replaces a secret that contains another one whole', () => {
		const list = secretList(['abcd', 'abcdefgh']);
		expect(redact('x abcdefgh y abcd', list)).toBe(`x ${REDACTED} y ${REDACTED}`);
	});

	it('leaves short values and unrelated text alone', () => {
		const list = secretList(['abc', 'TOKEN123456']);
		expect(redact('abc TOKEN12345 abcabc', list)).toBe('abc TOKEN12345 abcabc');
	});

	it('returns the text unchanged without secrets', () => {
		expect(redact('TOKEN123456', [])).toBe('TOKEN123456');
		expect(redact('', secrets)).toBe('');
	});
});

describe('redactDeep', () => {
	const secrets = secretList(['TOKEN123456', 'tok/en?=1']);

	it('redacts strings at any depth, in objects and arrays', () => {
		const value = {
			url: 'https://h/instances/i/token/TOKEN123456/x',
			nested: { deeper: { list: ['ok', 'q=tok%2Fen%3F%3D1', { again: 'TOKEN123456' }] } },
			count: 3,
			flag: true,
			none: null,
			empty: '',
		};
		expect(redactDeep(value, secrets)).toEqual({
			url: `https://h/instances/i/token/${REDACTED}/x`,
			nested: { deeper: { list: ['ok', `q=${REDACTED}`, { again: REDACTED }] } },
			count: 3,
			flag: true,
			none: null,
			empty: '',
		});
	});

	it('does not change the value it was given', () => {
		const value = { a: ['TOKEN123456'], b: { c: 'TOKEN123456' } };
		const copy = JSON.parse(JSON.stringify(value)) as unknown;
		const result = redactDeep(value, secrets);
		expect(value).toEqual(copy);
		expect(result).not.toBe(value);
		expect(result.b).not.toBe(value.b);
	});

	it('redacts a bare string and leaves other primitives as they are', () => {
		expect(redactDeep('TOKEN123456', secrets)).toBe(REDACTED);
		expect(redactDeep(42, secrets)).toBe(42);
		expect(redactDeep(null, secrets)).toBeNull();
		expect(redactDeep(undefined, secrets)).toBeUndefined();
	});

	it('returns the value itself when there are no secrets', () => {
		const value = { a: 'TOKEN123456' };
		expect(redactDeep(value, [])).toBe(value);
	});

	it('keeps object keys as they are (only values are redacted)', () => {
		expect(redactDeep({ TOKEN123456: 'x' }, secrets)).toEqual({ TOKEN123456: 'x' });
	});
});

/**
 * The adapter hooks a vendor whose errors are told apart by a code in the body uses (issue 11, Meta's
 * Graph API): isRateLimited (a throttling answer that is not a 429), errorDetails (extra error
 * details, e.g. a trace id) and the body given to errorHint. A neutral fake adapter, a fake n8n
 * context that answers with canned responses.
 */
describe('ProviderSession: adapter hooks for rate limits, error details and hints', () => {
	const THROTTLED = { error: { message: 'Slow down', code: 777, trace: 'TRACE-1' } };
	const REFUSED = { error: { message: 'No such thing', code: 100, trace: 'TRACE-2' } };
	const SECRET = 'SECRET-TOKEN-12345';

	/** A fake adapter; the hooks are given per test. */
	function adapter(hooks: Partial<ProviderAdapter> = {}): ProviderAdapter {
		return {
			id: 'fake',
			name: 'Fake Gateway',
			credentialType: 'groupInviteFakeApi',
			groupIdRules: { acceptsInvite: false },
			apiRoot: (_credentials, baseUrl) => baseUrl,
			secrets: (credentials) => [credentials.token],
			errorMessage: (body) => {
				const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
				return typeof message === 'string' ? message : undefined;
			},
			getInviteLink: async () => ({ inviteCode: 'x', inviteLink: 'y' }),
			resetInviteLink: async () => ({ inviteCode: 'x', inviteLink: 'y' }),
			...hooks,
		};
	}

	/** A session whose HTTP calls get `answers` in order ({statusCode, body, headers}); records the calls. */
	function session(hooks: Partial<ProviderAdapter>, ...answers: Array<{ statusCode: number; body: unknown; headers?: Record<string, string> }>) {
		const calls: unknown[] = [];
		const ctx = {
			getNode: () => NODE,
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: unknown) => {
					calls.push(options);
					const answer = answers.shift();
					if (!answer) throw new Error('no more answers');
					return { statusCode: answer.statusCode, headers: answer.headers ?? {}, body: JSON.stringify(answer.body) };
				},
			},
		} as unknown as IExecuteFunctions;
		const s = new ProviderSession(ctx, adapter(hooks), { token: SECRET }, 'https://api.example.com', { requestsPerMinute: 0 });
		return { calls, client: s.client(0, { raw: [], timeout: 1000, budget: 10_000 }) };
	}

	const isCoded777 = (_status: number, body: unknown) => (body as { error?: { code?: unknown } } | undefined)?.error?.code === 777;
	const reset: ProviderRequest = { method: 'POST', path: '/reset', body: {}, idempotent: false, action: 'reset the invite link' };
	const get: ProviderRequest = { method: 'GET', path: '/get', idempotent: true, action: 'get the invite link' };

	async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
		try {
			await promise;
		} catch (error) {
			if (error instanceof NodeApiError) return error;
			throw error;
		}
		throw new Error('expected a NodeApiError');
	}

	it('a 400 the adapter calls a rate limit is retried like a 429, a reset too (it did nothing)', async () => {
		const { calls, client } = session({ isRateLimited: isCoded777 }, { statusCode: 400, body: THROTTLED }, { statusCode: 200, body: { ok: 1 } });
		const response = await client.send(reset);
		expect(response).toEqual({ statusCode: 200, body: { ok: 1 } });
		expect(calls).toHaveLength(2);
	});

	it('without the hook a 400 is a refusal: a reset is not sent again, a read is not retried', async () => {
		for (const request of [reset, get]) {
			const { calls, client } = session({}, { statusCode: 400, body: THROTTLED }, { statusCode: 200, body: {} });
			const error = await failure(client.send(request));
			expect(error.message).toBe(`Fake Gateway refused to ${request.action} (HTTP 400 Bad Request): Slow down`);
			expect(calls).toHaveLength(1);
			// A refusal about the group (what From List's "pick it again" note is for), not a rate limit.
			expect(isRefusal(error)).toBe(true);
		}
	});

	it('a 400 that is not a rate limit by the hook stays a refusal, sent once', async () => {
		const { calls, client } = session({ isRateLimited: isCoded777 }, { statusCode: 400, body: REFUSED }, { statusCode: 200, body: {} });
		const error = await failure(client.send(reset));
		expect(error.message).toBe('Fake Gateway refused to reset the invite link (HTTP 400 Bad Request): No such thing');
		expect(calls).toHaveLength(1);
	});

	it('when the rate limit lasts, the message says so with the real status, and the reset is definite (not ambiguous)', async () => {
		const answers = Array.from({ length: 3 }, () => ({ statusCode: 400, body: THROTTLED }));
		const { calls, client } = session({ isRateLimited: isCoded777 }, ...answers);
		const error = await failure(client.send(reset));
		expect(calls).toHaveLength(3);
		expect(error.message).toBe('Fake Gateway is limiting requests (HTTP 400 Bad Request) and did not reset the invite link: Slow down');
		expect(error.httpCode).toBe('400');
		// No adapter hint: the 429 hint.
		expect(error.description).toMatch(/Max Requests per Minute/);
		expect(isAmbiguous(error)).toBe(false);
		// Not a refusal about the group, so a group picked From List is not said to be gone (operations.ts).
		expect(isRefusal(error)).toBe(false);
	});

	it('a 5xx the hook calls a rate limit is not ambiguous: a reset is sent again', async () => {
		const { calls, client } = session({ isRateLimited: isCoded777 }, { statusCode: 500, body: THROTTLED }, { statusCode: 200, body: { ok: 1 } });
		await client.send(reset);
		expect(calls).toHaveLength(2);
	});

	it("honours a Retry-After on such an answer, and names its status when the wait is too long", async () => {
		const { client } = session({ isRateLimited: isCoded777 }, { statusCode: 400, body: THROTTLED, headers: { 'retry-after': '3600' } });
		const error = await failure(client.send(get));
		expect(error.message).toBe('Fake Gateway is limiting requests (HTTP 400 Bad Request) and asks to wait 3600 s before trying to get the invite link again');
		expect(error.httpCode).toBe('400');
	});

	it('a plain 429 keeps its message, with or without the hook', async () => {
		const answers = Array.from({ length: 3 }, () => ({ statusCode: 429, body: { error: { message: 'Too many' } } }));
		const { client } = session({ isRateLimited: () => false }, ...answers);
		const error = await failure(client.send(get));
		expect(error.message).toBe('Fake Gateway is limiting requests (HTTP 429) and did not get the invite link: Too many');
		expect(isRefusal(error)).toBe(false);
	});

	it('errorDetails adds its fields to the error details (redacted), for HTTP failures and 2xx error envelopes', async () => {
		const errorDetails = (body: unknown) => ({ traceId: (body as { error: { trace: string } }).error.trace, echo: SECRET });
		const http = await failure(session({ errorDetails }, { statusCode: 400, body: REFUSED }).client.send(get));
		expect((http as unknown as { errorResponse: Record<string, unknown> }).errorResponse).toMatchObject({
			provider: 'Fake Gateway',
			httpCode: '400',
			vendorMessage: 'No such thing',
			traceId: 'TRACE-2',
			echo: REDACTED,
		});
		const envelope = await failure(session({ errorDetails }, { statusCode: 200, body: REFUSED }).client.send(get));
		expect(envelope.message).toBe('Fake Gateway answered HTTP 200 with an error and did not get the invite link: No such thing');
		expect((envelope as unknown as { errorResponse: Record<string, unknown> }).errorResponse).toMatchObject({ traceId: 'TRACE-2', echo: REDACTED });
	});

	it('errorHint is given the parsed body, so a hint can follow a code in it', async () => {
		const seen: unknown[] = [];
		const errorHint = (_status: number, _message: string | undefined, body?: unknown) => {
			seen.push(body);
			return 'Hint from the code';
		};
		const http = await failure(session({ errorHint }, { statusCode: 403, body: REFUSED }).client.send(get));
		expect(http.description).toBe('Hint from the code');
		const envelope = await failure(session({ errorHint }, { statusCode: 200, body: REFUSED }).client.send(get));
		expect(envelope.description).toMatch(/^Hint from the code The answer was: /);
		expect(seen).toEqual([REFUSED, REFUSED]);
	});

	it('a session for a trigger’s registration (IHookFunctions) or a received webhook (IWebhookFunctions) sends through that context’s helpers', async () => {
		for (const kind of ['hook', 'webhook'] as const) {
			const calls: Array<{ type: string; url: string }> = [];
			const ctx = {
				getNode: () => NODE,
				...(kind === 'hook' ? { getActivationMode: () => 'activate' } : { getBodyData: () => ({}) }),
				helpers: {
					httpRequestWithAuthentication: async (type: string, options: { url: string }) => {
						calls.push({ type, url: options.url });
						return { statusCode: 200, headers: {}, body: '{"ok":true,"webhooks":[]}' };
					},
				},
			} as unknown as IHookFunctions & IWebhookFunctions;
			const session = new ProviderSession(ctx, adapter(), { token: 'T0KEN-SECRET' }, 'https://gw.example.com', { requestsPerMinute: 0 });
			const answer = await session
				.client(0, { timeout: 1000 })
				.send({ method: 'GET', path: '/settings', idempotent: true, action: 'read the webhook settings' });
			expect(answer).toEqual({ statusCode: 200, body: { ok: true, webhooks: [] } });
			expect(calls).toEqual([{ type: 'groupInviteFakeApi', url: 'https://gw.example.com/settings' }]);
		}
	});
});
