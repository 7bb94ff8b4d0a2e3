// @ts-check
'use strict';
/**
 * e2e helpers: the list of checks, and what the stages check n8n's output with.
 */

/** A WhatsApp invite link; the group's invite code is the capture. */
const LINK = /^https:\/\/chat\.whatsapp\.com\/([A-Za-z0-9]+)$/;
/** What n8n prints when it cannot load a node or credential type. */
const LOAD_ERRORS =
	/Unrecognized node type|Unrecognized credential type|Unknown node type|Unknown credential type|node type .* is not known|Cannot find module|Error loading package|Failed to load (?:package|node|credential)|could not be loaded/i;

/** @typedef {{ ok: boolean, label: string, detail?: string, stage: string }} Check */

class Checks {
	constructor() {
		/** @type {Check[]} */
		this.list = [];
		/** Output items checked (checkItem and the stages' own item checks). */
		this.items = 0;
		/** The stage the next checks belong to (e2e.js sets it), for the per-stage counts in the summary. */
		this.stage = '';
	}

	/** @param {unknown} condition @param {string} label @param {unknown} [detail] */
	that(condition, label, detail) {
		const ok = Boolean(condition);
		this.list.push({ ok, label, detail: ok || detail === undefined ? undefined : typeof detail === 'string' ? detail : JSON.stringify(detail), stage: this.stage });
		return ok;
	}

	get failed() {
		return this.list.filter((c) => !c.ok);
	}

	/** How many checks each stage ran, in the order the stages ran. @returns {Array<[string, number]>} */
	perStage() {
		/** @type {Map<string, number>} */
		const counts = new Map();
		for (const c of this.list) counts.set(c.stage, (counts.get(c.stage) ?? 0) + 1);
		return [...counts];
	}
}

/** Replaces every secret in text before it is printed. @param {string} text @param {string[]} secrets */
function redact(text, secrets) {
	let out = text;
	for (const secret of secrets) if (secret) out = out.split(secret).join('[secret]');
	return out;
}

/**
 * The detail of a failed "n8n execute ... succeeded" check: how the process ended (exit code or
 * signal, whether the e2e's timeout killed it, the elapsed time), the first lines of its stderr and the
 * last lines of its stdout+stderr, all redacted.
 * @param {{ code: number | null, signal?: NodeJS.Signals | null, timedOut: boolean, ms: number, stdout: string, stderr: string }} result
 * @param {string[]} secrets @param {number} [timeoutMs] the timeout the command ran with
 */
function runDetail(result, secrets, timeoutMs) {
	const ended = result.signal ? `killed by ${result.signal} (exit code ${result.code})` : `exit code ${result.code}`;
	const timedOut = result.timedOut ? `yes${timeoutMs ? ` (after ${timeoutMs} ms)` : ''}` : 'no';
	const stderrLines = result.stderr.trim() ? result.stderr.trim().split('\n') : [];
	const stderrHead = stderrLines.length ? `${stderrLines.slice(0, 15).join('\n')}${stderrLines.length > 15 ? `\n… (${stderrLines.length - 15} more stderr lines)` : ''}` : '(empty)';
	const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
	return redact(`${ended}, timed out: ${timedOut}, ${result.ms} ms\n--- stderr, first 15 lines:\n${stderrHead}\n--- stdout+stderr, last 30 lines:\n${tail}`, secrets);
}

/** Parses `n8n execute --rawOutput` stdout (the IRun as JSON, possibly after log lines). @param {string} stdout */
function parseRun(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l === '{');
	const text = start >= 0 ? lines.slice(start).join('\n') : stdout.slice(stdout.indexOf('{'));
	return JSON.parse(text);
}

/** @param {any} runData @param {string} node @param {number} [output] @returns {any[] | undefined} */
function outputOf(runData, node, output = 0) {
	const task = runData?.[node]?.[0];
	if (!task?.data) return undefined;
	const key = Object.keys(task.data)[0];
	return task.data[key]?.[output] ?? [];
}

/**
 * Checks one normalized success item of our node.
 * @param {Checks} checks @param {string} where @param {any} json
 * @param {{ provider: string, operation: string, groupId: string, code?: string, previousCode?: string, previous?: boolean }} expected
 */
function checkItem(checks, where, json, expected) {
	// Counted only when there is an item: a missing one fails the checks below but was not checked.
	if (json !== undefined && json !== null) checks.items += 1;
	const keys = ['provider', 'operation', 'groupId', 'inviteCode', 'inviteLink'];
	if (expected.previous) keys.push('previousInviteCode', 'previousInviteLink');
	checks.that(
		json && JSON.stringify(Object.keys(json).sort()) === JSON.stringify([...keys].sort()),
		`${where}: output has exactly ${keys.join(', ')}`,
		json && Object.keys(json),
	);
	checks.that(json?.provider === expected.provider && json?.operation === expected.operation, `${where}: provider ${expected.provider}, operation ${expected.operation}`, json);
	checks.that(json?.groupId === expected.groupId, `${where}: groupId is ${expected.groupId}`, json?.groupId);
	const match = LINK.exec(String(json?.inviteLink));
	checks.that(match && match[1] === json.inviteCode, `${where}: inviteLink is https://chat.whatsapp.com/<inviteCode>`, json?.inviteLink);
	if (expected.code !== undefined) {
		checks.that(json?.inviteCode === expected.code, `${where}: inviteCode is the group's current code in the simulator`, { got: json?.inviteCode });
	}
	if (expected.previous) {
		const prev = LINK.exec(String(json?.previousInviteLink));
		checks.that(prev && prev[1] === json.previousInviteCode, `${where}: previousInviteLink is https://chat.whatsapp.com/<previousInviteCode>`, json?.previousInviteLink);
		checks.that(json?.previousInviteLink !== json?.inviteLink, `${where}: previous link differs from the new link`);
		if (expected.previousCode !== undefined) {
			checks.that(json?.previousInviteCode === expected.previousCode, `${where}: previousInviteCode is the code from before the reset`);
		}
	}
}

/** A group id without its @g.us suffix, as the simulator keys groups. */
const bare = (/** @type {string} */ jid) => jid.replace(/@g\.us$/, '');

module.exports = { LINK, LOAD_ERRORS, Checks, redact, runDetail, parseRun, outputOf, checkItem, bare };
