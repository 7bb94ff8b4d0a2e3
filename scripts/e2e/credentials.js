// @ts-check
'use strict';
/**
 * e2e stage: credentials. Every credential type the package declares gets one credential with the
 * simulator's data (the examples' credentials keep the ids the examples reference), plus smtp (the
 * fake SMTP server) and openAiApi (the fake model); all are imported with `n8n import:credentials`.
 */
const fs = require('node:fs');
const path = require('node:path');

/** The credentials the examples reference (by these ids); any other credential the package declares gets `<type>-e2e`. */
const EXAMPLE_CREDENTIALS = /** @type {Record<string, { id: string, name: string }>} */ ({
	groupInviteZApi: { id: 'zapi-example', name: 'Z-API account' },
	groupInviteRyzeApi: { id: 'ryzeapi-example', name: 'RyzeAPI account' },
	groupInviteWawpApi: { id: 'wawp-example', name: 'Wawp account' },
	groupInviteEvolutionApi: { id: 'evolutionapi-example', name: 'Evolution API account' },
	groupInviteWahaApi: { id: 'waha-example', name: 'WAHA account' },
	groupInviteWppconnectApi: { id: 'wppconnect-example', name: 'WPPConnect account' },
});

/**
 * @param {string} packageDir the installed package
 * @returns {string[]} the credential type names it declares (package.json n8n.credentials)
 */
function declaredCredentialTypes(packageDir) {
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	return (manifest.n8n?.credentials ?? []).map((/** @type {string} */ file) => {
		const exported = require(path.join(packageDir, file));
		const Class = Object.values(exported).find((v) => typeof v === 'function');
		if (!Class) throw new Error(`${file} exports no credential class`);
		return String(new Class().name);
	});
}

/**
 * @param {{
 *   checks: import('./checks').Checks, mustN8n: (args: string[], timeoutMs: number) => Promise<{ stdout: string, stderr: string }>,
 *   tmp: string, sim: import('../../test/support/simulator').VendorSimulator, smtp: import('./fake-smtp').FakeSmtp,
 *   model: import('./fake-openai').FakeOpenAi, credentialTypes: string[],
 * }} ctx
 */
async function importCredentials({ checks, mustN8n, tmp, sim, smtp, model, credentialTypes }) {
	const c = /** @type {Record<string, Record<string, unknown>>} */ (sim.credentials());
	for (const type of Object.keys(EXAMPLE_CREDENTIALS)) {
		checks.that(credentialTypes.includes(type), `the package declares the credential type ${type} that the examples use`, credentialTypes);
	}
	const packageCredentials = credentialTypes.map((type) => ({
		id: EXAMPLE_CREDENTIALS[type]?.id ?? `${type.toLowerCase()}-e2e`,
		name: EXAMPLE_CREDENTIALS[type]?.name ?? `${type} (e2e)`,
		type,
		data: c[type] ?? { baseUrl: sim.baseUrl },
		simulated: type in c,
	}));
	const credentials = [
		...packageCredentials.map(({ id, name, type, data }) => ({ id, name, type, data })),
		{ id: 'smtp-example', name: 'SMTP account', type: 'smtp', data: { user: 'e2e', password: 'e2e-smtp', host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true } },
		{ id: 'openai-example', name: 'OpenAI account', type: 'openAiApi', data: { apiKey: 'sk-e2e-fake-model', url: model.baseUrl } },
	];
	const credentialsFile = path.join(tmp, 'credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2));
	const importedCredentials = await mustN8n(['import:credentials', `--input=${credentialsFile}`], 180_000);
	fs.rmSync(credentialsFile);
	checks.that(new RegExp(`Successfully imported ${credentials.length} credentials`).test(importedCredentials.stdout + importedCredentials.stderr), `n8n import:credentials imported ${credentials.length} credentials`);
	return { packageCredentials, credentials };
}

/** @typedef {Awaited<ReturnType<typeof importCredentials>>} ImportedCredentials */

module.exports = { EXAMPLE_CREDENTIALS, declaredCredentialTypes, importCredentials };
