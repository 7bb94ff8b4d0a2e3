/**
 * The package ships source maps (dist/**\/*.js.map), so stack traces name the TypeScript files. The
 * tarball does not ship those files: each map must therefore carry the sources it points at
 * (`inlineSources`), or a trace would name a file the user cannot open.
 */
import * as fs from 'fs';
import * as path from 'path';

const DIST = path.resolve(__dirname, '../../dist');

function maps(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return maps(full);
		return entry.name.endsWith('.js.map') ? [full] : [];
	});
}

describe('source maps in dist/', () => {
	const found = fs.existsSync(DIST) ? maps(DIST) : [];

	it('exist (npm test builds dist/ first)', () => {
		expect(found.length).toBeGreaterThan(10);
	});

	it.each(found.map((file) => path.relative(DIST, file)))('%s carries every source it names', (file) => {
		const map = JSON.parse(fs.readFileSync(path.join(DIST, file), 'utf8')) as {
			sources: string[];
			sourcesContent?: Array<string | null>;
		};
		expect(map.sources.length).toBeGreaterThan(0);
		expect(map.sourcesContent).toHaveLength(map.sources.length);
		for (const content of map.sourcesContent ?? []) expect(typeof content).toBe('string');
	});
});
