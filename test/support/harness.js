// @ts-check
'use strict';
/**
 * Runs real workflows through n8n-core's engine: the built package is loaded with
 * PackageDirectoryLoader (as n8n loads an installed community package) and executed with
 * WorkflowExecute. Credentials are applied the way n8n's CredentialsHelper does (generic
 * headers/qs/body from expressions, or an authenticate function). Used by the tests, the demo
 * and the benchmark.
 */
require('reflect-metadata');
const path = require('node:path');
const { Workflow, ICredentialsHelper, NodeHelpers, isExpression } = require('n8n-workflow');
const { WorkflowExecute, ExecutionLifecycleHooks, PackageDirectoryLoader, LoadOptionsContext } = require('n8n-core');

const ROOT = path.resolve(__dirname, '..', '..');

// n8n-core's own copies of the DI container and logger: failed nodes are logged through them.
const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] }));
const { Logger } = require(require.resolve('@n8n/backend-common', { paths: [coreDir] }));

/** @type {Map<string, Promise<any>>} */
const loaded = new Map();

/**
 * Loads a package directory (default: this project) and its extra node packages.
 * @param {string} [root]
 */
async function loadPackage(root = ROOT) {
	if (!loaded.has(root)) {
		loaded.set(
			root,
			(async () => {
				const loader = new PackageDirectoryLoader(root);
				await loader.loadAll();
				return loader;
			})(),
		);
	}
	return await /** @type {Promise<any>} */ (loaded.get(root));
}

/**
 * INodeTypes over one or more loaded packages.
 * @param {any[]} loaders
 */
function nodeTypesOf(loaders) {
	/** @param {string} type */
	const find = (type) => {
		for (const loader of loaders) {
			const prefix = `${loader.packageName}.`;
			if (type.startsWith(prefix)) return loader.getNode(type.slice(prefix.length)).type;
		}
		throw new Error(`Unknown node type ${type}`);
	};
	return {
		getByName: find,
		/** @param {string} type @param {number} version */
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(find(type), version),
		getKnownTypes: () => ({}),
	};
}

/** Mirrors n8n's CredentialsHelper for what nodes and credential tests need. */
class TestCredentialsHelper extends ICredentialsHelper {
	/** @param {Record<string, any>} data @param {any[]} loaders */
	constructor(data, loaders) {
		super();
		this.data = data;
		this.loaders = loaders;
	}

	/** @param {string} type */
	credentialType(type) {
		for (const loader of this.loaders) {
			if (loader.known.credentials[type] || loader.credentialTypes?.[type]) return loader.getCredential(type).type;
		}
		throw new Error(`Unknown credential type ${type}`);
	}

	getParentTypes() {
		return [];
	}

	/** @param {any} _a @param {any} _n @param {string} type */
	async getDecrypted(_a, _n, type) {
		this.reads = (this.reads ?? 0) + 1;
		if (!this.data[type]) throw new Error(`No test credentials of type ${type}`);
		return { ...this.data[type] };
	}

	/**
	 * @param {any} credentials @param {string} typeName @param {any} requestOptions
	 * @param {any} workflow @param {any} node
	 */
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		return await applyAuthentication(this.credentialType(typeName), credentials, requestOptions, workflow, node);
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	isCredentialUsableByNode() {
		return true;
	}

