// @ts-check
'use strict';
/**
 * The vendor simulator (test/support/simulator.js, unchanged) on its own thread, for the benchmark.
 *
 * Why: in the benchmark's process the simulator otherwise shares the one JavaScript thread with
 * n8n-core and the node. Every request it parses, logs and answers then waits for the client's work
 * and the client's work waits for it; with a fixed simulated latency the parallel requests also stay
 * in lockstep (they are answered together, so the next ones are sent together). A real vendor runs
 * elsewhere. Here the simulator runs in a `worker_threads` Worker: the same process (so still only
 * 127.0.0.1 traffic and a process-wide RSS), but its own thread, event loop and V8 heap, on another core
 * when the machine has one.
 *
 * This file is both halves:
 *  - in the main thread it exports `WorkerSimulator`, a proxy whose methods post messages to the
 *    worker and resolve with its answers (every method is async, unlike VendorSimulator's);
 *  - in the worker it creates one VendorSimulator from `workerData.options`, listens on 127.0.0.1 and
 *    answers those messages.
 *
 * One option VendorSimulator does not have: `latencyJitterMs` draws each request's latency uniformly
 * from latencyMs ± latencyJitterMs (a seeded generator; the instance's handle() is wrapped, the class is
 * untouched), for the benchmark's one row that shows what varied latency does.
 *
 * Besides what VendorSimulator offers (count, rateLimited, reset, credentials, secrets, addGroup), the
 * worker counts TCP connections, records each request's arrival time when asked to (on the
 * simulator's 'request' event, as `performance.timeOrigin + performance.now()` in ms: only
 * differences between arrivals are used), and reports its own thread's CPU time from
 * /proc/thread-self/schedstat (Linux, nanoseconds), so the benchmark can subtract the simulator's CPU
 * from the process's and show the client's alone.
 */
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');

const ROOT = path.resolve(__dirname, '..', '..');

/** This thread's CPU time in ms (Linux), or undefined. */
function threadCpuMs() {
	try {
		return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
	} catch {
		return undefined;
	}
}

if (!isMainThread && workerData?.benchSimulatorWorker) {
	const { VendorSimulator } = require(path.join(ROOT, 'test', 'support', 'simulator.js'));
	const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
	const { latencyJitterMs = 0, ...options } = workerData.options;
	const sim = new VendorSimulator(options);
	if (latencyJitterMs > 0) {
		// Each request's latency drawn uniformly from latencyMs ± latencyJitterMs (seeded, so repeatable).
		// VendorSimulator reads this.latencyMs synchronously at the start of handle(), before its first
		// await, so setting it right before each call applies to exactly that request.
		const mean = sim.latencyMs;
		let seed = 42;
		const random = () => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed / 2147483648;
		};
		const handle = sim.handle.bind(sim);
		sim.handle = (/** @type {any} */ req, /** @type {any} */ res) => {
			sim.latencyMs = Math.max(0, mean - latencyJitterMs + random() * 2 * latencyJitterMs);
			return handle(req, res);
		};
	}
	let connections = 0;
	let recordArrivals = false;
	/** @type {number[]} */
	let arrivals = [];
	sim.server.on('connection', () => connections++);
	sim.server.on('request', () => {
		if (recordArrivals) arrivals.push(performance.timeOrigin + performance.now());
	});
	/** @type {Record<string, (...args: any[]) => any>} */
	const methods = {
		start: async () => ({ baseUrl: await sim.start(), credentials: sim.credentials(), secrets: sim.secrets() }),
		/** @param {string[]} ids */
		addGroups: (ids) => {
			for (const id of ids) sim.addGroup(id);
			return ids.length;
		},
		/** @param {string} id @param {any} options */
		addGroup: (id, options) => sim.addGroup(id, options),
		/** @param {any} vendor @param {any} op */
		count: (vendor, op) => sim.count(vendor, op),
		/** @param {boolean} on */
		reset: (on = false) => {
			sim.reset();
			connections = 0;
			arrivals = [];
			recordArrivals = on;
		},
		/** Everything the benchmark reads after a run, in one message. */
		snapshot: () => ({
			requests: sim.requests.length,
			rateLimited: sim.rateLimited,
			connections,
			arrivals,
			cpuMs: threadCpuMs(),
		}),
		cpu: () => threadCpuMs(),
		stop: async () => {
			await sim.stop();
		},
	};
	port.on('message', async (/** @type {{ id: number, method: string, args: any[] }} */ { id, method, args }) => {
		try {
			const result = await methods[method](...args);
			port.postMessage({ id, result });
		} catch (error) {
			port.postMessage({ id, error: String(/** @type {any} */ (error)?.stack ?? error) });
		}
	});
}

