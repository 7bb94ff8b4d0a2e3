// @ts-check
'use strict';
/**
 * e2e stage: the six example workflows (three saved as node version 1, two as version 1.1, one as 2). Imports the example files as they are, then their headless
 * variants (same ids, see variants.js), and runs each variant with `n8n execute --id <id> --rawOutput`
 * (ai-agent-tool twice: the second time the model asks for a group the simulator does not know),
 * checking our node's items, the simulator's request log, the emails and the model's requests.
 */
const fs = require('node:fs');
const path = require('node:path');

const { LINK, LOAD_ERRORS, redact, runDetail, parseRun, outputOf, checkItem, bare } = require('./checks');
const { EXAMPLES_DIR, readExample, nodeNamed, variants } = require('./variants');

/**
 * @param {{
 *   checks: import('./checks').Checks, n8n: import('./process').N8nCommands['n8n'], mustN8n: import('./process').N8nCommands['mustN8n'],
 *   tmp: string, sim: import('../../test/support/simulator').VendorSimulator, smtp: import('./fake-smtp').FakeSmtp,
 *   model: import('./fake-openai').FakeOpenAi, secrets: string[], report: import('./report').TargetReport,
 *   ctx: { spamGroup: string, liveGroup: string, missingGroup: string, agentGroup: string, agentGroupName: string, notAdminGroup: string },
 * } & ReturnType<typeof import('./variants').readExamples>} stage
 */
