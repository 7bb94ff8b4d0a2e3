/**
 * The e2e's bookkeeping (scripts/e2e): the secret scan of captured outputs makes one check per stage,
 * however many commands a stage ran, and still fails on a secret in any one output; the "items
 * checked" per generated workflow is the number of output items the stage really checked.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { Checks, checkItem, outputOf, parseRun, redact } from '../../scripts/e2e/checks';
import { GROUPS as COEXISTENCE_GROUPS, OTHER_PACKAGE, runCoexistence } from '../../scripts/e2e/coexistence';
import { cases as faultCases, runNetworkFaults, workflowId } from '../../scripts/e2e/network-faults';
import { PROVIDERS as ADAPTERS } from '../../nodes/WhatsAppGroupInvite/providers';
import { STAGES } from '../../scripts/e2e/process';
import type { Captured } from '../../scripts/e2e/process';
import { secretChecks } from '../../scripts/e2e/report';
import { VendorSimulator } from '../support/simulator';

const TARGET = 'n8n 1.x on this machine\'s Node';
const SECRETS = ['s3cret-token-abc', 'another-Secret-42'];

/** `counts[stage]` captured outputs per stage for TARGET, none of them holding a secret. */
function captured(counts: Partial<Record<(typeof STAGES)[number], number>>, target = TARGET): Captured[] {
	return STAGES.flatMap((stage) =>
		Array.from({ length: counts[stage] ?? 0 }, (_, i) => ({ label: `${stage} command ${i}`, text: `output ${i} of ${stage}: all fine`, target, stage })),
	);
}

describe('e2e secret scan of captured outputs (report.js secretChecks)', () => {
	// A reused n8n install runs no command, a fresh one several; a retried install one more.
	const shapes: Array<Partial<Record<(typeof STAGES)[number], number>>> = [
		{},
		{ install: 0, credentials: 1, examples: 6, coexistence: 3, faults: 4, live: 40 },
		{ install: 9, credentials: 1, examples: 6, coexistence: 3, faults: 4, live: 40 },
		{ install: 12, credentials: 2, examples: 7, coexistence: 3, faults: 5, live: 41 },
		{ install: 1, credentials: 1, examples: 1, coexistence: 1, faults: 1, live: 1 },
	];

	it('makes one check per stage, whatever the number of captured outputs', () => {
		const totals = shapes.map((shape) => {
			const checks = new Checks();
			secretChecks(checks, captured(shape), TARGET, SECRETS);
			expect(checks.failed).toEqual([]);
			return checks.list.length;
		});
		expect(totals).toEqual(shapes.map(() => STAGES.length));
		expect(STAGES).toEqual(['install', 'credentials', 'examples', 'coexistence', 'faults', 'live']);
	});

	it('scans every output: a secret in any one output fails that stage\'s check, naming the output', () => {
		const shape = shapes[3];
		for (const stage of STAGES) {
			for (let index = 0; index < (shape[stage] ?? 0); index++) {
				const outputs = captured(shape);
				const leaking = outputs.filter((c) => c.stage === stage)[index];
				leaking.text = `${leaking.text} token=${SECRETS[1]}`;
				const checks = new Checks();
				secretChecks(checks, outputs, TARGET, SECRETS);
				expect(checks.list).toHaveLength(STAGES.length);
				expect(checks.failed).toHaveLength(1);
				const [failed] = checks.failed;
				expect(failed.label).toContain(`the ${stage} stage`);
				expect(failed.detail).toBe(`${leaking.label}: secret #1`);
				// The report never prints the secret itself.
				expect(JSON.stringify(checks.list)).not.toContain(SECRETS[1]);
			}
		}
	});

	it('names every leaking output of a stage in its one failed check', () => {
		const outputs = captured({ install: 3, live: 5 });
		outputs[0].text += SECRETS[0];
		outputs[4].text += `${SECRETS[0]} ${SECRETS[1]}`;
		const checks = new Checks();
		secretChecks(checks, outputs, TARGET, SECRETS);
		expect(checks.list).toHaveLength(STAGES.length);
		expect(checks.failed.map((c) => [c.label, c.detail])).toEqual([
			['no secret in the output of the install stage (3 captured outputs)', 'install command 0: secret #0'],
			['no secret in the output of the live stage (5 captured outputs)', 'live command 1: secret #0, secret #1'],
		]);
	});

	it('scans this target\'s outputs and those captured before any target (npm pack, the Node 24 install), not another target\'s', () => {
		const before = captured({ install: 2 }, '');
		const other = captured({ install: 4, live: 7 }, 'n8n 2.x on Node 24 (E2E_N8N2=1)');
		const mine = captured({ install: 1, live: 3 });
		const checks = new Checks();
		const scanned = secretChecks(checks, [...before, ...other, ...mine], TARGET, SECRETS);
		expect(scanned).toBe(before.length + mine.length);
		expect(checks.list.map((c) => c.label)[0]).toBe('no secret in the output of the install stage (3 captured outputs)');
		before[1].text += SECRETS[0];
		const leaked = new Checks();
		secretChecks(leaked, [...before, ...other, ...mine], TARGET, SECRETS);
		expect(leaked.failed.map((c) => c.detail)).toEqual(['install command 1: secret #0']);
	});

	it('says when a stage was skipped (E2E_SKIP), still with one check for it', () => {
		const checks = new Checks();
		secretChecks(checks, captured({ install: 2, credentials: 1, live: 3 }), TARGET, SECRETS, ['examples', 'faults']);
		expect(checks.list.map((c) => c.label)).toEqual([
			'no secret in the output of the install stage (2 captured outputs)',
			'no secret in the output of the credentials stage (1 captured outputs)',
			'no secret in the output of the examples stage (0 captured outputs, stage skipped)',
			'no secret in the output of the coexistence stage (0 captured outputs)',
			'no secret in the output of the faults stage (0 captured outputs, stage skipped)',
			'no secret in the output of the live stage (3 captured outputs)',
		]);
	});
});

