// @ts-check
'use strict';
/**
 * e2e helpers: child processes, the n8n command environment and the log.
 *
 * Every child runs in its own process group, is tracked in `children`, and is killed on timeout, on
 * exit, on SIGINT/SIGTERM and when the whole run exceeds its time budget (guardProcess). Everything
 * any command printed is kept in `transcript`, filed under its target and stage (enterStage), for the
 * secret scan (report.js secretChecks: one check per stage). Every n8n process gets
 * loopback-guard.js and expression-engine-exit.js preloaded (n8nEnvironment).
 */
const { spawn } = require('node:child_process');
const path = require('node:path');
const net = require('node:net');

const { redact } = require('./checks');

const ROOT = path.resolve(__dirname, '..', '..');
const GUARD = path.join(__dirname, 'loopback-guard.js');
/** Preloaded next to GUARD: `n8n execute` disposes n8n 2.x's isolate pool before it exits (see the file). */
const EXPRESSION_ENGINE_EXIT = path.join(__dirname, 'expression-engine-exit.js');
const started = Date.now();

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();

/** @param {import('node:child_process').ChildProcess} child @param {NodeJS.Signals} signal */
function killGroup(child, signal) {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

function killAll() {
	for (const child of children) killGroup(child, 'SIGKILL');
}

/** Kills every child on exit and on SIGINT/SIGTERM, and everything after `totalTimeoutMs`. @param {number} totalTimeoutMs */
function guardProcess(totalTimeoutMs) {
	process.on('exit', killAll);
	for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM'])) {
		process.on(signal, () => {
			console.error(`\n[e2e] ${signal}: stopping`);
			killAll();
			process.exit(1);
		});
	}
	const watchdog = setTimeout(() => {
		console.error(`\n[e2e] FAIL: the whole run exceeded ${Math.round(totalTimeoutMs / 1000)} s; killing n8n processes`);
		killAll();
		process.exit(1);
	}, totalTimeoutMs);
	watchdog.unref();
}

/**
 * The stages whose captured outputs the secret scan checks, one check per stage (report.js
 * secretChecks), so the number of checks does not depend on how many commands a stage ran (e.g. an
 * n8n install that is reused runs none).
 */
const STAGES = /** @type {const} */ (['install', 'credentials', 'examples', 'coexistence', 'faults', 'live']);
/** @typedef {(typeof STAGES)[number]} Stage */

/**
 * Everything any command printed (and the HTTP answers live.js captures), for the secret scan, with the
 * target and stage it was captured in. Outputs captured before any target (npm pack, the Node 24
 * install) have target '' and belong to every target's install stage.
 * @typedef {{ label: string, text: string, target: string, stage: Stage }} Captured
 * @type {Captured[]}
 */
const transcript = [];
/** Where capture() files what it captures; set by enterStage. @type {{ target: string, stage: Stage }} */
let current = { target: '', stage: 'install' };

/** Files every output captured from now on under this target and stage. @param {string} target @param {Stage} stage */
function enterStage(target, stage) {
	if (!STAGES.includes(stage)) throw new Error(`unknown e2e stage ${stage}: add it to STAGES in scripts/e2e/process.js`);
	current = { target, stage };
}

/** Keeps a command output (or an HTTP answer) for the secret scan. @param {string} label @param {string} text */
function capture(label, text) {
	transcript.push({ label, text, ...current });
}

/**
 * @param {string} command @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs: number, label: string }} options
 * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string, ms: number, timedOut: boolean }>}
 */
function run(command, args, options) {
	const begin = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd ?? ROOT,
			env: options.env ?? process.env,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		children.add(child);
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout?.setEncoding('utf8').on('data', (d) => (stdout += d));
		child.stderr?.setEncoding('utf8').on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child, 'SIGTERM');
			setTimeout(() => killGroup(child, 'SIGKILL'), 5000).unref();
		}, options.timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			children.delete(child);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			children.delete(child);
			capture(options.label, `${stdout}\n${stderr}`);
			resolve({ code, signal, stdout, stderr, ms: Date.now() - begin, timedOut });
		});
	});
}

/** @param {string} command @param {string[]} args @param {Parameters<typeof run>[2]} options */
async function mustRun(command, args, options) {
	const result = await run(command, args, options);
	if (result.code !== 0 || result.timedOut) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
		throw new Error(
			`${options.label} ${result.timedOut ? `timed out after ${options.timeoutMs} ms` : `exited with ${result.code}`}:\n${tail}`,
		);
	}
	return result;
}

/** @returns {Promise<number>} */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (/** @type {string} */ message) => console.log(`[e2e ${seconds(Date.now() - started).padStart(7)}] ${message}`);

/**
 * The environment of every n8n process of a target: this process's environment without N8N_*, DB_*,
 * EXECUTIONS_*, NODE_OPTIONS and GENERIC_TIMEZONE, plus the loopback guard, the expression-engine exit
 * fix (expression-engine-exit.js) and the n8n settings below.
 * @param {{ pathEnv: string, guardLog: string, userFolder: string, extraEnv?: Record<string, string> }} args
 * @returns {NodeJS.ProcessEnv}
 */
function n8nEnvironment({ pathEnv, guardLog, userFolder, extraEnv }) {
	/** @type {NodeJS.ProcessEnv} */
	const n8nEnv = {};
	for (const [k, v] of Object.entries(process.env)) if (!/^(N8N_|DB_|EXECUTIONS_|NODE_OPTIONS$|GENERIC_TIMEZONE$)/.test(k)) n8nEnv[k] = v;
	Object.assign(n8nEnv, {
		PATH: pathEnv,
		NODE_OPTIONS: `--require ${JSON.stringify(GUARD)} --require ${JSON.stringify(EXPRESSION_ENGINE_EXIT)}`,
		E2E_GUARD_LOG: guardLog,
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_EXPRESSION_ENGINE: 'legacy',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false', // no download of n8n's verified-packages list
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		GENERIC_TIMEZONE: 'UTC',
		...extraEnv,
	});
	return n8nEnv;
}

/**
 * `n8n <args>` of one install, in `tmp` with `n8nEnv`: n8n() resolves with the result, mustN8n() throws
 * (with the redacted output's tail) unless it exited with 0.
 * @param {{ nodeBin: string, n8nBin: string, tmp: string, n8nEnv: NodeJS.ProcessEnv, secrets: string[] }} args
 */
function n8nCommands({ nodeBin, n8nBin, tmp, n8nEnv, secrets }) {
	const n8n = (/** @type {string[]} */ args, /** @type {number} */ timeoutMs) =>
		run(nodeBin, [n8nBin, ...args], { cwd: tmp, env: n8nEnv, timeoutMs, label: `n8n ${args.join(' ')}` });
	const mustN8n = async (/** @type {string[]} */ args, /** @type {number} */ timeoutMs) => {
		const result = await n8n(args, timeoutMs);
		if (result.code !== 0 || result.timedOut) {
			const tail = redact(`${result.stdout}\n${result.stderr}`, secrets).trim().split('\n').slice(-30).join('\n');
			throw new Error(`n8n ${args.join(' ')} ${result.timedOut ? 'timed out' : `exited with ${result.code}`}:\n${tail}`);
		}
		return result;
	};
	return { n8n, mustN8n };
}

/** @typedef {ReturnType<typeof n8nCommands>} N8nCommands */

module.exports = { ROOT, started, children, killGroup, killAll, guardProcess, STAGES, transcript, enterStage, capture, run, mustRun, freePort, sleep, seconds, log, n8nEnvironment, n8nCommands };
