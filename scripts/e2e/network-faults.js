// @ts-check
/**
 * e2e stage: the network part of the fault matrix, in real n8n.
 *
 * n8n 1.x and 2.x hand a failed request to the node in different shapes (1.x wraps the HTTP
 * library's error and puts the code in `httpCode`, with a message of its own; 2.x keeps `code` and
 * `cause`). What matters for safety is decided from that shape: whether a Get is retried, whether a
 * reset is reported as possibly done (and the current link read back), whether a message may claim
 * that nothing was sent. n8n-core in the unit tests is one version only, so this stage runs the
 * cases in each real n8n the e2e installs.
 *
 * Cases: every provider × both operations × timeout, connection refused, connection dropped before
 * the vendor acted (resetBefore) and after it acted (resetAfter), 502 (HTML page) and 503. Each case
 * is one node with its own group (the simulator scopes the fault to that group, so a retry can never
 * take the fault of the next case), Continue On Fail, a 1 s Timeout; "refused" uses a credential whose
 * Base URL is a closed port. All cases of one operation are chained in one workflow, so the whole
 * matrix costs two `n8n execute` runs per n8n version. Each case checks the item and the number of
 * requests the simulator saw for its group, as test/workflow/faults.test.ts does through n8n-core.
 *
 * Node v2's writes (issue 20), the same way: Approve and Reject Join Request for every provider whose
 * built adapter (dist/) has approveJoinRequest / rejectJoinRequest, and Set Join Approval for every
 * provider that has setJoinApproval, × the same six faults, one workflow per operation. Each approve or
 * reject case has its own group with one pending request (sim.addJoinRequest); Set Join Approval turns
 * the group's approval on. Refused: nothing sent, "Could not reach …", the request still pending (the
 * setting unchanged). Every other fault: the write sent exactly once, "The approval|rejection may not
 * have completed: …" ("The approval setting may not have changed: …"), and where the provider can list,
 * the one read-back says "no longer pending … most likely went through" when the simulator acted
 * (timeout, resetAfter) and "still pending … did not go through" when it did not (resetBefore, and
 * 502/503, which the simulator answers without calling the vendor's handler). The simulator's state
 * (pending list, approvalRequired) is checked too. Same checks as test/workflow/joinRequests.test.ts.
 */
const fs = require('node:fs');
const path = require('node:path');
const { runDetail } = require('./checks');

const { VENDORS } = require('../../test/support/vendors');

const PROVIDERS = /** @type {const} */ ([
	{ provider: 'zApi', type: 'groupInviteZApi', name: 'Z-API' },
	{ provider: 'ryzeApi', type: 'groupInviteRyzeApi', name: 'RyzeAPI' },
	{ provider: 'wawp', type: 'groupInviteWawpApi', name: 'Wawp' },
	{ provider: 'evolutionApi', type: 'groupInviteEvolutionApi', name: 'Evolution API' },
	{ provider: 'waha', type: 'groupInviteWahaApi', name: 'WAHA' },
	{ provider: 'whapi', type: 'groupInviteWhapiApi', name: 'Whapi.Cloud' },
	{ provider: 'metaCloudApi', type: 'groupInviteMetaWhatsAppApi', name: 'Meta WhatsApp Cloud API' },
	{ provider: 'uazapi', type: 'groupInviteUazapiApi', name: 'uazapi' },
	{ provider: 'evolutionGo', type: 'groupInviteEvolutionGoApi', name: 'Evolution GO' },
	{ provider: 'wppconnect', type: 'groupInviteWppconnectApi', name: 'WPPConnect Server' },
	{ provider: 'wuzapi', type: 'groupInviteWuzapiApi', name: 'Wuzapi' },
	{ provider: 'gowa', type: 'groupInviteGowaApi', name: 'GOWA' },
]);

