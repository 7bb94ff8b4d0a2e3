// @ts-check
'use strict';
/**
 * e2e stage: the secret scans (command outputs, emails, model requests, the n8n database through
 * scan-db.js and as raw bytes), the loopback guard's log, and the summary printed per target.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { PKG, PACKAGE_NAME } = require('./install');
const { ROOT, children, killGroup, STAGES, transcript, seconds } = require('./process');

const SCAN_DB = path.join(__dirname, 'scan-db.js');

/**
 * How many checks a full run (no E2E_SKIP) makes per n8n version of the defaults, as printed under
 * "checks per stage" by the last full run: the summary flags a run with a different count, which is how
 * a check that silently stopped running (or a stage that was cut short) shows. Update it, with the
 * per-stage counts, when checks are added or removed.
 * @type {Record<string, number>}
 */
const EXPECTED_CHECKS = {
	// install 2, credentials 9, examples 168, coexistence 23, faults 279, live 151, secrets 14
	// (credentials: + 1 for the WPPConnect credential the seventh example references)
	// (faults: 144 node v1 cases + 120 node v2 write cases, approve and reject for 8 providers and
	// Set Join Approval for 4, × 6 faults, + 3 run checks per workflow × 5)
	// (live: + 1 for the Join Request panel's order, folded; + 56 for the trigger: trigger.js 53 (Whapi
	// automatic, Evolution API replace, Meta manual, the seventh example, the restart) and 3 browser)
	'1.123.81': 646,
	'2.38.7': 646,
};

/**
 * One target = one n8n version on one Node binary.
 * @typedef {{ label: string, version: string, nodeBin: string, nodeDir?: string, overrides?: Record<string, string>,
 *   extraEnv?: Record<string, string> }} Target
 * @typedef {{ file: string, id: string, swap: string, ms: number, items: number, status: string }} WorkflowReport
 * @typedef {{ target: Target, checks: import('./checks').Checks, workflows: WorkflowReport[], install: any, tarball: string,
 *   nodeVersion: string, peerWorkflowVersion: string, tools: any[], toolError: string, guardLines: string[], db: any,
 *   live: string[], networkFaults: string[], tmp: string }} TargetReport
 */

/** @param {Target} target @param {import('./checks').Checks} checks @returns {TargetReport} */
function emptyReport(target, checks) {
	return { target, checks, workflows: [], install: null, tarball: '', nodeVersion: '', peerWorkflowVersion: '', tools: [], toolError: '', guardLines: [], db: null, live: [], networkFaults: [], tmp: '' };
}

/**
 * The secret scan of the captured outputs: one check per stage in STAGES, whatever the number of
 * commands the stage ran (a reused n8n install runs none, a fresh one several), so the check count is
 * the same from run to run. Each check scans every output captured in its stage for this target (and,
 * for the install stage, those captured before any target: npm pack, the Node 24 install) and fails
 * naming each output that holds a secret.
 * @param {import('./checks').Checks} checks @param {import('./process').Captured[]} captured
 * @param {string} target the target's label @param {string[]} secrets @param {string[]} [skippedStages] stages E2E_SKIP skipped
 * @returns {number} how many outputs were scanned
 */
function secretChecks(checks, captured, target, secrets, skippedStages = []) {
	const mine = captured.filter((c) => c.target === target || c.target === '');
	for (const stage of STAGES) {
		const outputs = mine.filter((c) => c.stage === stage);
		const hits = outputs.flatMap((c) => {
			const found = secrets.flatMap((s, i) => (s !== '' && c.text.includes(s) ? [`secret #${i}`] : []));
			return found.length > 0 ? [`${c.label}: ${found.join(', ')}`] : [];
		});
		checks.that(
			hits.length === 0,
			`no secret in the output of the ${stage} stage (${outputs.length} captured outputs${skippedStages.includes(stage) ? ', stage skipped' : ''})`,
			hits.join('\n'),
		);
	}
	return mine.length;
}

/**
 * @param {{
 *   checks: import('./checks').Checks, report: TargetReport, secrets: string[], smtp: import('./fake-smtp').FakeSmtp,
 *   model: import('./fake-openai').FakeOpenAi, userFolder: string, install: { sqlite3: string }, pathEnv: string, guardLog: string,
 *   skippedStages?: string[],
 * }} stage
 */
async function scanSecrets({ checks, report, secrets, smtp, model, userFolder, install, pathEnv, guardLog, skippedStages = [] }) {
	const { target, workflows } = report;
	secretChecks(checks, transcript, target.label, secrets, skippedStages);
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

/** @param {TargetReport} report @param {boolean} keepTemp */
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
	const expected = EXPECTED_CHECKS[target.version];
	const versus = expected === undefined ? `no expected count for n8n ${target.version}` : expected === checks.list.length ? `as expected for n8n ${target.version}` : `EXPECTED ${expected} for n8n ${target.version}: ${checks.list.length - expected > 0 ? '+' : ''}${checks.list.length - expected}`;
	console.log(`  checks: ${checks.list.length - checks.failed.length}/${checks.list.length} passed (${versus}), ${checks.items} output items checked`);
	console.log(`  checks per stage: ${checks.perStage().map(([stage, n]) => `${stage || '(none)'} ${n}`).join(', ')}`);
	for (const c of checks.failed) console.log(`    FAIL ${c.label}${c.detail ? `\n         ${String(c.detail).split('\n').join('\n         ')}` : ''}`);
	console.log(`  result: ${checks.failed.length === 0 ? 'PASS' : 'FAIL'}`);
	if (report.tmp) console.log(`  temp folder: ${report.tmp}${keepTemp ? ' (kept)' : ' (removed)'}`);
}

module.exports = { EXPECTED_CHECKS, emptyReport, secretChecks, scanSecrets, printReport };
