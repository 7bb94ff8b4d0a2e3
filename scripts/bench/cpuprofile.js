#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Sums a V8 .cpuprofile (from `node --cpu-prof`) over a time window: self time per category (this
 * package's dist/, n8n-core's request helpers, expression evaluation, axios, Node's http/net, ...),
 * the functions with the most self time, and the inclusive time of a few named suspects (time in the
 * function and everything it called synchronously; a sample counts once per suspect even if the
 * function is on its stack twice; names are matched without a `Class.` prefix). Each sample lasts until the next one.
 *
 * Used by scripts/bench/real-n8n.js (BENCH_N8N_PROFILE=1) and on its own:
 *   node scripts/bench/cpuprofile.js <file.cpuprofile> [--from <epoch ms> --to <epoch ms>] [--items N] [--cpu <ms>]
 *     [--top 25] [--match <regex on function name and url, for the top-functions list, e.g. whatsapp-group-invite>]
 * The window is in epoch ms (a node's startTime and startTime + executionTime from n8n's run data).
 * V8 stamps samples with the monotonic clock in µs (the clock of process.hrtime on Linux); they are
 * mapped to epoch ms with this process's offset between Date.now() and process.hrtime, valid for any
 * process on the same machine.
 */
const fs = require('node:fs');
const path = require('node:path');

