// @ts-check
'use strict';
/**
 * Runs the WhatsApp Group Trigger through n8n-core's own contexts, over real sockets: activation and
 * deactivation call the node's webhookMethods (checkExists, then create when it answers false; delete)
 * in a HookContext, and an HTTP server on 127.0.0.1 hands every request to the node's webhook() in a
 * WebhookContext, answering as n8n does (the node's own answer, or 200 "Workflow was started" when it
 * starts an execution). The workflow's static data is kept between activations, as n8n keeps it in its
 * database. The e2e (scripts/e2e/trigger.js) proves the same in real n8n.
 */
const http = require('node:http');
const crypto = require('node:crypto');
const { Workflow } = require('n8n-workflow');
const { HookContext, WebhookContext } = require('n8n-core');

const { loadPackage, nodeTypesOf, TestCredentialsHelper } = require('./harness');

/** The credential type of each provider (as the node's credentials list says). */
const CREDENTIAL_TYPES = {
	evolutionApi: 'groupInviteEvolutionApi',
	evolutionGo: 'groupInviteEvolutionGoApi',
	gowa: 'groupInviteGowaApi',
	metaCloudApi: 'groupInviteMetaWhatsAppApi',
	ryzeApi: 'groupInviteRyzeApi',
	uazapi: 'groupInviteUazapiApi',
	waha: 'groupInviteWahaApi',
	wawp: 'groupInviteWawpApi',
	whapi: 'groupInviteWhapiApi',
	wppconnect: 'groupInviteWppconnectApi',
	wuzapi: 'groupInviteWuzapiApi',
	zApi: 'groupInviteZApi',
};

/**
 * @typedef {{ status: number, body: any, text: string }} WebhookAnswer
 * @typedef {{ items: Array<Record<string, any>>, at: number }} TriggerExecution
 */

