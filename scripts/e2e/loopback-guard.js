// @ts-check
'use strict';
/**
 * Preloaded into every n8n process of the end-to-end run (NODE_OPTIONS=--require ...). It lets TCP
 * connections go only to the loopback interface (127.0.0.0/8, ::1, localhost) or to local sockets,
 * refuses everything else and appends one line per refused attempt to E2E_GUARD_LOG, so the run
 * provably talks to nothing but the local simulators.
 */
const net = require('node:net');
const fs = require('node:fs');

const log = process.env.E2E_GUARD_LOG;

/** @param {unknown} host */
function isLoopback(host) {
	if (host === undefined || host === null || host === '') return true; // Node's default is localhost
	const h = String(host).toLowerCase().replace(/^\[|\]$/g, '');
	return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\./.test(h);
}

const originalConnect = net.Socket.prototype.connect;
/** @this {net.Socket} @param {any[]} args */
net.Socket.prototype.connect = function guardedConnect(...args) {
	let first = args[0];
	if (Array.isArray(first)) first = first[0]; // net.connect() passes its normalized [options, cb]
	/** @type {unknown} */ let host;
	/** @type {unknown} */ let port;
	let isPath = false;
	if (first && typeof first === 'object') {
		host = first.host;
		port = first.port;
		isPath = typeof first.path === 'string' && first.path !== '';
	} else if (typeof first === 'string' && !/^\d+$/.test(first)) {
		isPath = true;
	} else {
		port = first;
		host = typeof args[1] === 'string' ? args[1] : undefined;
	}
	if (!isPath && !isLoopback(host)) {
		const where = (new Error().stack ?? '')
			.split('\n')
			.slice(2)
			.filter((l) => !l.includes('node:') && !l.includes('loopback-guard'))
			.slice(0, 4)
			.map((l) => l.trim().replace(/^at /, ''))
			.join(' < ');
		const line = `${new Date().toISOString()} pid=${process.pid} blocked ${String(host)}:${String(port)} from ${where}\n`;
		if (log) {
			try {
				fs.appendFileSync(log, line);
			} catch {
				// ignore: the guard must never break the process it protects
			}
		}
		const error = Object.assign(new Error(`e2e loopback guard: connection to ${String(host)}:${String(port)} refused`), {
			code: 'ECONNREFUSED',
		});
		process.nextTick(() => this.destroy(error));
		return this;
	}
	return originalConnect.apply(this, /** @type {any} */ (args));
};

// Name the request behind a refused connection (the socket stack is async and rarely shows it).
for (const mod of [require('node:http'), require('node:https')]) {
	const originalRequest = mod.request;
	mod.request = function guardedRequest(/** @type {any[]} */ ...args) {
		const request = originalRequest.apply(this, /** @type {any} */ (args));
		try {
			const host = request.host ?? request.getHeader?.('host');
			if (!isLoopback(String(host ?? '').replace(/:\d+$/, '')) && log) {
				fs.appendFileSync(log, `${new Date().toISOString()} pid=${process.pid} request ${request.method} ${String(host)}${request.path}\n`);
			}
		} catch {
			// ignore
		}
		return request;
	};
}