/** A VendorSimulator running in a Worker; every method is a message round trip. */
class WorkerSimulator {
	/**
	 * Starts the worker and its simulator; resolves once it listens.
	 * @param {{ latencyMs?: number, latencyJitterMs?: number, rateLimit?: { limit: number, windowMs: number } }} [options]
	 *   VendorSimulator's options, plus latencyJitterMs: each request's latency uniform in latencyMs ± this
	 */
	static async start(options = {}) {
		const sim = new WorkerSimulator(options);
		const { baseUrl, credentials, secrets } = await sim.call('start');
		sim.baseUrl = baseUrl;
		sim.cachedCredentials = credentials;
		sim.cachedSecrets = secrets;
		return sim;
	}

	/** @param {object} options */
	constructor(options) {
		this.options = options;
		this.baseUrl = '';
		/** @type {any} */
		this.cachedCredentials = undefined;
		/** @type {string[]} */
		this.cachedSecrets = [];
		this.nextId = 0;
		/** @type {Map<number, { resolve: (value: any) => void, reject: (error: Error) => void }>} */
		this.pending = new Map();
		this.worker = new Worker(__filename, { workerData: { benchSimulatorWorker: true, options } });
		this.worker.on('message', ({ id, result, error }) => {
			const waiter = this.pending.get(id);
			if (!waiter) return;
			this.pending.delete(id);
			if (error !== undefined) waiter.reject(new Error(`simulator worker: ${error}`));
			else waiter.resolve(result);
		});
		this.worker.on('error', (error) => {
			for (const waiter of this.pending.values()) waiter.reject(error);
			this.pending.clear();
		});
	}

	/** @param {string} method @param {any[]} args @returns {Promise<any>} */
	call(method, ...args) {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			this.worker.postMessage({ id, method, args });
		});
	}

	/** n8n credential data pointing at this simulator (fixed once it listens). */
	credentials() {
		return this.cachedCredentials;
	}

	secrets() {
		return this.cachedSecrets;
	}

	/** @param {string} id @param {{ admin?: boolean, code?: string }} [options] */
	addGroup(id, options) {
		return this.call('addGroup', id, options);
	}

	/** Many groups in one message. @param {string[]} ids */
	addGroups(ids) {
		return this.call('addGroups', ids);
	}

	/** @param {string} [vendor] @param {string} [op] @returns {Promise<number>} */
	count(vendor, op) {
		return this.call('count', vendor, op);
	}

	/** @returns {Promise<number>} */
	async rateLimited() {
		return (await this.snapshot()).rateLimited;
	}

	/**
	 * VendorSimulator.reset(), and the connection count and arrival log cleared.
	 * @param {{ arrivals?: boolean }} [options] whether to record request arrival times until the next reset
	 */
	reset(options = {}) {
		return this.call('reset', Boolean(options.arrivals));
	}

	/**
	 * Requests logged, 429s sent, TCP connections accepted and arrival times since the last reset, and
	 * the worker thread's CPU time so far.
	 * @returns {Promise<{ requests: number, rateLimited: number, connections: number, arrivals: number[], cpuMs: number | undefined }>}
	 */
	snapshot() {
		return this.call('snapshot');
	}

	/** The worker thread's CPU time so far (ms), or undefined off Linux. @returns {Promise<number | undefined>} */
	cpu() {
		return this.call('cpu');
	}

	async stop() {
		await this.call('stop');
		await this.worker.terminate();
	}
}

module.exports = { WorkerSimulator, threadCpuMs };