	/** @returns {Promise<any>} */
	async getCredentials() {
		throw new Error('not used');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	/** @param {string} type */
	getCredentialsProperties(type) {
		return this.credentialType(type).properties;
	}
}

/**
 * Applies a credential type's `authenticate` the way n8n's CredentialsHelper does.
 * @param {any} credentialType @param {any} credentials @param {any} requestOptions @param {any} workflow @param {any} node
 */
async function applyAuthentication(credentialType, credentials, requestOptions, workflow, node) {
	const authenticate = credentialType.authenticate;
	if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
	if (authenticate?.type === 'generic') {
		for (const [outer, entries] of Object.entries(authenticate.properties)) {
			requestOptions[outer] = requestOptions[outer] ?? {};
			for (const [key, value] of Object.entries(/** @type {Record<string, unknown>} */ (entries))) {
				requestOptions[outer][key] = resolve(workflow, node, value, credentials);
			}
		}
	}
	return requestOptions;
}

/** @param {any} workflow @param {any} node @param {unknown} value @param {any} credentials */
function resolve(workflow, node, value, credentials) {
	if (typeof value !== 'string' || !isExpression(value)) return value;
	return workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
}

/**
 * @typedef {object} RunOptions
 * @property {Record<string, unknown>} parameters the node's parameters
 * @property {Record<string, any>} credentials credential data by type
 * @property {Array<Record<string, unknown>>} [items] input items' json (default: one empty item)
 * @property {'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput'} [onError]
 * @property {boolean} [retryOnFail] @property {number} [maxTries] @property {number} [waitBetweenTries]
 * @property {any[]} [extraLoaders] other packages whose nodes the workflow uses
 * @property {any} [node] a whole node definition instead of this package's node
 * @property {number} [typeVersion] the node's version (default 1)
 */

let executionCounter = 0;

/**
 * The node as a workflow holds it: this package's node with the given parameters, and one credential
 * per given type (each named by its type).
 * @param {{ packageName: string }} loader @param {any} parameters
 * @param {Record<string, any>} credentials @param {number} typeVersion @returns {any}
 */
function nodeOf(loader, parameters, credentials, typeVersion) {
	return {
		id: 'node-1',
		name: 'WhatsApp Group Invite',
		type: `${loader.packageName}.whatsAppGroupInvite`,
		typeVersion,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: type, name: type }])),
	};
}

/**
 * Runs a one-node workflow whose input items are given, and returns what n8n recorded.
 * @param {RunOptions} options
 */
