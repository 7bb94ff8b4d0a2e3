// @ts-check
'use strict';
/**
 * Reads an n8n SQLite database with the sqlite3 binding of the n8n install under test (run with that
 * install's Node binary, so the native binding matches) and reports, as JSON on stdout, how many
 * stored executions there are and which secrets (read as a JSON array from stdin) occur in them.
 * Usage: node scan-db.js <database.sqlite> <path to sqlite3 module>  < secrets.json
 */
const fs = require('node:fs');

const [dbPath, sqlitePath] = process.argv.slice(2);
const secrets = /** @type {string[]} */ (JSON.parse(fs.readFileSync(0, 'utf8')));
const sqlite3 = require(sqlitePath);
const db = new sqlite3.Database(dbPath, sqlite3.OPEN_READONLY);

/** @param {string} sql @returns {Promise<any[]>} */
const all = (sql) => new Promise((resolve, reject) => db.all(sql, (/** @type {Error | null} */ e, /** @type {any[]} */ rows) => (e ? reject(e) : resolve(rows))));

(async () => {
	const tables = (await all("SELECT name FROM sqlite_master WHERE type = 'table'")).map((r) => r.name);
	const rows = await all('SELECT * FROM execution_data');
	const executions = await all('SELECT id, mode, status, workflowId FROM execution_entity ORDER BY id');
	/** @type {Array<{ table: string, row: string, column: string, secretIndex: number }>} */
	const hits = [];
	const scan = (/** @type {string} */ table, /** @type {any[]} */ list, /** @type {string} */ key) => {
		for (const row of list) {
			for (const [column, value] of Object.entries(row)) {
				if (value === null || value === undefined) continue;
				const text = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
				secrets.forEach((secret, secretIndex) => {
					if (secret && text.includes(secret)) hits.push({ table, row: String(row[key]), column, secretIndex });
				});
			}
		}
	};
	scan('execution_data', rows, 'executionId');
	// Other tables that may hold run output or logs in some versions.
	for (const table of ['execution_metadata', 'execution_annotations', 'event_destinations', 'workflow_statistics']) {
		if (tables.includes(table)) scan(table, await all(`SELECT * FROM ${table}`), 'id');
	}
	db.close();
	process.stdout.write(
		JSON.stringify({ executionDataRows: rows.length, executions, hits, bytesScanned: rows.reduce((n, r) => n + String(r.data ?? '').length + String(r.workflowData ?? '').length, 0) }),
	);
})().catch((error) => {
	process.stderr.write(String(error && error.stack ? error.stack : error));
	process.exit(2);
});
