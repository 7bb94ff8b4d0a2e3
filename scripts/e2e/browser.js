// @ts-check
'use strict';
/**
 * e2e stage: the editor, in a real browser (Debian's chromium driven by playwright-core), against the
 * running `n8n start`. A workflow with the node (version 1.1, Evolution API credential) is created
 * through the REST API; the browser opens it, opens the node, chooses Group: From List, searches,
 * picks a group the simulator serves, executes the node and reads the output table. Then the list is
 * made to fail (the simulator refuses the token) and the picker must show the provider's message.
 * Then node version 2 (joinRequestPanels): a workflow with WAHA (which has join requests) and one with
 * Wawp (which has none); the Resource dropdown must list Group and Join Request for WAHA and Group only
 * for Wawp, and WAHA's Operation dropdown under Join Request exactly the operations its built adapter
 * has (dist/, never a list written here). The WAHA panel with that dropdown open is 5-join-requests.png
 * (docs/images/join-requests.png is a copy of it).
 * Screenshots go to .e2e/screenshots/<n8n version>/ (the README's images are copies of them).
 */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, log } = require('./process');

const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const NODE_NAME = 'WhatsApp Group Invite';

/**
 * A workflow of a Manual Trigger and our node, as the e2e creates it through n8n's REST API.
 * @param {string} name @param {string} idPrefix @param {Record<string, any>} node the node's own fields
 */