async function runNode(options) {
	const loader = await loadPackage();
	const loaders = [loader, ...(options.extraLoaders ?? [])];
	const node = options.node ?? {
		...nodeOf(loader, options.parameters, options.credentials, options.typeVersion ?? 1),
		...(options.onError ? { onError: options.onError } : {}),
		...(options.retryOnFail ? { retryOnFail: true, maxTries: options.maxTries ?? 3, waitBetweenTries: options.waitBetweenTries ?? 0 } : {}),
	};
	const nodes = [node];
	const nodeTypes = nodeTypesOf(loaders);
	const workflow = new Workflow({ id: 'wf-test', name: 'test', nodes, connections: {}, nodeTypes, active: false, settings: {} });
	const executionId = `exec-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, /** @type {any} */ ({ id: 'wf-test', name: 'test', nodes, connections: {}, active: false, settings: {} }));
	/** @type {Promise<any>} */
	const done = new Promise((resolveRun) => hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run)));
	const credentialsHelper = new TestCredentialsHelper(options.credentials, loaders);
	const additionalData = /** @type {any} */ ({
		executionId,
		hooks,
		credentialsHelper,
		currentNodeParameters: undefined,
		restApiUrl: '',
		instanceBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		formWaitingBaseUrl: '',
		variables: {},
	});
	const items = (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = /** @type {any} */ ({
		startData: {},
		resultData: { runData: {} },
		executionData: {
			metadata: {},
			contextData: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
		},
	});
	// n8n-core logs failed nodes through the console: capture those lines so tests can check that
	// no secret reaches a log line (set HARNESS_LOGS=1 to also print them).
	/** @type {string[]} */
	const logs = [];
	const methods = /** @type {const} */ (['log', 'info', 'warn', 'error', 'debug']);
	const originals = methods.map((m) => console[m]);
	for (const m of methods) {
		console[m] = (/** @type {unknown[]} */ ...args) => {
			logs.push(args.map((a) => (typeof a === 'string' ? a : safeStringify(a))).join(' '));
			if (process.env.HARNESS_LOGS) originals[methods.indexOf(m)].apply(console, args);
		};
	}
	// Outside jest the logger writes to the process streams directly; winston writes to the console's
	// own streams when it has them (in jest workers those are buffers, not the process streams).
	const own = /** @type {any} */ (console);
	const streams = [...new Set([process.stdout, process.stderr, own._stdout, own._stderr])].filter(
		(stream) => stream && typeof stream.write === 'function',
	);
	const writes = streams.map((stream) => stream.write);
	streams.forEach((stream, i) => {
		stream.write = /** @type {any} */ ((/** @type {any} */ chunk, /** @type {any[]} */ ...rest) => {
			logs.push(String(chunk));
			return process.env.HARNESS_LOGS ? writes[i].call(stream, chunk, ...rest) : true;
		});
	});
	// n8n's logger, wrapped on the instance n8n-core uses, so every log line is seen synchronously
	// (the console and stream capture above can miss lines winston flushes later).
	const winston = /** @type {any} */ (Container.get(Logger)).internalLogger;
	const winstonLog = winston.log;
	winston.log = (/** @type {string} */ level, /** @type {string} */ message, /** @type {unknown} */ meta) => {
		logs.push(`${level}: ${message}${meta === undefined ? '' : ` ${safeStringify(meta)}`}`);
		return process.env.HARNESS_LOGS ? winstonLog.call(winston, level, message, meta) : winston;
	};
	let run;
	try {
		await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
		run = await done;
		// The logger writes through a stream: let it flush before the console is given back.
		for (let i = 0; i < 3; i++) await new Promise((resolveTick) => setImmediate(resolveTick));
	} finally {
		methods.forEach((m, i) => {
			console[m] = originals[i];
		});
		streams.forEach((stream, i) => {
			stream.write = writes[i];
		});
		winston.log = winstonLog;
	}
	const taskData = run.data.resultData.runData[node.name]?.[0];
	return {
		run,
		status: run.status,
		/** Items of the first (regular) output. */
		output: taskData?.data?.main?.[0] ?? [],
		/** Items of the error output (onError: continueErrorOutput). */
		errorOutput: taskData?.data?.main?.[1] ?? [],
		/** The error that stopped the node, if any. */
		error: taskData?.error ?? run.data.resultData.error,
		/** What n8n-core logged during the run. */
		logs,
		/** How many times credentials were loaded and decrypted during the run. */
		credentialReads: credentialsHelper.reads ?? 0,
		/** The whole run as n8n would store it, serialized, followed by the log lines. */
		serialized: `${safeStringify(run)}\n${logs.join('\n')}`,
	};
}

/** JSON with errors expanded (message, stack, cause) and cycles cut. @param {unknown} value */
function safeStringify(value) {
	const seen = new WeakSet();
	return JSON.stringify(value, (_key, entry) => {
		if (entry instanceof Error) {
			return { ...entry, name: entry.name, message: entry.message, stack: entry.stack, cause: /** @type {any} */ (entry).cause };
		}
		if (entry !== null && typeof entry === 'object') {
			if (seen.has(entry)) return '[Circular]';
			seen.add(entry);
		}
		return entry;
	});
}

/**
 * Calls one of the node's list-search methods (a resource locator's From List) the way the editor
 * does: through n8n-core's LoadOptionsContext, with the node's current parameters and credentials.
 * Returns the method's result, or the error it threw, and what was logged meanwhile.
 * @param {{ method: string, parameters: Record<string, unknown>, credentials: Record<string, any>,
 *   filter?: string, paginationToken?: string, typeVersion?: number }} options
 */
async function searchList(options) {
	const { context, type } = await loadOptionsContext(options);
	const method = type.methods?.listSearch?.[options.method];
	if (typeof method !== 'function') throw new Error(`The node has no list-search method ${options.method}`);
	const started = Date.now();
	try {
		const result = await method.call(context, options.filter, options.paginationToken);
		return { result, error: undefined, ms: Date.now() - started, serialized: safeStringify(result) };
	} catch (error) {
		return { result: undefined, error: /** @type {any} */ (error), ms: Date.now() - started, serialized: safeStringify(error) };
	}
}

/**
 * n8n-core's LoadOptionsContext for the node with these parameters and credentials (as the editor
 * has it), and the node type: its helpers send through n8n-core with the credential applied.
 * @param {{ parameters: Record<string, unknown>, credentials: Record<string, any>, typeVersion?: number }} options
 */
async function loadOptionsContext(options) {
	const loader = await loadPackage();
	const nodeTypes = nodeTypesOf([loader]);
	const node = nodeOf(loader, options.parameters, options.credentials, options.typeVersion ?? 1.1);
	const workflow = new Workflow({ id: 'wf-list', name: 'list', nodes: [node], connections: {}, nodeTypes, active: false, settings: {} });
	const credentialsHelper = new TestCredentialsHelper(options.credentials, [loader]);
	const additionalData = /** @type {any} */ ({
		credentialsHelper,
		currentNodeParameters: options.parameters,
		restApiUrl: '',
		instanceBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		formWaitingBaseUrl: '',
		variables: {},
	});
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.groupId');
	const type = /** @type {any} */ (nodeTypes.getByNameAndVersion(node.type, node.typeVersion));
	return { context, type };
}

/**
 * Resolves a credential type's `test` request like n8n does, applies its authentication, sends it
 * and evaluates its rules. Returns what n8n's credential test would report.
 * @param {string} type @param {any} credentials
 */
async function testCredential(type, credentials) {
	const loader = await loadPackage();
	const credentialType = loader.getCredential(type).type;
	const nodeTypes = nodeTypesOf([loader]);
	/** @type {any} */
	const node = { id: 'c', name: 'Credential Test', type: `${loader.packageName}.whatsAppGroupInvite`, typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({ id: 'cred-test', nodes: [node], connections: {}, nodeTypes, active: false, settings: {} });
	const request = credentialType.test.request;
	/** @type {any} */
	const options = {
		method: request.method ?? 'GET',
		url: `${resolve(workflow, node, request.baseURL ?? '', credentials)}${resolve(workflow, node, request.url ?? '', credentials)}`,
		qs: Object.fromEntries(Object.entries(request.qs ?? {}).map(([k, v]) => [k, resolve(workflow, node, v, credentials)])),
		headers: { ...(request.headers ?? {}) },
	};
	const authed = await applyAuthentication(credentialType, credentials, options, workflow, node);
	const url = new URL(authed.url);
	for (const [key, value] of Object.entries(authed.qs ?? {})) url.searchParams.set(key, String(value));
	const response = await fetch(url, { method: authed.method, headers: authed.headers });
	const text = await response.text();
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		body = text;
	}
	// With ignoreHttpStatusErrors the answer reaches the rules whatever its status, as in n8n.
	if (!response.ok && !request.ignoreHttpStatusErrors) return { ok: false, status: response.status, body, message: `HTTP ${response.status}`, method: authed.method, url: url.pathname };
	for (const rule of credentialType.test.rules ?? []) {
		// n8n reads the key with lodash's get: a dotted path (e.g. "instance.state").
		const found = String(rule.properties.key)
			.split('.')
			.reduce((node, key) => (node !== null && typeof node === 'object' ? node[key] : undefined), body);
		if (rule.type === 'responseSuccessBody' && found === rule.properties.value) {
			return { ok: false, status: response.status, body, message: rule.properties.message, method: authed.method, url: url.pathname };
		}
	}
	return { ok: true, status: response.status, body, message: 'Connection tested successfully', method: authed.method, url: url.pathname };
}

module.exports = { ROOT, loadPackage, loadOptionsContext, nodeTypesOf, runNode, searchList, testCredential, TestCredentialsHelper };
