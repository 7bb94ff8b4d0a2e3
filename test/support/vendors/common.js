// @ts-check
'use strict';
/**
 * Pieces every simulated vendor shares: invite codes, JSON answers and HTTP status names.
 */
const crypto = require('node:crypto');

const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new 22-character invite code, letters and digits, as WhatsApp issues them. */
function newInviteCode() {
	const bytes = crypto.randomBytes(22);
	let code = '';
	for (const byte of bytes) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
	return code;
}

/** @type {Record<number, string>} */
const STATUS_TEXT = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	503: 'Service Unavailable',
};

/**
 * What a vendor handler answers: a JSON body, or with `raw` a text body sent as is.
 * @typedef {{ status: number, body: unknown, raw?: boolean, contentType?: string }} Result
 */

/** @param {number} status @param {unknown} body @returns {Result} */
function json(status, body) {
	return { status, body };
}

/** @param {number} status @param {string} body @param {string} contentType @returns {Result} */
function raw(status, body, contentType) {
	return { status, body, raw: true, contentType };
}

/** The group part before @g.us of a JID, or undefined. @param {string} jid */
function groupIdOf(jid) {
	return /^(\d{16,}|\d{8,15}-\d{9,11})@g\.us$/.exec(jid)?.[1];
}

/**
 * One page of `items` by offset and count, both parsed from query text (defaults when absent).
 * @template T @param {T[]} items @param {string | null} offset @param {string | null} count @param {number} defaultCount
 */
function page(items, offset, count, defaultCount) {
	const start = Math.max(0, Number.parseInt(offset ?? '0', 10) || 0);
	const size = Math.max(1, Number.parseInt(count ?? '', 10) || defaultCount);
	return items.slice(start, start + size);
}

module.exports = { newInviteCode, STATUS_TEXT, json, raw, groupIdOf, page };
