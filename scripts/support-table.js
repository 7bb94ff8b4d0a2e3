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

if (require.main === module) {
	const { PROVIDERS } = require(path.join(__dirname, '..', 'dist', 'nodes', 'WhatsAppGroupInvite', 'providers'));
	console.log(supportTable(PROVIDERS));
}

module.exports = { supportTable };