class TriggerHarness {
	/**
	 * @param {{ provider: string, parameters?: Record<string, unknown>, credentials: Record<string, any>,
	 *   workflowId?: string, webhookId?: string }} options `parameters`: besides `provider`
	 *   (events, webhookSetup, options)
	 */
	constructor(options) {
		this.options = options;
		this.provider = options.provider;
		this.credentialType = /** @type {Record<string, string>} */ (CREDENTIAL_TYPES)[options.provider];
		this.parameters = { provider: options.provider, ...(options.parameters ?? {}) };
		this.workflowId = options.workflowId ?? 'wf-trigger';
		this.webhookId = options.webhookId ?? crypto.randomUUID();
		/** The workflow's static data, kept as n8n keeps it between activations. @type {Record<string, any>} */
		this.staticData = {};
		/** Executions the webhook started, in order. @type {TriggerExecution[]} */
		this.executions = [];
		/** Every request the webhook received, with the answer. @type {Array<{ method: string, url: string, status: number }>} */
		this.received = [];
		/** Errors thrown by webhook() (answered 500, as n8n does). @type {unknown[]} */
		this.errors = [];
		this.baseUrl = '';
		/** @type {Set<import('node:net').Socket>} */
		this.sockets = new Set();
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error) => {
				this.errors.push(error);
				if (!res.headersSent) {
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ message: 'Error in workflow' }));
				}
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	async start() {
		await new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve(undefined)));
		const address = /** @type {import('node:net').AddressInfo} */ (this.server.address());
		this.baseUrl = `http://127.0.0.1:${address.port}`;
		return this;
	}

	async stop() {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(() => resolve(undefined)));
	}

	/** The production URL n8n gives the trigger (what the gateway is told). */
	get url() {
		return `${this.baseUrl}/webhook/${this.webhookId}/webhook`;
	}

	/** The test URL ("Listen for test event"). */
	get testUrl() {
		return `${this.baseUrl}/webhook-test/${this.webhookId}/webhook`;
	}

	/** Changes parameters (as the user does in the panel, between activations). @param {Record<string, unknown>} parameters */
	set(parameters) {
		this.parameters = { ...this.parameters, ...parameters };
	}

	async setup() {
		const loader = await loadPackage();
		const nodeTypes = nodeTypesOf([loader]);
		/** @type {any} */
		const node = {
			id: 'trigger-node',
			name: 'WhatsApp Group Trigger',
			type: `${loader.packageName}.whatsAppGroupTrigger`,
			typeVersion: 1,
			position: [0, 0],
			webhookId: this.webhookId,
			parameters: this.parameters,
			credentials: { [this.credentialType]: { id: 'cred-1', name: 'Gateway' } },
		};
		const workflow = new Workflow({
			id: this.workflowId,
			name: 'trigger',
			nodes: [node],
			connections: {},
			nodeTypes,
			active: true,
			settings: {},
			staticData: JSON.parse(JSON.stringify(this.staticData)),
		});
		const type = /** @type {any} */ (nodeTypes.getByNameAndVersion(node.type, 1));
		const credentialsHelper = new TestCredentialsHelper(this.options.credentials, [loader]);
		return { workflow, node: /** @type {import('n8n-workflow').INode} */ (workflow.getNode(node.name)), type, credentialsHelper };
	}

	/** @param {boolean} test @param {any} credentialsHelper */
	additionalData(test, credentialsHelper) {
		return /** @type {any} */ ({
			credentialsHelper,
			currentNodeParameters: undefined,
			restApiUrl: '',
			instanceBaseUrl: `${this.baseUrl}/`,
			webhookBaseUrl: `${this.baseUrl}/webhook`,
			webhookWaitingBaseUrl: `${this.baseUrl}/webhook-waiting`,
			webhookTestBaseUrl: `${this.baseUrl}/webhook-test`,
			formWaitingBaseUrl: '',
			variables: {},
			executionId: undefined,
			test,
		});
	}

	/**
	 * Runs one webhook method in a HookContext and keeps the static data it changed.
	 * @param {'checkExists' | 'create' | 'delete'} method @param {{ test?: boolean, activation?: string }} [options]
	 */
	async hook(method, options = {}) {
		const { workflow, node, type, credentialsHelper } = await this.setup();
		const test = options.test === true;
		const description = type.description.webhooks.find((/** @type {any} */ w) => w.name === 'default');
		const additionalData = this.additionalData(test, credentialsHelper);
		/** @type {any} */
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: `${this.webhookId}/webhook`,
			webhookDescription: description,
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.webhookId,
			isTest: test,
		};
		const context = new HookContext(
			workflow,
			node,
			additionalData,
			test ? 'manual' : 'trigger',
			/** @type {any} */ (options.activation ?? (test ? 'manual' : 'activate')),
			webhookData,
		);
		try {
			return await type.webhookMethods.default[method].call(context);
		} finally {
			this.staticData = JSON.parse(JSON.stringify(workflow.staticData ?? {}));
		}
	}

	/**
	 * Activates as n8n does: checkExists, then create when it answered false.
	 * @param {{ test?: boolean, activation?: string }} [options] `activation: 'init'` for n8n's startup
	 * @returns {Promise<{ existed: boolean }>}
	 */
	async activate(options = {}) {
		const existed = Boolean(await this.hook('checkExists', options));
		if (!existed) await this.hook('create', options);
		return { existed };
	}

	/** Deactivates as n8n does (delete). @param {{ test?: boolean }} [options] */
	async deactivate(options = {}) {
		return await this.hook('delete', options);
	}

	/**
	 * Posts a body to the trigger's URL (as anyone on the network could).
	 * @param {string | Record<string, unknown>} body @param {{ url?: string, headers?: Record<string, string>, method?: string }} [options]
	 * @returns {Promise<WebhookAnswer>}
	 */
	async post(body, options = {}) {
		const response = await fetch(options.url ?? this.url, {
			method: options.method ?? 'POST',
			headers: { 'content-type': 'application/json', ...(options.headers ?? {}) },
			body: options.method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await response.text();
		let parsed;
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = text;
		}
		return { status: response.status, body: parsed, text };
	}

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	async handle(req, res) {
		const url = new URL(req.url ?? '/', this.baseUrl);
		const test = url.pathname.startsWith('/webhook-test/');
		const expected = `/${test ? 'webhook-test' : 'webhook'}/${this.webhookId}/webhook`;
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const rawBody = Buffer.concat(chunks);
		const record = { method: req.method ?? '', url: url.pathname + url.search, status: 0 };
		this.received.push(record);
		if (url.pathname !== expected || !['GET', 'POST'].includes(req.method ?? '')) {
			record.status = 404;
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ message: 'The requested webhook is not registered' }));
			return;
		}
		const contentType = String(req.headers['content-type'] ?? '');
		/** @type {any} */
		let body = {};
		if (rawBody.length > 0) {
			if (/json/i.test(contentType)) {
				try {
					body = JSON.parse(rawBody.toString('utf8'));
				} catch {
					// n8n answers an unparsable JSON body itself, before any node runs.
					record.status = 400;
					res.writeHead(400, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ message: 'Invalid JSON' }));
					return;
				}
			} else if (/x-www-form-urlencoded/i.test(contentType)) {
				body = Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')));
			} else {
				body = {};
			}
		}
		const request = /** @type {any} */ ({
			method: req.method,
			headers: req.headers,
			query: Object.fromEntries(url.searchParams),
			params: {},
			body,
			rawBody,
			url: req.url,
		});
		const response = expressLike(res, record);
		const { workflow, node, type, credentialsHelper } = await this.setup();
		const additionalData = { ...this.additionalData(test, credentialsHelper), httpRequest: request, httpResponse: response };
		const name = req.method === 'GET' ? 'setup' : 'default';
		const description = type.description.webhooks.find((/** @type {any} */ w) => w.name === name);
		/** @type {any} */
		const webhookData = {
			httpMethod: req.method,
			node: node.name,
			path: `${this.webhookId}/webhook`,
			webhookDescription: description,
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.webhookId,
			isTest: test,
		};
		const context = new WebhookContext(workflow, node, additionalData, test ? 'manual' : 'webhook', webhookData, [], null);
		const result = await type.webhook.call(context);
		if (result.noWebhookResponse) {
			if (!res.headersSent) throw new Error('webhook() said it answered, but sent nothing');
			return;
		}
		if (result.workflowData !== undefined) {
			const items = result.workflowData[0].map((/** @type {any} */ item) => item.json);
			this.executions.push({ items, at: Date.now() });
			record.status = 200;
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ message: 'Workflow was started' }));
			return;
		}
		record.status = 200;
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' }));
	}
}

