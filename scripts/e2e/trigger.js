// @ts-check
'use strict';
/**
 * e2e stage: the WhatsApp Group Trigger in real n8n (`n8n start`). Trigger workflows are created and
 * activated through n8n's REST API; the simulator records each registration and posts the vendor's
 * payloads to the registered URL; the executions are read back through the REST API. A forged request
 * starts nothing. Then n8n is restarted (it runs checkExists at startup: nothing may be registered
 * twice), one more event arrives, and the workflows are deactivated: the simulator's webhook settings
 * must equal the ones before, a webhook of the user's own included.
 *
 * Cases: Whapi.Cloud (automatic), Evolution API (replace, over a user's own URL) and the Meta Cloud
 * API (manual: the hub.challenge handshake and X-Hub-Signature-256).
 */
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');

const { redact } = require('./checks');
const { PACKAGE_NAME } = require('./install');
const { children, killGroup, capture, sleep, seconds } = require('./process');

const TRIGGER_TYPE = `${PACKAGE_NAME}.whatsAppGroupTrigger`;
const GROUP = '120363078787878787';
const OWNER = { email: 'owner@example.com', password: 'E2e-password-1' };

/**
 * @typedef {{ provider: string, credentialType: string, setup: 'automatic' | 'replace' | 'manual', events: string[],
 *   workflowId?: string, versionId?: string, webhookId: string, name: string, before?: any, during?: any,
 *   executions: number }} TriggerCase
 */

/** @returns {TriggerCase[]} */
function cases() {
	return [
		{ provider: 'whapi', credentialType: 'groupInviteWhapiApi', setup: 'automatic', events: ['memberJoined', 'joinRequested'], webhookId: crypto.randomUUID(), name: 'E2E trigger Whapi automatic', executions: 0 },
		{ provider: 'evolutionApi', credentialType: 'groupInviteEvolutionApi', setup: 'replace', events: ['memberJoined', 'memberLeft'], webhookId: crypto.randomUUID(), name: 'E2E trigger Evolution API replace', executions: 0 },
		{ provider: 'metaCloudApi', credentialType: 'groupInviteMetaWhatsAppApi', setup: 'manual', events: ['memberJoined', 'memberLeft', 'joinRequested'], webhookId: crypto.randomUUID(), name: 'E2E trigger Meta manual', executions: 0 },
	];
}

/**
 * The REST calls the stage makes, logged in as the owner.
 * @param {string} base @param {Record<string, string>} headers
 */
function rest(base, headers) {
	/** @param {string} method @param {string} url @param {unknown} [body] */
	const call = async (method, url, body) => {
		const response = await fetch(`${base}/rest${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await response.text();
		/** @type {any} */
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, json, text };
	};
	return call;
}

/**
 * The items of a trigger execution, read back through the REST API (its data is stored flatted).
 * @param {ReturnType<typeof rest>} call @param {string} workflowId @param {number} known executions seen before
 * @param {string} n8nDir the n8n install (for its `flatted`)
 * @returns {Promise<Array<{ id: string, status: string, items: any[] }>>} the new executions
 */
async function newExecutions(call, workflowId, known, n8nDir, wait = 20_000) {
	const flatted = require(require.resolve('flatted', { paths: [n8nDir] }));
	const begin = Date.now();
	/** @type {any[]} */
	let results = [];
	while (Date.now() - begin < wait) {
		const list = await call('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=50`);
		results = (list.json?.data?.results ?? []).filter((/** @type {any} */ e) => e.finished || ['success', 'error', 'crashed'].includes(e.status));
		if (results.length > known) break;
		await sleep(300);
	}
	const fresh = results.sort((a, b) => Number(a.id) - Number(b.id)).slice(known);
	const out = [];
	for (const execution of fresh) {
		const one = await call('GET', `/executions/${execution.id}`);
		const data = one.json?.data?.data;
		const parsed = typeof data === 'string' ? flatted.parse(data) : data;
		const runs = parsed?.resultData?.runData?.['WhatsApp Group Trigger'] ?? [];
		const items = (runs[0]?.data?.main?.[0] ?? []).map((/** @type {any} */ i) => i.json);
		out.push({ id: String(execution.id), status: String(execution.status ?? ''), items });
	}
	return out;
}

