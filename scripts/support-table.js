#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Prints the support table (provider × operation) from the built adapters (dist/): what each
 * provider's adapter can do, so the README and docs/providers/README.md never claim more or less.
 * test/unit/supportTable.test.ts fails when a copy of it in those files differs.
 * Usage: npm run build && node scripts/support-table.js
 */
const path = require('node:path');

const COLUMNS = [
	['Get / Reset link', () => true],
	['Get Many Groups', (/** @type {any} */ a) => typeof a.listGroups === 'function'],
	['Set Join Approval', (/** @type {any} */ a) => typeof a.setJoinApproval === 'function'],
	['Get Many Join Requests', (/** @type {any} */ a) => typeof a.listJoinRequests === 'function'],
	['Approve / Reject', (/** @type {any} */ a) => typeof a.approveJoinRequest === 'function' && typeof a.rejectJoinRequest === 'function'],
];

/** @param {readonly any[]} providers @returns {string} */
function supportTable(providers) {
	const rows = [...providers].sort((a, b) => a.name.localeCompare(b.name));
	return [
		`| Provider | ${COLUMNS.map(([name]) => name).join(' | ')} |`,
		`|---|${COLUMNS.map(() => ':-:').join('|')}|`,
		...rows.map((a) => `| ${a.name} | ${COLUMNS.map(([, has]) => (/** @type {Function} */ (has)(a) ? '✓' : '–')).join(' | ')} |`),
	].join('\n');
}

const PROOFS = {
	urlToken: 'a secret token in the URL it registers',
	header: 'a secret header it registers with the URL',
	signature: "the gateway's signature",
};

/**
 * The trigger's table (provider × webhook setups and proof), from the built event sources, for
 * docs/trigger.md.
 * @param {readonly any[]} providers @param {(id: string) => any} sourceOf
 * @returns {string}
 */
function triggerTable(providers, sourceOf) {
	const rows = [...providers].sort((a, b) => a.name.localeCompare(b.name));
	return [
		'| Provider | Webhook Setup (default first) | How a registered request is proven |',
		'|---|---|---|',
		...rows.map((a) => {
			const source = sourceOf(a.id);
			const registers = source.setups.some((/** @type {string} */ s) => s !== 'manual');
			if (source.proofNote) return `| ${a.name} | ${source.setups.join(', ')} | ${source.proofNote} |`;
			return `| ${a.name} | ${source.setups.join(', ')} | ${registers ? PROOFS[/** @type {keyof typeof PROOFS} */ (source.proof)] : source.proof === 'signature' ? "the gateway's signature, when its key is in the credential" : 'the URL itself (keep it private)'} |`;
		}),
	].join('\n');
}

if (require.main === module) {
	const { PROVIDERS } = require(path.join(__dirname, '..', 'dist', 'nodes', 'WhatsAppGroupInvite', 'providers'));
	const { groupEventSource } = require(path.join(__dirname, '..', 'dist', 'nodes', 'WhatsAppGroupInvite', 'providers', 'events'));
	console.log(supportTable(PROVIDERS));
	console.log();
	console.log(triggerTable(PROVIDERS, groupEventSource));
}

module.exports = { supportTable, triggerTable };
