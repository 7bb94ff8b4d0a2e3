/**
 * n8n keeps credential types in one namespace for every installed package (node types are prefixed
 * with the package name, credential types are not). A credential type named like another package's
 * (e.g. `evolutionApi`, which n8n-nodes-evolution-api declares) makes one of the two packages read
 * the other's credential. Every credential type of this package, today's and any added later, is
 * therefore named `groupInvite<Vendor>Api`.
 */
import * as fs from 'fs';
import * as path from 'path';

import { PROVIDERS } from '../../nodes/WhatsAppGroupInvite/providers';

const ROOT = path.resolve(__dirname, '../..');
const PREFIXED = /^groupInvite[A-Z][A-Za-z0-9]*Api$/;

interface Manifest {
	n8n: { credentials: string[] };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

/** The TypeScript source of a credential that package.json declares as dist/credentials/X.credentials.js. */
function sourceOf(distFile: string): string {
	return path.join(ROOT, distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

const declared = manifest.n8n.credentials.map((file) => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = require(sourceOf(file)) as Record<string, new () => { name: string }>;
	const classes = Object.entries(exported).filter(([, value]) => typeof value === 'function');
	expect(classes).toHaveLength(1);
	const [className, Class] = classes[0];
	return { file, className, name: new Class().name };
});

describe('credential type names belong to this package', () => {
	it('declares one credential per provider', () => {
		expect(declared.map((c) => c.name).sort()).toEqual(PROVIDERS.map((p) => p.credentialType).sort());
	});

	it.each(declared)('$name ($file) has the package prefix and matches its class and file', ({ file, className, name }) => {
		expect(name).toMatch(PREFIXED);
		expect(className).toBe(name[0].toUpperCase() + name.slice(1));
		expect(path.basename(file)).toBe(`${className}.credentials.js`);
	});

	it.each(PROVIDERS.map((p) => ({ id: p.id, credentialType: p.credentialType })))(
		'provider $id uses a prefixed credential type ($credentialType)',
		({ credentialType }) => {
			expect(credentialType).toMatch(PREFIXED);
		},
	);

	it('uses none of the names other WhatsApp packages are known to declare', () => {
		// whatsAppApi: n8n's own WhatsApp Business Cloud credential (n8n-nodes-base); metaWhatsAppApi:
		// the name issue 11 first proposed for Meta's, too likely to be taken. wppConnectApi and
		// wppconnectApi: declared by two WPPConnect community packages (seen in public repositories).
		const taken = [
			'evolutionApi',
			'zApi',
			'wawpApi',
			'wahaApi',
			'whapiApi',
			'ryzeApi',
			'wahaApiKey',
			'evolutionApiApi',
			'whatsAppApi',
			'metaWhatsAppApi',
			'wppConnectApi',
			'wppconnectApi',
		];
		for (const { name } of declared) expect(taken).not.toContain(name);
	});
});