function triggerAndNode(name, idPrefix, node) {
	return {
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { 'When clicking Execute workflow': { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
		nodes: [
			{ id: `${idPrefix}-1`, name: 'When clicking Execute workflow', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: `${idPrefix}-2`, name: NODE_NAME, position: [260, 0], ...node },
		],
	};
}

/**
 * A browser context logged in to n8n with the e2e owner's session cookie.
 * @param {import('playwright-core').Browser} browser @param {string} base @param {string} cookie
 */
async function loggedInContext(browser, base, cookie) {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const url = new URL(base);
	await context.addCookies(
		cookie.split('; ').map((pair) => {
			const [name, ...rest] = pair.split('=');
			return { name, value: rest.join('='), domain: url.hostname, path: '/' };
		}),
	);
	return context;
}

/**
 * @param {{
 *   checks: import('./checks').Checks, base: string, cookie: string, headers: Record<string, string>,
 *   sim: import('../../test/support/simulator').VendorSimulator, secrets: string[], version: string,
 *   nodeType: string, credential: { id: string, name: string }, group: { jid: string, name: string },
 *   report: import('./report').TargetReport, allCredentials: Array<{ id: string, name: string, type: string }>,
 * }} stage
 */
async function runBrowser({ checks, base, cookie, headers, sim, secrets, version, nodeType, credential, group, report, allCredentials }) {
	if (!checks.that(fs.existsSync(CHROMIUM), `browser: chromium is installed at ${CHROMIUM} (Debian package chromium)`)) return;
	const shots = path.join(ROOT, '.e2e', 'screenshots', version);
	fs.mkdirSync(shots, { recursive: true });

	// The workflow: Manual Trigger -> our node (v1.1, Get Invite Link, Group From List, still empty).
	const workflow = triggerAndNode('Group picker (e2e browser)', 'e2e-b', {
		type: nodeType,
		typeVersion: 1.1,
		parameters: { provider: 'evolutionApi', operation: 'getInviteLink', groupId: { __rl: true, mode: 'list', value: '' }, options: {} },
		credentials: { groupInviteEvolutionApi: credential },
	});
	const created = await fetch(`${base}/rest/workflows`, { method: 'POST', headers, body: JSON.stringify(workflow) });
	const createdBody = /** @type {any} */ (await created.json().catch(() => ({})));
	const workflowId = createdBody?.data?.id;
	if (!checks.that(created.ok && workflowId, 'browser: the picker workflow was created through the REST API', { status: created.status, body: JSON.stringify(createdBody).slice(0, 300) })) return;

	const { chromium } = require('playwright-core');
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const shot = async (/** @type {import('playwright-core').Page} */ page, /** @type {string} */ name) => {
		const file = path.join(shots, `${name}.png`);
		await page.screenshot({ path: file });
		report.live.push(`screenshot ${path.relative(ROOT, file)}`);
	};
	try {
		const context = await loggedInContext(browser, base, cookie);
		const page = await context.newPage();
		page.setDefaultTimeout(30_000);
		const listBefore = sim.count('evolutionApi', 'list');
		await page.goto(`${base}/workflow/${workflowId}`);
		const node = page.locator('[data-test-id="canvas-node"]').filter({ hasText: NODE_NAME }).first();
		await node.waitFor();
		await node.dblclick();
		const input = page.locator('[data-test-id="rlc-input"]').first();
		await input.waitFor();
		await page.waitForTimeout(800); // the panel's opening animation
		await shot(page, '1-node-panel');
		await input.click();
		await page.locator('[data-test-id="rlc-item"]').first().waitFor();
		// The search box: n8n puts the test id on the input itself or on its wrapper, depending on the version.
		const search = page.locator('input[data-test-id="rlc-search"], [data-test-id="rlc-search"] input').first();
		if (process.env.E2E_BROWSER_DEBUG) await shot(page, 'debug-dropdown');
		await search.fill(group.name.slice(0, 5).toLowerCase());
		await page.waitForTimeout(800); // the search is debounced
		const item = page.locator('[data-test-id="rlc-item"]').filter({ hasText: group.name }).first();
		await item.waitFor();
		const shown = (await page.locator('[data-test-id="rlc-item"]').allInnerTexts()).map((t) => t.trim());
		checks.that(shown.some((t) => t.includes(group.name) && t.includes(group.jid)), `browser: the picker lists "${group.name} (${group.jid})" for the search "${group.name.slice(0, 5).toLowerCase()}"`, shown);
		await shot(page, '2-group-picker');
		await item.click();
		await page.locator('[data-test-id="node-execute-button"]').first().click();
		const link = `https://chat.whatsapp.com/${sim.codeOf(group.jid.replace(/@g\.us$/, ''))}`;
		const output = page.locator('[data-test-id="output-panel"]').first();
		await output.getByText(link).first().waitFor();
		const outputText = await output.innerText();
		checks.items += 1;
		checks.that(outputText.includes(link) && outputText.includes(group.jid), 'browser: executing the node shows the picked group and its invite link in the output', outputText.slice(0, 400));
		await shot(page, '3-output');
		checks.that(sim.count('evolutionApi', 'list') > listBefore, 'browser: the picker listed the groups through the provider (simulator saw list requests)');

		// The list fails: the picker says what the provider said, and how to fix it.
		sim.inject({ vendor: 'evolutionApi', op: 'list', fault: '401', times: 20 });
		await input.click();
		await search.fill('x');
		const error = page.locator('[data-test-id="rlc-error-container"]').first();
		await error.waitFor();
		const errorText = (await error.innerText()).trim();
		checks.that(/refused to list the groups/.test(errorText) && /API Key/i.test(errorText), 'browser: when listing fails, the picker shows the provider message and the fix', errorText);
		checks.that(!secrets.some((s) => errorText.includes(s) || outputText.includes(s)), 'browser: no secret on screen');
		await shot(page, '4-picker-error');
		report.live.push(`browser: picked "${group.name}", output shows ${link}; picker error: "${errorText.replace(/\s+/g, ' ').slice(0, 200)}"`);
	} catch (error) {
		checks.that(false, 'browser: the editor steps completed', String(error instanceof Error ? error.message : error).slice(0, 600));
		log(`browser stage failed: ${String(error).slice(0, 300)}`);
	} finally {
		sim.faults = sim.faults.filter((f) => f.op !== 'list');
	}
	try {
		await joinRequestPanels({ checks, base, cookie, headers, browser, shot, nodeType, group, allCredentials, report });
		await triggerPanel({ checks, base, cookie, headers, browser, shot, allCredentials, report, triggerType: nodeType.replace(/\.whatsAppGroupInvite$/, '.whatsAppGroupTrigger') });
	} catch (error) {
		checks.that(false, 'browser: the node v2 (join request) editor steps completed', String(error instanceof Error ? error.message : error).slice(0, 600));
		log(`browser stage (node v2) failed: ${String(error).slice(0, 300)}`);
	} finally {
		await browser.close();
	}
}

/** The Operation names node v2 shows under Join Request, by the adapter method each needs. */
const JOIN_REQUEST_OPERATIONS = [
	{ name: 'Approve', method: 'approveJoinRequest' },
	{ name: 'Get Many', method: 'listJoinRequests' },
	{ name: 'Reject', method: 'rejectJoinRequest' },
];

/**
 * Node v2 in the editor: the Resource and Operation dropdowns per provider, as the built adapters say.
 * @param {{
 *   checks: import('./checks').Checks, base: string, cookie: string, headers: Record<string, string>,
 *   browser: import('playwright-core').Browser, shot: (page: import('playwright-core').Page, name: string) => Promise<void>,
 *   nodeType: string, group: { jid: string, name: string }, allCredentials: Array<{ id: string, name: string, type: string }>,
 *   report: import('./report').TargetReport,
 * }} stage
 */
async function joinRequestPanels({ checks, base, cookie, headers, browser, shot, nodeType, group, allCredentials, report }) {
	/** @type {ReadonlyArray<Record<string, any>>} */
	const adapters = require(path.join(ROOT, 'dist/nodes/WhatsAppGroupInvite/providers')).PROVIDERS;
	const cases = [
		{ provider: 'waha', type: 'groupInviteWahaApi', resource: 'joinRequest', operation: 'getAll' },
		{ provider: 'wawp', type: 'groupInviteWawpApi', resource: 'group', operation: 'getInviteLink' },
	];
	const context = await loggedInContext(browser, base, cookie);
	for (const c of cases) {
		const adapter = adapters.find((a) => a.id === c.provider);
		const credential = allCredentials.find((x) => x.type === c.type);
		if (!checks.that(adapter && credential, `browser (node v2, ${c.provider}): the built adapter and a credential exist`)) continue;
		const operations = JOIN_REQUEST_OPERATIONS.filter((o) => typeof adapter?.[o.method] === 'function').map((o) => o.name);
		const resources = operations.length > 0 ? ['Group', 'Join Request'] : ['Group'];
		const workflow = triggerAndNode(`Node v2, ${adapter?.name} (e2e browser)`, 'e2e-b2', {
			type: nodeType,
			typeVersion: 2,
			parameters: { provider: c.provider, resource: c.resource, operation: c.operation, groupId: { __rl: true, mode: 'id', value: group.jid }, ...(c.operation === 'getAll' ? { returnAll: true } : {}), options: {} },
			credentials: { [c.type]: { id: credential?.id, name: credential?.name } },
		});
		const created = await fetch(`${base}/rest/workflows`, { method: 'POST', headers, body: JSON.stringify(workflow) });
		const workflowId = /** @type {any} */ (await created.json().catch(() => ({})))?.data?.id;
		if (!checks.that(created.ok && workflowId, `browser (node v2, ${c.provider}): the workflow was created through the REST API`, created.status)) continue;
		const page = await context.newPage();
		page.setDefaultTimeout(30_000);
		try {
			await page.goto(`${base}/workflow/${workflowId}`);
			const node = page.locator('[data-test-id="canvas-node"]').filter({ hasText: NODE_NAME }).first();
			await node.waitFor();
			await node.dblclick();
			const resource = page.locator('[data-test-id="parameter-input-resource"]').first();
			await resource.waitFor();
			await page.waitForTimeout(800); // the panel's opening animation
			const shownResources = await dropdownOptions(page, resource);
			checks.that(
				JSON.stringify(shownResources) === JSON.stringify(resources),
				`browser (node v2, ${adapter?.name}): the Resource dropdown lists ${resources.join(' and ')}`,
				shownResources,
			);
			if (c.resource === 'joinRequest') {
				const operation = page.locator('[data-test-id="parameter-input-operation"]').first();
				const shownOperations = await dropdownOptions(page, operation, false);
				checks.that(
					JSON.stringify([...shownOperations].sort()) === JSON.stringify([...operations].sort()),
					`browser (node v2, ${adapter?.name}): with Join Request, the Operation dropdown lists exactly what its adapter has (${operations.join(', ')})`,
					shownOperations,
				);
				await shot(page, '5-join-requests');
				// Folded again: the panel reads Resource, Operation, Group, then Return All (as a user meets it).
				await operation.click();
				await page.waitForTimeout(300);
				// The parameters' labels are lines of their own in the panel's text, in the order shown.
				const lines = (await page.locator('body').innerText()).split('\n').map((line) => line.trim());
				const order = ['Resource', 'Operation', 'Group', 'Return All'].map((label) => lines.indexOf(label));
				checks.that(
					order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1])),
					`browser (node v2, ${adapter?.name}): the Join Request panel reads Resource, Operation, Group, Return All`,
					order,
				);
				await shot(page, '6-join-requests-panel');
				report.live.push(`browser (node v2): ${adapter?.name} Resource [${shownResources.join(', ')}], Join Request operations [${shownOperations.join(', ')}]`);
			} else {
				report.live.push(`browser (node v2): ${adapter?.name} Resource [${shownResources.join(', ')}]`);
			}
		} finally {
			await page.close();
		}
	}
	await context.close();
}