/** `n8n execute --rawOutput`'s stdout for a run whose nodes output these items. */
function rawOutput(outputs: Record<string, unknown[]>): string {
	const runData = Object.fromEntries(Object.entries(outputs).map(([node, json]) => [node, [{ data: { main: [json.map((j, i) => ({ json: j, pairedItem: { item: i } }))] } }]]));
	return `some log line\n${JSON.stringify({ status: 'success', data: { resultData: { runData } } }, null, 2)}\n`;
}

/** A stand-in for one target's n8n commands: every `execute` prints `stdout` (exit 0 unless `code`). */
function fakeN8n(stdout: (args: string[]) => string, code = 0) {
	return {
		n8n: async (args: string[]) => ({ code: args[0] === 'execute' ? code : 0, timedOut: false, stdout: args[0] === 'execute' ? stdout(args) : '', stderr: '', ms: 5 }),
		mustN8n: async () => ({ stdout: '', stderr: '' }),
	};
}

describe('e2e "items checked" per generated workflow', () => {
	let tmp: string;
	let sim: VendorSimulator;
	beforeEach(() => {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wgi-e2e-checks-test-'));
		fs.mkdirSync(path.join(tmp, 'node_modules', OTHER_PACKAGE), { recursive: true });
		sim = new VendorSimulator(); // not started: the stages only add groups, read codes and inject faults
	});
	afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

	const coexistence = (n8n: ReturnType<typeof fakeN8n>, checks: Checks) =>
		runCoexistence({ checks, ...n8n, tmp, sim, secrets: sim.secrets(), nodeType: 'n8n-nodes-whatsapp-group-invite.whatsAppGroupInvite', ourCredentialId: 'cred', nodesDir: tmp, redact, parseRun, outputOf, checkItem });
	const ours = (groupId: string) => {
		const code = sim.codeOf(groupId.replace(/@g\.us$/, ''));
		return { provider: 'evolutionApi', operation: 'getInviteLink', groupId, inviteCode: code, inviteLink: `https://chat.whatsapp.com/${code}` };
	};
	const theirs = (groupId: string) => {
		const code = sim.codeOf(groupId.replace(/@g\.us$/, ''));
		return [{ success: true, data: { inviteUrl: `https://chat.whatsapp.com/${code}`, inviteCode: code } }];
	};

	it('coexistence: counts the items both nodes really output (not a fixed 6)', async () => {
		const full = new Checks();
		const all = await coexistence(fakeN8n(() => rawOutput({ 'Get invite links': COEXISTENCE_GROUPS.map(ours), ...Object.fromEntries(COEXISTENCE_GROUPS.map((g, i) => [`Evolution API node ${i + 1}`, theirs(g)])) })), full);
		expect(all.items).toBe(2 * COEXISTENCE_GROUPS.length);
		expect(full.items).toBe(all.items);

		// This node lost its last item and the other package's second node output nothing.
		const short = await coexistence(
			fakeN8n(() => rawOutput({ 'Get invite links': COEXISTENCE_GROUPS.slice(0, -1).map(ours), 'Evolution API node 1': theirs(COEXISTENCE_GROUPS[0]), 'Evolution API node 3': theirs(COEXISTENCE_GROUPS[2]) })),
			new Checks(),
		);
		expect(short.items).toBe(COEXISTENCE_GROUPS.length - 1 + 2);

		const failed = await coexistence(fakeN8n(() => 'n8n crashed', 1), new Checks());
		expect(failed.items).toBe(0);
	});

	it('network faults: counts, per run, the case items the run really output (not cases / runs)', async () => {
		// The adapters from the source (the e2e reads the built ones in dist/).
		const list = faultCases(ADAPTERS);
		const types = [...new Set(list.map((c) => c.type))];
		const operations = [...new Set(list.map((c) => c.operation))];
		// Node v2's writes are in the matrix for the providers whose adapter has them.
		expect(operations).toEqual(expect.arrayContaining(['getInviteLink', 'resetInviteLink', 'approve', 'reject', 'setJoinApproval']));
		for (const c of list.filter((x) => x.operation === 'approve')) expect(typeof ADAPTERS.find((a) => a.id === c.provider)?.approveJoinRequest).toBe('function');
		expect(new Set(list.map((c) => c.group)).size).toBe(list.length);
		// Every case answers with an item, except the first 3 of the reset run.
		const missing = new Set(list.filter((c) => c.operation === 'resetInviteLink').slice(0, 3).map((c) => c.node));
		const n8n = fakeN8n((args) => {
			const operation = operations.find((o) => args.includes(`--id=${workflowId(o)}`));
			return rawOutput(Object.fromEntries(list.filter((c) => c.operation === operation && !missing.has(c.node)).map((c) => [c.node, [{ groupId: 'x', error: 'stand-in' }]])));
		});
		const checks = new Checks();
		const report = await runNetworkFaults({
			checks, ...n8n, tmp, sim, secrets: sim.secrets(), nodeType: 'n8n-nodes-whatsapp-group-invite.whatsAppGroupInvite', closedPort: 9,
			credentials: types.map((type) => ({ id: type, name: type, type, data: { baseUrl: 'http://127.0.0.1:9' } })),
			redact, parseRun, outputOf, label: 'test', adapters: ADAPTERS,
		});
		const perOperation = (operation: string) => list.filter((c) => c.operation === operation).length;
		expect(report.runs.map((r) => [r.id, r.items])).toEqual(
			operations.map((o) => [workflowId(o), perOperation(o) - (o === 'resetInviteLink' ? missing.size : 0)]),
		);
		expect(report.runs.map((r) => r.id).slice(0, 2)).toEqual(['e2eNetworkFaultsGet1', 'e2eNetworkFaultsReset1']);
		expect(checks.items).toBe(list.length - missing.size);
	});

	it('checkItem counts an item only when there is one', () => {
		const checks = new Checks();
		checkItem(checks, 'present', { provider: 'wawp', operation: 'getInviteLink', groupId: 'g', inviteCode: 'abc', inviteLink: 'https://chat.whatsapp.com/abc' }, { provider: 'wawp', operation: 'getInviteLink', groupId: 'g' });
		checkItem(checks, 'missing', undefined, { provider: 'wawp', operation: 'getInviteLink', groupId: 'g' });
		expect(checks.items).toBe(1);
		expect(checks.failed.map((c) => c.label)).toContain('missing: groupId is g');
	});
});