/** Ordered: the first match names a frame's category. [label, test on `url` (and functionName)]. */
const CATEGORIES = /** @type {Array<[string, (url: string, fn: string) => boolean]>} */ ([
	['(idle)', (_u, fn) => fn === '(idle)'],
	['(garbage collector)', (_u, fn) => fn === '(garbage collector)'],
	['(program: V8/native, no JS frame)', (_u, fn) => fn === '(program)' || fn === '(root)'],
	['this package (dist/)', (u) => /n8n-nodes-whatsapp-group-invite\/dist\//.test(u)],
	['HTTP Request node (n8n-nodes-base)', (u) => /n8n-nodes-base\/dist\/nodes\/HttpRequest\//.test(u)],
	["n8n-core request helpers (request-helper-functions, request-helpers/, http-proxy)", (u) => /n8n-core\/dist\/.*(request-helper-functions|request-helpers\/|http-proxy)/.test(u)],
	['n8n credentials helper (authenticate, getDecrypted)', (u) => /n8n\/dist\/credentials[-/]|n8n-core\/dist\/credentials/.test(u)],
	['expression evaluation (n8n-workflow expression*, workflow-data-proxy, tmpl/tournament, esprima/recast)', (u) =>
		/n8n-workflow\/dist\/.*(expression|workflow-data-proxy|extensions\/|native-methods|augment-object|expression-sandboxing|expression-evaluator)/i.test(u) ||
		/@n8n\/tournament|@n8n_io\/riot-tmpl|riot-tmpl|esprima|recast|ast-types|jmespath|luxon/.test(u)],
	['n8n-core execution engine and node context (other)', (u) => /n8n-core\/dist\//.test(u)],
	['n8n-workflow (other)', (u) => /n8n-workflow\/dist\//.test(u)],
	['n8n CLI (n8n/dist: hooks, run data, DB, events)', (u) => /node_modules\/n8n\/dist\//.test(u)],
	['axios', (u) => /node_modules\/axios\//.test(u)],
	['follow-redirects, proxy agents, form-data', (u) => /node_modules\/(follow-redirects|proxy-from-env|https?-proxy-agent|agent-base|form-data|combined-stream)\//.test(u)],
	['lodash', (u) => /node_modules\/lodash/.test(u)],
	['database, logging, typeorm, sqlite', (u) => /node_modules\/(typeorm|sqlite3|@n8n\/typeorm|winston|logform|@n8n\/db|@n8n\/backend-common)/.test(u)],
	["Node.js core (node:http, net, streams, timers, events)", (u) => u.startsWith('node:')],
	['other node_modules', (u) => /node_modules\//.test(u)],
	['other JS / native builtins (no URL)', () => true],
]);

/** Named suspects, inclusive time. [label, function name, url, and optionally the calling function's name]. */
const SUSPECTS = /** @type {Array<[string, RegExp, RegExp, RegExp?]>} */ ([
	['this node: execute() and runItem(), synchronous parts (all of this package below them included)', /^(execute|runItem|worker)$/, /WhatsAppGroupInvite\/(WhatsAppGroupInvite\.node|operations)\.js/],
	['this node: readItemOptions (options collection read per item)', /^readItemOptions$/, /operations\.js/],
	['this node: getNodeParameter called from runItem (the Group parameter, `{{ $json.groupId }}`)', /^getNodeParameter$/, /n8n-core/, /^runItem$/],
	['this node: readGroupParameter + parseGroupId (checking the group ID)', /^(readGroupParameter|parseGroupId)$/, /dist\//],
	['this node: redactDeep (raw pushed for every response)', /^redactDeep$/, /secrets\.js/],
	['this node: parseBody (JSON.parse of the text body)', /^parseBody$/, /transport\.js/],
	['this node: Pacer.acquire', /^acquire$/, /transport\.js/],
	['this node: ProviderSession.attempt/send (own code + the helper call)', /^(attempt|send)$/, /transport\.js/],
	['error objects constructed (NodeApiError, NodeOperationError, Error)', /^(NodeApiError|NodeOperationError|NodeError|ExecutionBaseError|NodeApiError\.|Error)$/, /./],
	['getNodeParameter (any node; expression resolution of parameters)', /^(getNodeParameter|_getNodeParameter)$/, /n8n-core/],
	['Expression.getParameterValue / resolveSimpleParameterValue (all expression evaluation)', /^(getParameterValue|getSimpleParameterValue|resolveSimpleParameterValue|evaluateExpression)$/, /n8n-workflow/],
	['credentialsHelper.authenticate (generic authenticate: `={{$credentials.token}}` resolved per request)', /^authenticate$/, /credentials-helper/],
	['credentialsHelper.getDecrypted / getCredentials (decrypt per call)', /^(getDecrypted|getCredentials|_getCredentials)$/, /(credentials-helper|node-execution-context)/],
	['httpRequestWithAuthentication (this node\'s path, everything below it)', /^httpRequestWithAuthentication$/, /request-helper-functions/],
	['requestWithAuthentication + proxyRequestToAxios + parseRequestObject (HTTP Request node\'s path)', /^(requestWithAuthentication|proxyRequestToAxios|parseRequestObject)$/, /request-helper-functions/],
	['httpRequest / convertN8nRequestToAxios / invokeAxios', /^(httpRequest|convertN8nRequestToAxios|invokeAxios)$/, /request-helper-functions/],
	['axios request dispatch (Axios.request, dispatchRequest, http adapter)', /^(request|_request|dispatchRequest|httpAdapter)$/, /axios/],
	['setAxiosAgents: proxy lookup + new http/https Agent per request', /^(setAxiosAgents|createHttpProxyAgent|createHttpsProxyAgent)$/, /(axios-utils|http-proxy)/],
	['new TCP connection per request (net connect, setKeepAlive, afterConnect)', /^(internalConnect|afterConnect|connect|setKeepAlive|createConnection|lookupAndConnect)$/, /^node:(net|_http_agent)/],
	['nodeFetchedData hook / runHook', /^(runHook)$/, /./],
	['JSON.parse / JSON.stringify (any)', /^(parse|stringify)$/, /^$/],
]);

/**
 * @param {string} file
 * @param {{ from?: number, to?: number, items?: number, top?: number, match?: string, cpuMs?: number, waitMs?: number }} [options] cpuMs/waitMs:
 *   the main thread's CPU time and run-queue wait over the window (/proc schedstat), to scale shares to real CPU
 */
function analyse(file, options = {}) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	/** @type {Map<number, any>} */
	const byId = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
	for (const n of profile.nodes) for (const child of n.children ?? []) byId.get(child).parent = n.id;
	const offsetMs = Date.now() - Number(process.hrtime.bigint()) / 1e6;
	const from = options.from ?? -Infinity;
	const to = options.to ?? Infinity;
	/** @type {Map<string, number>} */ const byCategory = new Map();
	/** @type {Map<string, number>} */ const byFunction = new Map();
	/** @type {Map<string, number>} */ const bySuspect = new Map();
	let t = profile.startTime;
	let total = 0;
	let busy = 0;
	const category = (/** @type {any} */ frame) => CATEGORIES.find(([, test]) => test(frame.url, frame.functionName))?.[0] ?? '?';
	for (let i = 0; i < profile.samples.length; i++) {
		t += profile.timeDeltas[i];
		const duration = (profile.timeDeltas[i + 1] ?? 0) / 1000; // ms until the next sample
		const epoch = t / 1000 + offsetMs;
		if (epoch < from || epoch > to) continue;
		const leaf = byId.get(profile.samples[i]);
		const frame = leaf.callFrame;
		const cat = category(frame);
		total += duration;
		if (cat !== '(idle)') busy += duration;
		byCategory.set(cat, (byCategory.get(cat) ?? 0) + duration);
		const fnKey = `${frame.functionName || '(anonymous)'} ${frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();
		byFunction.set(fnKey, (byFunction.get(fnKey) ?? 0) + duration);
		/** @type {Set<string>} */
		const hit = new Set();
		for (let n = leaf; n; n = byId.get(n.parent)) {
			const f = n.callFrame;
			// Names without their class (V8 names some methods `Class.method`).
			const name = f.functionName.replace(/^.*\./, '');
			const caller = (byId.get(n.parent)?.callFrame.functionName ?? '').replace(/^.*\./, '');
			for (const [label, fn, url, from] of SUSPECTS) if (fn.test(name) && url.test(f.url) && (!from || from.test(caller))) hit.add(label);
		}
		for (const label of hit) bySuspect.set(label, (bySuspect.get(label) ?? 0) + duration);
	}
	const sort = (/** @type {Map<string, number>} */ m) => [...m].sort((a, b) => b[1] - a[1]);
	return {
		file,
		items: options.items ?? 0,
		cpuMs: options.cpuMs,
		waitMs: options.waitMs,
		windowMs: Number.isFinite(to - from) ? to - from : total,
		total,
		busy,
		categories: sort(byCategory),
		functions: sort(byFunction).filter(([k]) => !options.match || new RegExp(options.match).test(k)).slice(0, options.top ?? 25),
		suspects: SUSPECTS.map(([label]) => /** @type {[string, number]} */ ([label, bySuspect.get(label) ?? 0])),
	};
}

/** node_modules/<pkg>/dist/... → <pkg>/.../file.js; node:internal/... kept. @param {string} url */
function shortUrl(url) {
	const m = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:dist\/)?(.*)$/.exec(url);
	return m ? `${m[1]}/${m[2].split('/').slice(-2).join('/')}` : url.replace(/^file:\/\//, '');
}

/** @param {ReturnType<typeof analyse>} a */
function toMarkdown(a) {
	// Samples are wall-clock: a thread preempted by another process still shows its JS frame. With the
	// main thread's real CPU time known, shares of the non-idle samples are scaled to it.
	const scale = a.cpuMs !== undefined && a.busy > 0 ? a.cpuMs / a.busy : 1;
	const per = (/** @type {number} */ msv) => (a.items ? `${((msv * scale) / a.items).toFixed(3)}` : '—');
	const share = (/** @type {number} */ msv) => `${Math.round((msv / (a.busy || 1)) * 100)}%`;
	const unit = a.cpuMs === undefined ? 'ms/item (sampled)' : 'CPU ms/item';
	return [
		`Window ${a.windowMs.toFixed(0)} ms; samples not idle ${a.busy.toFixed(0)} ms` +
			(a.cpuMs === undefined ? '' : `; main thread's CPU ${a.cpuMs.toFixed(0)} ms = ${(a.cpuMs / (a.items || 1)).toFixed(3)} ms per item${a.waitMs === undefined ? '' : `, run-queue wait ${a.waitMs.toFixed(0)} ms`} (samples are wall-clock: a preempted thread still shows its frame). ${unit} below = share of the non-idle samples × that CPU`) +
			` (${a.items} items).`,
		'',
		`| Self time by category | sampled ms | ${unit} | share of non-idle |`,
		'|---|---:|---:|---:|',
		...a.categories.map(([k, v]) => `| ${k} | ${v.toFixed(1)} | ${k === '(idle)' ? '—' : per(v)} | ${k === '(idle)' ? '—' : share(v)} |`),
		'',
		`| Suspect (inclusive: the function and what it calls synchronously) | sampled ms | ${unit} | share of non-idle |`,
		'|---|---:|---:|---:|',
		...a.suspects.map(([k, v]) => `| ${k} | ${v.toFixed(1)} | ${per(v)} | ${share(v)} |`),
		'',
		`| Top functions by self time | sampled ms | ${unit} |`,
		'|---|---:|---:|',
		...a.functions.filter(([k]) => k !== '(idle)').map(([k, v]) => `| \`${k.replace(/\|/g, '\\|')}\` | ${v.toFixed(1)} | ${per(v)} |`),
	].join('\n');
}

if (require.main === module) {
	const args = process.argv.slice(2);
	const raw = (/** @type {string} */ name) => {
		const i = args.indexOf(`--${name}`);
		return i >= 0 ? args[i + 1] : undefined;
	};
	const opt = (/** @type {string} */ name) => (raw(name) === undefined ? undefined : Number(raw(name)));
	const file = args.find((a) => a.endsWith('.cpuprofile'));
	if (!file) {
		process.stderr.write('usage: node scripts/bench/cpuprofile.js <file.cpuprofile> [--from <epoch ms> --to <epoch ms>] [--items N] [--cpu <ms>] [--top 25] [--match <regex>]\n');
		process.exit(2);
	}
	process.stdout.write(`${toMarkdown(analyse(path.resolve(file), { from: opt('from'), to: opt('to'), items: opt('items'), top: opt('top'), match: raw('match'), cpuMs: opt('cpu') }))}\n`);
}

module.exports = { analyse, toMarkdown, CATEGORIES, SUSPECTS };