/** The group ID a provider's user gives for a simulated group: `<id>@g.us`, or the vendor's own (Meta). */
function groupIdFor(/** @type {string} */ provider, /** @type {string} */ group) {
	const groupRef = VENDORS.find((v) => v.id === provider)?.groupRef;
	return groupRef ? groupRef(group) : `${group}@g.us`;
}
const OPERATIONS = /** @type {const} */ (['getInviteLink', 'resetInviteLink']);
/** Node v2's writes: the adapter method each needs, the simulator op the write is logged as, the word in its error. */
const WRITES = /** @type {const} */ ({
	approve: { method: 'approveJoinRequest', op: 'approve', resource: 'joinRequest', noun: 'approval' },
	reject: { method: 'rejectJoinRequest', op: 'reject', resource: 'joinRequest', noun: 'rejection' },
	setJoinApproval: { method: 'setJoinApproval', op: 'joinApproval', resource: 'group', noun: 'approval setting' },
});
/** @typedef {keyof typeof WRITES} WriteOperation */
const WRITE_OPERATIONS = /** @type {WriteOperation[]} */ (Object.keys(WRITES));
/** The phone number of the pending request in each approve / reject case. */
const REQUESTER = '5511922220001';
const FAULTS = /** @type {const} */ (['timeout', 'refused', 'resetBefore', 'resetAfter', '502Html', '503']);
const TIMEOUT_MS = 1000;
const LINK = /^https:\/\/chat\.whatsapp\.com\/([A-Za-z0-9]{16,32})$/;

/**
 * What a careful client does (the same table as test/workflow/faults.test.ts):
 * - a Get is retried after a timeout, a dropped connection, a 502 or a 503, and succeeds on the retry;
 * - a reset that may have reached the vendor is never sent again; the current link is read back;
 * - a refused connection reached nobody: retried within the item's budget, then a clear error.
 * @param {string} operation @param {string} fault
 * @returns {{ outcome: 'link' | 'ambiguous' | 'refused', sent: number, reads: number, changed?: boolean }}
 */
function expected(operation, fault) {
	if (fault === 'refused') return { outcome: 'refused', sent: 0, reads: 0 };
	if (operation === 'getInviteLink') return { outcome: 'link', sent: 2, reads: 2 };
	return { outcome: 'ambiguous', sent: 1, reads: 1, changed: fault === 'timeout' || fault === 'resetAfter' };
}

/**
 * The built adapters (dist/, `npm run e2e` builds it first): what each provider can do is read from
 * them, never listed here.
 * @returns {ReadonlyArray<Record<string, any>>}
 */
function builtAdapters() {
	const { ROOT } = require('./process');
	return require(path.join(ROOT, 'dist/nodes/WhatsAppGroupInvite/providers')).PROVIDERS;
}

/**
 * What a careful client does with node v2's writes (as test/workflow/joinRequests.test.ts):
 * @param {string} fault @param {boolean} lists whether the provider can list pending requests (the read-back)
 * @returns {{ outcome: 'refused' | 'ambiguous', sent: number, acted: boolean, stillPending?: boolean }}
 *   acted: the simulator applied the write (the request left the list / the setting changed)
 */
function expectedWrite(fault, lists) {
	if (fault === 'refused') return { outcome: 'refused', sent: 0, acted: false };
	const acted = fault === 'timeout' || fault === 'resetAfter';
	return { outcome: 'ambiguous', sent: 1, acted, ...(lists ? { stillPending: !acted } : {}) };
}

/** @param {number} index @returns {string} an 18-digit group id, unique per case */
function groupFor(index) {
	return `120363088000000${String(index).padStart(3, '0')}`;
}

/**
 * @typedef {{ provider: string, type: string, name: string, operation: string, fault: string, group: string, node: string, lists?: boolean }} Case
 *   lists (node v2 writes): the provider's adapter can list pending join requests
 */

/**
 * The cases: node v1's Get and Reset for every provider, then node v2's writes for the providers whose
 * adapter has them.
 * @param {ReadonlyArray<Record<string, any>>} [adapters] the providers' adapters (default: the built ones)
 * @returns {Case[]}
 */
function cases(adapters = builtAdapters()) {
	/** @type {Case[]} */
	const out = [];
	let index = 0;
	for (const operation of OPERATIONS) {
		for (const p of PROVIDERS) {
			for (const fault of FAULTS) {
				index += 1;
				out.push({ ...p, operation, fault, group: groupFor(index), node: `${p.provider} ${operation} ${fault}` });
			}
		}
	}
	for (const operation of WRITE_OPERATIONS) {
		for (const p of PROVIDERS) {
			const adapter = adapters.find((a) => a.id === p.provider);
			if (typeof adapter?.[WRITES[operation].method] !== 'function') continue;
			const lists = typeof adapter.listJoinRequests === 'function';
			for (const fault of FAULTS) {
				index += 1;
				out.push({ ...p, operation, fault, group: groupFor(index), node: `${p.provider} ${operation} ${fault}`, lists });
			}
		}
	}
	return out;
}

