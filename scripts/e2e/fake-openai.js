// @ts-check
'use strict';
/**
 * A scripted stand-in for the OpenAI Chat Completions API on 127.0.0.1 (the "fake model" for the
 * AI Agent example). It plays `script.steps` in order: while fewer tool results than steps are in the
 * conversation, it calls the next step's tool (the first whose name matches `tool`) with its
 * arguments. Then it answers with a sentence that quotes the invite link of the last tool result. It
 * keeps every request so the run can show what the agent offered the model.
 */
const http = require('node:http');

class FakeOpenAi {
	/** @param {{ steps: Array<{ tool: RegExp, args: Record<string, unknown> }> }} script */
	constructor(script) {
		this.script = script;
		/** @type {Array<{ path: string, body: any }>} */
		this.requests = [];
		/** @type {Set<import('node:net').Socket>} */
		this.sockets = new Set();
		this.baseUrl = '';
		this.server = http.createServer((req, res) => {
			let text = '';
			req.setEncoding('utf8');
			req.on('data', (c) => (text += c));
			req.on('end', () => {
				let body;
				try {
					body = text ? JSON.parse(text) : {};
				} catch {
					body = { unparsed: text };
				}
				this.requests.push({ path: req.url ?? '', body });
				try {
					this.answer(req, res, body);
				} catch (error) {
					res.writeHead(500, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ error: { message: String(error) } }));
				}
			});
		});
		this.server.on('connection', (s) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
	}

	async start() {
		await new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve(undefined)));
		const { port } = /** @type {import('node:net').AddressInfo} */ (this.server.address());
		this.baseUrl = `http://127.0.0.1:${port}/v1`;
		return this.baseUrl;
	}

	async stop() {
		for (const s of this.sockets) s.destroy();
		await new Promise((resolve) => this.server.close(() => resolve(undefined)));
	}

	/** The tool definitions the agent sent on its first model call. */
	toolsOffered() {
		const first = this.requests.find((r) => Array.isArray(r.body?.tools));
		return first ? first.body.tools : [];
	}

	/**
	 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {any} body
	 */
	answer(req, res, body) {
		const path = (req.url ?? '').split('?')[0];
		if (req.method === 'GET' && path.endsWith('/models')) {
			return sendJson(res, 200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', owned_by: 'e2e' }] });
		}
		if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
			return sendJson(res, 404, { error: { message: `e2e fake: ${req.method} ${path} is not simulated` } });
		}
		/** @type {any[]} */
		const messages = Array.isArray(body.messages) ? body.messages : [];
		/** @type {any[]} */
		const tools = Array.isArray(body.tools) ? body.tools : [];
		const toolResults = messages.filter((m) => m.role === 'tool');
		const model = body.model ?? 'gpt-4o-mini';
		/** @type {any} */
		let message;
		let finish = 'stop';
		const step = this.script.steps[toolResults.length];
		if (step) {
			const tool = tools.find((t) => step.tool.test(t.function?.name ?? ''));
			if (!tool) {
				message = { role: 'assistant', content: `I have no tool named like ${step.tool}.` };
			} else {
				finish = 'tool_calls';
				message = {
					role: 'assistant',
					content: null,
					tool_calls: [
						{
							id: `call_e2e_${toolResults.length + 1}`,
							type: 'function',
							function: { name: tool.function.name, arguments: JSON.stringify(step.args) },
						},
					],
				};
			}
		} else {
			const last = toolResults[toolResults.length - 1];
			const content = typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
			const link = /https:\/\/chat\.whatsapp\.com\/[A-Za-z0-9]+/.exec(content)?.[0] ?? 'no link found';
			message = { role: 'assistant', content: `The invite link of the group is ${link}` };
		}
		const id = `chatcmpl-e2e-${this.requests.length}`;
		const created = Math.floor(Date.now() / 1000);
		const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
		if (!body.stream) {
			return sendJson(res, 200, {
				id,
				object: 'chat.completion',
				created,
				model,
				choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
				usage,
			});
		}
		res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
		const chunk = (/** @type {any} */ delta, /** @type {string | null} */ reason) =>
			res.write(
				`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: reason }] })}\n\n`,
			);
		if (message.tool_calls) {
			chunk({ role: 'assistant', content: null, tool_calls: message.tool_calls.map((/** @type {any} */ c, /** @type {number} */ index) => ({ index, ...c })) }, null);
		} else {
			chunk({ role: 'assistant', content: message.content }, null);
		}
		chunk({}, finish);
		if (body.stream_options?.include_usage) {
			res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`);
		}
		res.end('data: [DONE]\n\n');
	}
}

/** @param {http.ServerResponse} res @param {number} status @param {unknown} body */
function sendJson(res, status, body) {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
	res.end(text);
}

module.exports = { FakeOpenAi };
