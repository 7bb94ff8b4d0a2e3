// @ts-check
'use strict';
/**
 * e2e helpers: the example workflows (examples/*.json) and their headless variants.
 *
 * A variant keeps the example's id and swaps only what cannot run under `n8n execute` (triggers that
 * wait for an event, Respond to Webhook); see the header of scripts/e2e.js for what each one swaps.
 */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('./process');

const EXAMPLES_DIR = path.join(ROOT, 'examples');

/** @param {string} jsCode @returns {Array<{ groupName: string, groupId: string }>} */
function groupsInCode(jsCode) {
	const out = [];
	const re = /groupName:\s*'([^']*)',\s*groupId:\s*'([^']*)'/g;
	for (let m = re.exec(jsCode); m; m = re.exec(jsCode)) out.push({ groupName: m[1], groupId: m[2] });
	return out;
}

/** @param {string} file */
function readExample(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

/** @param {any} workflow @param {string} name */
function nodeNamed(workflow, name) {
	const node = workflow.nodes.find((/** @type {any} */ n) => n.name === name);
	if (!node) throw new Error(`example ${workflow.id}: no node named "${name}"`);
	return node;
}

/** @param {any} node */
function toManualTrigger(node) {
	node.type = 'n8n-nodes-base.manualTrigger';
	node.typeVersion = 1;
	node.parameters = {};
	delete node.webhookId;
}

/** @param {string} id @param {string} name @param {[number, number]} position @param {Record<string, string>} fields */
function setNode(id, name, position, fields) {
	return {
		id,
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position,
		parameters: {
			assignments: {
				assignments: Object.entries(fields).map(([key, value], i) => ({
					id: `${id}-${i}`,
					name: key,
					value,
					type: typeof value === 'string' && !value.startsWith('=') ? 'string' : 'object',
				})),
			},
			options: {},
		},
	};
}

/** Inserts `node` between `from` and everything `from` was connected to. @param {any} wf @param {string} from @param {any} node */
function insertAfter(wf, from, node) {
	wf.nodes.push(node);
	wf.connections[node.name] = wf.connections[from];
	wf.connections[from] = { main: [[{ node: node.name, type: 'main', index: 0 }]] };
}

/** Replaces a Respond to Webhook node by a Set node with the same name that outputs the response body. */
function respondToSet(/** @type {any} */ wf, /** @type {string} */ name) {
	const node = nodeNamed(wf, name);
	const body = String(node.parameters.responseBody);
	const inner = /^=\{\{\s*\{([\s\S]*)\}\s*\}\}$/.exec(body);
	if (!inner) throw new Error(`cannot derive a Set node from the response body of "${name}": ${body}`);
	/** @type {Record<string, string>} */
	const fields = {};
	for (const part of inner[1].split(/,(?![^(]*\))/)) {
		const [key, ...rest] = part.split(':');
		fields[key.trim()] = `={{ ${rest.join(':').trim()} }}`;
	}
	const replacement = setNode(node.id, name, node.position, fields);
	for (const a of replacement.parameters.assignments.assignments) a.type = 'string';
	Object.keys(node).forEach((k) => delete node[k]);
	Object.assign(node, replacement);
}

const variants = {
	/** @param {any} wf */
	'weekly-rotation.json': (wf) => {
		toManualTrigger(nodeNamed(wf, 'Every Monday at 9:00'));
		return 'Schedule Trigger -> Manual Trigger; Send Email -> fake SMTP on 127.0.0.1';
	},
	/** @param {any} wf @param {{ spamGroup: string }} ctx */
	'spam-alert.json': (wf, ctx) => {
		toManualTrigger(nodeNamed(wf, 'Spam alert'));
		insertAfter(wf, 'Spam alert', {
			...setNode('e2e-webhook-body', 'Webhook body (e2e)', [100, 160], {}),
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ body: { groupId: ctx.spamGroup } }), options: {} },
		});
		// "$('Spam alert').item.json.body" now lives one node later.
		for (const node of wf.nodes) {
			if (node.parameters?.responseBody) {
				node.parameters.responseBody = String(node.parameters.responseBody).replace(/\$\('Spam alert'\)/g, "$('Webhook body (e2e)')");
			}
		}
		respondToSet(wf, 'Respond with the new link');
		respondToSet(wf, 'Respond with the error');
		return 'Webhook -> Manual Trigger + Set "Webhook body (e2e)"; both Respond to Webhook -> Set (same names, same fields); original also run live via `n8n start`';
	},
	/** @param {any} _wf */
	'link-directory.json': (_wf) => 'no swap (Manual Trigger); last group unknown to the simulator; Send Email -> fake SMTP',
	/** @param {any} wf @param {{ agentGroupName: string }} ctx */
	'ai-agent-tool.json': (wf, ctx) => {
		toManualTrigger(nodeNamed(wf, 'When chat message received'));
		insertAfter(
			wf,
			'When chat message received',
			setNode('e2e-chat-message', 'Chat message (e2e)', [120, -160], {
				chatInput: `What is the invite link of our ${ctx.agentGroupName.toLowerCase()} group?`,
				sessionId: 'e2e-session',
			}),
		);
		return 'Chat Trigger -> Manual Trigger + Set "Chat message (e2e)"; OpenAI model -> scripted fake on 127.0.0.1 (lists the groups, then gets one by name)';
	},
	/** @param {any} wf */
	'rotate-all-groups.json': (wf) => {
		toManualTrigger(nodeNamed(wf, 'Every Monday at 9:00'));
		return 'Schedule Trigger -> Manual Trigger; Send Email -> fake SMTP on 127.0.0.1';
	},
	/** @param {any} wf */
	'join-request-vetting.json': (wf) => {
		toManualTrigger(nodeNamed(wf, 'Every hour'));
		return 'Schedule Trigger -> Manual Trigger; the simulator holds one pending request from a paid member and one from someone else';
	},
	/** @param {any} wf */
	'member-joins-to-sheet.json': (wf) => {
		// Not run with `n8n execute`: the trigger stage (trigger.js) activates it and the simulated
		// WPPConnect Server posts the joins to its Production URL.
		const sheet = nodeNamed(wf, 'Append to the members sheet');
		const replacement = setNode(sheet.id, sheet.name, sheet.position, {
			'Group ID': '={{ $json.groupId }}',
			Phone: '={{ $json.phone }}',
			Member: '={{ $json.participant }}',
			'Joined at': '={{ $json.timestamp }}',
		});
		for (const a of replacement.parameters.assignments.assignments) a.type = 'string';
		Object.keys(sheet).forEach((k) => delete sheet[k]);
		Object.assign(sheet, replacement);
		const counter = nodeNamed(wf, 'Every 50 joins');
		const code = String(counter.parameters.jsCode);
		if (!code.includes('const every = 50;')) throw new Error('member-joins-to-sheet: "const every = 50;" is not in the Every 50 joins node');
		counter.parameters.jsCode = code.replace('const every = 50;', 'const every = 2;');
		return 'kept the WhatsApp Group Trigger (the trigger stage activates it and posts joins to it); Google Sheets -> a Set node with the same columns; every 50 joins -> every 2';
	},
};