/**
 * The parts of express's Response a node uses, over a real ServerResponse.
 * @param {import('node:http').ServerResponse} res @param {{ status: number }} record
 */
function expressLike(res, record) {
	let status = 200;
	/** @type {Record<string, string>} */
	const headers = {};
	const api = {
		/** @param {number} code */
		status(code) {
			status = code;
			return api;
		},
		/** @param {string} value */
		type(value) {
			headers['content-type'] = value.includes('/') ? value : `text/${value}`;
			return api;
		},
		/** @param {string} name @param {string} value */
		setHeader(name, value) {
			headers[name.toLowerCase()] = value;
			return api;
		},
		/** @param {unknown} body */
		json(body) {
			record.status = status;
			res.writeHead(status, { ...headers, 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
			return api;
		},
		/** @param {unknown} body */
		send(body) {
			record.status = status;
			if (typeof body === 'object' && body !== null && !Buffer.isBuffer(body)) return api.json(body);
			res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
			res.end(body === undefined ? '' : String(body));
			return api;
		},
		/** @param {string} [body] */
		end(body) {
			record.status = status;
			res.writeHead(status, headers);
			res.end(body ?? '');
			return api;
		},
		get headersSent() {
			return res.headersSent;
		},
	};
	return api;
}

module.exports = { TriggerHarness, CREDENTIAL_TYPES };
