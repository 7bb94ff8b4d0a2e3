// @ts-check
'use strict';
/**
 * A minimal SMTP server on 127.0.0.1 for the end-to-end run: it accepts every message (AUTH PLAIN /
 * LOGIN accepted with any user, no STARTTLS) and keeps what it received, so the Send Email nodes of
 * the examples run for real and their text can be checked.
 */
const net = require('node:net');

class FakeSmtp {
	constructor() {
		/** @type {Array<{ from: string, to: string[], raw: string, headers: Record<string, string>, text: string }>} */
		this.messages = [];
		/** @type {Set<net.Socket>} */
		this.sockets = new Set();
		this.port = 0;
		this.server = net.createServer((socket) => this.session(socket));
	}

	/** @returns {Promise<number>} the port */
	async start() {
		await new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve(undefined)));
		this.port = /** @type {net.AddressInfo} */ (this.server.address()).port;
		return this.port;
	}

	async stop() {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(() => resolve(undefined)));
	}

	/** @param {net.Socket} socket */
	session(socket) {
		this.sockets.add(socket);
		socket.on('close', () => this.sockets.delete(socket));
		socket.on('error', () => undefined);
		socket.setEncoding('utf8');
		const say = (/** @type {string} */ line) => socket.write(`${line}\r\n`);
		let buffer = '';
		/** @type {'command' | 'data' | 'authLoginUser' | 'authLoginPass'} */
		let state = 'command';
		let from = '';
		/** @type {string[]} */
		let to = [];
		say('220 127.0.0.1 ESMTP e2e-fake-smtp');
		socket.on('data', (chunk) => {
			buffer += chunk;
			for (;;) {
				if (state === 'data') {
					const end = buffer.indexOf('\r\n.\r\n');
					const startEnd = buffer.startsWith('.\r\n') ? 0 : -1;
					if (end < 0 && startEnd < 0) return;
					const raw = startEnd === 0 ? '' : buffer.slice(0, end);
					buffer = startEnd === 0 ? buffer.slice(3) : buffer.slice(end + 5);
					this.messages.push({ from, to, ...parseMessage(raw.replace(/^\.\./gm, '.')), raw });
					from = '';
					to = [];
					state = 'command';
					say('250 2.0.0 OK queued');
					continue;
				}
				const newline = buffer.indexOf('\r\n');
				if (newline < 0) return;
				const line = buffer.slice(0, newline);
				buffer = buffer.slice(newline + 2);
				if (state === 'authLoginUser') {
					state = 'authLoginPass';
					say('334 UGFzc3dvcmQ6');
					continue;
				}
				if (state === 'authLoginPass') {
					state = 'command';
					say('235 2.7.0 Authentication successful');
					continue;
				}
				const verb = line.split(' ')[0].toUpperCase();
				if (verb === 'EHLO') {
					say('250-127.0.0.1');
					say('250-AUTH PLAIN LOGIN');
					say('250-8BITMIME');
					say('250 SMTPUTF8');
				} else if (verb === 'HELO') say('250 127.0.0.1');
				else if (verb === 'AUTH') {
					const [, mechanism, initial] = line.split(' ');
					if (String(mechanism).toUpperCase() === 'LOGIN') {
						if (initial) {
							state = 'authLoginPass';
							say('334 UGFzc3dvcmQ6');
						} else {
							state = 'authLoginUser';
							say('334 VXNlcm5hbWU6');
						}
					} else say('235 2.7.0 Authentication successful');
				} else if (verb === 'MAIL') {
					from = line.replace(/^MAIL FROM:\s*/i, '');
					say('250 2.1.0 OK');
				} else if (verb === 'RCPT') {
					to.push(line.replace(/^RCPT TO:\s*/i, ''));
					say('250 2.1.5 OK');
				} else if (verb === 'DATA') {
					state = 'data';
					say('354 End data with <CR><LF>.<CR><LF>');
				} else if (verb === 'RSET' || verb === 'NOOP') say('250 2.0.0 OK');
				else if (verb === 'QUIT') {
					say('221 2.0.0 Bye');
					socket.end();
				} else say('502 5.5.2 Command not implemented');
			}
		});
	}
}

/** @param {string} raw */
function parseMessage(raw) {
	const split = raw.indexOf('\r\n\r\n');
	const head = split < 0 ? raw : raw.slice(0, split);
	const body = split < 0 ? '' : raw.slice(split + 4);
	/** @type {Record<string, string>} */
	const headers = {};
	for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	let text = body;
	const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
	if (encoding === 'quoted-printable') {
		text = body
			.replace(/=\r\n/g, '')
			.replace(/=([0-9A-F]{2})/gi, (_m, hex) => String.fromCharCode(parseInt(hex, 16)));
		text = Buffer.from(text, 'latin1').toString('utf8');
	} else if (encoding === 'base64') {
		text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	}
	return { headers, text };
}

module.exports = { FakeSmtp };
