/**
 * The docs a user reads (issue 19): a README short enough to read in five minutes, a page per provider
 * that its credential links to, and no link that leads nowhere.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { PROVIDERS } from '../../nodes/WhatsAppGroupInvite/providers';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** GitHub's anchor for a heading: lower case, spaces to dashes, punctuation dropped. */
function anchors(markdown: string): Set<string> {
	return new Set(
		[...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map(([, heading]) =>
			heading
				.trim()
				.toLowerCase()
				.replace(/[^\p{L}\p{N} _-]/gu, '')
				.replace(/ /g, '-'),
		),
	);
}

function markdownFiles(): string[] {
	const files = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'examples/README.md'];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
			const rel = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(rel);
			else if (entry.name.endsWith('.md')) files.push(rel);
		}
	};
	walk('docs');
	return files;
}

describe('the docs', () => {
	it('the README is at most 15 KB', () => {
		expect(fs.statSync(path.join(ROOT, 'README.md')).size).toBeLessThanOrEqual(15_000);
	});

	it('every provider has its page in docs/providers/, and the README links it', () => {
		const readme = read('README.md');
		for (const provider of PROVIDERS) {
			expect(fs.existsSync(path.join(ROOT, 'docs', 'providers', `${provider.id}.md`))).toBe(true);
			expect(readme).toContain(`(docs/providers/${provider.id}.md)`);
		}
	});

	it('CONTRIBUTING.md has both checklists', () => {
		const text = read('CONTRIBUTING.md');
		expect(text).toMatch(/^## Add a provider$/m);
		expect(text).toMatch(/^## Add an operation$/m);
	});

	it.each(markdownFiles().map((f) => [f]))('%s: every relative link and anchor leads somewhere', (file) => {
		const text = read(file);
		const broken: string[] = [];
		for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
			if (/^(https?:|mailto:)/.test(target)) continue;
			const [rel, anchor] = target.split('#');
			const resolved = rel === '' ? path.join(ROOT, file) : path.join(ROOT, path.dirname(file), rel);
			if (!fs.existsSync(resolved)) {
				broken.push(target);
				continue;
			}
			if (anchor && resolved.endsWith('.md') && !anchors(fs.readFileSync(resolved, 'utf8')).has(anchor)) broken.push(target);
		}
		expect(broken).toEqual([]);
	});
});
