// @ts-check
/**
 * e2e stage: this package next to n8n-nodes-evolution-api in the same `.n8n/nodes`.
 *
 * n8n keeps credential types in one namespace for every installed package. That package declares the
 * credential type `evolutionApi` (fields `server-url`, `apikey`); before this package named its own
 * types `groupInvite…Api`, it declared `evolutionApi` too, and whichever package n8n loaded last won:
 * the other node then read a credential without the fields it expects. This stage installs both,
 * imports one credential of each, and runs one workflow in which both nodes read the invite links of
 * the same three groups from the local Evolution API simulator.
 */
const fs = require('node:fs');
const path = require('node:path');
const { runDetail } = require('./checks');

/** The other package, as `npm pack` fetches it from the registry. */
const OTHER_PACKAGE = 'n8n-nodes-evolution-api';
const OTHER_VERSION = '1.0.4';
const OTHER_NODE_TYPE = `${OTHER_PACKAGE}.evolutionApi`;
const GROUPS = ['120363077777777771@g.us', '120363077777777772@g.us', '120363077777777773@g.us'];
const WORKFLOW_ID = 'e2eCoexistEvolution1';

/**
 * `npm pack` of the other package into `cacheDir` (once), so it installs like any tarball.
 * @param {{ cacheDir: string, mustRun: (command: string, args: string[], options: any) => Promise<any> }} args
 * @returns {Promise<string>} the tarball's path
 */
async function packOtherPackage({ cacheDir, mustRun }) {
	fs.mkdirSync(cacheDir, { recursive: true });
	const tarball = path.join(cacheDir, `${OTHER_PACKAGE}-${OTHER_VERSION}.tgz`);
	if (!fs.existsSync(tarball)) {
		await mustRun('npm', ['pack', `${OTHER_PACKAGE}@${OTHER_VERSION}`, '--silent'], {
			cwd: cacheDir,
			timeoutMs: 5 * 60_000,
			label: `npm pack ${OTHER_PACKAGE}@${OTHER_VERSION}`,
		});
	}
	return tarball;
}

/**
 * The credential of the other package's type, pointing at the simulator.
 * @param {any} sim the VendorSimulator
 */
function otherCredential(sim) {
	return {
		id: 'evolution-node-e2e',
		name: 'Evolution API (n8n-nodes-evolution-api)',
		type: 'evolutionApi',
		data: { 'server-url': sim.baseUrl, apikey: sim.auth.evolutionApi.apiKey },
	};
}