/** The phone numbers in the Member list Code node's `paidMembers`. @param {string} jsCode @returns {string[]} */
function paidMembersInCode(jsCode) {
	const list = /paidMembers\s*=\s*\[([^\]]*)\]/.exec(jsCode)?.[1] ?? '';
	return [...list.matchAll(/'(\d+)'/g)].map((m) => m[1]);
}

/**
 * The seven examples as they are, and the group lists in their Code nodes: the last directory group is
 * the one the simulator does not know.
 * @param {{ checks: import('./checks').Checks }} ctx
 */
function readExamples({ checks }) {
	const examples = {
		weekly: readExample('weekly-rotation.json'),
		spam: readExample('spam-alert.json'),
		directory: readExample('link-directory.json'),
		agent: readExample('ai-agent-tool.json'),
		rotateAll: readExample('rotate-all-groups.json'),
		vetting: readExample('join-request-vetting.json'),
		memberJoins: readExample('member-joins-to-sheet.json'),
	};
	const weeklyGroups = groupsInCode(nodeNamed(examples.weekly, 'Groups to rotate').parameters.jsCode);
	const directoryGroups = groupsInCode(nodeNamed(examples.directory, 'Groups').parameters.jsCode);
	checks.that(weeklyGroups.length >= 2 && directoryGroups.length >= 2, 'example group lists could be read from the Code nodes');
	const missingDirectoryGroup = directoryGroups[directoryGroups.length - 1];
	const paidMembers = paidMembersInCode(nodeNamed(examples.vetting, 'Member list').parameters.jsCode);
	const vettingGroup = String(nodeNamed(examples.vetting, 'Pending join requests').parameters.groupId?.value ?? '');
	checks.that(paidMembers.length >= 1 && /^\d+@g\.us$/.test(vettingGroup), 'join-request-vetting: the paid members and the group could be read from the example', { paidMembers, vettingGroup });
	return { examples, weeklyGroups, directoryGroups, missingDirectoryGroup, paidMembers, vettingGroup };
}

module.exports = { EXAMPLES_DIR, readExample, readExamples, nodeNamed, variants };
