/**
 * The support table (provider × operation) in the README and docs/providers/README.md is the one the
 * adapters give (scripts/support-table.js): the docs never claim more, or less, than the code does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { PROVIDERS } from '../../nodes/WhatsAppGroupInvite/providers';

const { supportTable } = require('../../scripts/support-table') as { supportTable: (providers: readonly unknown[]) => string };

const ROOT = path.join(__dirname, '..', '..');

describe('the support table', () => {
	const table = supportTable(PROVIDERS);

	it('has one row per provider', () => {
		expect(table.split('\n')).toHaveLength(PROVIDERS.length + 2);
	});

	it.each([['README.md'], ['docs/providers/README.md']])('%s holds it exactly', (file) => {
		const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
		expect(text).toContain(table);
	});
});

describe('the trigger table', () => {
	const { triggerTable } = require('../../scripts/support-table') as { triggerTable: (providers: readonly unknown[], sourceOf: (id: string) => unknown) => string };
	const { groupEventSource } = require('../../nodes/WhatsAppGroupInvite/providers/events') as { groupEventSource: (id: string) => unknown };

	it('docs/trigger.md holds it exactly, one row per provider', () => {
		const table = triggerTable(PROVIDERS, groupEventSource);
		expect(table.split('\n')).toHaveLength(PROVIDERS.length + 2);
		expect(fs.readFileSync(path.join(ROOT, 'docs', 'trigger.md'), 'utf8')).toContain(table);
	});
});
