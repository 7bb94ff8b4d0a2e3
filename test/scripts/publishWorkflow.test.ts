/**
 * Publishing depends on the full CI: in .github/workflows/publish.yml, `npm publish` runs only after
 * `bash .ci/run` (lint, type-check, build, scan, demo, tests on Node 20 and 24, the real-n8n e2e)
 * passed in the same workflow, either earlier in the same job or in a job the publishing job needs.
 *
 * The workflow is read with a small reader of the YAML shapes GitHub workflows use here (no YAML
 * dependency); it is strict: a file it cannot read fails the test instead of passing it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const WORKFLOWS = path.join(__dirname, '..', '..', '.github', 'workflows');
const CI_RUN = 'bash .ci/run';

interface Step {
	line: number;
	run?: string;
	if?: string;
	continueOnError?: string;
}
interface Job {
	needs: string[];
	if?: string;
	continueOnError?: string;
	timeoutMinutes?: number;
	steps: Step[];
}

const indentOf = (line: string) => line.length - line.trimStart().length;
const unquote = (value: string) => value.trim().replace(/^(['"])(.*)\1$/, '$2');

/** The jobs of a workflow file: needs, if, continue-on-error, timeout-minutes and steps (run, if, continue-on-error). */
function readJobs(yaml: string): Record<string, Job> {
	if (yaml.includes('\t')) throw new Error('tabs in the workflow');
	// Full-line comments go; so does a trailing " # comment" on a line without quotes.
	const lines = yaml.split('\n').map((l) => (/^\s*#/.test(l) ? '' : /['"]/.test(l) ? l : l.replace(/\s+#.*$/, '')).replace(/\s+$/, ''));
	const start = lines.findIndex((l) => l === 'jobs:');
	if (start < 0) throw new Error('no top-level jobs:');
	const jobs: Record<string, Job> = {};
	let job: Job | undefined;
	let step: Step | undefined;
	let section = '';
	let block: { into: Step; indent: number } | undefined;
	let stepKey = '';
	for (let i = start + 1; i < lines.length; i++) {
		const line = lines[i];
		if (line === '') continue;
		const indent = indentOf(line);
		const text = line.trim();
		if (block) {
			if (indent > block.indent) {
				block.into.run = `${block.into.run ?? ''}${text}\n`;
				continue;
			}
			block = undefined;
		}
		if (indent === 0) break; // the next top-level key
		if (indent % 2 !== 0) throw new Error(`line ${i + 1}: indented by ${indent} spaces (this file uses 2 per level)`);
		if (indent === 2) {
			const m = /^([A-Za-z0-9_-]+):$/.exec(text);
			if (!m) throw new Error(`line ${i + 1}: expected a job name, got "${text}"`);
			job = { needs: [], steps: [] };
			jobs[m[1]] = job;
			step = undefined;
			section = '';
			continue;
		}
		if (!job) throw new Error(`line ${i + 1}: outside a job`);
		if (indent === 4) {
			const m = /^([A-Za-z0-9_-]+):(?:\s+(.*))?$/.exec(text);
			if (!m) throw new Error(`line ${i + 1}: expected a job key, got "${text}"`);
			const [, key, value] = m;
			section = key;
			step = undefined;
			if (key === 'needs' && value !== undefined) {
				job.needs = value.startsWith('[') ? value.replace(/^\[|\]$/g, '').split(',').map(unquote).filter(Boolean) : [unquote(value)];
			} else if (key === 'if') job.if = value;
			else if (key === 'continue-on-error') job.continueOnError = value;
			else if (key === 'timeout-minutes') job.timeoutMinutes = Number(value);
			continue;
		}
		if (section === 'needs' && indent === 6 && text.startsWith('- ')) {
			job.needs.push(unquote(text.slice(2)));
			continue;
		}
		if (section !== 'steps') continue; // permissions, env, strategy...: not read
		let keyText = text;
		if (indent === 6) {
			if (!text.startsWith('- ')) throw new Error(`line ${i + 1}: expected a step ("- "), got "${text}"`);
			step = { line: i + 1 };
			job.steps.push(step);
			keyText = text.slice(2);
		} else if (indent > 8) {
			if (stepKey !== 'with' && stepKey !== 'env') throw new Error(`line ${i + 1}: "${text}" nested under ${stepKey || 'nothing'}`);
			continue; // inside a step's with: or env:
		} else if (indent !== 8) {
			throw new Error(`line ${i + 1}: expected a step, got "${text}"`);
		}
		if (!step) throw new Error(`line ${i + 1}: a step key outside a step`);
		const m = /^([A-Za-z0-9_-]+):(?:\s+(.*))?$/.exec(keyText);
		if (!m) throw new Error(`line ${i + 1}: expected a step key, got "${keyText}"`);
		const [, key, value] = m;
		stepKey = key;
		if (key === 'run') {
			if (value === undefined || /^[|>][-+]?$/.test(value)) {
				step.run = '';
				block = { into: step, indent: 8 };
			} else step.run = unquote(value);
		} else if (key === 'if') step.if = value;
		else if (key === 'continue-on-error') step.continueOnError = value;
	}
	return jobs;
}

/** Whether a job or step condition could let it run although what came before failed. */
const runsAfterFailure = (condition: string | undefined) => condition !== undefined && /always\(\)|failure\(\)|cancelled\(\)|!\s*success\(\)/.test(condition);
/** A step that runs the full CI and fails its job when CI fails. */
const isCiStep = (s: Step) => s.run?.trim() === CI_RUN && s.if === undefined && s.continueOnError === undefined;

/** Why `npm publish` could run without .ci/run having passed first (nothing when it cannot). */
function publishGateProblems(yaml: string): string[] {
	const jobs = readJobs(yaml);
	const problems: string[] = [];
	const publishing = Object.entries(jobs).flatMap(([name, job]) => job.steps.filter((s) => /\bnpm\s+publish\b/.test(s.run ?? '')).map((s) => ({ name, job, step: s })));
	if (publishing.length === 0) problems.push('no step runs npm publish');
	/** Jobs that must have succeeded before `name` starts: its needs, their needs, ... */
	const upstream = (name: string, seen = new Set<string>()): string[] => {
		for (const need of jobs[name]?.needs ?? []) {
			if (seen.has(need)) continue;
			seen.add(need);
			upstream(need, seen);
		}
		return [...seen];
	};
	for (const { name, job, step } of publishing) {
		const where = `npm publish (job ${name}, line ${step.line})`;
		if (runsAfterFailure(step.if)) problems.push(`${where} has if: ${step.if}, so it runs after a failed step`);
		const index = job.steps.indexOf(step);
		const ciBefore = job.steps.slice(0, index).some(isCiStep) && job.continueOnError === undefined;
		const gates = upstream(name).filter((n) => {
			const j = jobs[n];
			return j !== undefined && j.steps.some(isCiStep) && j.continueOnError === undefined && j.if === undefined;
		});
		if (gates.length > 0 && runsAfterFailure(job.if)) problems.push(`${where}: job ${name} has if: ${job.if}, so it runs when ${gates.join(', ')} failed`);
		if (!ciBefore && gates.length === 0) {
			problems.push(`${where} can run without "${CI_RUN}" having passed first: no unconditional "${CI_RUN}" step before it in its job, nor in a job it needs (needs: ${upstream(name).join(', ') || 'none'})`);
		}
		for (const missing of upstream(name).filter((n) => !jobs[n])) problems.push(`job ${name} needs ${missing}, which the workflow does not define`);
	}
	return problems;
}

const read = (file: string) => fs.readFileSync(path.join(WORKFLOWS, file), 'utf8');

describe('publish.yml runs npm publish only after the full CI (.ci/run) passed', () => {
	it('publish.yml: npm publish needs a job that runs bash .ci/run, with the timeout ci.yml gives it', () => {
		const yaml = read('publish.yml');
		expect(publishGateProblems(yaml)).toEqual([]);
		const jobs = readJobs(yaml);
		const ciJobs = Object.entries(jobs).filter(([, j]) => j.steps.some(isCiStep));
		expect(ciJobs.map(([name]) => name)).toEqual(['ci']);
		// The same time budget as ci.yml's job, which runs the same script.
		const ciYml = readJobs(read('ci.yml'));
		expect(ciYml.ci.steps.some(isCiStep)).toBe(true);
		expect(ciYml.ci.timeoutMinutes).toBe(90);
		expect(jobs.ci.timeoutMinutes).toBe(ciYml.ci.timeoutMinutes);
	});

	// The publish.yml before issue 19: lint, build, scan and npm test only.
	const BEFORE = `name: Publish
on:
  push:
    tags:
      - '*.*.*'
permissions:
  contents: read
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          registry-url: https://registry.npmjs.org
      - run: npm install --ignore-scripts --no-audit --no-fund
      - run: npm run lint
      - run: npm run build
      - run: npm run scan
      - run: npm test
      - name: Check that the tag matches package.json
        run: test "$(node -p "require('./package.json').version")" = "\${GITHUB_REF_NAME}"
      - run: npm publish --provenance --access public
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

	it('fails the publish.yml that ran lint, build, scan and npm test only', () => {
		expect(publishGateProblems(BEFORE)).toEqual([
			'npm publish (job publish, line 25) can run without "bash .ci/run" having passed first: no unconditional "bash .ci/run" step before it in its job, nor in a job it needs (needs: none)',
		]);
	});

	it('accepts .ci/run earlier in the publishing job, not after npm publish', () => {
		expect(publishGateProblems(BEFORE.replace('      - run: npm test\n', `      - run: ${CI_RUN}\n`))).toEqual([]);
		expect(publishGateProblems(`${BEFORE}      - run: ${CI_RUN}\n`)).toHaveLength(1);
		expect(publishGateProblems(BEFORE.replace('      - run: npm test\n', `      - run: |\n          npm test\n          ${CI_RUN}\n`))).toHaveLength(1);
	});

	// Each way of letting npm publish run although .ci/run failed or did not run.
	const mutations: Array<[string, (yaml: string) => string]> = [
		['publish no longer needs ci', (y) => y.replace('    needs: ci\n', '')],
		['publish needs a job that does not exist', (y) => y.replace('    needs: ci\n', '    needs: [tests]\n')],
		['the publishing job runs even when ci failed', (y) => y.replace('    needs: ci\n', '    needs: ci\n    if: always()\n')],
		['the publish step runs after a failed step', (y) => y.replace('      - run: npm publish', '      - if: ${{ !cancelled() }}\n        run: npm publish')],
		['ci ignores the failure of .ci/run', (y) => y.replace(`      - run: ${CI_RUN}\n`, `      - run: ${CI_RUN} || true\n`)],
		['the .ci/run step may fail without failing its job', (y) => y.replace(`      - run: ${CI_RUN}\n`, `      - run: ${CI_RUN}\n        continue-on-error: true\n`)],
		['the .ci/run step is conditional', (y) => y.replace(`      - run: ${CI_RUN}\n`, `      - run: ${CI_RUN}\n        if: github.event_name == 'pull_request'\n`)],
		['the ci job may fail without failing the workflow', (y) => y.replace('    timeout-minutes: 90\n', '    timeout-minutes: 90\n    continue-on-error: true\n')],
		['.ci/run is commented out', (y) => y.replace(`      - run: ${CI_RUN}\n`, `      # - run: ${CI_RUN}\n`)],
		['ci runs the unit tests only', (y) => y.replace(`      - run: ${CI_RUN}\n`, '      - run: npm test\n')],
	];
	it.each(mutations)('fails when %s', (_, mutate) => {
		const yaml = read('publish.yml');
		const mutated = mutate(yaml);
		expect(mutated).not.toBe(yaml);
		expect(publishGateProblems(mutated).length).toBeGreaterThan(0);
	});

	it('accepts a chain of needs that reaches the ci job', () => {
		const yaml = read('publish.yml').replace('    needs: ci\n', '    needs:\n      - build\n').replace('\n  publish:\n', '\n  build:\n    needs: [ci]\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run build\n\n  publish:\n');
		expect(readJobs(yaml).publish.needs).toEqual(['build']);
		expect(publishGateProblems(yaml)).toEqual([]);
	});

	it('refuses a workflow it cannot read rather than passing it', () => {
		expect(() => readJobs(read('publish.yml').replace('      - run: npm publish', '\t- run: npm publish'))).toThrow(/tabs/);
		expect(() => readJobs(read('publish.yml').replace('    steps:\n      - uses: actions/checkout@v4\n', '    steps:\n     - uses: actions/checkout@v4\n'))).toThrow(/indented by 5 spaces/);
		expect(() => readJobs(read('publish.yml').replace('      - run: npm publish --provenance --access public\n', '      - run: npm publish --provenance --access public\n          oops: true\n'))).toThrow(/nested under run/);
	});
});
