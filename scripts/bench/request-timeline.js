// @ts-check
'use strict';
/**
 * Client-side request timeline for the real-n8n bench's latency rows.
 *
 * Preloaded into `n8n execute` (`node --require scripts/bench/request-timeline.js`, with
 * BENCH_TIMELINE_OUT set): wraps http.request and records, per request, when it was created, when its
 * socket connected and when the response ended (epoch ms); writes them as JSON when n8n exits. A few
 * listeners and Date.now() calls per request.
 *
 * In the bench process, `summarize` reads that file for one node's time window: how many requests the
 * client had in flight on average, and how long a new connection took to be reported as connected (on
 * loopback the kernel connects at once, so this is how long the client's event loop took to get to it).
 */
const fs = require('node:fs');

if (process.env.BENCH_TIMELINE_OUT && require.main !== module) {
	const http = require('node:http');
	/** @type {Array<{ c: number, k?: number, e?: number }>} */
	const rows = [];
	const original = http.request;
	// @ts-ignore: same signature
	http.request = function timedRequest(/** @type {any[]} */ ...args) {
		const request = original.apply(this, /** @type {any} */ (args));
		/** @type {{ c: number, k?: number, e?: number }} */
		const row = { c: Date.now() };
		rows.push(row);
		request.on('socket', (socket) => socket.once('connect', () => (row.k = Date.now())));
		request.on('response', (response) => response.once('end', () => (row.e = Date.now())));
		return request;
	};
	process.on('exit', () => fs.writeFileSync(/** @type {string} */ (process.env.BENCH_TIMELINE_OUT), JSON.stringify(rows)));
}

/**
 * @param {string} file @param {number} from @param {number} to epoch ms: the node's window
 * @returns {{ requests: number, meanInFlight: number, connectMs: number, responseMs: number }}
 */
function summarize(file, from, to) {
	const rows = /** @type {Array<{ c: number, k?: number, e?: number }>} */ (JSON.parse(fs.readFileSync(file, 'utf8'))).filter((r) => r.c >= from && r.c <= to);
	const mean = (/** @type {number[]} */ v) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);
	return {
		requests: rows.length,
		meanInFlight: rows.reduce((sum, r) => sum + (Math.min(r.e ?? to, to) - r.c), 0) / Math.max(1, to - from),
		connectMs: mean(rows.filter((r) => r.k !== undefined).map((r) => /** @type {number} */ (r.k) - r.c)),
		responseMs: mean(rows.filter((r) => r.e !== undefined).map((r) => /** @type {number} */ (r.e) - r.c)),
	};
}

module.exports = { summarize };
