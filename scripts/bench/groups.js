// @ts-check
'use strict';
/**
 * Bench rows 6 (node version 1.1, groups by name), against a simulator on the main thread holding
 * 1,000 groups, through n8n-core (test/support/harness.js):
 *  6a. Get Many Groups with Return All, per provider: list requests / ceil(1,000 / the provider's page
 *      size) (the extra request some providers make for the connected number is counted apart).
 *  6b. The group picker searching 1,000 groups (the editor's call, through n8n-core's
 *      LoadOptionsContext), per provider: its time / the same list pages fetched directly with undici
 *      (keep-alive, no n8n), medians of ROUNDS; the goal is under 1 s in absolute time as well.
 *  6c. Group By Name for 100 items: list requests per execution / the pages of one list.
 */
const { performance } = require('node:perf_hooks');

const { VendorSimulator } = require('../../test/support/simulator');
const { runNode, searchList } = require('../../test/support/harness');

const GROUPS = 1_000;
const ROUNDS = 5;
/**
 * Groups per list request, per provider (0: the whole list in one answer), as each adapter documents,
 * and whether its list says how many groups there are in all (else a full last page needs one more,
 * empty, request to show that it was the last).
 */
const PAGE = {
	zApi: { size: 100, total: false },
	ryzeApi: { size: 0, total: true },
	wawp: { size: 100, total: false },
	evolutionApi: { size: 0, total: true },
	waha: { size: 0, total: true },
	whapi: { size: 500, total: true },
	wppconnect: { size: 0, total: true },
	wuzapi: { size: 0, total: true },
	gowa: { size: 0, total: true },
};
const CREDENTIAL = {
	zApi: 'groupInviteZApi',
	ryzeApi: 'groupInviteRyzeApi',
	wawp: 'groupInviteWawpApi',
	evolutionApi: 'groupInviteEvolutionApi',
	waha: 'groupInviteWahaApi',
	whapi: 'groupInviteWhapiApi',
	wppconnect: 'groupInviteWppconnectApi',
	wuzapi: 'groupInviteWuzapiApi',
	gowa: 'groupInviteGowaApi',
};

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * @param {{ fmtRatio: (n: number) => string, fmtMs: (n: number) => string, log: (s: string) => void }} fmt
 * @returns {Promise<string[][]>} the table rows
 */