async function runExamples({ checks, n8n, mustN8n, tmp, sim, smtp, model, secrets, report, ctx, examples, weeklyGroups, directoryGroups, missingDirectoryGroup, paidMembers, vettingGroup }) {
	const { workflows } = report;
	// --- the example files as they are
	const originalsDir = path.join(tmp, 'examples');
	fs.mkdirSync(originalsDir);
	for (const file of Object.keys(variants)) fs.copyFileSync(path.join(EXAMPLES_DIR, file), path.join(originalsDir, file));
	const importedOriginals = await mustN8n(['import:workflow', '--separate', `--input=${originalsDir}`], 120_000);
	const exampleCount = Object.keys(variants).length;
	checks.that(new RegExp(`Successfully imported ${exampleCount} workflows`).test(importedOriginals.stdout + importedOriginals.stderr), `n8n import:workflow imported the ${exampleCount} example files unchanged`);
	// Saved v1 workflows next to v1.1 ones: n8n keeps each node's version.
	const versions = Object.keys(variants).map((file) => [...new Set(readExample(file).nodes.filter((/** @type {any} */ n) => /whatsAppGroupInvite/.test(n.type)).map((/** @type {any} */ n) => n.typeVersion))].join('+'));
	checks.that(versions.includes('1') && versions.includes('1.1') && versions.includes('2'), 'the examples hold node version 1, 1.1 and 2 workflows side by side', versions);

	// --- headless variants (same ids), run with n8n execute
	const variantsDir = path.join(tmp, 'variants');
	fs.mkdirSync(variantsDir);
	/** @type {Record<string, { id: string, swap: string }>} */
	const variantInfo = {};
	for (const [file, derive] of Object.entries(variants)) {
		const wf = readExample(file);
		const swap = derive(wf, /** @type {any} */ (ctx));
		fs.writeFileSync(path.join(variantsDir, file), JSON.stringify(wf, null, 2));
		variantInfo[file] = { id: wf.id, swap };
	}
	const importedVariants = await mustN8n(['import:workflow', '--separate', `--input=${variantsDir}`], 120_000);
	checks.that(new RegExp(`Successfully imported ${exampleCount} workflows`).test(importedVariants.stdout + importedVariants.stderr), `n8n import:workflow imported the ${exampleCount} headless variants`);

	/** @param {string} file @param {(runData: any, run: { requests: Array<Record<string, any>>, parsed: any }) => void} verify @param {string} [variant] */
	const execute = async (file, verify, variant) => {
		const { id } = variantInfo[file];
		const swap = variant ? `same variant, ${variant}` : variantInfo[file].swap;
		const before = sim.requests.length;
		const result = await n8n(['execute', `--id=${id}`, '--rawOutput'], 240_000);
		const output = `${result.stdout}\n${result.stderr}`;
		const report = { file, id, swap, ms: result.ms, items: 0, status: 'failed' };
		workflows.push(report);
		const itemsBefore = checks.items;
		const loadError = LOAD_ERRORS.exec(output);
		checks.that(!loadError, `${file}: n8n knows every node and credential type`, loadError && redact(output.slice(Math.max(0, loadError.index - 200), loadError.index + 300), secrets));
		if (!checks.that(result.code === 0 && !result.timedOut, `${file}: n8n execute --id=${id} succeeded`, runDetail(result, secrets, 240_000))) return;
		let parsed;
		try {
			parsed = parseRun(result.stdout);
		} catch (error) {
			checks.that(false, `${file}: --rawOutput is JSON`, String(error));
			return;
		}
		report.status = parsed.status ?? (parsed.finished ? 'success' : 'unknown');
		checks.that(parsed.status === 'success' && !parsed.data?.resultData?.error, `${file}: execution status is success`, { status: parsed.status, error: parsed.data?.resultData?.error?.message });
		/** @type {any[]} */
		const requests = sim.requests.slice(before);
		verify(parsed.data.resultData.runData, { requests, parsed });
		report.items = checks.items - itemsBefore;
	};

	/** @param {Array<Record<string, any>>} requests @param {string} vendor @param {string} op */
	const count = (requests, vendor, op) => requests.filter((r) => r.vendor === vendor && r.op === op).length;

	// 1. weekly rotation (Z-API, reset with previous link, email)
	{
		const codesBefore = Object.fromEntries(weeklyGroups.map((g) => [g.groupId, sim.codeOf(bare(g.groupId))]));
		const mailsBefore = smtp.messages.length;
		await execute('weekly-rotation.json', (runData, { requests }) => {
			const items = outputOf(runData, 'Reset invite link') ?? [];
			checks.that(items.length === weeklyGroups.length, `weekly-rotation: Reset invite link output ${weeklyGroups.length} items`, items.length);
			weeklyGroups.forEach((g, i) => {
				const json = items[i]?.json;
				checkItem(checks, `weekly-rotation item ${i}`, json, {
					provider: 'zApi',
					operation: 'resetInviteLink',
					groupId: g.groupId,
					previous: true,
					code: sim.codeOf(bare(g.groupId)),
					previousCode: codesBefore[g.groupId],
				});
				checks.that(items[i]?.pairedItem?.item === i, `weekly-rotation item ${i}: pairedItem points at input item ${i}`, items[i]?.pairedItem);
				const mail = smtp.messages.slice(mailsBefore)[i];
				checks.that(
					mail && mail.text.includes(String(json?.inviteLink)) && mail.text.includes(String(json?.previousInviteLink)) && String(mail.headers.subject).includes(g.groupName),
					`weekly-rotation item ${i}: email "${g.groupName}" has the old and the new link`,
					mail ? { subject: mail.headers.subject, text: mail.text.slice(0, 400) } : 'no email',
				);
			});
			checks.that(smtp.messages.length - mailsBefore === weeklyGroups.length, `weekly-rotation: ${weeklyGroups.length} emails sent`, smtp.messages.length - mailsBefore);
			checks.that(
				count(requests, 'zApi', 'get') === weeklyGroups.length && count(requests, 'zApi', 'reset') === weeklyGroups.length && requests.length === 2 * weeklyGroups.length,
				`weekly-rotation: simulator saw ${weeklyGroups.length} Z-API gets and ${weeklyGroups.length} resets, nothing else`,
				requests.map((r) => `${r.vendor}.${r.op} ${r.status}`),
			);
		});
	}

	// 2. spam alert (RyzeAPI reset, headless)
	{
		const before = sim.codeOf(bare(ctx.spamGroup));
		await execute('spam-alert.json', (runData, { requests }) => {
			const items = outputOf(runData, 'Reset invite link') ?? [];
			checks.that(items.length === 1, 'spam-alert: Reset invite link output 1 item', items.length);
			checkItem(checks, 'spam-alert', items[0]?.json, { provider: 'ryzeApi', operation: 'resetInviteLink', groupId: ctx.spamGroup, code: sim.codeOf(bare(ctx.spamGroup)) });
			checks.that(items[0]?.json?.inviteCode !== before, 'spam-alert: the reset changed the code');
			const errors = outputOf(runData, 'Reset invite link', 1) ?? [];
			checks.that(errors.length === 0, 'spam-alert: nothing on the error output');
			const response = outputOf(runData, 'Respond with the new link') ?? [];
			checks.that(
				response.length === 1 && response[0].json.inviteLink === items[0]?.json?.inviteLink && response[0].json.groupId === ctx.spamGroup,
				'spam-alert: the response body (headless stand-in) has groupId and the new inviteLink',
				response.map((r) => r.json),
			);
			checks.that(!runData['Respond with the error'], 'spam-alert: the error response branch did not run');
			checks.that(count(requests, 'ryzeApi', 'reset') === 1 && requests.length === 1, 'spam-alert: simulator saw exactly 1 RyzeAPI reset', requests.map((r) => `${r.vendor}.${r.op} ${r.status}`));
		});
	}

	// 3. link directory (Wawp get, error output)
	{
		const mailsBefore = smtp.messages.length;
		await execute('link-directory.json', (runData, { requests }) => {
			const ok = outputOf(runData, 'Get invite link', 0) ?? [];
			const failed = outputOf(runData, 'Get invite link', 1) ?? [];
			const known = directoryGroups.slice(0, -1);
			checks.that(ok.length === known.length, `link-directory: success output has ${known.length} items`, ok.map((i) => i.json));
			known.forEach((g, i) => {
				checkItem(checks, `link-directory success item ${i}`, ok[i]?.json, { provider: 'wawp', operation: 'getInviteLink', groupId: g.groupId, code: sim.codeOf(bare(g.groupId)) });
			});
			checks.that(failed.length === 1, `link-directory: error output has 1 item (the group the simulator does not know)`, {
				errorOutput: failed.map((i) => i.json),
				successOutput: ok.map((i) => i.json),
			});
			const err = failed[0]?.json;
			if (err !== undefined) checks.items += 1;
			checks.that(typeof err?.error === 'string' && /404|not found/i.test(err.error), 'link-directory: error item has an error message about the missing group', err);
			checks.that(
				err?.details?.groupId === missingDirectoryGroup.groupId || err?.groupId === missingDirectoryGroup.groupId,
				'link-directory: error item names the group (groupId merged from the input item)',
				err,
			);
			// n8n-core < 2.36 routes an item to the error output only if its json is {error} or
			// {error, message}; the node therefore puts the description (how to fix it) in `message`.
			checks.that(
				typeof err?.message === 'string' && err.message.length > 0 && err.message !== err.error,
				'link-directory: error item has a message saying how to fix it',
				err,
			);
			const rows = outputOf(runData, 'Save to directory') ?? [];
			checks.that(
				rows.length === known.length && rows.every((r, i) => r.json['Group'] === known[i].groupName && LINK.test(String(r.json['Invite link']))),
				`link-directory: "Save to directory" got ${known.length} complete rows`,
				rows.map((r) => r.json),
			);
			const mails = smtp.messages.slice(mailsBefore);
			checks.that(
				mails.length === 1 && mails[0].text.includes(missingDirectoryGroup.groupId) && String(mails[0].headers.subject).includes(missingDirectoryGroup.groupName),
				'link-directory: "Notify admin" emailed about the missing group',
				mails.map((m) => ({ subject: m.headers.subject, text: m.text.slice(0, 300) })),
			);
			checks.that(count(requests, 'wawp', 'get') === directoryGroups.length && requests.length === directoryGroups.length, `link-directory: simulator saw ${directoryGroups.length} Wawp gets, nothing else`, requests.map((r) => `${r.vendor}.${r.op} ${r.status}`));
		});
	}

	// 4. AI agent with the node as tools (v1.1): it lists the groups, then gets one's link by its name
	{
		const modelBefore = model.requests.length;
		await execute('ai-agent-tool.json', (runData, { requests }) => {
			const listed = outputOf(runData, 'List my groups') ?? [];
			checks.items += listed.length;
			checks.that(
				listed.some((i) => i.json?.name === ctx.agentGroupName && i.json?.groupId === ctx.agentGroup) && listed.every((i) => /support/i.test(String(i.json?.name))),
				`ai-agent-tool: the List my groups tool ran with nameContains "support": only groups with "support" in their name, "${ctx.agentGroupName}" among them`,
				listed.map((i) => i.json),
			);
			const tool = outputOf(runData, 'Get group invite link') ?? [];
			checks.that(tool.length === 1, 'ai-agent-tool: the Get group invite link tool ran once', Object.keys(runData));
			checkItem(checks, 'ai-agent-tool tool output (group by name)', tool[0]?.json, { provider: 'zApi', operation: 'getInviteLink', groupId: ctx.agentGroup, code: sim.codeOf(bare(ctx.agentGroup)) });
			checks.that(!runData['Reset group invite link'], 'ai-agent-tool: the reset tool was not called');
			const answer = outputOf(runData, 'AI Agent')?.[0]?.json?.output;
			checks.that(typeof answer === 'string' && answer.includes(`https://chat.whatsapp.com/${sim.codeOf(bare(ctx.agentGroup))}`), "ai-agent-tool: the agent's answer quotes the tool's invite link", answer);
			// List my groups: one list (Z-API pages of 100); Get by name: one list for the name, one get.
			checks.that(count(requests, 'zApi', 'list') === 2 && count(requests, 'zApi', 'get') === 1 && requests.length === 3, 'ai-agent-tool: simulator saw 2 Z-API lists (one per tool) and 1 get, nothing else', requests.map((r) => `${r.vendor}.${r.op} ${r.status}`));
			const offered = model.requests.slice(modelBefore).find((r) => Array.isArray(r.body?.tools))?.body?.tools ?? [];
			report.tools = offered.map((/** @type {any} */ t) => ({ name: t.function?.name, description: t.function?.description, parameters: t.function?.parameters?.properties }));
			const names = offered.map((/** @type {any} */ t) => t.function?.name).sort();
			checks.that(JSON.stringify(names) === JSON.stringify(['Get_group_invite_link', 'List_my_groups', 'Reset_group_invite_link']), 'ai-agent-tool: the model was offered the tools Get_group_invite_link, List_my_groups and Reset_group_invite_link', names);
			const params = Object.fromEntries(offered.map((/** @type {any} */ t) => [t.function?.name, t.function?.parameters]));
			checks.that(
				['Get_group_invite_link', 'Reset_group_invite_link'].every((n) => params[n]?.properties?.groupName?.type === 'string' && params[n].required?.includes('groupName')) &&
					params.List_my_groups?.properties?.nameContains?.type === 'string',
				'ai-agent-tool: the get and reset tools take a required string groupName (Group: By Name, from $fromAI), the list tool a nameContains',
				params,
			);
			const reset = nodeNamed(examples.agent, 'Reset group invite link');
			checks.that(offered.some((/** @type {any} */ t) => t.function?.description === reset.parameters.toolDescription && /old link stops working/.test(t.function.description)), 'ai-agent-tool: the reset tool description is the one set in the node, and says the old link stops working');
		});
		// Same workflow, but the model asks for a name no group has: the tool fails and the agent gets
		// the error text (with the closest names) as the tool result.
		model.script.steps = [{ tool: /^Get/i, args: { groupName: 'Suport team' } }];
		const failingBefore = model.requests.length;
		await execute('ai-agent-tool.json', (runData, { requests }) => {
			checks.that(count(requests, 'zApi', 'list') === 1 && requests.length === 1, 'ai-agent-tool (tool error): simulator saw exactly 1 Z-API list and no get', requests.map((r) => `${r.vendor}.${r.op} ${r.status}`));
			const toolMessages = model.requests
				.slice(failingBefore)
				.flatMap((r) => (Array.isArray(r.body?.messages) ? r.body.messages : []))
				.filter((/** @type {any} */ m) => m.role === 'tool')
				.map((/** @type {any} */ m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
			report.toolError = toolMessages[0] ?? '';
			checks.that(toolMessages.length > 0 && /No group named \\?"Suport team\\?"/.test(toolMessages[0]), 'ai-agent-tool (tool error): the model got the error text as the tool result (tools have On Error: Continue)', toolMessages);
			const toolItem = outputOf(runData, 'Get group invite link')?.[0]?.json;
			if (toolItem !== undefined) checks.items += 1;
			checks.that(
				toolItem && /No group named "Suport team"/.test(String(toolItem.error)) && toolItem.provider === 'zApi' && toolItem.operation === 'getInviteLink',
				'ai-agent-tool (tool error): the tool output is the Continue On Fail item {error, provider, operation, groupId}',
				toolItem,
			);
			const answer = outputOf(runData, 'AI Agent')?.[0]?.json?.output;
			checks.that(typeof answer === 'string', 'ai-agent-tool (tool error): the agent still answered', answer);
		}, 'tool error');
	}

	// 5. rotate all my groups (v1.1): Get Many Groups (Admin Only) -> Reset -> one email with a table
	{
		const admin = [...sim.groups].filter(([, g]) => g.admin).map(([id]) => `${id}@g.us`);
		const notAdmin = [...sim.groups].filter(([, g]) => !g.admin).map(([id]) => `${id}@g.us`);
		const codesBefore = Object.fromEntries(admin.map((jid) => [jid, sim.codeOf(bare(jid))]));
		const mailsBefore = smtp.messages.length;
		await execute('rotate-all-groups.json', (runData, { requests }) => {
			const listed = outputOf(runData, 'Groups I administer') ?? [];
			checks.that(JSON.stringify(listed.map((i) => i.json.groupId)) === JSON.stringify(admin) && listed.every((i) => i.json.isAdmin === true), `rotate-all-groups: Get Many Groups (Admin Only) output the ${admin.length} groups the number administers, not ${notAdmin.join(', ')}`, listed.map((i) => i.json));
			const reset = outputOf(runData, 'Reset invite link') ?? [];
			checks.that(reset.length === admin.length, `rotate-all-groups: Reset invite link output ${admin.length} items`, reset.length);
			admin.forEach((jid, i) => {
				checkItem(checks, `rotate-all-groups item ${i}`, reset[i]?.json, { provider: 'evolutionApi', operation: 'resetInviteLink', groupId: jid, previous: true, code: sim.codeOf(bare(jid)), previousCode: codesBefore[jid] });
				checks.that(reset[i]?.pairedItem?.item === i, `rotate-all-groups item ${i}: pairedItem points at listed group ${i}`, reset[i]?.pairedItem);
			});
			const mails = smtp.messages.slice(mailsBefore);
			const html = mails[0]?.text ?? '';
			checks.that(
				mails.length === 1 && admin.every((jid) => html.includes(`https://chat.whatsapp.com/${sim.codeOf(bare(jid))}`) && html.includes(`https://chat.whatsapp.com/${codesBefore[jid]}`)),
				`rotate-all-groups: one email with a table of the ${admin.length} new and old links`,
				mails.map((m) => ({ subject: m.headers.subject, text: m.text.slice(0, 600) })),
			);
			checks.that(
				count(requests, 'evolutionApi', 'list') === 1 && count(requests, 'evolutionApi', 'status') === 1 && count(requests, 'evolutionApi', 'get') === admin.length && count(requests, 'evolutionApi', 'reset') === admin.length && requests.length === 2 + 2 * admin.length,
				`rotate-all-groups: simulator saw 1 Evolution list (+1 for the instance's number), ${admin.length} gets (previous links) and ${admin.length} resets, nothing else`,
				requests.map((r) => `${r.vendor}.${r.op} ${r.status}`),
			);
		});
	}

	// 6. join-request vetting (WAHA, node v2): Get Many Join Requests -> Member list -> IF -> Approve / Reject
	{
		const group = bare(vettingGroup);
		const member = paidMembers[0];
		const stranger = '5531977776666';
		const simGroup = sim.groups.get(group);
		if (checks.that(simGroup, `join-request-vetting: the simulator has the group ${vettingGroup}`) && simGroup) {
			simGroup.joinRequests = [];
			sim.addJoinRequest(group, { phone: member, method: 'invite_link' });
			sim.addJoinRequest(group, { phone: stranger, method: 'invite_link' });
			const sizeBefore = simGroup.size;
						const jid = (/** @type {string} */ phone) => `${phone}@s.whatsapp.net`;
			await execute('join-request-vetting.json', (runData, { requests }) => {
				const listed = outputOf(runData, 'Pending join requests') ?? [];
				checks.items += listed.length;
				checks.that(
					listed.length === 2 &&
						[member, stranger].every((phone, i) => {
							const json = listed[i]?.json ?? {};
							return (
								json.provider === 'waha' && json.resource === 'joinRequest' && json.operation === 'getAll' && json.groupId === vettingGroup &&
								json.requester === jid(phone) && (json.phone === undefined || json.phone === phone) &&
								Object.keys(json).every((k) => ['provider', 'resource', 'operation', 'groupId', 'requester', 'phone', 'requestMethod', 'requestedAt'].includes(k))
							);
						}),
					`join-request-vetting: Pending join requests output the 2 pending requests (${member}, ${stranger}), normalized`,
					listed.map((i) => i.json),
				);
				const marked = outputOf(runData, 'Member list') ?? [];
				checks.that(
					marked.length === 2 && marked[0]?.json?.isMember === true && marked[1]?.json?.isMember === false,
					'join-request-vetting: Member list marked the paid member isMember true and the other false',
					marked.map((i) => i.json),
				);
				const approved = outputOf(runData, 'Approve') ?? [];
				const rejected = outputOf(runData, 'Reject') ?? [];
				checks.items += approved.length + rejected.length;
				checks.that(
					approved.length === 1 && JSON.stringify(approved[0].json) === JSON.stringify({ provider: 'waha', resource: 'joinRequest', operation: 'approve', groupId: vettingGroup, requester: jid(member), status: 'approved' }),
					`join-request-vetting: Approve output exactly {provider, resource, operation, groupId, requester, status: approved} for the member ${member}`,
					approved.map((i) => i.json),
				);
				checks.that(
					rejected.length === 1 && JSON.stringify(rejected[0].json) === JSON.stringify({ provider: 'waha', resource: 'joinRequest', operation: 'reject', groupId: vettingGroup, requester: jid(stranger), status: 'rejected' }),
					`join-request-vetting: Reject output exactly {provider, resource, operation, groupId, requester, status: rejected} for ${stranger}`,
					rejected.map((i) => i.json),
				);
				checks.that(
					simGroup.joinRequests.length === 0 && simGroup.size === sizeBefore + 1,
					'join-request-vetting: in the simulator, nothing is pending any more and the group has one member more (the approved one)',
					{ pending: simGroup.joinRequests, size: simGroup.size, sizeBefore },
				);
				const settled = requests.filter((r) => r.op === 'approve' || r.op === 'reject').map((r) => `${r.op} ${r.body ?? ''}${r.path}`);
				checks.that(
					count(requests, 'waha', 'joinRequests') === 1 && count(requests, 'waha', 'approve') === 1 && count(requests, 'waha', 'reject') === 1 && requests.length === 3 &&
						settled[0].startsWith('approve') && settled[0].includes(member) && settled[1].startsWith('reject') && settled[1].includes(stranger),
					`join-request-vetting: simulator saw 1 WAHA list, 1 approve (${member}) and 1 reject (${stranger}), nothing else`,
					requests.map((r) => `${r.vendor}.${r.op} ${r.status} ${r.method} ${r.path}`),
				);
				const serialized = JSON.stringify(runData);
				checks.that(!secrets.some((secret) => serialized.includes(secret)), 'join-request-vetting: no secret in the execution data');
			});
		}
	}
}

module.exports = { runExamples };
