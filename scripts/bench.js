// @ts-check
'use strict';
/**
 * Performance benchmark (`npm run bench`; not part of `npm test`).
 *
 * Everything runs in this one process, against the local vendor simulator (test/support/simulator.js,
 * 127.0.0.1 only), through n8n-core's WorkflowExecute (test/support/harness.js `runNode`). The result
 * is a table of RATIOS measured side by side in the same run; times are only supporting columns.
 *
 * Where the simulator runs:
 *  - Rows 1–3 (overhead, bulk with latency, rate limit): in a worker thread of this process
 *    (scripts/bench/simulator-worker.js, the unchanged VendorSimulator with its own event loop and V8
 *    heap), like a vendor on another machine. On the main thread its work would be serialized with the
 *    client's: every run's time would include it, the in-flight requests of row 2 would be answered in
 *    the same event-loop turns as the client's own work, and in row 1 the HTTP Request node's 1,000
 *    simultaneous connections overflowed its listen queue (about half of them waited ≥ 1 s for a TCP SYN
 *    retransmission). Every contender of a row uses the same simulator setup. "CPU" in these rows is
 *    the client's: this process's user+system time minus the simulator thread's (read by the worker from
 *    /proc/thread-self/schedstat), i.e. the main thread plus V8's and libuv's helper threads; the main
 *    thread alone is read the same way. Request arrival times and TCP connections are counted in the
 *    worker.
 *  - Rows 4–5 (memory, per-item cost by size): on the main thread. RSS is process-wide, so a worker
 *    would not take the simulator out of it; row 4b forces a GC synchronously every 1,000 requests from
 *    the simulator's request event; rows 5b/5c reuse row 4a's 10,000-item run; and rows 5a/5b compare this
 *    node with itself at different sizes, with the simulator's work per request the same in both.
 *
 *  1. Overhead, 1,000 Z-API Get Invite Link items, zero latency: this node (sequential) vs n8n's
 *     HTTP Request node configured as a user would (GET, expression URL from $json.groupId,
 *     Client-Token header, default options) vs a floor of the same requests sent directly with
 *     undici (keep-alive Agent, sequential). Warm-up first, then ROUNDS rounds in rotating order;
 *     medians of wall time and of the client's CPU time (less distorted by other programs on the
 *     machine, and without waits: the HTTP Request node has no sequential mode, it starts every item's
 *     request at once). This node at concurrency 10 is compared too. The number of credential reads
 *     per item is counted as well.
 *  2. Bulk with 50 ms simulated latency at concurrency 1 and 10: elapsed / (items × 50 ms / concurrency),
 *     with the undici floor at concurrency 10 for scale, the share of requests that reached the
 *     simulator less than 0.5 ms after the one before (in-flight requests travelling as one bunch), and
 *     2d: the concurrency-10 run again with each request's latency drawn from 50 ± 10 ms (seeded),
 *     which shows how much of 2b is the bunching that an exactly constant latency keeps up. (Moving the
 *     simulator to its own thread changed 2b little, about 1.30 either way: the bunches leave the client
 *     together; the simulator answers them 50 ms later, together again.)
 *  3. Rate limit: simulator 20 requests per sliding 1 s window, node maxRequestsPerMinute 1200, 200
 *     resets at concurrency 10; request arrival times give the densest 1 s window and the shortest gap.
 *  4. Memory: peak RSS growth per 1,000 items for 10,000 vs 1,000 items (Get, zero latency,
 *     concurrency 10), sampled every 10 ms from a forced GC on; the 10,000-item run again with a
 *     forced GC every 1,000 requests (how much of the peak is garbage V8 had not collected yet); and
 *     the live heap at the end of each run (output held), per 1,000 items.
 *  6. Groups by name (node v1.1): list requests for 1,000 groups, the group picker's search over them
 *     against the same pages fetched directly, By Name for 100 items (scripts/bench/groups.js).
 *  5. Per-item cost of this node at zero latency (concurrency 10) for 100, 1,000 and 10,000 items, as
 *     CPU time with wall time alongside (the 100- and 1,000-item runs right before and after the
 *     10,000-item one), and within the 10,000-item run the last 1,000 requests vs the second 1,000.
 *
 * Instrumentation: the harness's TestCredentialsHelper.getDecrypted is wrapped to count credential reads;
 * /proc/stat and /proc/net/netstat (Linux) give other processes' CPU use and listen-queue overflows.
 *
 * n8n-nodes-base (for the HTTP Request node only) is installed on first run into .bench/nodes-base
 * with `npm install --ignore-scripts --no-save`, version 2.41.1: the n8n-nodes-base of the n8n 2.41.1
 * release, the same release as our n8n-core 2.41.1, and it depends on n8n-workflow 2.41.0 exactly,
 * like us. Only ONE n8n-workflow is used at runtime: a Module._resolveFilename hook resolves every
 * `n8n-workflow` required from inside .bench/nodes-base to the project's node_modules/n8n-workflow
 * (2.41.0), so the copy npm put under .bench is never loaded; the bench checks require.cache and stops
 * if it finds a second copy. Only dist/nodes/HttpRequest/HttpRequest.node.js is required, wrapped in a
 * minimal loader object for the harness's `extraLoaders`. See scripts/bench/http-request-node.js.
 *
 * The table goes to stdout and to .bench/results.md; progress goes to stderr.
 *
 * BENCH_N8N=1 runs the real-n8n mode instead (scripts/bench/real-n8n.js): this node and the HTTP Request
 * node side by side in one `n8n execute` of the n8n 1.123.x that `npm run e2e` installs, rows as ratios,
 * appended to .bench/results-n8n.md; BENCH_N8N_PROFILE=1 adds CPU profiles (scripts/bench/cpuprofile.js).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

const ROOT = path.resolve(__dirname, '..');
const { ensureInstalled, loadHttpRequestNode, n8nWorkflowCopies } = require('./bench/http-request-node');
const { WorkerSimulator, threadCpuMs } = require('./bench/simulator-worker');
const { groupRows } = require('./bench/groups');

/** Overhead rounds (after warm-up); medians are over these. */
const ROUNDS = 5;
const OVERHEAD_ITEMS = 1_000;
const LATENCY_MS = 50;
/** Row 2d: each request's latency uniform in LATENCY_MS ± this (mean unchanged). */
const JITTER_MS = 10;
const BULK_ITEMS_C10 = 1_000;
/** Fewer items at concurrency 1 so the bench stays short (1,000 × 50 ms would be 50 s alone). */
const BULK_ITEMS_C1 = 200;
const RATE_ITEMS = 200;
const RATE_LIMIT = { limit: 20, windowMs: 1_000 };
const RATE_PER_MINUTE = 1_200;
const RATE_CONCURRENCY = 10;
const MEMORY_SMALL = 1_000;
const MEMORY_LARGE = 10_000;
const MEMORY_GC_EVERY = 1_000;
const CONCURRENCY = 10;
const SCALING_SMALL = 100;
const SCALING_SMALL_REPEATS = 5;
/** Ratios up to this count as "flat" (a threshold chosen by this benchmark). */
const FLAT = 1.25;