/** @param {string} operation */
const workflowId = (operation) =>
	({ getInviteLink: 'e2eNetworkFaultsGet1', resetInviteLink: 'e2eNetworkFaultsReset1', approve: 'e2eNetworkFaultsApprove2', reject: 'e2eNetworkFaultsReject2', setJoinApproval: 'e2eNetworkFaultsJoinApproval2' })[operation] ?? `e2eNetworkFaults-${operation}`;

/** The node parameters of one case: node v1 (Get, Reset) or node v2 (the writes). @param {Case} c */
function parametersOf(c) {
	const options = { timeout: TIMEOUT_MS, maxRequestsPerMinute: 6000 };
	if (!(c.operation in WRITES)) return { provider: c.provider, operation: c.operation, groupId: groupIdFor(c.provider, c.group), options };
	const write = WRITES[/** @type {WriteOperation} */ (c.operation)];
	return {
		provider: c.provider,
		resource: write.resource,
		operation: c.operation,
		groupId: { __rl: true, mode: 'id', value: groupIdFor(c.provider, c.group) },
		...(write.resource === 'joinRequest' ? { requester: REQUESTER } : { required: true }),
		options,
	};
}

/**
 * @param {string} nodeType @param {string} operation
 * @param {ReturnType<typeof cases>} list @param {(type: string, fault: string) => { id: string, name: string }} credentialFor
 */