/**
 * A text for the report with the registration's secrets masked (the URL token and our header), as
 * the credential secrets are by `redact`.
 * @param {string} text @param {string[]} secrets
 */
function masked(text, secrets) {
	return redact(text, secrets)
		.replace(/([?&]token=)[^&"\s]+/g, '$1***')
		.replace(/("x-wgi-token"\s*:\s*")[^"]+/g, '$1***');
}

/** Meta's signature of a body. @param {string} secret @param {string} body */
function metaSignature(secret, body) {
	return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Phase 1, on the live stage's server: create and activate, deliver, forge.
 * @param {{ checks: import('./checks').Checks, base: string, headers: Record<string, string>,
 *   sim: import('../../test/support/simulator').VendorSimulator, secrets: string[], report: import('./report').TargetReport,
 *   credentials: Array<{ id: string, name: string, type: string, data: any }>, n8nDir: string, memberJoins?: any }} stage
 *   `memberJoins`: the seventh example, when the examples stage imported its variant
 * @returns {Promise<TriggerCase[]>}
 */
async function runTriggerLive({ checks, base, headers, sim, secrets, report, credentials, n8nDir, memberJoins }) {
	const call = rest(base, headers);
	if (!sim.groups.has(GROUP)) sim.addGroup(GROUP, { name: 'Trigger group' });
	const all = cases();
	const types = /** @type {any[]} */ (await (await fetch(`${base}/types/nodes.json`, { headers })).json().catch(() => []));
	const triggerType = types.find((t) => t.name === TRIGGER_TYPE);
	checks.that(triggerType, `n8n loaded the trigger node ${TRIGGER_TYPE}`, types.filter((t) => String(t.name).startsWith(PACKAGE_NAME)).map((t) => t.name));
	if (triggerType) {
		report.live.push(`trigger "${triggerType.displayName}" parameters: ${triggerType.properties.filter((/** @type {any} */ p) => p.type !== 'notice').map((/** @type {any} */ p) => p.name).filter((/** @type {string} */ n, /** @type {number} */ i, /** @type {string[]} */ a) => a.indexOf(n) === i).join(', ')}; webhooks ${JSON.stringify((triggerType.webhooks ?? []).map((/** @type {any} */ w) => `${w.httpMethod} ${w.name}`))}`);
	}
	for (const c of all) {
		try {
			await runCase({ checks, call, base, sim, secrets, report, credentials, n8nDir, c });
		} catch (error) {
			checks.that(false, `trigger ${c.provider} (${c.setup}): the case ran without an unexpected error`, redact(String(error instanceof Error ? error.stack : error), secrets));
		}
	}
	if (memberJoins) {
		try {
			await runMemberJoinsExample({ checks, call, base, sim, secrets, report, n8nDir, example: memberJoins });
		} catch (error) {
			checks.that(false, 'member-joins-to-sheet: ran without an unexpected error', redact(String(error instanceof Error ? error.stack : error), secrets));
		}
	}
	return all;
}

/**
 * One trigger case on the live server.
 * @param {{ checks: import('./checks').Checks, call: ReturnType<typeof rest>, base: string,
 *   sim: import('../../test/support/simulator').VendorSimulator, secrets: string[], report: import('./report').TargetReport,
 *   credentials: Array<{ id: string, name: string, type: string, data: any }>, n8nDir: string, c: TriggerCase }} stage
 */
async function runCase({ checks, call, base, sim, secrets, report, credentials, n8nDir, c }) {
	{
		const cred = credentials.find((x) => x.type === c.credentialType);
		if (!checks.that(cred, `trigger ${c.provider}: the ${c.credentialType} credential is stored`) || !cred) return;
		c.before = sim.webhookSettings(c.provider);
		const requestsBefore = sim.requests.length;
		const created = await call('POST', '/workflows', {
			name: c.name,
			active: false,
			nodes: [
				{
					id: crypto.randomUUID(),
					name: 'WhatsApp Group Trigger',
					type: TRIGGER_TYPE,
					typeVersion: 1,
					position: [0, 0],
					webhookId: c.webhookId,
					parameters: { provider: c.provider, events: c.events, webhookSetup: c.setup, options: {} },
					credentials: { [c.credentialType]: { id: cred.id, name: cred.name } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveManualExecutions: true },
		});
		c.workflowId = created.json?.data?.id;
		c.versionId = created.json?.data?.versionId;
		if (!checks.that(created.status === 200 && c.workflowId, `trigger ${c.provider}: workflow created through the REST API`, { status: created.status, body: redact(created.text, secrets).slice(0, 300) })) return;
		const activated = await call('POST', `/workflows/${c.workflowId}/activate`, { versionId: c.versionId });
		checks.that(activated.status === 200 && activated.json?.data?.active === true, `trigger ${c.provider} (${c.setup}): activated through the REST API`, { status: activated.status, body: redact(activated.text, secrets).slice(0, 400) });
		c.during = sim.webhookSettings(c.provider);
		const writes = sim.requests.slice(requestsBefore).filter((r) => r.vendor === c.provider && r.op === 'webhookWrite');
		const url = `${base}/webhook/${c.webhookId}/webhook`;
		const urlsNow = JSON.stringify(c.during);
		if (c.setup === 'manual') {
			checks.that(writes.length === 0 && JSON.stringify(c.before) === urlsNow, `trigger ${c.provider} (manual): activation registered nothing with the gateway`, { writes: writes.length });
		} else {
			checks.that(writes.length === 1 && urlsNow.includes(url), `trigger ${c.provider} (${c.setup}): activation registered ${url} with one write`, { writes: writes.length, settings: masked(urlsNow, secrets).slice(0, 400) });
		}
		report.live.push(`trigger ${c.provider} (${c.setup}) webhook settings before: ${masked(JSON.stringify(c.before), secrets).slice(0, 500)}`);
		report.live.push(`trigger ${c.provider} (${c.setup}) webhook settings while active: ${masked(urlsNow, secrets).slice(0, 600)}`);

		const event = { group: GROUP, participants: [{ phone: '5511977776666' }, { phone: '5511966665555' }] };
		if (c.setup === 'manual') {
			// Meta: the verification handshake first, as Meta's dashboard does when the callback URL is saved.
			const token = String(cred.data.verifyToken ?? '');
			const ok = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`);
			const okText = await ok.text();
			checks.that(ok.status === 200 && okText === '1158201444', `trigger ${c.provider}: GET hub.challenge with the verify token echoes the challenge`, { status: ok.status, body: okText.slice(0, 200) });
			const bad = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444`);
			checks.that(bad.status === 403, `trigger ${c.provider}: GET hub.challenge with a wrong verify token gets 403`, bad.status);
		}
		const target = { url };
		const delivered = c.setup === 'manual' ? [await sim.deliverTo(c.provider, target, 'memberJoined', event)] : await sim.deliver(c.provider, 'memberJoined', event);
		checks.that(delivered.length === 1 && delivered[0].status === 200, `trigger ${c.provider}: the gateway's memberJoined post answered 200`, delivered.map((d) => ({ status: d.status, body: d.body.slice(0, 200) })));
		const runs = await newExecutions(call, String(c.workflowId), c.executions, n8nDir);
		c.executions += runs.length;
		const items = runs[0]?.items ?? [];
		checks.items += items.length;
		checks.that(
			runs.length === 1 &&
				runs[0].status === 'success' &&
				items.length === 2 &&
				items.every((i) => i.provider === c.provider && i.event === 'memberJoined' && typeof i.participant === 'string' && typeof i.timestamp === 'string') &&
				items.map((i) => i.phone).join(',') === '5511977776666,5511966665555',
			`trigger ${c.provider}: one execution with one memberJoined item per participant, read back through the REST API`,
			{ runs: runs.length, items: redact(JSON.stringify(items), secrets).slice(0, 600) },
		);
		report.live.push(`trigger ${c.provider}: execution ${runs[0]?.id} items ${redact(JSON.stringify(items), secrets).slice(0, 400)}`);
		const forged = c.setup === 'manual' ? [await sim.deliverTo(c.provider, target, 'memberJoined', event, { forge: true })] : await sim.deliver(c.provider, 'memberJoined', event, { forge: true });
		checks.that(forged.every((d) => d.status === 401 || d.status === 403), `trigger ${c.provider}: a forged request gets 401/403`, forged.map((d) => ({ status: d.status, body: d.body.slice(0, 200) })));
		if (c.provider === 'metaCloudApi') {
			const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
			const wrong = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature('not-the-app-secret', body) }, body });
			checks.that(wrong.status === 401 || wrong.status === 403, `trigger ${c.provider}: a body signed with another app secret gets 401/403`, wrong.status);
		}
		const late = await newExecutions(call, String(c.workflowId), c.executions, n8nDir, 2_000);
		checks.that(late.length === 0, `trigger ${c.provider}: the forged requests started no execution`, late.map((r) => r.id));
	}
}

/**
 * The seventh example (member-joins-to-sheet.json, its variant imported by the examples stage with
 * "every 2 joins"): activated through the REST API, fed three joins by the simulated WPPConnect Server
 * (two by the invite link, one added by an admin). The two invite-link joins become rows; the second
 * one resets the group's link.
 * @param {{ checks: import('./checks').Checks, call: ReturnType<typeof rest>, base: string,
 *   sim: import('../../test/support/simulator').VendorSimulator, secrets: string[], report: import('./report').TargetReport,
 *   n8nDir: string, example: any }} stage
 */
async function runMemberJoinsExample({ checks, call, base, sim, secrets, report, n8nDir, example }) {
	const stored = await call('GET', `/workflows/${example.id}`);
	if (!checks.that(stored.status === 200 && stored.json?.data?.versionId, 'member-joins-to-sheet: the example (its variant) is stored', { status: stored.status })) return;
	const activated = await call('POST', `/workflows/${example.id}/activate`, { versionId: stored.json.data.versionId });
	if (!checks.that(activated.status === 200 && activated.json?.data?.active === true, 'member-joins-to-sheet: activated through the REST API', { status: activated.status, body: redact(activated.text, secrets).slice(0, 400) })) return;
	const trigger = example.nodes.find((/** @type {any} */ n) => n.type === TRIGGER_TYPE);
	const url = `${base}/webhook/${trigger.webhookId}/webhook`;
	const codeBefore = sim.codeOf(GROUP);
	const resetsBefore = sim.count('wppconnect', 'reset');
	const joins = [
		{ phone: '5511911110001', via: /** @type {const} */ ('invite_link') },
		{ phone: '5511911110002', via: /** @type {const} */ ('added') },
		{ phone: '5511911110003', via: /** @type {const} */ ('invite_link') },
	];
	/** @type {Array<{ id: string, status: string, items: any[] }>} */
	const runs = [];
	for (const join of joins) {
		const answer = await sim.deliverTo('wppconnect', { url }, 'memberJoined', { group: GROUP, participants: [{ phone: join.phone }], via: join.via });
		checks.that(answer.status === 200, `member-joins-to-sheet: WPPConnect's onparticipantschanged post for ${join.phone} (${join.via}) answered 200`, { status: answer.status, body: answer.body.slice(0, 200) });
		// One at a time: the join counter lives in the workflow's static data, saved after each execution.
		runs.push(...(await newExecutions(call, example.id, runs.length, n8nDir)));
	}
	const rows = await Promise.all(runs.map((run) => call('GET', `/executions/${run.id}`)));
	const flatted = require(require.resolve('flatted', { paths: [n8nDir] }));
	const runData = rows.map((r) => {
		const data = r.json?.data?.data;
		return (typeof data === 'string' ? flatted.parse(data) : data)?.resultData?.runData ?? {};
	});
	const out = (/** @type {any} */ rd, /** @type {string} */ name) => (rd[name]?.[0]?.data?.main?.[0] ?? []).map((/** @type {any} */ i) => i.json);
	const sheetRows = runData.flatMap((rd) => out(rd, 'Append to the members sheet'));
	const resets = runData.flatMap((rd) => out(rd, 'Reset Invite Link'));
	checks.items += sheetRows.length + resets.length;
	checks.that(runs.length === 3 && runs.every((r) => r.status === 'success'), 'member-joins-to-sheet: three joins, three successful executions', runs.map((r) => r.status));
	checks.that(
		sheetRows.length === 2 && sheetRows.map((r) => r.Phone).join(',') === '5511911110001,5511911110003' && sheetRows.every((r) => r['Group ID'] === `${GROUP}@g.us` && /@s\.whatsapp\.net$/.test(r.Member) && /^\d{4}-/.test(r['Joined at'])),
		'member-joins-to-sheet: the two invite-link joins became rows (Group ID, Phone, Member, Joined at); the member added by an admin did not',
		sheetRows,
	);
	checks.that(
		resets.length === 1 && resets[0].groupId === `${GROUP}@g.us` && sim.count('wppconnect', 'reset') === resetsBefore + 1 && sim.codeOf(GROUP) !== codeBefore && resets[0].inviteCode === sim.codeOf(GROUP),
		'member-joins-to-sheet: the second invite-link join reset the group\'s link once (every 2 joins in the variant), with the new link in the output',
		{ resets, simResets: sim.count('wppconnect', 'reset') - resetsBefore },
	);
	report.live.push(`member-joins-to-sheet: ${runs.length} executions, rows ${JSON.stringify(sheetRows.map((r) => r.Phone))}, resets ${resets.length}`);
	const deactivated = await call('POST', `/workflows/${example.id}/deactivate`, {});
	checks.that(deactivated.status === 200, 'member-joins-to-sheet: deactivated through the REST API', deactivated.status);
	const serialized = JSON.stringify(rows.map((r) => r.text));
	checks.that(!secrets.some((secret) => serialized.includes(secret)), 'member-joins-to-sheet: no secret in the execution data');
}

/**
 * Starts `n8n start` on the install's user folder (the database of the live stage).
 * @param {{ target: import('./report').Target, install: { n8nBin: string }, tmp: string, n8nEnv: NodeJS.ProcessEnv, port: number }} options
 *   `port`: the live stage's, so that the trigger URLs are the same as before the restart (WEBHOOK_URL)
 */
async function startServer({ target, install, tmp, n8nEnv, port }) {
	const env = { ...n8nEnv, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: '127.0.0.1', N8N_PROTOCOL: 'http', WEBHOOK_URL: `http://127.0.0.1:${port}/` };
	const server = spawn(target.nodeBin, [install.n8nBin, 'start'], { cwd: tmp, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(server);
	const state = { log: '' };
	server.stdout?.setEncoding('utf8').on('data', (d) => (state.log += d));
	server.stderr?.setEncoding('utf8').on('data', (d) => (state.log += d));
	const base = `http://127.0.0.1:${port}`;
	const begin = Date.now();
	let up = false;
	while (Date.now() - begin < 120_000 && server.exitCode === null) {
		try {
			const r = await fetch(`${base}/healthz`);
			if (r.ok && /Editor is now accessible/.test(state.log)) {
				up = true;
				break;
			}
		} catch {
			// not up yet
		}
		await sleep(500);
	}
	const stop = async () => {
		killGroup(server, 'SIGTERM');
		const stopBegin = Date.now();
		while (server.exitCode === null && server.signalCode === null && Date.now() - stopBegin < 20_000) await sleep(200);
		killGroup(server, 'SIGKILL');
		children.delete(server);
		capture('n8n start (trigger restart, server log)', state.log);
	};
	return { base, up, state, stop, ms: Date.now() - begin };
}

/**
 * Phase 2: n8n restarted on the same database. Its startup runs checkExists for every active trigger:
 * nothing is registered twice. One more event starts an execution; then every trigger workflow is
 * deactivated and the webhook settings must equal the ones before.
 * @param {{ checks: import('./checks').Checks, sim: import('../../test/support/simulator').VendorSimulator, secrets: string[],
 *   report: import('./report').TargetReport, target: import('./report').Target, install: { n8nBin: string }, tmp: string,
 *   n8nEnv: NodeJS.ProcessEnv, n8nDir: string, triggers: TriggerCase[], port: number }} stage
 */
async function runTriggerRestart({ checks, sim, secrets, report, target, install, tmp, n8nEnv, n8nDir, triggers, port }) {
	const active = triggers.filter((c) => c.workflowId);
	if (active.length === 0) return;
	const requestsBefore = sim.requests.length;
	const server = await startServer({ target, install, tmp, n8nEnv, port });
	try {
		if (!checks.that(server.up, 'trigger restart: n8n start came up again on the same database', redact(server.state.log.split('\n').slice(-20).join('\n'), secrets))) return;
		report.live.push(`trigger restart: n8n start ready after ${seconds(server.ms)}`);
		const login = await fetch(`${server.base}/rest/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }) });
		const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
		if (!checks.that(login.ok && cookie, 'trigger restart: logged in as the owner', login.status)) return;
		const call = rest(server.base, { cookie, 'content-type': 'application/json', 'browser-id': 'e2e' });
		// Startup ran checkExists for every active trigger: each found its registration, none wrote.
		const startupWrites = sim.requests.slice(requestsBefore).filter((r) => r.op === 'webhookWrite');
		const startupReads = sim.requests.slice(requestsBefore).filter((r) => r.op === 'webhookRead');
		checks.that(startupWrites.length === 0, 'trigger restart: n8n\'s startup registered nothing again (checkExists found every registration)', startupWrites.map((r) => `${r.vendor} ${r.method} ${r.path}`));
		report.live.push(`trigger restart: startup read the webhook settings ${startupReads.length} time(s) and wrote ${startupWrites.length}`);
		for (const c of active) {
			const text = JSON.stringify(sim.webhookSettings(c.provider));
			if (c.setup === 'manual') {
				checks.that(JSON.stringify(c.before) === text, `trigger ${c.provider} (manual): the restart registered nothing`, redact(text, secrets).slice(0, 300));
				continue;
			}
			checks.that(text === JSON.stringify(c.during), `trigger ${c.provider} (${c.setup}): after the restart the gateway holds this trigger once, as before it`, { during: masked(JSON.stringify(c.during), secrets).slice(0, 400), now: masked(text, secrets).slice(0, 400) });
		}
		for (const c of active) {
			try {
				await afterRestart({ checks, call, sim, secrets, report, n8nDir, c, base: server.base });
			} catch (error) {
				checks.that(false, `trigger ${c.provider} (${c.setup}): the restart case ran without an unexpected error`, redact(String(error instanceof Error ? error.stack : error), secrets));
			}
		}
		const writes = sim.requests.slice(requestsBefore).filter((r) => r.op === 'webhookWrite').map((r) => `${r.vendor} ${r.method} ${r.path}`);
		report.live.push(`trigger restart: webhook writes from the restart to the deactivations: ${writes.join('; ') || 'none'}`);
	} finally {
		await server.stop();
	}
}

/**
 * After the restart: one more event, then deactivation and the settings compared with the ones before.
 * @param {{ checks: import('./checks').Checks, call: ReturnType<typeof rest>, sim: import('../../test/support/simulator').VendorSimulator,
 *   secrets: string[], report: import('./report').TargetReport, n8nDir: string, c: TriggerCase, base: string }} stage
 */
async function afterRestart({ checks, call, sim, secrets, report, n8nDir, c, base }) {
		{
			const url = `${base}/webhook/${c.webhookId}/webhook`;
			const event = { group: GROUP, participants: [{ phone: '5511955554444' }] };
			const delivered = c.setup === 'manual' ? [await sim.deliverTo(c.provider, { url }, 'memberJoined', event)] : await sim.deliver(c.provider, 'memberJoined', event);
			const runs = await newExecutions(call, String(c.workflowId), c.executions, n8nDir);
			c.executions += runs.length;
			checks.items += runs[0]?.items.length ?? 0;
			checks.that(delivered.every((d) => d.status === 200) && runs.length === 1 && runs[0].items[0]?.phone === '5511955554444', `trigger ${c.provider}: after the restart an event starts one execution`, { delivered: delivered.map((d) => d.status), runs: runs.length });
			const deactivated = await call('POST', `/workflows/${c.workflowId}/deactivate`, {});
			checks.that(deactivated.status === 200 && deactivated.json?.data?.active === false, `trigger ${c.provider}: deactivated through the REST API`, { status: deactivated.status, body: redact(deactivated.text, secrets).slice(0, 300) });
			const after = sim.webhookSettings(c.provider);
			checks.that(JSON.stringify(after) === JSON.stringify(c.before), `trigger ${c.provider} (${c.setup}): after deactivation the gateway's webhook settings equal the ones before (the user's own webhook included)`, { before: masked(JSON.stringify(c.before), secrets), after: masked(JSON.stringify(after), secrets) });
			report.live.push(`trigger ${c.provider} (${c.setup}) webhook settings after deactivation: ${masked(JSON.stringify(after), secrets).slice(0, 500)}`);
		}
}

module.exports = { runTriggerLive, runTriggerRestart, TRIGGER_TYPE };