async function groupRows({ fmtRatio, fmtMs, log }) {
	const { Agent, request } = require('undici');
	const sim = new VendorSimulator({ silent: true });
	await sim.start();
	for (let i = 0; i < GROUPS; i++) sim.addGroup(`1203631${String(i).padStart(11, '0')}`, { name: `Team ${i}`, admin: i % 3 !== 0 });
	const credentials = sim.credentials();
	const agent = new Agent({ keepAliveTimeout: 10_000 });
	/** @type {Record<string, { lists: number, ideal: number, others: number, pickerMs: number, floorMs: number, byName: number }>} */
	const results = {};
	try {
		for (const [provider, page] of Object.entries(PAGE)) {
			const type = /** @type {Record<string, string>} */ (CREDENTIAL)[provider];
			const pages = page.size === 0 ? 1 : Math.ceil(GROUPS / page.size);
			const ideal = pages + (page.size > 0 && !page.total && GROUPS % page.size === 0 ? 1 : 0);
			log(`groups: ${provider}`);
			sim.reset();
			await runNode({ typeVersion: 1.1, parameters: { provider, operation: 'getManyGroups', returnAll: true, filters: {}, options: {} }, credentials: { [type]: credentials[type] } });
			const lists = sim.count(provider, 'list');
			const others = sim.requests.length - lists;
			// The picker, then the same list requests sent directly (what n8n and the node add on top).
			const pickerMs = [];
			const floorMs = [];
			for (let round = 0; round < ROUNDS; round++) {
				sim.reset();
				const picker = await searchList({ method: 'searchGroups', parameters: { provider, operation: 'getInviteLink' }, credentials: { [type]: credentials[type] }, filter: 'team 99' });
				if (picker.error) throw new Error(`${provider} picker failed: ${picker.error.message}`);
				pickerMs.push(picker.ms);
				const urls = sim.requests.filter((r) => r.op === 'list').map((r) => ({ path: r.path, query: r.query, method: r.method }));
				const headers = floorHeaders(provider, credentials[type]);
				const started = performance.now();
				for (const { path, query, method } of urls) {
					const url = new URL(`${sim.baseUrl}${path}`);
					for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
					// WPPConnect's list is a POST with its filter in the body.
					const body = method === 'POST' ? JSON.stringify({ onlyGroups: true }) : undefined;
					const res = await request(url, { method: method === 'POST' ? 'POST' : 'GET', headers: body ? { ...headers, 'content-type': 'application/json' } : headers, body, dispatcher: agent });
					await res.body.json();
				}
				floorMs.push(performance.now() - started);
			}
			sim.reset();
			const items = Array.from({ length: 100 }, (_, i) => ({ name: `team ${[1, 2, 4, 5][i % 4]}` }));
			await runNode({
				typeVersion: 1.1,
				items,
				parameters: { provider, operation: 'getInviteLink', groupId: { __rl: true, mode: 'name', value: '={{ $json.name }}' }, options: { maxRequestsPerMinute: 60_000 } },
				credentials: { [type]: credentials[type] },
			});
			results[provider] = { lists, ideal, others, pickerMs: median(pickerMs), floorMs: median(floorMs), byName: sim.count(provider, 'list') / ideal };
		}
	} finally {
		await agent.close();
		await sim.stop();
	}
	const entries = Object.entries(results);
	const listRatio = Math.max(...entries.map(([, r]) => r.lists / r.ideal));
	const pickerRatio = Math.max(...entries.map(([, r]) => r.pickerMs / r.floorMs));
	const slowest = Math.max(...entries.map(([, r]) => r.pickerMs));
	const byName = Math.max(...entries.map(([, r]) => r.byName));
	const each = (/** @type {(r: any) => string} */ f) => entries.map(([p, r]) => `${p} ${f(r)}`).join('; ');
	return [
		['6a', `Get Many Groups, Return All, ${GROUPS.toLocaleString('en-US')} groups: list requests / ceil(groups / page size) (+1 where the vendor gives no total and the last page is full), worst provider`, fmtRatio(listRatio), '= 1.00', listRatio === 1 ? 'met' : '**NOT met**',
			`${each((r) => `${r.lists}/${r.ideal}${r.others ? ` (+${r.others} for the connected number)` : ''}`)}; Z-API and Wawp give no total, so their 10 full pages of 100 need an 11th, empty one`],
		['6b', `Group picker searching ${GROUPS.toLocaleString('en-US')} groups (n8n-core LoadOptionsContext) / the same list pages fetched directly with undici, worst provider`, fmtRatio(pickerRatio), '—', slowest < 1000 ? `met: slowest ${fmtMs(slowest)} < 1 s` : `**NOT met**: slowest ${fmtMs(slowest)} ≥ 1 s`,
			`medians of ${ROUNDS}: ${each((r) => `${fmtMs(r.pickerMs)} vs ${fmtMs(r.floorMs)}`)}`],
		['6c', 'Group By Name, 100 items: list requests per execution / the pages of one list, worst provider', fmtRatio(byName), '= 1.00', byName === 1 ? 'met' : '**NOT met**',
			`${each((r) => fmtRatio(r.byName))}`],
	];
}

/** The auth a direct request needs, per provider (the floor sends what n8n's credential would add). @param {string} provider @param {any} c */
function floorHeaders(provider, c) {
	switch (provider) {
		case 'zApi':
			return { 'client-token': c.clientToken };
		case 'ryzeApi':
			return { token: c.token };
		case 'evolutionApi':
			return { apikey: c.apiKey };
		case 'waha':
			return { 'x-api-key': c.apiKey };
		case 'whapi':
			return { authorization: `Bearer ${c.token}` };
		case 'wppconnect':
			return { authorization: `Bearer ${c.token}` };
		case 'wuzapi':
			return { token: c.token };
		case 'gowa':
			return { authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`, 'x-device-id': c.deviceId };
		default:
			return {};
	}
}

module.exports = { groupRows };
