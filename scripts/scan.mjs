// Runs the analyzer of @n8n/scan-community-package (what n8n's verification runs) locally, on:
//  1. the source (package.json, nodes/, credentials/), like the scanner's source leg;
//  2. the package as published: `npm pack`, unpacked, its **/*.js and package.json, like the
//     scanner's tarball leg (this is the built dist/ plus package.json).
// The real CLI needs a published, provenance-attested version, so this calls its analyzer directly.
// Exits 1 on any finding.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(tmpdir(), 'scan-'));
let failed = false;

function report(label, result) {
	console.log(`scan ${label}: ${result.passed ? 'passed' : 'FAILED'}${result.message ? ` (${result.message})` : ''}`);
	if (!result.passed) {
		failed = true;
		if (result.details) console.log(result.details);
	}
}

try {
	report('source (package.json, nodes/, credentials/)', await analyzePackage(root, SOURCE_FILE_PATTERNS));

	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' })
		.trim()
		.split('\n')
		.pop();
	execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', work]);
	const packed = path.join(work, 'package');
	const files = execFileSync('tar', ['-tzf', path.join(work, tarball)], { encoding: 'utf8' }).trim().split('\n');
	console.log(`packed ${tarball}: ${files.length} files (${files.filter((f) => f.endsWith('.js')).length} .js)`);
	report('published package (npm pack: **/*.js, package.json)', await analyzePackage(packed, ['**/*.js', 'package.json']));
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
