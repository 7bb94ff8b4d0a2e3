// @ts-check
'use strict';
/**
 * Real-n8n mode of the benchmark (`BENCH_N8N=1 npm run bench`; issue 13).
 *
 * Setup: the n8n 1.123.x that `npm run e2e` installs (.e2e/n8n-<version>, scripts/e2e/install.js
 * ensureN8n; installed on first use), this repo packed once (packOnce) and the tarball installed into a
 * fresh temp user folder's .n8n/nodes, like the e2e. n8n runs as a separate process, `n8n execute --id
 * <id> --rawOutput` in scripts/e2e/process.js's n8n environment (legacy expression engine, no task
 * runners, loopback guard); its stdout goes to a file (n8n exits right after printing, and a pipe's
 * unwritten tail would be lost). Two Whapi.Cloud simulators run in this process, at 0 ms and at 50 ms
 * latency, each with its own imported `groupInviteWhapiApi` credential.
 *
 * Each timed workflow is Manual Trigger → a Code node making N items → the contenders, one per branch
 * (n8n's v1 order runs branches one after another, top first), so this node and n8n's HTTP Request node
 * are measured side by side IN ONE EXECUTION, by each node's `executionTime` in the run data. The HTTP
 * Request node calls the same endpoint (`GET <baseUrl>/groups/{{ $json.groupId }}/invite`) with the
 * same credential (Authentication "Predefined Credential Type" → groupInviteWhapiApi): both apply the
 * credential's `authenticate` through n8n's credentials helper. (The HTTP Request node sends through
 * n8n-core's `requestWithAuthentication`, axios via proxyRequestToAxios; this node through
 * `httpRequestWithAuthentication`.) A warm-up branch (50 items through each node type) runs first; the
 * contenders' order is reversed every other round; ratios are per execution, the table shows their
 * median and all three.
 *
 * Rows: 1–3 at 0 ms latency, this node sequential or 10 in parallel against the HTTP Request node with
 * the credential (default: every item's request started at once), without a credential (2b: the
 * Authorization header typed in; that node otherwise reads the credential from the database twice per
 * item), and with batching 1 item / 0 ms (3: n8n 1.123 then behaves like the default); 4a/4b at 50 ms
 * latency, 20 in parallel, against N × latency / 20; 5: memory, VmHWM of runs with 1, 1,000 and 10,000
 * items through this node alone, with the HTTP Request node and n8n alone (Code node only) for scale.
 *
 * While n8n runs, /proc is sampled every 10 ms (scripts/bench/proc.js): the n8n process's main-thread
 * CPU and run-queue wait over each node's window, its peak RSS (VmHWM) for the memory row, and other
 * processes' share of the CPU. The simulators record when each request arrived and was answered. In the
 * latency rounds n8n also runs with scripts/bench/request-timeline.js preloaded (client-side request
 * timeline).
 *
 * BENCH_N8N_PROFILE=1 adds CPU profiles (`node --cpu-prof`) of 500 items through one node alone, after
 * the same warm-up (this node sequential and 10 in parallel, the HTTP Request node with the credential
 * and with the header typed in), analysed over the node's window by scripts/bench/cpuprofile.js;
 * BENCH_N8N_PROFILE=only runs just those. BENCH_N8N_WARMUP sets the warm-up items (default 50);
 * BENCH_KEEP=1 keeps the temp folder. The markdown goes to stdout and is appended to
 * .bench/results-n8n.md (every run) and .bench/results.md; progress goes to stderr.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { NODE_TYPE, E2E_DIR, ensureN8n, packOnce, resolveN8n1Version } = require('../e2e/install');
const { ROOT, children, guardProcess, mustRun, n8nEnvironment, n8nCommands } = require('../e2e/process');
const { parseRun, redact } = require('../e2e/checks');
const { VendorSimulator } = require('../../test/support/simulator');
const { analyse, toMarkdown } = require('./cpuprofile');
const { machineBusyMs, selfCpuMs, sampler, at } = require('./proc');
const { summarize } = require('./request-timeline');

const N = 500;
const ROUNDS = 3;
const WARMUP = Number(process.env.BENCH_N8N_WARMUP ?? 50);
const LATENCY_MS = 50;
const PARALLEL = 10;
const PARALLEL_LATENCY = 20;
const MEMORY_SIZES = [1, 1_000, 10_000];
const FLAT = 1.25;
const CORES = os.cpus().length;
const TIMELINE = path.join(__dirname, 'request-timeline.js');

const log = (/** @type {string} */ line) => process.stderr.write(`[bench n8n] ${line}\n`);
const median = (/** @type {number[]} */ v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const r2 = (/** @type {number} */ x) => x.toFixed(2);
const ms = (/** @type {number} */ x) => `${Math.round(x)} ms`;
const pct = (/** @type {number} */ f) => `${Math.round(f * 100)}%`;
const mb = (/** @type {number} */ b) => `${(b / 1048576).toFixed(1)} MB`;
const fmtN = (/** @type {number} */ n) => n.toLocaleString('en-US');
const groupDigits = (/** @type {number} */ i) => `1203630${String(i).padStart(12, '0')}`;
const jsCode = (/** @type {number} */ n) =>
	`return Array.from({ length: ${n} }, (_, i) => ({ json: { groupId: '1203630' + String(i).padStart(12, '0') + '@g.us' } }));`;

/** A simulator with `groups` Whapi groups; `spans` gets [arrival, answered, requests in flight then] per request. */
async function simulator(/** @type {number} */ latencyMs, /** @type {number} */ groups) {
	const sim = new VendorSimulator({ latencyMs });
	await sim.start();
	for (let i = 0; i < groups; i++) sim.addGroup(groupDigits(i));
	/** @type {{ inFlight: number, spans: Array<[number, number, number]> }} */
	const track = { inFlight: 0, spans: [] };
	sim.server.on('request', (_req, res) => {
		/** @type {[number, number, number]} */
		const span = [Date.now(), NaN, ++track.inFlight];
		track.spans.push(span);
		res.on('close', () => {
			track.inFlight--;
			span[1] = Date.now();
		});
	});
	return { sim, track };
}

/** Workflow JSON: contenders hang off "Items" in the given order (top first), warm-up nodes off "Warm-up items" above. */
function workflow(/** @type {string} */ id, /** @type {number} */ n, /** @type {any[]} */ contenders, /** @type {any[]} */ warmup = []) {
	const place = (/** @type {any[]} */ list, /** @type {number} */ y0) => list.map((node, k) => ({ ...node, id: node.name, position: [440, y0 + 160 * k] }));
	const link = (/** @type {any[]} */ list) => ({ main: [list.map((node) => ({ node: node.name, type: 'main', index: 0 }))] });
	const code = (/** @type {string} */ name, /** @type {number} */ count, /** @type {number} */ y) => ({ id: name, name, type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, y], parameters: { jsCode: jsCode(count) } });
	const items = code('Items', n, 0);
	const nodes = [{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, items, ...place(contenders, 0)];
	/** @type {Record<string, any>} */
	const connections = { Start: link([items]), Items: link(contenders) };
	if (warmup.length > 0) {
		const warm = code('Warm-up items', WARMUP, -1000);
		nodes.push(warm, ...place(warmup, -1000));
		connections.Start = link([warm, items]);
		connections[warm.name] = link(warmup);
	}
	return { id, name: `bench: ${id}`, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** This node, Get Invite Link from `{{ $json.groupId }}`. @param {{ id: string, name: string }} cred */
const ours = (/** @type {string} */ name, cred, /** @type {Record<string, unknown>} */ options) => ({
	name, type: NODE_TYPE, typeVersion: 1.1, credentials: { groupInviteWhapiApi: cred },
	parameters: { provider: 'whapi', operation: 'getInviteLink', groupId: { __rl: true, mode: 'id', value: '={{ $json.groupId }}' }, options },
});
/** The HTTP Request node; with `token`, no credential but the Authorization header typed in. @param {{ id: string, name: string }} cred */
const httpNode = (/** @type {string} */ name, cred, /** @type {string} */ baseUrl, /** @type {Record<string, unknown>} */ options, token = '') => ({
	name, type: 'n8n-nodes-base.httpRequest', typeVersion: 4.3, ...(token ? {} : { credentials: { groupInviteWhapiApi: cred } }),
	parameters: {
		url: `=${baseUrl}/groups/{{ $json.groupId }}/invite`, options,
		...(token
			? { sendHeaders: true, headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${token}` }] } }
			: { authentication: 'predefinedCredentialType', nodeCredentialType: 'groupInviteWhapiApi' }),
	},
});
/** Whether an output item is a successful invite-link read (this node's or the raw vendor answer). */
const itemOk = (/** @type {any} */ json) => typeof (json?.inviteCode ?? json?.invite_code) === 'string' && json?.error === undefined;

async function setup() {
	console.log = (...args) => console.error(...args); // the e2e helpers log to stdout, which is for the table
	for (const key of Object.keys(process.env)) if (/^npm_(package_|lifecycle_|config_ignore_scripts$)/i.test(key)) delete process.env[key];
	const ready = fs.existsSync(E2E_DIR) ? fs.readdirSync(E2E_DIR).filter((d) => /^n8n-1\.123\.\d+$/.test(d) && fs.existsSync(path.join(E2E_DIR, d, '.e2e-ready.json'))) : [];
	const newest = ready.map((d) => d.slice(4)).sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2])).pop();
	const version = process.env.E2E_N8N_VERSION ?? newest ?? (await resolveN8n1Version());
	const install = await ensureN8n({ version, nodeBin: process.execPath, nodeDir: undefined, overrides: { xlsx: '0.18.5' } });
	const tarball = await packOnce();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wgi-bench-n8n-'));
	const userFolder = path.join(tmp, 'user');
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(path.join(nodesDir, 'package.json'), `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} })}\n`);
	await mustRun('npm', ['install', tarball, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: nodesDir, timeoutMs: 10 * 60_000, label: 'npm install <tarball> in .n8n/nodes' });
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true }); // packOnce's own temp folder
	const n8nEnv = { ...n8nEnvironment({ pathEnv: process.env.PATH ?? '', guardLog: path.join(tmp, 'loopback-guard.log'), userFolder }), BENCH_TIMELINE_OUT: path.join(tmp, 'timeline.json') };
	log(`n8n ${version} (${path.relative(ROOT, install.dir)}), package installed into ${nodesDir}`);
	return { version, install, tmp, n8nEnv };
}

async function main() {
	const started = Date.now();
	guardProcess(20 * 60_000); // kills the n8n processes on exit, SIGINT/SIGTERM and after 20 minutes
	const busy0 = machineBusyMs();
	const self0 = selfCpuMs();
	const { version, install, tmp, n8nEnv } = await setup();
	const fast = await simulator(0, Math.max(N, ...MEMORY_SIZES));
	const slow = await simulator(LATENCY_MS, N);
	const secrets = [...fast.sim.secrets(), ...slow.sim.secrets()];
	const { mustN8n } = n8nCommands({ nodeBin: process.execPath, n8nBin: install.n8nBin, tmp, n8nEnv, secrets });
	const credFast = { id: 'whapi-bench-0ms', name: 'Whapi bench 0 ms' };
	const credSlow = { id: 'whapi-bench-50ms', name: 'Whapi bench 50 ms' };
	fs.writeFileSync(path.join(tmp, 'credentials.json'), JSON.stringify([
		{ ...credFast, type: 'groupInviteWhapiApi', data: fast.sim.credentials().groupInviteWhapiApi },
		{ ...credSlow, type: 'groupInviteWhapiApi', data: slow.sim.credentials().groupInviteWhapiApi },
	]));
	await mustN8n(['import:credentials', `--input=${path.join(tmp, 'credentials.json')}`], 180_000);
	fs.rmSync(path.join(tmp, 'credentials.json'));

	const c = {
		seq: ours('This node (sequential)', credFast, {}),
		par: ours(`This node (${PARALLEL} in parallel)`, credFast, { concurrency: PARALLEL }),
		http: httpNode('HTTP Request (default)', credFast, fast.sim.baseUrl, {}),
		batch: httpNode('HTTP Request (batch 1, 0 ms)', credFast, fast.sim.baseUrl, { batching: { batch: { batchSize: 1, batchInterval: 0 } } }),
		header: httpNode('HTTP Request (header typed in)', credFast, fast.sim.baseUrl, {}, fast.sim.auth.whapi.token),
		par20: ours(`This node (${PARALLEL_LATENCY} in parallel, ${LATENCY_MS} ms)`, credSlow, { concurrency: PARALLEL_LATENCY }),
		httpSlow: httpNode(`HTTP Request (default, ${LATENCY_MS} ms)`, credSlow, slow.sim.baseUrl, {}),
	};
	const overheadNodes = [c.seq, c.http, c.par, c.batch, c.header];
	const warmup = [ours('Warm-up: this node', credFast, {}), httpNode('Warm-up: HTTP Request', credFast, fast.sim.baseUrl, {})];
	const order = (/** @type {any[]} */ list, /** @type {number} */ round) => (round % 2 ? [...list].reverse() : list);
	/** @type {Record<string, any>} */
	const workflows = {};
	for (let r = 0; r < ROUNDS; r++) {
		workflows[`overhead${r}`] = workflow(`benchOverhead${r}`, N, order(overheadNodes, r), warmup);
		workflows[`latency${r}`] = workflow(`benchLatency${r}`, N, order([c.par20, c.httpSlow], r), warmup);
	}
	const memOurs = ours('This node', credFast, { concurrency: PARALLEL });
	const memHttp = httpNode('HTTP Request', credFast, fast.sim.baseUrl, {});
	for (const n of MEMORY_SIZES) workflows[`memory${n}`] = workflow(`benchMemory${n}`, n, [memOurs]);
	for (const n of MEMORY_SIZES.slice(1)) {
		workflows[`memoryHttp${n}`] = workflow(`benchMemoryHttp${n}`, n, [memHttp]);
		workflows[`codeOnly${n}`] = workflow(`benchCodeOnly${n}`, n, []); // n8n alone: the Code node's items
	}
	const profiled = { seq: c.seq, par: c.par, http: c.http, header: c.header };
	for (const [key, node] of Object.entries(profiled)) workflows[`profile-${key}`] = workflow(`benchProfile${key}`, N, [node], warmup);
	const wfDir = path.join(tmp, 'workflows');
	fs.mkdirSync(wfDir);
	for (const [key, wf] of Object.entries(workflows)) fs.writeFileSync(path.join(wfDir, `${key}.json`), JSON.stringify(wf));
	await mustN8n(['import:workflow', '--separate', `--input=${wfDir}`], 180_000);

	/**
	 * Runs one workflow. Per node: executionTime, window, main-thread CPU and run-queue wait, whole-process
	 * CPU, other processes' CPU share, requests in flight at the simulator (max, mean) and the time it held them.
	 */
	const execute = async (/** @type {string} */ key, /** @type {string[]} */ names, /** @type {string[]} */ nodeArgs = []) => {
		for (const { sim, track } of [fast, slow]) {
			sim.reset();
			track.spans = [];
		}
		const outFile = path.join(tmp, `${key}.out`);
		const fd = fs.openSync(outFile, 'w');
		const child = spawn(process.execPath, [...nodeArgs, install.n8nBin, 'execute', `--id=${workflows[key].id}`, '--rawOutput'], { cwd: tmp, env: n8nEnv, detached: true, stdio: ['ignore', fd, fd] });
		children.add(child); // killed by guardProcess on exit
		fs.closeSync(fd);
		const probe = sampler(/** @type {number} */ (child.pid), 10);
		const code = await new Promise((resolve) => child.on('close', resolve));
		children.delete(child);
		probe.stop();
		const stdout = fs.readFileSync(outFile, 'utf8');
		if (code !== 0) throw new Error(`n8n execute ${key} exited with ${code}: ${redact(stdout.slice(-2000), secrets)}`);
		const runData = parseRun(stdout).data.resultData.runData;
		const s = probe.samples;
		/** @type {Record<string, any>} */
		const nodes = {};
		for (const name of names) {
			const task = runData[name]?.[0];
			const items = task?.data?.main?.[0] ?? [];
			const ok = items.filter((/** @type {any} */ i) => itemOk(i.json)).length;
			if (ok !== items.length || items.length === 0) throw new Error(`${key}: ${name} output ${ok} good items of ${items.length}: ${redact(JSON.stringify(items[0]?.json ?? task?.error).slice(0, 300), secrets)}`);
			const from = task.startTime;
			const to = from + task.executionTime;
			const wall = Math.max(1, to - from);
			const delta = (/** @type {string} */ k) => at(s, to, k) - at(s, from, k);
			const spans = [...fast.track.spans, ...slow.track.spans].filter(([t]) => t >= from && t <= to);
			nodes[name] = {
				ms: task.executionTime, from, to, items: items.length, cpu: delta('cpu'), main: delta('main'), wait: delta('wait'),
				others: Math.max(0, (delta('busy') - delta('cpu') - delta('self')) / (wall * CORES)),
				inFlight: Math.max(0, ...spans.map((x) => x[2])),
				meanInFlight: spans.reduce((sum, [a, b]) => sum + (Math.min(b || to, to) - a), 0) / wall,
				serverMs: spans.reduce((sum, [a, b]) => sum + (b - a), 0) / Math.max(1, spans.length),
				client: nodeArgs.includes(TIMELINE) ? summarize(/** @type {string} */ (n8nEnv.BENCH_TIMELINE_OUT), from, to) : undefined,
				rssGrowth: Math.max(0, ...s.filter((x) => x.t >= from).map((x) => x.rss)) - at(s, from, 'rss'), // this run alone
			};
		}
		const last = s[s.length - 1];
		return { nodes, peak: Math.max(...s.map((x) => x.hwm)), others: s.length > 1 ? Math.max(0, last.busy - s[0].busy - (last.cpu - s[0].cpu) - (last.self - s[0].self)) / ((last.t - s[0].t) * CORES) : NaN };
	};

	/** The rounds side by side, the latency rounds and the memory runs, as markdown lines. */
	const table = async () => {
		/** @type {Array<Record<string, any>>} */ const overhead = [];
		/** @type {Array<Record<string, any>>} */ const latency = [];
		for (let r = 0; r < ROUNDS; r++) {
			overhead.push((await execute(`overhead${r}`, overheadNodes.map((x) => x.name))).nodes);
			log(`round ${r + 1}/${ROUNDS}: ${Object.entries(overhead[r]).map(([k, v]) => `${k} ${ms(v.ms)}`).join(', ')}`);
			latency.push((await execute(`latency${r}`, [c.par20.name, c.httpSlow.name], ['--require', TIMELINE])).nodes);
			log(`round ${r + 1}/${ROUNDS}, ${LATENCY_MS} ms: ${Object.entries(latency[r]).map(([k, v]) => `${k} ${ms(v.ms)}`).join(', ')}`);
		}
		const [, small, large] = MEMORY_SIZES;
		/** @type {Record<string, Record<number, any>>} */
		const mem = { ours: {}, http: {}, codeOnly: {} };
		for (const n of MEMORY_SIZES) {
			// The 1- and 1,000-item peaks vary by tens of MB from run to run (n8n's start-up): medians of 3.
			const runs = [];
			for (let k = 0; k < (n < large ? ROUNDS : 1); k++) runs.push(await execute(`memory${n}`, [memOurs.name]));
			mem.ours[n] = { ...runs.sort((a, b) => a.peak - b.peak)[Math.floor(runs.length / 2)], peaks: runs.map((x) => x.peak) };
		}
		for (const n of MEMORY_SIZES.slice(1)) {
			mem.http[n] = await execute(`memoryHttp${n}`, [memHttp.name]);
			mem.codeOnly[n] = await execute(`codeOnly${n}`, []);
			log(`memory ${fmtN(n)} items: peak RSS this node ${mb(mem.ours[n].peak)}, HTTP Request node ${mb(mem.http[n].peak)}, n8n alone ${mb(mem.codeOnly[n].peak)}`);
		}

		const pair = (/** @type {Record<string, any>[]} */ runs, /** @type {string} */ a, /** @type {string} */ b) => {
			const ratios = runs.map((x) => x[a].ms / x[b].ms);
			const cpu = runs.map((x) => x[a].main / x[b].main);
			const others = runs.flatMap((x) => [x[a].others, x[b].others]);
			const med = (/** @type {string} */ n, /** @type {string} */ k) => median(runs.map((x) => x[n][k]));
			return {
				ratio: median(ratios),
				text: `runs ${ratios.map(r2).join(', ')}; median times ${ms(med(a, 'ms'))} vs ${ms(med(b, 'ms'))}; n8n main-thread CPU ratio ${r2(median(cpu))} (runs ${cpu.map(r2).join(', ')}; ${(med(a, 'main') / N).toFixed(2)} vs ${(med(b, 'main') / N).toFixed(2)} ms/item), whole n8n process ${ms(med(a, 'cpu'))} vs ${ms(med(b, 'cpu'))}; other processes ${pct(Math.min(...others))}–${pct(Math.max(...others))} of the CPU`,
			};
		};
		const ideal = (N * LATENCY_MS) / PARALLEL_LATENCY;
		const vsIdeal = (/** @type {string} */ name) => {
			const v = latency.map((x) => x[name]);
			const each = (/** @type {(x: any) => string} */ f) => v.map(f).join(', ');
			return {
				ratio: median(v.map((x) => x.ms / ideal)),
				text: `runs ${each((x) => r2(x.ms / ideal))}; median ${ms(median(v.map((x) => x.ms)))} vs ideal ${ms(ideal)} (${N} × ${LATENCY_MS} ms / ${PARALLEL_LATENCY}); n8n main thread: CPU ${each((x) => (x.main / N).toFixed(2))} ms/item, running ${each((x) => pct(x.main / x.ms))} + waiting for a core ${each((x) => pct(x.wait / x.ms))} of the time; client requests in flight (mean) ${each((x) => x.client.meanInFlight.toFixed(1))}, each ${each((x) => ms(x.client.responseMs))} from creation to response, of which ${each((x) => ms(x.client.connectMs))} until its new connection was reported connected; at the simulator: ${each((x) => x.meanInFlight.toFixed(1))} in flight (mean), ${each((x) => ms(x.serverMs))} per request, max ${v[0].inFlight}; other processes ${each((x) => pct(x.others))}`,
			};
		};
		const base = mem.ours[MEMORY_SIZES[0]].peak;
		const per1k = (/** @type {Record<number, any>} */ runs, /** @type {number} */ n) => ((runs[n].peak - base) / n) * 1000;
		const within = (/** @type {number} */ n) => (mem.ours[n].nodes[memOurs.name].rssGrowth / n) * 1000;
		const growth = (/** @type {string} */ k) => `${mb(per1k(mem[k], small))} vs ${mb(per1k(mem[k], large))} (ratio ${r2(per1k(mem[k], large) / per1k(mem[k], small))})`;
		const rows = [
			['1', `${N} Gets, 0 ms: **this node (sequential, default) / HTTP Request node (default: all items at once)**`, pair(overhead, c.seq.name, c.http.name), '—'],
			['2', `${N} Gets, 0 ms: **this node (Requests in Parallel ${PARALLEL}) / HTTP Request node (default)**`, pair(overhead, c.par.name, c.http.name), '≤ 1.00'],
			['2b', `same, against an HTTP Request node **without a credential** (Authorization header typed in; info)`, pair(overhead, c.par.name, c.header.name), '—'],
			['3', `${N} Gets, 0 ms, like-for-like as specified: **this node (sequential) / HTTP Request node with batching 1 item per batch, 0 ms interval** (n8n 1.123 waits between batches only when the interval is > 0, and never waits for a response before the next request)`, pair(overhead, c.seq.name, c.batch.name), '≤ 1.00'],
			['4a', `${N} Gets, ${LATENCY_MS} ms latency: **this node (Requests in Parallel ${PARALLEL_LATENCY}) elapsed / ideal**`, vsIdeal(c.par20.name), '≤ 1.30'],
			['4b', `same: **HTTP Request node (default) / the same ideal** (for scale)`, vsIdeal(c.httpSlow.name), '—'],
			['5', `Memory: **peak RSS growth of \`n8n execute\` per 1,000 items, ${fmtN(large)} / ${fmtN(small)} items** (this node alone, 0 ms, ${PARALLEL} in parallel; growth over the peak of a ${MEMORY_SIZES[0]}-item run; peaks: medians of ${ROUNDS} runs at ${fmtN(MEMORY_SIZES[0])} and ${fmtN(small)} items, one run at ${fmtN(large)})`,
				{ ratio: per1k(mem.ours, large) / per1k(mem.ours, small), text: `peak RSS (median) ${MEMORY_SIZES.map((n) => `${fmtN(n)}: ${mb(mem.ours[n].peak)} (runs ${mem.ours[n].peaks.map(mb).join(', ')})`).join('; ')}; growth per 1k ${growth('ours')}; within one run (peak VmRSS from the node's start to exit − VmRSS at its start) per 1k ${mb(within(small))} vs ${mb(within(large))} (ratio ${r2(within(large) / within(small))}); the same workflow with the HTTP Request node (default, with the credential): ${growth('http')}; n8n alone (the Code node's items, no request node): ${growth('codeOnly')}; node times ${MEMORY_SIZES.map((n) => ms(mem.ours[n].nodes[memOurs.name].ms)).join(', ')} vs HTTP Request ${MEMORY_SIZES.slice(1).map((n) => ms(mem.http[n].nodes[memHttp.name].ms)).join(', ')}; other processes ${MEMORY_SIZES.map((n) => pct(mem.ours[n].others)).join(', ')}` }, `≤ ${FLAT} (flat)`],
		];
		const wholeOthers = (machineBusyMs() - busy0 - (selfCpuMs() - self0)) / ((Date.now() - started) * CORES);
		return [
			`## Real n8n benchmark — n8n-nodes-whatsapp-group-invite`,
			'',
			`${new Date().toISOString()} · n8n ${version} (\`n8n execute\`, legacy expression engine, no task runners) · Node ${process.version} · ${CORES} × ${os.cpus()[0]?.model ?? 'CPU'} · Whapi.Cloud simulator in the bench process on 127.0.0.1 · other processes (n8n included) used ${pct(wholeOthers)} of the machine's CPU during the whole bench`,
			'',
			'| # | Measurement | Ratio (median of 3) | Goal | Supporting numbers |',
			'|---|---|---:|---|---|',
			...rows.map(([id, what, m, goal]) => `| ${id} | ${what} | **${r2(/** @type {any} */ (m).ratio)}** | ${goal} | ${/** @type {any} */ (m).text} |`),
			'',
			`Notes: times are each node's \`executionTime\` in the run data of one execution holding all of a row's contenders (after a ${WARMUP}-item warm-up branch of each node type; contenders' order reversed every other round); "runs" lists the per-execution ratios. "Main-thread CPU" is the n8n process's JavaScript thread (/proc/<pid>/task/<pid>/schedstat) over each node's window, so it includes n8n's own work for that node (parameters, expressions, run data); "whole n8n process" adds GC and libuv threads (utime+stime, 10 ms ticks); "waiting for a core": runnable while other processes had the CPU. "Other processes": the rest of the machine's busy CPU over the window (the bench process, which hosts the simulators, excluded). Rows 4a/4b ran with scripts/bench/request-timeline.js preloaded into n8n. Whole bench ${ms(Date.now() - started)}.`,
			'',
		];
	};

	const lines = process.env.BENCH_N8N_PROFILE === 'only' ? [] : await table();
	if (process.env.BENCH_N8N_PROFILE) {
		const dir = path.join(ROOT, '.bench', 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
		lines.push(`### CPU profiles (${N} items through one node alone after the warm-up branch, 0 ms, \`--cpu-prof --cpu-prof-interval 250\`), over the node's window`, '');
		for (const [key, node] of Object.entries(profiled)) {
			const out = path.join(dir, key);
			const run = (await execute(`profile-${key}`, [node.name], ['--cpu-prof', '--cpu-prof-interval', '250', `--cpu-prof-dir=${out}`])).nodes[node.name];
			const file = path.join(out, fs.readdirSync(out).filter((f) => f.endsWith('.cpuprofile'))[0]);
			const analysis = analyse(file, { from: run.from, to: run.to, items: N, cpuMs: run.main, waitMs: run.wait });
			lines.push(`#### ${node.name}: ${ms(run.ms)} (profiled)`, '', `\`node scripts/bench/cpuprofile.js ${path.relative(ROOT, file)} --from ${run.from} --to ${run.to} --items ${N} --cpu ${run.main.toFixed(0)}\``, '', toMarkdown(analysis), '');
			log(`profiled ${node.name}: ${path.relative(ROOT, file)}`);
		}
	}
	await fast.sim.stop();
	await slow.sim.stop();
	if (!process.env.BENCH_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
	const markdown = lines.join('\n');
	process.stdout.write(`${markdown}\n`);
	fs.mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
	fs.appendFileSync(path.join(ROOT, '.bench', 'results-n8n.md'), `${markdown}\n`);
	// .bench/results.md holds the latest table of each mode (the n8n-core mode rewrites its own part).
	fs.appendFileSync(path.join(ROOT, '.bench', 'results.md'), `\n${markdown}\n`);
	log('appended to .bench/results-n8n.md and .bench/results.md');
}

module.exports = { main };
