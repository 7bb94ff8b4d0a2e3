// @ts-check
'use strict';
/**
 * n8n's built-in HTTP Request node for the benchmark, and nothing else from n8n-nodes-base.
 *
 * - Installed on first use into .bench/nodes-base (gitignored), never into the project:
 *   `npm install --ignore-scripts --no-save --prefix .bench/nodes-base n8n-nodes-base@2.41.1`.
 *   2.41.1 is the n8n-nodes-base of the n8n 2.41.1 release, the same release as our n8n-core 2.41.1;
 *   it depends on n8n-workflow 2.41.0 exactly, like this project.
 * - One n8n-workflow at runtime: npm also puts an n8n-workflow into .bench/nodes-base/node_modules.
 *   A Module._resolveFilename hook sends every `n8n-workflow` (and `n8n-workflow/...`) require that
 *   comes from inside .bench/nodes-base to the project's node_modules/n8n-workflow, so the HTTP
 *   Request node, n8n-core and our node share one copy (two copies break n8n-core's `instanceof`
 *   checks). `n8nWorkflowCopies()` lists what was really loaded, and the benchmark refuses to run
 *   if that is more than one. The HTTP helpers the node calls (`this.helpers.request`) are n8n-core's,
 *   from the project, like the ones our node calls.
 * - Loaded by requiring dist/nodes/HttpRequest/HttpRequest.node.js only and wrapping it in the
 *   minimal loader object that test/support/harness.js accepts in `extraLoaders`.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const NODES_BASE_VERSION = '2.41.1';
const DIR = path.join(ROOT, '.bench', 'nodes-base');
const PACKAGE_DIR = path.join(DIR, 'node_modules', 'n8n-nodes-base');
const projectRequire = Module.createRequire(path.join(ROOT, 'package.json'));

function installedVersion() {
	try {
		return JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')).version;
	} catch {
		return undefined;
	}
}

/** Installs n8n-nodes-base into .bench/nodes-base unless the right version is already there. */
function ensureInstalled(log = (/** @type {string} */ _line) => {}) {
	if (installedVersion() === NODES_BASE_VERSION) return;
	fs.mkdirSync(DIR, { recursive: true });
	const manifest = path.join(DIR, 'package.json');
	// Its own package.json makes this folder npm's prefix, so nothing is installed into the project.
	if (!fs.existsSync(manifest)) {
		fs.writeFileSync(manifest, `${JSON.stringify({ name: 'bench-nodes-base', version: '0.0.0', private: true }, null, 2)}\n`);
	}
	log(`Installing n8n-nodes-base@${NODES_BASE_VERSION} into ${path.relative(ROOT, DIR)} (first run only, about 800 MB)...`);
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = spawnSync(
		npm,
		['install', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', DIR, `n8n-nodes-base@${NODES_BASE_VERSION}`],
		{ cwd: DIR, stdio: ['ignore', process.stderr, process.stderr] },
	);
	if (result.status !== 0 || installedVersion() !== NODES_BASE_VERSION) {
		throw new Error(`Installing n8n-nodes-base@${NODES_BASE_VERSION} into ${DIR} failed (npm exit ${result.status})`);
	}
}

let hooked = false;

/** Makes every n8n-workflow require from inside .bench/nodes-base resolve to the project's copy. */
function shareProjectN8nWorkflow() {
	if (hooked) return;
	hooked = true;
	const prefix = DIR + path.sep;
	/** @type {any} */
	const M = Module;
	const original = M._resolveFilename;
	M._resolveFilename = function (/** @type {string} */ request, /** @type {any} */ parent, /** @type {any[]} */ ...rest) {
		if (
			(request === 'n8n-workflow' || request.startsWith('n8n-workflow/')) &&
			typeof parent?.filename === 'string' &&
			parent.filename.startsWith(prefix)
		) {
			return projectRequire.resolve(request);
		}
		return original.call(this, request, parent, ...rest);
	};
}

/**
 * A loader object for the harness's `extraLoaders` holding only n8n-nodes-base's HTTP Request node.
 * @returns {{ loader: any, version: string, typeVersion: number }}
 */
function loadHttpRequestNode() {
	shareProjectN8nWorkflow();
	const { HttpRequest } = require(path.join(PACKAGE_DIR, 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js'));
	const type = new HttpRequest();
	const loader = {
		packageName: 'n8n-nodes-base',
		known: { credentials: {} },
		/** @param {string} name */
		getNode(name) {
			if (name !== 'httpRequest') throw new Error(`Only the HTTP Request node is loaded, not ${name}`);
			return { type };
		},
		/** @param {string} name */
		getCredential(name) {
			throw new Error(`No n8n-nodes-base credentials are loaded (asked for ${name})`);
		},
	};
	return { loader, version: /** @type {string} */ (installedVersion()), typeVersion: type.description.defaultVersion };
}

/** Package folders of every n8n-workflow module loaded so far (should be exactly one). */
function n8nWorkflowCopies() {
	const roots = new Set();
	for (const file of Object.keys(require.cache)) {
		const at = file.lastIndexOf(`${path.sep}node_modules${path.sep}n8n-workflow${path.sep}`);
		if (at >= 0) roots.add(file.slice(0, at + `${path.sep}node_modules${path.sep}n8n-workflow`.length));
	}
	return [...roots].map((root) => ({
		path: path.relative(ROOT, root),
		version: JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version,
	}));
}

module.exports = { NODES_BASE_VERSION, ensureInstalled, loadHttpRequestNode, n8nWorkflowCopies };
