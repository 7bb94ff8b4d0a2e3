// @ts-check
'use strict';
/**
 * e2e stage: `n8n start` once (127.0.0.1, random port) with the original spam-alert example imported and
 * activated. Sets up an owner, checks that the node, its Tool variant and every declared credential
 * type (and n8n-nodes-evolution-api's) are in the editor's type lists, runs n8n's credential test for
 * each credential against the simulator, with a wrong token and on instances the node cannot use,
 * and calls the activated spam-alert webhook (success and error), then drives the editor in a real
 * browser (browser.js: the group picker). The server log is checked for node/credential loading errors.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const coexistence = require('./coexistence');
const { LOAD_ERRORS, redact, bare } = require('./checks');
const { PACKAGE_NAME, NODE_TYPE, TOOL_TYPE } = require('./install');
const { children, killGroup, capture, freePort, sleep, seconds } = require('./process');
const { EXAMPLES_DIR, nodeNamed } = require('./variants');
const { runBrowser } = require('./browser');
const { runTriggerLive, runTriggerRestart } = require('./trigger');

/**
 * @param {{
 *   checks: import('./checks').Checks, mustN8n: import('./process').N8nCommands['mustN8n'], n8nEnv: NodeJS.ProcessEnv,
 *   target: import('./report').Target, install: { n8nBin: string }, tmp: string,
 *   sim: import('../../test/support/simulator').VendorSimulator, secrets: string[], report: import('./report').TargetReport,
 *   ctx: { liveGroup: string, missingGroup: string, agentGroup: string, agentGroupName: string }, examples: { spam: any, memberJoins: any }, credentialTypes: string[],
 *   examplesImported: boolean,
 * } & import('./credentials').ImportedCredentials} stage
 */