/**
 * The trigger's panel: a workflow of the WhatsApp Group Trigger alone (Evolution API, Webhook Setup
 * Replace), opened in the editor: its Webhook Setup dropdown lists exactly what the built source allows
 * (Manual, Replace), and the panel shows the warning that other consumers get nothing meanwhile. The
 * panel is 7-trigger-panel.png (docs/images/trigger-panel.png is a copy of it).
 * @param {{ checks: import('./checks').Checks, base: string, cookie: string, headers: Record<string, string>,
 *   browser: import('playwright-core').Browser, shot: (page: import('playwright-core').Page, name: string) => Promise<void>,
 *   allCredentials: Array<{ id: string, name: string, type: string }>, report: import('./report').TargetReport, triggerType: string }} stage
 */
async function triggerPanel({ checks, base, cookie, headers, browser, shot, allCredentials, report, triggerType }) {
	const credential = allCredentials.find((x) => x.type === 'groupInviteEvolutionApi');
	const source = require(path.join(ROOT, 'dist/nodes/WhatsAppGroupInvite/providers/events')).groupEventSource('evolutionApi');
	const names = { automatic: 'Automatic', manual: 'Manual', replace: "Replace the Gateway's Webhook" };
	const expected = (source?.setups ?? []).map((/** @type {'automatic' | 'manual' | 'replace'} */ s) => names[s]);
	const workflow = {
		name: 'Trigger panel (e2e browser)',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {},
		nodes: [
			{
				id: 'e2e-t-1',
				name: 'WhatsApp Group Trigger',
				type: triggerType,
				typeVersion: 1,
				position: [0, 0],
				webhookId: '5f0b1a10-0007-4c3a-9d01-0000000000e2',
				parameters: { provider: 'evolutionApi', events: ['memberJoined', 'memberLeft'], webhookSetup: 'replace', options: {} },
				credentials: { groupInviteEvolutionApi: { id: credential?.id, name: credential?.name } },
			},
		],
	};
	const created = await fetch(`${base}/rest/workflows`, { method: 'POST', headers, body: JSON.stringify(workflow) });
	const workflowId = /** @type {any} */ (await created.json().catch(() => ({})))?.data?.id;
	if (!checks.that(created.ok && workflowId && credential, 'browser (trigger): the trigger workflow was created through the REST API', created.status)) return;
	const context = await loggedInContext(browser, base, cookie);
	const page = await context.newPage();
	page.setDefaultTimeout(30_000);
	try {
		await page.goto(`${base}/workflow/${workflowId}`);
		const node = page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'WhatsApp Group Trigger' }).first();
		await node.waitFor();
		await node.dblclick();
		const setup = page.locator('[data-test-id="parameter-input-webhookSetup"]').first();
		await setup.waitFor();
		await page.waitForTimeout(800); // the panel's opening animation
		const text = await page.locator('body').innerText();
		checks.that(
			/only webhook URL points here/.test(text) && /gets no events until it is deactivated/.test(text),
			'browser (trigger): with Replace, the panel warns that the gateway\'s other webhook consumers get nothing meanwhile',
			text.slice(0, 1500),
		);
		const shown = await dropdownOptions(page, setup);
		checks.that(JSON.stringify(shown) === JSON.stringify(expected), `browser (trigger): Evolution API's Webhook Setup lists exactly ${expected.join(', ')}`, shown);
		await shot(page, '7-trigger-panel');
		report.live.push(`browser (trigger): Evolution API Webhook Setup [${shown.join(', ')}]`);
	} finally {
		await page.close();
		await context.close();
	}
}

/**
 * Opens a parameter's dropdown and reads its option names (the first line of each option: n8n shows a
 * description under the name). Folds it again unless `close` is false (left open for a screenshot).
 * @param {import('playwright-core').Page} page @param {import('playwright-core').Locator} input @param {boolean} [close]
 * @returns {Promise<string[]>}
 */
async function dropdownOptions(page, input, close = true) {
	await input.click();
	// n8n 1.x and 2.x both render the options as Element Plus select items in a popper on <body>.
	const items = page.locator('.el-select-dropdown__item:visible');
	await items.first().waitFor();
	await page.waitForTimeout(300);
	const texts = (await items.allInnerTexts()).map((t) => t.trim().split('\n')[0].trim()).filter((t) => t !== '');
	if (close) {
		// Not Escape: it can close the whole panel. Clicking the select again folds it.
		await input.click();
		await page.waitForTimeout(300);
	}
	return texts;
}

module.exports = { runBrowser };