/** @param {string} ourNodeType @param {string} ourCredentialId @param {string} instanceName */
function workflow(ourNodeType, ourCredentialId, instanceName) {
	const theirs = GROUPS.map((groupJid, i) => ({
		id: `evo-node-${i + 1}`,
		name: `Evolution API node ${i + 1}`,
		type: OTHER_NODE_TYPE,
		typeVersion: 1,
		position: [460 + 220 * i, 400],
		parameters: { resource: 'groups-api', operation: 'fetch-invite-code', instanceName, groupJid },
		credentials: { evolutionApi: { id: 'evolution-node-e2e', name: 'Evolution API (n8n-nodes-evolution-api)' } },
	}));
	/** @type {Record<string, any>} */
	const connections = {
		Start: { main: [[{ node: 'Groups', type: 'main', index: 0 }, { node: theirs[0].name, type: 'main', index: 0 }]] },
		Groups: { main: [[{ node: 'Get invite links', type: 'main', index: 0 }]] },
	};
	for (let i = 0; i + 1 < theirs.length; i++) {
		connections[theirs[i].name] = { main: [[{ node: theirs[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id: WORKFLOW_ID,
		name: 'e2e: this node and n8n-nodes-evolution-api side by side',
		active: false,
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 300], parameters: {} },
			{
				id: 'groups',
				name: 'Groups',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 200],
				parameters: { jsCode: `return ${JSON.stringify(GROUPS)}.map((groupId) => ({ json: { groupId } }));` },
			},
			{
				id: 'ours',
				name: 'Get invite links',
				type: ourNodeType,
				typeVersion: 1,
				position: [440, 200],
				parameters: { provider: 'evolutionApi', operation: 'getInviteLink', groupId: '={{ $json.groupId }}', options: {} },
				credentials: { groupInviteEvolutionApi: { id: ourCredentialId, name: 'groupInviteEvolutionApi (e2e)' } },
			},
			...theirs,
		],
		connections,
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Runs the stage. The other package must already be installed in `.n8n/nodes` (see packOtherPackage).
 * @param {{
 *   checks: { that: (condition: unknown, label: string, detail?: unknown) => boolean, items: number },
 *   n8n: (args: string[], timeoutMs: number) => Promise<{ code: number | null, signal?: NodeJS.Signals | null, timedOut: boolean, stdout: string, stderr: string, ms: number }>,
 *   mustN8n: (args: string[], timeoutMs: number) => Promise<{ stdout: string, stderr: string }>,
 *   tmp: string, sim: any, secrets: string[], nodeType: string, ourCredentialId: string,
 *   nodesDir: string, redact: (text: string, secrets: string[]) => string,
 *   parseRun: (stdout: string) => any, outputOf: (runData: any, node: string) => any[] | undefined,
 *   checkItem: (checks: any, where: string, json: any, expected: any) => void,
 * }} ctx
 * @returns {Promise<{ id: string, ms: number, status: string, items: number }>} items: the output items checked (of both nodes)
 */
async function runCoexistence(ctx) {
	const { checks, sim, secrets, redact } = ctx;
	const installed = path.join(ctx.nodesDir, 'node_modules', OTHER_PACKAGE, 'package.json');
	const manifest = fs.existsSync(installed) ? JSON.parse(fs.readFileSync(installed, 'utf8')) : undefined;
	checks.that(manifest?.version === OTHER_VERSION, `coexistence: ${OTHER_PACKAGE}@${OTHER_VERSION} installed next to this package in .n8n/nodes`, manifest?.version);
	for (const group of GROUPS) sim.addGroup(group.replace(/@g\.us$/, ''));

	const credentialsFile = path.join(ctx.tmp, 'coexistence-credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify([otherCredential(sim)], null, 2));
	await ctx.mustN8n(['import:credentials', `--input=${credentialsFile}`], 180_000);
	fs.rmSync(credentialsFile);
	const workflowFile = path.join(ctx.tmp, 'coexistence-workflow.json');
	fs.writeFileSync(workflowFile, JSON.stringify(workflow(ctx.nodeType, ctx.ourCredentialId, sim.auth.evolutionApi.instanceName), null, 2));
	await ctx.mustN8n(['import:workflow', `--input=${workflowFile}`], 120_000);

	const before = sim.requests.length;
	const result = await ctx.n8n(['execute', `--id=${WORKFLOW_ID}`, '--rawOutput'], 240_000);
	const report = { id: WORKFLOW_ID, ms: result.ms, status: 'failed', items: 0 };
	const itemsBefore = checks.items;
	if (!checks.that(result.code === 0 && !result.timedOut, 'coexistence: n8n execute succeeded', runDetail(result, secrets, 240_000))) {
		return report;
	}
	const parsed = ctx.parseRun(result.stdout);
	report.status = parsed.status ?? 'unknown';
	checks.that(parsed.status === 'success' && !parsed.data?.resultData?.error, 'coexistence: execution status is success', { status: parsed.status, error: parsed.data?.resultData?.error?.message });
	const runData = parsed.data?.resultData?.runData;

	const ours = ctx.outputOf(runData, 'Get invite links') ?? [];
	checks.that(ours.length === GROUPS.length, `coexistence: this node output ${GROUPS.length} items`, ours.length);
	GROUPS.forEach((groupId, i) => {
		ctx.checkItem(checks, `coexistence: this node, item ${i}`, ours[i]?.json, { provider: 'evolutionApi', operation: 'getInviteLink', groupId, code: sim.codeOf(groupId.replace(/@g\.us$/, '')) });
	});

	GROUPS.forEach((groupId, i) => {
		const name = `Evolution API node ${i + 1}`;
		const theirs = ctx.outputOf(runData, name) ?? [];
		const json = theirs[0]?.json;
		const code = sim.codeOf(groupId.replace(/@g\.us$/, ''));
		if (json !== undefined) checks.items += 1;
		checks.that(
			theirs.length === 1 && json?.success === true && json?.data?.inviteUrl === `https://chat.whatsapp.com/${code}` && json?.data?.inviteCode === code,
			`coexistence: ${OTHER_PACKAGE} "${name}" answered {success: true, data: {inviteUrl, inviteCode}} for ${groupId}`,
			redact(JSON.stringify(theirs), secrets),
		);
	});

	/** @type {any[]} */
	const requests = sim.requests.slice(before);
	const gets = requests.filter((r) => r.vendor === 'evolutionApi' && r.op === 'get' && r.status === 200);
	checks.that(
		gets.length === 2 * GROUPS.length && requests.length === 2 * GROUPS.length,
		`coexistence: the Evolution API simulator served ${2 * GROUPS.length} authenticated gets (3 per node), nothing else`,
		requests.map((r) => `${r.vendor}.${r.op} ${r.status}`),
	);
	report.items = checks.items - itemsBefore;
	return report;
}

module.exports = { OTHER_PACKAGE, GROUPS, packOtherPackage, runCoexistence };