async function runLive({ checks, mustN8n, n8nEnv, target, install, tmp, sim, secrets, report, ctx, examples, credentialTypes, packageCredentials, credentials, examplesImported }) {
	const spamFile = path.join(tmp, 'spam-alert.original.json');
	fs.copyFileSync(path.join(EXAMPLES_DIR, 'spam-alert.json'), spamFile);
	await mustN8n(['import:workflow', `--input=${spamFile}`], 120_000);
	await mustN8n(['update:workflow', `--id=${examples.spam.id}`, '--active=true'], 120_000);
	const port = await freePort();
	const serverEnv = { ...n8nEnv, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: '127.0.0.1', N8N_PROTOCOL: 'http', WEBHOOK_URL: `http://127.0.0.1:${port}/` };
	const server = spawn(target.nodeBin, [install.n8nBin, 'start'], { cwd: tmp, env: serverEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	/** @type {import('./trigger').TriggerCase[]} */
	let triggers = [];
	children.add(server);
	try {
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
				// Version 1's parameters exactly as before; version 1.1's Group is a resource locator with four modes.
				const shownIn = (/** @type {number} */ version) =>
					main.properties
						.filter((/** @type {any} */ p) => {
							const v = p.displayOptions?.show?.['@version'];
							return v === undefined || v.some((/** @type {any} */ c) => c === version || (c?._cnd?.gte !== undefined && version >= c._cnd.gte));
						})
						.map((/** @type {any} */ p) => p.name);
				checks.that(JSON.stringify(main.version) === JSON.stringify([1, 1.1, 2]) && main.defaultVersion === 2, 'the node has versions 1, 1.1 and 2, new nodes get 2', { version: main.version, defaultVersion: main.defaultVersion });
				checks.that(JSON.stringify(shownIn(1)) === JSON.stringify(['provider', 'operation', 'groupId', 'options']), 'version 1 parameters are provider, operation, groupId, options (unchanged)', shownIn(1));
				checks.that(JSON.stringify(shownIn(1.1)) === JSON.stringify(['provider', 'operation', 'groupId', 'returnAll', 'limit', 'filters', 'options']), 'version 1.1 parameters are provider, operation, groupId, returnAll, limit, filters, options', shownIn(1.1));
				const group = main.properties.find((/** @type {any} */ p) => p.name === 'groupId' && p.type === 'resourceLocator');
				checks.that(JSON.stringify(group?.modes?.map((/** @type {any} */ m) => m.name)) === JSON.stringify(['list', 'id', 'url', 'name']) && group?.modes?.[0]?.typeOptions?.searchListMethod === 'searchGroups', 'version 1.1 Group is a resource locator: From List (searchGroups), By ID, By Invite Link, By Name', group?.modes);
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
				capture(`credential test ${cred.type}`, JSON.stringify(body));
				checks.that(body?.data?.status === 'OK', `credential test ${cred.type}: OK against the simulator`, redact(JSON.stringify(body), secrets));
			}
			const wrong = /** @type {(typeof credentials)[number]} */ (credentials.find((x) => x.type === 'groupInviteRyzeApi'));
			const bad = /** @type {any} */ (await (await fetch(`${base}/rest/credentials/test`, { method: 'POST', headers, body: JSON.stringify({ credentials: { id: wrong.id, name: wrong.name, type: wrong.type, data: { ...wrong.data, token: 'wrong-token' } } }) })).json().catch(() => ({})));
			capture('credential test wrong token', JSON.stringify(bad));
			checks.that(bad?.data?.status === 'Error', 'credential test with a wrong RyzeAPI token: Error', bad);
			// n8n's real credential test for instances the node cannot use: each must fail, with the reason.
			const unusable = [
				{ type: 'groupInviteZApi', label: 'Z-API phone disconnected ({connected: false})', set: () => (sim.variants.zApiConnected = false), undo: () => (sim.variants.zApiConnected = true), message: /not connected to WhatsApp/ },
				{ type: 'groupInviteRyzeApi', label: 'RyzeAPI misspelled Instance Name with an instance token', data: { instanceName: 'acme-suport' }, message: /403|Forbidden|does not match/i },
				{ type: 'groupInviteRyzeApi', label: 'RyzeAPI instance disconnected', set: () => (sim.variants.ryzeState = 'disconnected'), undo: () => (sim.variants.ryzeState = 'connected'), message: /400|Bad Request|not connected/i },
				{ type: 'groupInviteWhapiApi', label: 'Whapi.Cloud channel not paired (/health QR)', set: () => (sim.variants.whapiHealth = 'QR'), undo: () => (sim.variants.whapiHealth = 'AUTH'), message: /not paired with a phone/ },
				{ type: 'groupInviteWawpApi', label: 'Wawp session STARTING', set: () => (sim.variants.wawpStatus = 'STARTING'), undo: () => (sim.variants.wawpStatus = 'WORKING'), message: /still starting/ },
				{ type: 'groupInviteMetaWhatsAppApi', label: 'Meta WhatsApp Cloud API expired access token (190/463)', set: () => (sim.variants.metaToken = 'expired'), undo: () => (sim.variants.metaToken = 'valid'), message: /401|Unauthorized|Authorization|expired/i },
				{ type: 'groupInviteMetaWhatsAppApi', label: 'Meta WhatsApp Cloud API Phone Number ID the token cannot reach (100/33)', data: { phoneNumberId: '123456789012345' }, message: /400|Bad Request|does not exist/i },
				{ type: 'groupInviteUazapiApi', label: 'uazapi instance disconnected (/instance/status 200, status.connected false)', set: () => (sim.variants.uazapiState = 'disconnected'), undo: () => (sim.variants.uazapiState = 'connected'), message: /disconnected from WhatsApp/ },
				{ type: 'groupInviteUazapiApi', label: 'uazapi instance connecting (waiting for its QR code)', set: () => (sim.variants.uazapiState = 'connecting'), undo: () => (sim.variants.uazapiState = 'connected'), message: /still connecting/ },
				// Evolution GO's Test reads its 4xx answers (ignoreHttpStatusErrors): n8n's own text for a 4xx is generic.
				{ type: 'groupInviteEvolutionGoApi', label: 'Evolution GO instance disconnected (400 client disconnected)', set: () => (sim.variants.evolutionGoState = 'disconnected'), undo: () => (sim.variants.evolutionGoState = 'connected'), message: /disconnected from WhatsApp \(client disconnected\)/ },
				{ type: 'groupInviteEvolutionGoApi', label: 'Evolution GO instance not logged in (200 LoggedIn false)', set: () => (sim.variants.evolutionGoState = 'qr'), undo: () => (sim.variants.evolutionGoState = 'connected'), message: /not logged in to WhatsApp/ },
				{ type: 'groupInviteEvolutionGoApi', label: "Evolution GO with the server's global API key (401)", data: { token: sim.auth.evolutionGo.globalKey }, message: /global API key/ },
				{ type: 'groupInviteEvolutionGoApi', label: 'Evolution GO Base URL pointing at another server (no data.Connected)', data: { baseUrl: sim.baseUrl }, message: /did not answer as Evolution GO/ },
				{ type: 'groupInviteWppconnectApi', label: 'WPPConnect session waiting for its QR code (status-session QRCODE)', set: () => (sim.variants.wppStatus = 'QRCODE'), undo: () => (sim.variants.wppStatus = 'CONNECTED'), message: /waiting for its QR code/ },
				{ type: 'groupInviteWppconnectApi', label: 'WPPConnect token of another session name', data: { session: 'acme-wp' }, message: /Authorization failed|Unauthorized/i },
				{ type: 'groupInviteWuzapiApi', label: 'Wuzapi session disconnected (1.0.9 status connected: false)', set: () => (sim.variants.wuzapiSession = 'disconnected'), undo: () => (sim.variants.wuzapiSession = 'loggedIn'), message: /not connected to WhatsApp/ },
				{ type: 'groupInviteWuzapiApi', label: 'Wuzapi May 2025 session connected but not logged in (LoggedIn: false)', set: () => Object.assign(sim.variants, { wuzapiVersion: '2025-05', wuzapiSession: 'connected' }), undo: () => Object.assign(sim.variants, { wuzapiVersion: '1.0.9', wuzapiSession: 'loggedIn' }), message: /not logged in to WhatsApp/ },
				{ type: 'groupInviteGowaApi', label: 'GOWA device not logged in (/app/status false)', set: () => (sim.variants.gowaState = 'notLoggedIn'), undo: () => (sim.variants.gowaState = 'loggedIn'), message: /device is not connected/ },
				{ type: 'groupInviteGowaApi', label: 'GOWA wrong Basic auth password (plain-text 401)', data: { password: 'wrong-password' }, message: /Authorization failed|Unauthorized/i },
			];
			for (const u of unusable) {
				const cred = credentials.find((x) => x.type === u.type);
				if (!checks.that(cred, `credential ${u.type} is stored`)) continue;
				u.set?.();
				try {
					const res = /** @type {any} */ (await (await fetch(`${base}/rest/credentials/test`, { method: 'POST', headers, body: JSON.stringify({ credentials: { id: cred.id, name: cred.name, type: cred.type, data: { ...cred.data, ...(u.data ?? {}) } } }) })).json().catch(() => ({})));
					capture(`credential test ${u.label}`, JSON.stringify(res));
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
			capture('webhook response (success)', hookText);
			/** @type {any} */
			let hookBody = {};
			try {
				hookBody = JSON.parse(hookText);
			} catch {
				// checked below
			}
			if (Object.keys(hookBody).length > 0) checks.items += 1;
			checks.that(
				hook.status === 200 && hookBody.groupId === ctx.liveGroup && hookBody.inviteLink === `https://chat.whatsapp.com/${sim.codeOf(bare(ctx.liveGroup))}`,
				'live webhook: POST {groupId} answers 200 {groupId, inviteLink} with the new link',
				{ status: hook.status, body: hookText.slice(0, 300) },
			);
			checks.that(sim.requests.slice(before).filter((r) => r.vendor === 'ryzeApi' && r.op === 'reset').length === 1, 'live webhook: simulator saw 1 RyzeAPI reset');
			const failing = await fetch(`${base}/webhook/${nodeNamed(examples.spam, 'Spam alert').parameters.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ groupId: ctx.missingGroup }) });
			const failingText = await failing.text();
			capture('webhook response (error)', failingText);
			/** @type {any} */
			let failingBody = {};
			try {
				failingBody = JSON.parse(failingText);
			} catch {
				// checked below
			}
			if (Object.keys(failingBody).length > 0) checks.items += 1;
			checks.that(
				failing.status === 500 && failingBody.groupId === ctx.missingGroup && typeof failingBody.error === 'string' && failingBody.error.length > 0,
				'live webhook: unknown group answers 500 {groupId, error} (error output branch)',
				{ status: failing.status, body: failingText.slice(0, 300) },
			);
			report.live.push(`webhook: ${hook.status} ${redact(hookText, secrets).slice(0, 160)} | unknown group: ${failing.status} ${redact(failingText, secrets).slice(0, 200)}`);
			// The trigger: activated through the REST API, the gateway's posts, forged requests.
			triggers = await runTriggerLive({ checks, base, headers, sim, secrets, report, credentials, n8nDir: path.dirname(install.n8nBin), memberJoins: examplesImported ? examples.memberJoins : undefined });
			// The editor in a real browser: the group picker, executing the node, the picker's error.
			const evolution = credentials.find((x) => x.type === 'groupInviteEvolutionApi');
			if (checks.that(evolution, 'the Evolution API credential is stored (for the browser stage)')) {
				await runBrowser({
					checks, base, cookie, headers, sim, secrets, report,
					version: target.version,
					nodeType: NODE_TYPE,
					credential: { id: evolution.id, name: evolution.name },
					group: { jid: ctx.agentGroup, name: ctx.agentGroupName },
					allCredentials: credentials.map(({ id, name, type }) => ({ id, name, type })),
				});
			}
		}
		killGroup(server, 'SIGTERM');
		const stopBegin = Date.now();
		while (server.exitCode === null && server.signalCode === null && Date.now() - stopBegin < 20_000) await sleep(200);
		killGroup(server, 'SIGKILL');
		children.delete(server);
		capture('n8n start (server log)', serverLog);
		const loadError = LOAD_ERRORS.exec(serverLog);
		checks.that(!loadError, 'n8n start log: no node/credential loading errors', loadError && redact(serverLog.slice(Math.max(0, loadError.index - 300), loadError.index + 300), secrets));
	} finally {
		killGroup(server, 'SIGKILL');
		children.delete(server);
	}
	// n8n restarted on the same database and port: checkExists at startup, then deactivation.
	if (triggers.length > 0) await runTriggerRestart({ checks, sim, secrets, report, target, install, tmp, n8nEnv, n8nDir: path.dirname(install.n8nBin), triggers, port });
}

module.exports = { runLive };