function workflow(nodeType, operation, list, credentialFor) {
	/** @type {Array<Record<string, any>>} */
	const nodes = [{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	/** @type {Record<string, any>} */
	const connections = {};
	let previous = 'Start';
	list.forEach((c, i) => {
		nodes.push({
			id: `case-${i}`,
			name: c.node,
			type: nodeType,
			typeVersion: c.operation in WRITES ? 2 : 1,
			position: [220 * (i + 1), 0],
			parameters: parametersOf(c),
			onError: 'continueRegularOutput',
			credentials: { [c.type]: credentialFor(c.type, c.fault) },
		});
		connections[previous] = { main: [[{ node: c.node, type: 'main', index: 0 }]] };
		previous = c.node;
	});
	return { id: workflowId(operation), name: `e2e: network faults, ${operation}`, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/**
 * Runs the stage.
 * @param {{
 *   checks: { that: (condition: unknown, label: string, detail?: unknown) => boolean, items: number },
 *   n8n: (args: string[], timeoutMs: number) => Promise<{ code: number | null, signal?: NodeJS.Signals | null, timedOut: boolean, stdout: string, stderr: string, ms: number }>,
 *   mustN8n: (args: string[], timeoutMs: number) => Promise<{ stdout: string, stderr: string }>,
 *   tmp: string, sim: any, secrets: string[], nodeType: string, closedPort: number, adapters?: ReadonlyArray<Record<string, any>>,
 *   credentials: Array<{ id: string, name: string, type: string, data: Record<string, unknown> }>,
 *   redact: (text: string, secrets: string[]) => string, parseRun: (stdout: string) => any,
 *   outputOf: (runData: any, node: string) => any[] | undefined, label: string,
 * }} ctx
 * @returns {Promise<{ runs: Array<{ id: string, ms: number, status: string, items: number }>, cases: number, passed: number, lines: string[] }>} runs[].items: the output items checked in that run
 */
async function runNetworkFaults(ctx) {
	const { checks, sim, secrets, redact } = ctx;
	const list = cases(ctx.adapters);
	for (const c of list) sim.addGroup(c.group);

	// One extra credential per type whose Base URL is a closed port: "connection refused".
	const refused = ctx.credentials.map((cred) => ({
		id: `${cred.type.toLowerCase()}-refused`,
		name: `${cred.type} (refused)`,
		type: cred.type,
		data: { ...cred.data, baseUrl: `http://127.0.0.1:${ctx.closedPort}` },
	}));
	const credentialsFile = path.join(ctx.tmp, 'network-faults-credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(refused, null, 2));
	await ctx.mustN8n(['import:credentials', `--input=${credentialsFile}`], 180_000);
	fs.rmSync(credentialsFile);
	const credentialFor = (/** @type {string} */ type, /** @type {string} */ fault) => {
		const pick = fault === 'refused' ? refused.find((x) => x.type === type) : ctx.credentials.find((x) => x.type === type);
		if (!pick) throw new Error(`no credential of type ${type}`);
		return { id: pick.id, name: pick.name };
	};

	const report = { runs: /** @type {Array<{ id: string, ms: number, status: string, items: number }>} */ ([]), cases: list.length, passed: 0, lines: /** @type {string[]} */ ([]) };
	const operations = [...OPERATIONS, ...WRITE_OPERATIONS.filter((operation) => list.some((c) => c.operation === operation))];
	for (const operation of operations) {
		const write = operation in WRITES ? WRITES[/** @type {WriteOperation} */ (operation)] : undefined;
		const op = write ? write.op : operation === 'getInviteLink' ? 'get' : 'reset';
		const mine = list.filter((c) => c.operation === operation);
		const file = path.join(ctx.tmp, `network-faults-${operation}.json`);
		fs.writeFileSync(file, JSON.stringify(workflow(ctx.nodeType, operation, mine, credentialFor), null, 2));
		await ctx.mustN8n(['import:workflow', `--input=${file}`], 120_000);

		// Node v2's approve / reject: one pending request per case's group (approval on); Set Join Approval: off.
		if (write?.resource === 'joinRequest') for (const c of mine) sim.addJoinRequest(c.group, { phone: REQUESTER });
		const codesBefore = Object.fromEntries(mine.map((c) => [c.group, sim.codeOf(c.group)]));
		for (const c of mine) {
			if (c.fault === 'refused') continue;
			sim.inject({ vendor: c.provider, op, group: c.group, fault: c.fault, times: 1 });
		}
		const before = sim.requests.length;
		const result = await ctx.n8n(['execute', `--id=${workflowId(operation)}`, '--rawOutput'], 600_000);
		const run = { id: workflowId(operation), ms: result.ms, status: 'failed', items: 0 };
		const itemsBefore = checks.items;
		report.runs.push(run);
		if (!checks.that(result.code === 0 && !result.timedOut, `${ctx.label} network faults (${operation}): n8n execute succeeded`, runDetail(result, secrets, 600_000))) continue;
		let parsed;
		try {
			parsed = ctx.parseRun(result.stdout);
		} catch (error) {
			checks.that(false, `${ctx.label} network faults (${operation}): --rawOutput is JSON`, String(error));
			continue;
		}
		run.status = parsed.status ?? 'unknown';
		checks.that(parsed.status === 'success', `${ctx.label} network faults (${operation}): execution status is success`, { status: parsed.status, error: parsed.data?.resultData?.error?.message });
		const runData = parsed.data?.resultData?.runData;
		/** @type {any[]} */
		const requests = sim.requests.slice(before);
		// Nothing left over: every injected fault was taken by its own case.
		checks.that(sim.faults.length === 0, `${ctx.label} network faults (${operation}): every injected fault was used by its case`, sim.faults);

		for (const c of mine) {
			const items = ctx.outputOf(runData, c.node) ?? [];
			const json = items[0]?.json ?? {};
			const sent = requests.filter((r) => r.group === c.group && r.op === op).length;
			const name = c.name.replace(/\./g, '\\.');
			/** @type {string[]} */
			const problems = [];
			if (items.length !== 1) problems.push(`${items.length} items`);
			let label;
			let counts;
			if (write) {
				// The read-back is for approve / reject only: Set Join Approval has nothing pending to read.
				const want = expectedWrite(c.fault, Boolean(c.lists) && write.resource === 'joinRequest');
				const group = sim.groups.get(c.group);
				const lists = requests.filter((r) => r.group === c.group && r.op === 'joinRequests').length;
				counts = `${sent} ${op}/${lists} joinRequests`;
				label = `${want.outcome}, ${want.sent} ${op} sent${want.outcome === 'ambiguous' ? `, ${want.acted ? 'acted' : 'did not act'}` : ''}`;
				if (sent !== want.sent) problems.push(`simulator saw ${sent} ${op} requests, expected ${want.sent}`);
				if (want.outcome === 'refused') {
					if (!new RegExp(`^Could not reach ${name} to .+: the connection was refused or the host was not found$`).test(String(json.error))) problems.push(`error: ${json.error}`);
					if (!/Base URL/.test(String(json.description))) problems.push(`description: ${json.description}`);
				} else {
					if (!new RegExp(write.resource === 'group' ? '^The approval setting may not have changed: ' : `^The ${write.noun} may not have completed: `).test(String(json.error))) problems.push(`error: ${json.error}`);
					if (/not sent|never sent|could not send/i.test(String(json.error))) problems.push('the message claims nothing was sent');
					if (want.stillPending === undefined) {
						if (json.stillPending !== undefined) problems.push(`stillPending ${json.stillPending} from a provider that cannot list`);
						if (/^Read afterwards/.test(String(json.description))) problems.push(`description: ${json.description}`);
					} else {
						const said = want.stillPending
							? `^Read afterwards: the request from ${REQUESTER} is still pending, so the ${write.noun} did not go through`
							: `^Read afterwards: the request from ${REQUESTER} is no longer pending, so the ${write.noun} most likely went through`;
						if (!new RegExp(said).test(String(json.description))) problems.push(`description: ${json.description}`);
						if (json.stillPending !== want.stillPending) problems.push(`stillPending ${json.stillPending}`);
						if (lists < 1) problems.push('no read-back of the pending requests');
					}
					if (json.status !== undefined || json.joinApprovalRequired !== undefined) problems.push('a success field in an ambiguous item');
				}
				if (write.resource === 'joinRequest') {
					const pending = (group?.joinRequests ?? []).some((/** @type {{ phone?: string }} */ r) => r.phone === REQUESTER);
					if (pending === want.acted) problems.push(`the simulator ${pending ? 'still has' : 'no longer has'} the request pending`);
					if (want.outcome === 'refused' && json.stillPending !== undefined) problems.push('stillPending in a refused item');
				} else if (group?.approvalRequired !== want.acted) problems.push(`the simulator's approvalRequired is ${group?.approvalRequired}`);
				if (json.inviteLink !== undefined || json.currentInviteLink !== undefined) problems.push('a link in a join-request item');
			} else {
				const want = expected(operation, c.fault);
				const reads = requests.filter((r) => r.group === c.group && r.op === 'get').length;
				const code = sim.codeOf(c.group);
				counts = `${sent} ${op}/${reads} get`;
				label = `${want.outcome}, ${want.sent} ${op} sent`;
				if (sent !== want.sent) problems.push(`simulator saw ${sent} ${op} requests, expected ${want.sent}`);
				if (reads !== want.reads) problems.push(`simulator saw ${reads} get requests, expected ${want.reads}`);
				if (want.outcome === 'link') {
					if (json.error !== undefined) problems.push(`error: ${json.error}`);
					if (json.inviteCode !== code || !LINK.test(String(json.inviteLink))) problems.push(`link ${json.inviteLink} is not the group's current one`);
				} else if (want.outcome === 'refused') {
					if (!new RegExp(`^Could not reach ${name} to .+: the connection was refused or the host was not found$`).test(String(json.error))) problems.push(`error: ${json.error}`);
					if (json.inviteLink !== undefined || json.currentInviteLink !== undefined) problems.push('a link in a refused item');
					// On the regular output too, the error item says how to fix it (issue 19).
					if (!/Base URL/.test(String(json.description))) problems.push(`description: ${json.description}`);
				} else {
					if (!/^The reset may not have completed: /.test(String(json.error))) problems.push(`error: ${json.error}`);
					if (/not sent|never sent|could not send/i.test(String(json.error))) problems.push('the message claims nothing was sent');
					if (json.inviteLink !== undefined) problems.push('an inviteLink in an ambiguous item');
					if (json.currentInviteCode !== code || json.currentInviteLink !== `https://chat.whatsapp.com/${code}`) problems.push(`currentInviteLink ${json.currentInviteLink} is not the group's current one`);
					if ((code !== codesBefore[c.group]) !== want.changed) problems.push(`the code ${want.changed ? 'did not change' : 'changed'}`);
					if (!String(json.description).includes(`https://chat.whatsapp.com/${code}`)) problems.push(`description: ${json.description}`);
				}
			}
			if (json.groupId !== groupIdFor(c.provider, c.group)) problems.push(`groupId ${json.groupId}`);
			if (items[0]?.pairedItem?.item !== 0) problems.push(`pairedItem ${JSON.stringify(items[0]?.pairedItem)}`);
			if (items.length > 0) checks.items += 1;
			const ok = checks.that(problems.length === 0, `${ctx.label} network fault ${c.node}: ${label}`, redact(`${problems.join('; ')} | ${JSON.stringify(json).slice(0, 500)}`, secrets));
			if (ok) report.passed += 1;
			const said = write && c.fault !== 'refused' ? ` | ${String(json.description ?? '').slice(0, 110)}` : '';
			report.lines.push(`${c.node}: ${ok ? 'ok' : 'FAIL'}, ${counts}, ${redact(String(json.error ?? json.inviteLink), secrets).slice(0, 120)}${said}`);
		}
		run.items = checks.items - itemsBefore;
	}
	return report;
}

module.exports = { runNetworkFaults, cases, expected, expectedWrite, workflowId, WRITES, REQUESTER };
