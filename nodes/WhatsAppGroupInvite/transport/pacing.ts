/**
 * When a request may start: RateLimitPacer keeps a run under the vendor's rate limit, LatencySpreader
 * spreads parallel requests over the vendor's answer time. Both are shared by every item of one
 * execution, and neither wait counts against an item's time budget.
 */
import { sleep } from 'n8n-workflow';

/** Below this spacing between starts, spreading them is not worth a timer. */
export const MIN_SPREAD_MS = 1;
/** Weight of the newest answer time in the running estimate of the vendor's answer time. */
const LATENCY_WEIGHT = 0.2;
/** How many spacings a late start may catch up: enough for timer lateness, too few to form a bunch. */
const CATCH_UP = 2;

/**
 * Follows the vendor's answer time (latency), not its rate limit (RateLimitPacer below): spreads the
 * starts of parallel requests evenly over the vendor's answer time. Without it, the
 * requests of a run with Requests in Parallel = N leave together, come back together, and the N
 * answers are handled back to back while the next N wait: in real n8n (scripts/bench/real-n8n.js),
 * 20 in parallel at 50 ms took 1.5 times N × 50 ms / 20. Starting one request every (answer time /
 * N) keeps N in flight without the bunches. The answer time is learned from the run's own requests
 * (nothing is spread before the first answer, nor when the spacing would be under MIN_SPREAD_MS, as
 * against a vendor on the same machine). A start that comes late keeps the schedule: the next one is
 * planned from its slot, not from when it really started, so timer lateness does not add up; but no
 * more than CATCH_UP spacings are caught up, so a stall does not turn into a bunch again.
 * The clock is injectable for tests.
 */
export class LatencySpreader {
	private latencyMs: number | undefined;
	private nextStart: number | undefined;

	constructor(
		private readonly parallel: number,
		private readonly clock: { now: () => number; sleep: (ms: number) => Promise<void> } = { now: Date.now, sleep },
	) {}

	/** One answer's time, in ms (any HTTP status: it is the vendor's answer time either way). */
	observe(ms: number): void {
		this.latencyMs = this.latencyMs === undefined ? ms : this.latencyMs * (1 - LATENCY_WEIGHT) + ms * LATENCY_WEIGHT;
	}

	/** The spacing between starts now, in ms (0: not spread). */
	interval(): number {
		if (this.parallel <= 1 || this.latencyMs === undefined) return 0;
		const interval = this.latencyMs / this.parallel;
		return interval < MIN_SPREAD_MS ? 0 : interval;
	}

	/** Resolves when the next request may start, with the milliseconds it waited. */
	async acquire(): Promise<number> {
		const interval = this.interval();
		if (interval === 0) return 0;
		const now = this.clock.now();
		const slot = Math.max(this.nextStart ?? now, now - interval * CATCH_UP);
		this.nextStart = slot + interval;
		const wait = slot - now;
		if (wait <= 0) return 0;
		await this.clock.sleep(wait);
		return wait;
	}
}

/**
 * Share of a rate limit the pacer uses. Requests that leave evenly spaced still reach the vendor a
 * few milliseconds early or late (network, event loop), so pacing at exactly the limit lets some
 * one-second window see one request too many; 5% headroom absorbs that jitter.
 */
export const PACING_SHARE = 0.95;

/**
 * Follows the rate limit (the vendor's documented limit or Max Requests per Minute), not the answer
 * time (LatencySpreader above). Client-side pacing shared by every item and every parallel request of
 * one execution: request
 * starts are spread evenly, `60 000 / (limit × PACING_SHARE)` ms apart, so a vendor that counts per
 * second or per minute never sees a burst. A vendor's "quota used up until" pauses every request.
 */
export class RateLimitPacer {
	private readonly intervalMs: number;
	private lastStart = Number.NEGATIVE_INFINITY;
	private pausedUntil = 0;
	private queue: Promise<void> = Promise.resolve();

	constructor(requestsPerMinute: number) {
		this.intervalMs = requestsPerMinute > 0 ? 60_000 / (requestsPerMinute * PACING_SHARE) : 0;
	}

	/** Called when the vendor says its quota is used up until `until` (epoch ms). */
	pauseUntil(until: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, until);
	}

	/** Resolves when the next request may start, with the milliseconds it waited. */
	async acquire(): Promise<number> {
		const asked = Date.now();
		if (this.intervalMs === 0 && this.pausedUntil <= asked) return 0;
		// One caller at a time: each start is at least one interval after the previous actual start
		// (not its planned one), so a late start is never followed by a catch-up burst.
		const turn = this.queue.then(async () => {
			for (;;) {
				const wait = Math.max(this.lastStart + this.intervalMs, this.pausedUntil) - Date.now();
				if (wait <= 0) break;
				await sleep(wait);
			}
			this.lastStart = Date.now();
		});
		this.queue = turn;
		await turn;
		return Date.now() - asked;
	}
}