const log = (/** @type {string} */ line) => process.stderr.write(`[bench] ${line}\n`);

/** A forced GC without needing `node --expose-gc` (npm run bench runs plain `node`). */
function exposeGc() {
	v8.setFlagsFromString('--expose-gc');
	return /** @type {() => void} */ (vm.runInNewContext('gc'));
}

const median = (/** @type {number[]} */ values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const now = () => Number(process.hrtime.bigint()) / 1e6;
/** This process's CPU time (user + system, all threads) in ms. */
const cpuNow = () => {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
};
const fmtRatio = (/** @type {number} */ r) => (r >= 10 ? r.toFixed(1) : r.toFixed(2));
const fmtMs = (/** @type {number} */ ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms).toLocaleString('en-US')} ms`);
const fmtMb = (/** @type {number} */ bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const fmtInt = (/** @type {number} */ n) => n.toLocaleString('en-US');
const fmtPct = (/** @type {number} */ f) => `${Math.round(f * 100)}%`;
const pkgVersion = (/** @type {string} */ name) =>
	JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

/**
 * How busy the machine is with OTHER processes: busy CPU time from /proc/stat minus this process's.
 * Returns a function giving the share of all cores other processes used since the call (Linux only).
 */
function machineLoad() {
	const read = () => {
		try {
			const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
			const [user, nice, system, , , irq, softirq, steal] = fields;
			return ((user + nice + system + irq + softirq + (steal ?? 0)) / 100) * 1000; // USER_HZ 100 → ms
		} catch {
			return undefined;
		}
	};
	const busy0 = read();
	const cpu0 = cpuNow();
	const t0 = now();
	return () => {
		const busy1 = read();
		if (busy0 === undefined || busy1 === undefined) return undefined;
		const others = busy1 - busy0 - (cpuNow() - cpu0);
		return Math.max(0, others / ((now() - t0) * os.cpus().length));
	};
}

/** Linux's count of connections dropped because a listen queue was full (TcpExt ListenOverflows). */
function listenOverflows() {
	try {
		const lines = fs.readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'));
		const names = lines[0].split(/\s+/);
		const values = lines[1].split(/\s+/);
		const at = names.indexOf('ListenOverflows');
		return at > 0 ? Number(values[at]) : undefined;
	} catch {
		return undefined;
	}
}

async function main() {
	const started = now();
	const wholeLoad = machineLoad();
	ensureInstalled(log);
	const gc = exposeGc();
	const http = loadHttpRequestNode();
	const { runNode, loadPackage, TestCredentialsHelper } = require(path.join(ROOT, 'test', 'support', 'harness.js'));
	// Instrumentation only: count how often n8n-core asks the harness's credentials helper to decrypt.
	const credentialReads = { count: 0 };
	const getDecrypted = TestCredentialsHelper.prototype.getDecrypted;
	TestCredentialsHelper.prototype.getDecrypted = function (/** @type {any[]} */ ...args) {
		credentialReads.count++;
		return getDecrypted.apply(this, args);
	};
	const { VendorSimulator } = require(path.join(ROOT, 'test', 'support', 'simulator.js'));
	const undici = require('undici');
	await loadPackage();

	/** Groups 1203630000000000000 + i, as `<digits>@g.us` input items. */
	const groupDigits = (/** @type {number} */ i) => String(1203630000000000000n + BigInt(i));
	const itemsOf = (/** @type {number} */ n) => Array.from({ length: n }, (_, i) => ({ groupId: `${groupDigits(i)}@g.us` }));

	/**
	 * A simulator with `groups` groups, counting TCP connections; `onRequest` is called for each request.
	 * @param {ConstructorParameters<typeof VendorSimulator>[0]} options @param {number} groups
	 */
	async function simulator(options, groups) {
		const sim = new VendorSimulator(options);
		const baseUrl = await sim.start();
		for (let i = 0; i < groups; i++) sim.addGroup(groupDigits(i));
		const env = {
			sim,
			baseUrl,
			credentials: sim.credentials(),
			connections: 0,
			/** @type {(() => void) | undefined} */
			onRequest: undefined,
			clear() {
				sim.reset();
				env.connections = 0;
			},
		};
		sim.server.on('connection', () => env.connections++);
		sim.server.on('request', () => env.onRequest?.());
		return env;
	}
	/** @typedef {Awaited<ReturnType<typeof simulator>>} Env */

	/**
	 * A simulator with `groups` groups on its own thread (scripts/bench/simulator-worker.js). Its methods
	 * are messages, so they are async; connections and arrival times are counted in the worker.
	 * @param {Parameters<typeof WorkerSimulator.start>[0]} options @param {number} groups
	 */
	async function workerSimulator(options, groups) {
		const sim = await WorkerSimulator.start(options);
		await sim.addGroups(Array.from({ length: groups }, (_, i) => groupDigits(i)));
		return {
			sim,
			baseUrl: sim.baseUrl,
			credentials: sim.credentials(),
			/** VendorSimulator.reset() in the worker; `arrivals`: record request arrival times until the next clear. */
			clear: (arrivals = false) => sim.reset({ arrivals }),
		};
	}
	/** @typedef {Awaited<ReturnType<typeof workerSimulator>>} WorkerEnv */
	/** @typedef {Env | WorkerEnv} AnyEnv */

	/** @param {any} result @param {number} n @param {string} label @param {(json: any) => boolean} ok */
	function check(result, n, label, ok) {
		if (result.status !== 'success') throw new Error(`${label}: run ended ${result.status}: ${result.error?.message}`);
		if (result.output.length !== n) throw new Error(`${label}: ${result.output.length} items out, expected ${n}`);
		const bad = result.output.findIndex((/** @type {any} */ item) => !ok(item.json));
		if (bad >= 0) throw new Error(`${label}: item ${bad} is wrong: ${JSON.stringify(result.output[bad].json)}`);
	}
	const nodeOk = (/** @type {any} */ json) => typeof json.inviteLink === 'string' && json.inviteLink.startsWith('https://chat.whatsapp.com/');
	const httpOk = (/** @type {any} */ json) => typeof json.invitationLink === 'string' && json.invitationLink.startsWith('https://chat.whatsapp.com/');

	/**
	 * Runs this node over `items` (Z-API).
	 * @param {AnyEnv} env @param {Array<Record<string, unknown>>} items @param {Record<string, unknown>} options
	 * @param {'getInviteLink' | 'resetInviteLink'} [operation] @param {any} [extra]
	 */
	const runOurs = (env, items, options, operation = 'getInviteLink', extra = {}) =>
		runNode({
			parameters: { provider: 'zApi', operation, groupId: '={{ $json.groupId }}', options },
			credentials: env.credentials,
			items,
			...extra,
		});

	/** The HTTP Request node as a user would set it up for Z-API's "get group invitation link". */
	const httpNodeFor = (/** @type {AnyEnv} */ env) => {
		const z = env.credentials.groupInviteZApi;
		return {
			id: 'http-1',
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: http.typeVersion,
			position: [0, 0],
			parameters: {
				method: 'GET',
				url: `=${env.baseUrl}/instances/${z.instanceId}/token/${z.instanceToken}/group-invitation-link/{{ $json.groupId.split('@')[0] }}-group`,
				sendHeaders: true,
				specifyHeaders: 'keypair',
				headerParameters: { parameters: [{ name: 'Client-Token', value: z.clientToken }] },
				options: {},
			},
		};
	};
	const runHttp = (/** @type {AnyEnv} */ env, /** @type {any[]} */ items) =>
		runNode({ node: httpNodeFor(env), credentials: {}, items, extraLoaders: [http.loader] });

	/** The floor: the same requests sent directly with undici over a keep-alive Agent, `parallel` at a time. */
	const runUndici = async (/** @type {AnyEnv} */ env, /** @type {any[]} */ items, /** @type {any} */ agent, parallel = 1) => {
		const z = env.credentials.groupInviteZApi;
		const root = `${env.baseUrl}/instances/${z.instanceId}/token/${z.instanceToken}/group-invitation-link/`;
		/** @type {any[]} */
		const output = new Array(items.length);
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const index = next++;
				const { statusCode, body } = await undici.request(`${root}${items[index].groupId.split('@')[0]}-group`, {
					method: 'GET',
					headers: { 'client-token': z.clientToken, accept: 'application/json' },
					dispatcher: agent,
				});
				const json = await body.json();
				if (statusCode !== 200) throw new Error(`undici floor: HTTP ${statusCode}`);
				output[index] = { json };
			}
		};
		await Promise.all(Array.from({ length: parallel }, worker));
		return { status: 'success', output };
	};

	/**
	 * Times one run (wall and this process's CPU). No forced GC first: after one, V8 starts again from a
	 * small young generation and the first few hundred items of the next run pay for regrowing it.
	 * @param {() => Promise<any>} fn
	 */
	const timed = async (fn) => {
		const t0 = now();
		const c0 = cpuNow();
		const result = await fn();
		return { ms: now() - t0, cpu: cpuNow() - c0, result };
	};
	/**
	 * Times one run against a worker-hosted simulator: wall time; this process's CPU; the simulator
	 * thread's CPU and the rest ("client": the main thread, V8's helper threads, libuv's pool); the main
	 * thread's CPU alone; and the simulator's counters after the run.
	 * @param {WorkerEnv} env @param {() => Promise<any>} fn
	 */
	const timedWorker = async (env, fn) => {
		const sim0 = await env.sim.cpu();
		const main0 = threadCpuMs();
		const t0 = now();
		const c0 = cpuNow();
		const result = await fn();
		const ms = now() - t0;
		const cpuMs = cpuNow() - c0;
		const main1 = threadCpuMs();
		const snap = await env.sim.snapshot();
		// Off Linux the threads' CPU is unknown: NaN shows as "n/a" rather than as a wrong number.
		const simCpu = sim0 === undefined || snap.cpuMs === undefined ? NaN : snap.cpuMs - sim0;
		const main = main0 === undefined || main1 === undefined ? NaN : main1 - main0;
		return { ms, cpu: cpuMs, simCpu, client: cpuMs - simCpu, main, snap, result };
	};

	const copies = n8nWorkflowCopies();
	if (copies.length !== 1) throw new Error(`More than one n8n-workflow loaded: ${JSON.stringify(copies)}`);

	// ------------------------------------------------------------------ warm-up of this node only
	const zero = await simulator({}, MEMORY_LARGE);
	const agent = new undici.Agent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000 });
	log('warm-up (this node)');
	for (let i = 0; i < 3; i++) {
		const warm = itemsOf(200);
		check(await runOurs(zero, warm, {}), 200, 'warm-up node', nodeOk);
		check(await runOurs(zero, warm, { concurrency: CONCURRENCY }), 200, 'warm-up node c10', nodeOk);
	}

	// ------------------------------------------------------------------ 4. memory (first: least history)
	/** Lets n8n-core release the previous run (it does so on a later tick), then collects. */
	const settle = async () => {
		await new Promise((resolve) => setTimeout(resolve, 20));
		gc();
		gc();
	};
	/**
	 * One memory run of this node over n items at concurrency 10.
	 * @param {number} n @param {boolean} gcEvery whether to force a GC every MEMORY_GC_EVERY requests
	 */
	async function memoryRun(n, gcEvery, arrivals = /** @type {number[] | undefined} */ (undefined)) {
		const items = itemsOf(n);
		zero.clear();
		await settle();
		const base = process.memoryUsage();
		let peakRss = base.rss;
		let peakHeap = base.heapUsed;
		const sample = () => {
			const m = process.memoryUsage();
			if (m.rss > peakRss) peakRss = m.rss;
			if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
		};
		let served = 0;
		/** @type {ReturnType<typeof setInterval> | undefined} */
		let sampler;
		if (gcEvery) {
			zero.onRequest = () => {
				if (++served % MEMORY_GC_EVERY === 0) {
					gc();
					sample();
				}
			};
		} else {
			sampler = setInterval(sample, 10);
			if (arrivals) zero.onRequest = () => arrivals.push(now());
		}
		const t0 = now();
		const c0 = cpuNow();
		/** @type {any} */
		let result = await runOurs(zero, items, { concurrency: CONCURRENCY });
		const ms = now() - t0;
		const cpuMs = cpuNow() - c0;
		if (sampler) clearInterval(sampler);
		zero.onRequest = undefined;
		sample();
		check(result, n, `memory ${n}`, nodeOk);
		const json = Buffer.byteLength(JSON.stringify(result.output.map((/** @type {any} */ i) => i.json)));
		await settle();
		const withLog = process.memoryUsage().heapUsed;
		zero.clear(); // the simulator's request log is not the node's
		await settle();
		const live = process.memoryUsage().heapUsed;
		result = undefined;
		await settle();
		return { n, ms, cpu: cpuMs, rssGrowth: peakRss - base.rss, heapGrowth: peakHeap - base.heapUsed, live: live - base.heapUsed, simLog: withLog - live, json };
	}
	log(`memory: ${fmtInt(MEMORY_SMALL)} items, concurrency ${CONCURRENCY}`);
	const memSmall = await memoryRun(MEMORY_SMALL, false);

	// 5. Per-item cost: 100- and 1,000-item runs right before and after the 10,000-item memory run
	// (A B C B A), so a change in machine load during the bench affects every size alike.
	/** @type {Record<number, Array<{ ms: number, cpu: number }>>} */
	const scaling = { [SCALING_SMALL]: [], [OVERHEAD_ITEMS]: [] };
	const scalingRuns = async () => {
		for (const n of [SCALING_SMALL, OVERHEAD_ITEMS]) {
			const repeats = n === SCALING_SMALL ? SCALING_SMALL_REPEATS : 1;
			for (let i = 0; i < repeats; i++) {
				zero.clear();
				const { ms, cpu: cpuMs, result } = await timed(() => runOurs(zero, itemsOf(n), { concurrency: CONCURRENCY }));
				check(result, n, `scaling ${n}`, nodeOk);
				scaling[n].push({ ms, cpu: cpuMs });
			}
		}
	};
	log(`per-item cost: ${SCALING_SMALL} items × ${SCALING_SMALL_REPEATS} and ${fmtInt(OVERHEAD_ITEMS)} items, before the ${fmtInt(MEMORY_LARGE)}-item run`);
	await scalingRuns();
	/** @type {number[]} */
	const largeArrivals = [];
	log(`memory and per-item cost: ${fmtInt(MEMORY_LARGE)} items`);
	const memLarge = await memoryRun(MEMORY_LARGE, false, largeArrivals);
	log('per-item cost: the same runs after it');
	await scalingRuns();
	const perRun = (/** @type {number} */ n, /** @type {'ms' | 'cpu'} */ key) => median(scaling[n].map((r) => r[key])) / n;
	/** Per-item CPU time (less sensitive to other programs) and wall time, ms. */
	const perItem = {
		small: perRun(SCALING_SMALL, 'cpu'),
		mid: perRun(OVERHEAD_ITEMS, 'cpu'),
		large: memLarge.cpu / MEMORY_LARGE,
		wallSmall: perRun(SCALING_SMALL, 'ms'),
		wallMid: perRun(OVERHEAD_ITEMS, 'ms'),
		wallLarge: memLarge.ms / MEMORY_LARGE,
	};
	// Within the 10,000-item run: the last 1,000 requests vs the second 1,000 (the first 1,000 run while
	// V8 regrows its young generation after the forced GC that precedes a memory run).
	const span = (/** @type {number} */ from, /** @type {number} */ to) => largeArrivals[to] - largeArrivals[from];
	const lastVsSecond = span(MEMORY_LARGE - 1_000, MEMORY_LARGE - 1) / span(1_000, 1_999);
	log(`memory: ${fmtInt(MEMORY_LARGE)} items with a forced GC every ${fmtInt(MEMORY_GC_EVERY)} requests`);
	const memLargeGc = await memoryRun(MEMORY_LARGE, true);

	// The in-process simulator was only for the memory and per-item rows above (see the header).
	await zero.sim.stop();

	// ------------------------------------------------------------------ warm-up of every contender
	// Rows 1–3 use simulators on their own thread (scripts/bench/simulator-worker.js).
	const fast = await workerSimulator({}, OVERHEAD_ITEMS);
	log('warm-up (all contenders; simulator in a worker thread from here on)');
	for (let i = 0; i < 2; i++) {
		const warm = itemsOf(300);
		check(await runOurs(fast, warm, {}), 300, 'warm-up node', nodeOk);
		check(await runOurs(fast, warm, { concurrency: CONCURRENCY }), 300, 'warm-up node c10', nodeOk);
		check(await runHttp(fast, warm), 300, 'warm-up HTTP Request', httpOk);
		check(await runUndici(fast, warm, agent), 300, 'warm-up undici', httpOk);
	}

	// ------------------------------------------------------------------ 1. overhead, rounds
	const overheadItems = itemsOf(OVERHEAD_ITEMS);
	/** @type {Record<string, { run: () => Promise<any>, ok: (json: any) => boolean }>} */
	const contenders = {
		node: { run: () => runOurs(fast, overheadItems, {}), ok: nodeOk },
		http: { run: () => runHttp(fast, overheadItems), ok: httpOk },
		undici: { run: () => runUndici(fast, overheadItems, agent), ok: httpOk },
		nodeC10: { run: () => runOurs(fast, overheadItems, { concurrency: CONCURRENCY }), ok: nodeOk },
	};
	const names = Object.keys(contenders);
	const perName = () => /** @type {Record<string, number[]>} */ (Object.fromEntries(names.map((n) => [n, []])));
	const wall = perName();
	/** CPU of the whole process (simulator thread included). */
	const cpu = perName();
	/** CPU of the process outside the simulator's thread: the client's. */
	const clientCpu = perName();
	/** CPU of the simulator's thread. */
	const simCpu = perName();
	/** @type {Record<string, number>} */
	const connections = {};
	/** @type {Record<string, number>} */
	const overflows = Object.fromEntries(names.map((n) => [n, 0]));
	/** @type {Record<string, number>} */
	const reads = {};
	const overheadLoad = machineLoad();
	for (let round = 0; round < ROUNDS; round++) {
		log(`overhead round ${round + 1}/${ROUNDS}`);
		const order = names.map((_, i) => names[(i + round) % names.length]);
		for (const name of order) {
			await fast.clear();
			const overflow0 = listenOverflows();
			credentialReads.count = 0;
			const run = await timedWorker(fast, contenders[name].run);
			const overflow1 = listenOverflows();
			if (overflow0 !== undefined && overflow1 !== undefined) overflows[name] += overflow1 - overflow0;
			reads[name] = credentialReads.count;
			check(run.result, OVERHEAD_ITEMS, name, contenders[name].ok);
			const served = await fast.sim.count('zApi', 'get');
			if (served !== OVERHEAD_ITEMS) throw new Error(`${name}: ${served} requests`);
			wall[name].push(run.ms);
			cpu[name].push(run.cpu);
			clientCpu[name].push(run.client);
			simCpu[name].push(run.simCpu);
			connections[name] = run.snap.connections;
		}
	}
	const othersDuringOverhead = overheadLoad();
	await fast.sim.stop();
	const medOf = (/** @type {Record<string, number[]>} */ m) => Object.fromEntries(names.map((n) => [n, median(m[n])]));
	const medWall = medOf(wall);
	const medCpu = medOf(cpu);
	const medClient = medOf(clientCpu);
	const medSim = medOf(simCpu);
	const perRound = (/** @type {Record<string, number[]>} */ m, /** @type {string} */ a, /** @type {string} */ b) => m[a].map((t, i) => t / m[b][i]);
	const spread = (/** @type {number[]} */ rs) => `${fmtRatio(Math.min(...rs))}–${fmtRatio(Math.max(...rs))}`;

	// ------------------------------------------------------------------ 2. bulk with latency
	const slow = await workerSimulator({ latencyMs: LATENCY_MS }, BULK_ITEMS_C10);
	const jittery = await workerSimulator({ latencyMs: LATENCY_MS, latencyJitterMs: JITTER_MS }, BULK_ITEMS_C10);
	/**
	 * @typedef {{ label: string, concurrency: number, items: number, ms: number, cpu: number, client: number,
	 *   simCpu: number, main: number, bunched: number, ideal: number, others: number | undefined }} BulkRun
	 */
	/** @type {BulkRun[]} */
	const bulk = [];
	/** @type {Array<[string, WorkerEnv, number, number, () => Promise<any>, (json: any) => boolean]>} */
	const bulkRuns = [
		['node', slow, 1, BULK_ITEMS_C1, () => runOurs(slow, itemsOf(BULK_ITEMS_C1), { concurrency: 1 }), nodeOk],
		['node', slow, CONCURRENCY, BULK_ITEMS_C10, () => runOurs(slow, itemsOf(BULK_ITEMS_C10), { concurrency: CONCURRENCY }), nodeOk],
		['undici', slow, CONCURRENCY, BULK_ITEMS_C10, () => runUndici(slow, itemsOf(BULK_ITEMS_C10), agent, CONCURRENCY), httpOk],
		['node, jittered latency', jittery, CONCURRENCY, BULK_ITEMS_C10, () => runOurs(jittery, itemsOf(BULK_ITEMS_C10), { concurrency: CONCURRENCY }), nodeOk],
	];
	for (const [label, env, concurrency, n, run, ok] of bulkRuns) {
		log(`bulk: ${label}, ${fmtInt(n)} items, ${LATENCY_MS} ms latency, concurrency ${concurrency}`);
		await env.clear(true);
		const load = machineLoad();
		const timing = await timedWorker(env, run);
		check(timing.result, n, `bulk ${label} c${concurrency}`, ok);
		const arrivals = timing.snap.arrivals;
		bulk.push({
			label,
			concurrency,
			items: n,
			ms: timing.ms,
			cpu: timing.cpu,
			client: timing.client,
			simCpu: timing.simCpu,
			main: timing.main,
			/** Share of requests that reached the simulator less than 0.5 ms after the one before. */
			bunched: arrivals.slice(1).filter((t, i) => t - arrivals[i] < 0.5).length / Math.max(1, arrivals.length - 1),
			ideal: (n * LATENCY_MS) / concurrency,
			others: load(),
		});
	}
	await slow.sim.stop();
	await jittery.sim.stop();

	// ------------------------------------------------------------------ 3. rate limit
	const limited = await workerSimulator({ rateLimit: RATE_LIMIT }, RATE_ITEMS);
	/** @param {number} perMinute */
	async function rateRun(perMinute) {
		log(`rate limit: ${RATE_ITEMS} resets, ${perMinute}/min, concurrency ${RATE_CONCURRENCY}`);
		await limited.clear(true);
		const load = machineLoad();
		const { ms, result, snap } = await timedWorker(limited, () =>
			runOurs(limited, itemsOf(RATE_ITEMS), { maxRequestsPerMinute: perMinute, concurrency: RATE_CONCURRENCY }, 'resetInviteLink', {
				onError: 'continueRegularOutput',
			}),
		);
		const others = load();
		const { arrivals } = snap;
		if (result.status !== 'success' || result.output.length !== RATE_ITEMS) throw new Error(`rate limit run ended ${result.status}`);
		const out = result.output.map((/** @type {any} */ i) => i.json);
		const errors = out.filter((/** @type {any} */ j) => j.error !== undefined);
		let maxInWindow = 0;
		for (let i = 0, j = 0; i < arrivals.length; i++) {
			while (arrivals[i] - arrivals[j] >= RATE_LIMIT.windowMs) j++;
			maxInWindow = Math.max(maxInWindow, i - j + 1);
		}
		const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]);
		return {
			perMinute,
			ms,
			others,
			in429: errors.filter((/** @type {any} */ j) => /\b429\b/.test(String(j.error))).length,
			errors: errors.length,
			ok: out.filter((/** @type {any} */ j) => j.error === undefined && nodeOk(j)).length,
			sent429: snap.rateLimited,
			requests: await limited.sim.count('zApi', 'reset'),
			maxInWindow,
			minGap: Math.min(...gaps),
			/** Gaps under 90% of the vendor's spacing (limit per window). */
			shortGaps: gaps.filter((g) => g < (RATE_LIMIT.windowMs / RATE_LIMIT.limit) * 0.9).length,
		};
	}
	const rate = await rateRun(RATE_PER_MINUTE);
	const rateIdeal = (RATE_ITEMS / RATE_LIMIT.limit) * RATE_LIMIT.windowMs;
	await limited.sim.stop();

	await agent.close();
	const copiesAfter = n8nWorkflowCopies();
	if (copiesAfter.length !== 1) throw new Error(`More than one n8n-workflow loaded: ${JSON.stringify(copiesAfter)}`);

	// ------------------------------------------------------------------ 6. groups by name (node v1.1)
	const groups = await groupRows({ fmtRatio, fmtMs, log });

	// ------------------------------------------------------------------ table
	/** @param {boolean} ok */
	const verdict = (ok) => (ok ? 'met' : '**NOT met**');
	const per1k = (/** @type {number} */ bytes, /** @type {number} */ n) => (bytes / n) * 1000;
	const memRatio = (/** @type {any} */ large, /** @type {any} */ smallRun, /** @type {string} */ key) =>
		per1k(large[key], large.n) / per1k(smallRun[key], smallRun.n);
	/** @type {number | undefined} Undefined when the small run grew RSS by less than 1 MB (a ratio over that means nothing). */
	const rssRatio = memSmall.rssGrowth < 1024 * 1024 ? undefined : memRatio(memLarge, memSmall, 'rssGrowth');
	const liveRatio = memRatio(memLarge, memSmall, 'live');
	const wallNodeHttp = medWall.node / medWall.http;
	const cpuNodeHttp = medClient.node / medClient.http;
	const wallC10Http = medWall.nodeC10 / medWall.http;
	const cpuC10Http = medClient.nodeC10 / medClient.http;
	const [bulk1, bulk10, bulkFloor, bulkJitter] = bulk;
	const perItemMs = (/** @type {number} */ ms, /** @type {number} */ n) => (Number.isNaN(ms) ? 'n/a' : (ms / n).toFixed(2));
	/** CPU per item of a bulk run: the client's (main thread alone in brackets) and the simulator thread's. */
	const bulkCpu = (/** @type {BulkRun} */ b) =>
		`CPU/item: client ${perItemMs(b.client, b.items)} ms (main thread ${perItemMs(b.main, b.items)} ms), simulator ${perItemMs(b.simCpu, b.items)} ms`;
	const bunchedText = (/** @type {BulkRun} */ b) => `${fmtPct(b.bunched)} of requests reached the simulator < 0.5 ms after the one before`;
	const scale1 = perItem.mid / perItem.small;
	const scale2 = perItem.large / perItem.mid;
	const overflowText =
		listenOverflows() === undefined
			? ''
			: `; listen-queue overflows per run ${fmtInt(overflows.node / ROUNDS)} vs ${fmtInt(overflows.http / ROUNDS)} (connections that waited for a TCP SYN retransmission, ≥ 1 s)`;
	const others = (/** @type {number | undefined} */ f) => (f === undefined ? '' : `; other processes used ${fmtPct(f)} of the machine's CPU meanwhile`);
	const memText = (/** @type {any} */ m) => `${fmtInt(m.n)}: ${fmtMb(m.rssGrowth)} (${fmtMb(per1k(m.rssGrowth, m.n))}/1k)`;

	const rows = [
		['1a', `Overhead, ${fmtInt(OVERHEAD_ITEMS)} Gets, 0 ms, wall time: **this node (sequential) / HTTP Request node**`, fmtRatio(wallNodeHttp), '≤ 1.00', verdict(wallNodeHttp <= 1),
			`medians ${fmtMs(medWall.node)} vs ${fmtMs(medWall.http)}; per round ${spread(perRound(wall, 'node', 'http'))}; client CPU/wall ${fmtPct(medClient.node / medWall.node)} vs ${fmtPct(medClient.http / medWall.http)}${overflowText}${others(othersDuringOverhead)}`],
		['1b', "Overhead, CPU time of this process outside the simulator's thread: **this node (sequential) / HTTP Request node**", fmtRatio(cpuNodeHttp), '≤ 1.00', verdict(cpuNodeHttp <= 1),
			`medians ${fmtMs(medClient.node)} vs ${fmtMs(medClient.http)} CPU; per round ${spread(perRound(clientCpu, 'node', 'http'))}; whole process (simulator thread included) ${fmtMs(medCpu.node)} vs ${fmtMs(medCpu.http)} = ${fmtRatio(medCpu.node / medCpu.http)}; simulator thread ${fmtMs(medSim.node)} vs ${fmtMs(medSim.http)} for the same 1,000 requests`],
		['1c', 'Overhead: this node (sequential) / undici floor', fmtRatio(medWall.node / medWall.undici), '—', 'info',
			`wall; client CPU ratio ${fmtRatio(medClient.node / medClient.undici)}; floor ${fmtMs(medWall.undici)} (${(medWall.undici / OVERHEAD_ITEMS).toFixed(2)} ms/request, reusing keep-alive connections: ${fmtInt(connections.undici)} new per run; this node ${fmtInt(connections.node)} new connections per run: n8n-core opens one per request)`],
		['1d', 'Overhead: HTTP Request node / undici floor', fmtRatio(medWall.http / medWall.undici), '—', 'info',
			`wall; client CPU ratio ${fmtRatio(medClient.http / medClient.undici)}; the HTTP Request node starts all ${fmtInt(OVERHEAD_ITEMS)} requests at once (it has no sequential mode), ${fmtInt(connections.http)} connections`],
		['1e', `Overhead: this node at concurrency ${CONCURRENCY} / HTTP Request node`, fmtRatio(wallC10Http), '≤ 1.00', verdict(wallC10Http <= 1),
			`wall; client CPU ratio ${fmtRatio(cpuC10Http)}; median ${fmtMs(medWall.nodeC10)}; per round ${spread(perRound(wall, 'nodeC10', 'http'))}`],
		['1f', 'Credential reads per item (this node, sequential run)', fmtRatio(reads.node / OVERHEAD_ITEMS), '—', 'info',
			`${fmtInt(reads.node)} credentialsHelper.getDecrypted calls for ${fmtInt(OVERHEAD_ITEMS)} items${reads.node > 1 ? `: the node reads the credential once per run; the other ${fmtInt(reads.node - 1)} are n8n-core's httpRequestWithAuthentication reading it again` : ': the node reads the credential once per run and hands the decrypted data to each request'} (HTTP Request node with typed-in headers: ${fmtInt(reads.http)})`],
		['2a', `Bulk, ${LATENCY_MS} ms latency, concurrency 1: elapsed / ideal (**${fmtInt(bulk1.items)} items**, not 1,000, to keep the bench short)`, fmtRatio(bulk1.ms / bulk1.ideal), '—', 'info',
			`${fmtMs(bulk1.ms)} vs ideal ${fmtMs(bulk1.ideal)}; ${bulkCpu(bulk1)}${others(bulk1.others)}`],
		['2b', `Bulk, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY}: elapsed / ideal (${fmtInt(bulk10.items)} items)`, fmtRatio(bulk10.ms / bulk10.ideal), '≤ 1.15', verdict(bulk10.ms / bulk10.ideal <= 1.15),
			`${fmtMs(bulk10.ms)} vs ideal ${fmtMs(bulk10.ideal)}; ${bulkCpu(bulk10)}; ${bunchedText(bulk10)}: the ${CONCURRENCY} requests in flight travel as one bunch and, with a latency of exactly ${LATENCY_MS} ms, are answered as one, so each cycle also waits for the main thread's work on all ${CONCURRENCY} answers: 1 + ${CONCURRENCY} × main-thread CPU/item / ${LATENCY_MS} ms = ${Number.isNaN(bulk10.main) ? 'n/a' : fmtRatio(1 + (CONCURRENCY * bulk10.main) / bulk10.items / LATENCY_MS)} (with varied latency: row 2d)${others(bulk10.others)}`],
		['2c', `Bulk, same, undici floor at concurrency ${CONCURRENCY}: elapsed / ideal`, fmtRatio(bulkFloor.ms / bulkFloor.ideal), '—', 'info',
			`${fmtMs(bulkFloor.ms)}; ${bulkCpu(bulkFloor)}; ${bunchedText(bulkFloor)}; this node / floor = ${fmtRatio(bulk10.ms / bulkFloor.ms)}${others(bulkFloor.others)}`],
		['2d', `Bulk, concurrency ${CONCURRENCY}, latency **${LATENCY_MS} ± ${JITTER_MS} ms** (uniform, seeded; mean ${LATENCY_MS} ms): elapsed / ideal (${fmtInt(bulkJitter.items)} items)`, fmtRatio(bulkJitter.ms / bulkJitter.ideal), '—', 'info',
			`${fmtMs(bulkJitter.ms)} vs ideal ${fmtMs(bulkJitter.ideal)} (items × mean latency / concurrency); ${bulkCpu(bulkJitter)}; ${bunchedText(bulkJitter)}: 2b's run against a vendor whose answer times vary, which breaks the bunches up${others(bulkJitter.others)}`],
		['3a', `Rate limit (simulator ${RATE_LIMIT.limit} per ${RATE_LIMIT.windowMs / 1000} s sliding window, node ${fmtInt(RATE_PER_MINUTE)}/min, concurrency ${RATE_CONCURRENCY}, ${RATE_ITEMS} resets): 429s that reached the output`, String(rate.in429), '= 0', verdict(rate.in429 === 0),
			`${rate.ok}/${RATE_ITEMS} items with a new link, ${rate.errors} error items`],
		['3b', 'Rate limit: 429s the simulator sent', String(rate.sent429), '—', 'info',
			`${rate.requests} reset requests for ${RATE_ITEMS} items; max ${rate.maxInWindow} arrivals in a 1 s window; ${rate.shortGaps} gaps < 90% of the vendor's ${RATE_LIMIT.windowMs / RATE_LIMIT.limit} ms spacing, shortest ${rate.minGap.toFixed(1)} ms`],
		['3c', `Rate limit: elapsed / ideal (${RATE_ITEMS} / ${RATE_LIMIT.limit} per s = ${rateIdeal / 1000} s)`, fmtRatio(rate.ms / rateIdeal), '≤ 1.10', verdict(rate.ms / rateIdeal <= 1.1),
			`${fmtMs(rate.ms)} vs ideal ${fmtMs(rateIdeal)}${others(rate.others)}`],
		['4a', `Memory, **peak RSS growth per 1,000 items: ${fmtInt(MEMORY_LARGE)} items / ${fmtInt(MEMORY_SMALL)} items** (Get, 0 ms, concurrency ${CONCURRENCY}, 10 ms sampling)`, rssRatio === undefined ? 'n/a' : fmtRatio(rssRatio), `≤ ${FLAT} (flat)`, rssRatio === undefined ? `n/a: the ${fmtInt(MEMORY_SMALL)}-item run fit in memory the process already held` : verdict(rssRatio <= FLAT),
			`${memText(memLarge)}; ${memText(memSmall)}; peak heap growth/1k ${fmtMb(per1k(memLarge.heapGrowth, memLarge.n))} vs ${fmtMb(per1k(memSmall.heapGrowth, memSmall.n))}`],
		['4b', `Memory, ${fmtInt(MEMORY_LARGE)} items: peak RSS growth with a forced GC every ${fmtInt(MEMORY_GC_EVERY)} requests / without (row 4a)`, fmtRatio(memLargeGc.rssGrowth / memLarge.rssGrowth), '—', 'info',
			`${fmtMb(memLargeGc.rssGrowth)} (${fmtMb(per1k(memLargeGc.rssGrowth, memLargeGc.n))}/1k) vs ${fmtMb(memLarge.rssGrowth)}: the rest of 4a is garbage V8 had not collected yet`],
		['4c', `Memory, **live heap at the end of the run (output held, after GC) per 1,000 items: ${fmtInt(MEMORY_LARGE)} / ${fmtInt(MEMORY_SMALL)}**`, fmtRatio(liveRatio), `≤ ${FLAT} (flat)`, verdict(liveRatio <= FLAT),
			`${fmtMb(per1k(memLarge.live, memLarge.n))}/1k vs ${fmtMb(per1k(memSmall.live, memSmall.n))}/1k (input items, output items, the run n8n keeps and the harness's serialized copy); output JSON alone ${fmtMb(per1k(memLarge.json, memLarge.n))}/1k; the simulator's request log (excluded here, included in 4a/4b) ${fmtMb(per1k(memLarge.simLog, memLarge.n))}/1k`],
		['5a', `Per-item CPU time, 0 ms, concurrency ${CONCURRENCY}: 1,000 items / 100 items`, fmtRatio(scale1), `≤ ${FLAT} (flat)`, verdict(scale1 <= FLAT),
			`${perItem.mid.toFixed(2)} vs ${perItem.small.toFixed(2)} ms CPU/item (medians of 2 and ${2 * SCALING_SMALL_REPEATS} runs, half before and half after the 10,000-item run); wall ratio ${fmtRatio(perItem.wallMid / perItem.wallSmall)} (${perItem.wallMid.toFixed(2)} vs ${perItem.wallSmall.toFixed(2)} ms/item)`],
		['5b', `Per-item CPU time, 0 ms, concurrency ${CONCURRENCY}: 10,000 items / 1,000 items`, fmtRatio(scale2), `≤ ${FLAT} (flat)`, verdict(scale2 <= FLAT),
			`${perItem.large.toFixed(2)} vs ${perItem.mid.toFixed(2)} ms CPU/item (10,000: the run of row 4a, which starts after a forced GC); wall ratio ${fmtRatio(perItem.wallLarge / perItem.wallMid)} (${perItem.wallLarge.toFixed(2)} vs ${perItem.wallMid.toFixed(2)} ms/item, ${fmtMs(memLarge.ms)} in all)`],
		['5c', 'Within the 10,000-item run: time for the last 1,000 requests / the second 1,000', fmtRatio(lastVsSecond), `≤ ${FLAT} (flat)`, verdict(lastVsSecond <= FLAT),
			`${fmtMs(span(MEMORY_LARGE - 1_000, MEMORY_LARGE - 1))} vs ${fmtMs(span(1_000, 1_999))} (request arrival times at the simulator; first 1,000: ${fmtMs(span(0, 999))}, slower while V8 regrows its young generation after the forced GC before a memory run); anything O(n²) per run would show here`],
		...groups,
	];

	const cpus = os.cpus();
	const whole = wholeLoad();
	const lines = [
		`## Benchmark — n8n-nodes-whatsapp-group-invite`,
		'',
		`${new Date().toISOString()} · Node ${process.version} · ${cpus.length} × ${cpus[0]?.model ?? 'CPU'} · n8n-core ${pkgVersion('n8n-core')} · n8n-workflow ${copies.map((c) => `${c.version} (${c.path}, the only copy loaded)`).join(', ')} · n8n-nodes-base ${http.version}, HTTP Request node v${http.typeVersion} (from .bench/nodes-base) · undici ${pkgVersion('undici')} · simulator on 127.0.0.1${whole === undefined ? '' : ` · other processes used ${fmtPct(whole)} of the machine's CPU during the bench`}`,
		'',
		'| # | Measurement | Ratio | Goal | Result | Supporting numbers |',
		'|---|---|---:|---|---|---|',
		...rows.map((r) => `| ${r.join(' | ')} |`),
		'',
		`Notes: ratios are measured side by side in this one process. Rows 1–3 use a simulator running in a worker thread of this process (scripts/bench/simulator-worker.js: the unchanged VendorSimulator with its own event loop and V8 heap; this machine has ${cpus.length} cores), the same kind of simulator for every contender of a row, so its work no longer waits for the client's nor the client's for its (with the simulator on the client's thread, the HTTP Request node's 1,000 simultaneous connections overflowed its listen queue); "CPU" there is this process's user+system time minus the simulator thread's (/proc/thread-self/schedstat): the client's main thread plus V8's and libuv's helper threads; "main thread" is that thread alone. Rows 4–5 use a simulator on the main thread (RSS is process-wide anyway, 4b forces a GC synchronously from the simulator's request event, 5b/5c reuse 4a's run), so their times and CPU include the simulator's work, alike for every size. Overhead rows are medians of ${ROUNDS} rounds after warm-up (order rotated each round); CPU time is distorted less than wall time by other programs on the machine (not entirely: they share the cores and caches). All node runs go through n8n-core's WorkflowExecute via test/support/harness.js, whose runNode also serializes each run once (in this node's and the HTTP Request node's times alike). Memory rows ran first, right after a warm-up of this node alone; 4a/4b include the simulator's request log. Goals marked (flat) use a ${FLAT} threshold chosen by the benchmark. Whole bench ${fmtMs(now() - started)} (without npm run build).`,
		'',
	];
	const markdown = lines.join('\n');
	process.stdout.write(`${markdown}\n`);
	fs.mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
	// .bench/results.md (committed: the record of the latest runs) starts with this mode's table; the
	// real-n8n tables after it (BENCH_N8N=1 appends them) are kept.
	const resultsFile = path.join(ROOT, '.bench', 'results.md');
	const previous = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '';
	const realN8n = previous.indexOf('\n## Real n8n benchmark');
	fs.writeFileSync(resultsFile, `${markdown}\n${realN8n >= 0 ? previous.slice(realN8n) : ''}`);
	log('written .bench/results.md (its real-n8n tables kept)');
}

// BENCH_N8N=1: the same kind of table, measured in a real n8n (scripts/bench/real-n8n.js).
(process.env.BENCH_N8N === '1' ? require('./bench/real-n8n').main() : main()).then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`[bench] failed: ${error?.stack ?? error}\n`);
		process.exit(1);
	},
);
