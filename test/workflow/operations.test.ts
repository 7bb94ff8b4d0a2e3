/**
 * Real workflows through n8n-core's WorkflowExecute, loading the built package like n8n loads an
 * installed community package, against the local vendor simulator over real sockets.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { VendorSimulator } from '../support/simulator';
import { loadPackage, testCredential } from '../support/harness';
import {
	expectNoSecrets,
	GROUP,
	groupIdExample,
	groupIdOf,
	LEGACY_GROUP,
	LINK,
	NON_ADMIN_GROUP,
	OPERATIONS,
	PROVIDERS,
	run,
	startSimulator,
} from '../support/scenario';

let sim: VendorSimulator;

beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(() => {
	sim.reset();
	sim.variants.zApiGetMethod = 'GET';
	sim.variants.zApiReset = 'invitationLink';
	sim.variants.ryzeInfo = 'group';
	sim.variants.wawpGet = 'code';
	sim.variants.evolutionRevoke = 'POST';
	sim.variants.evolutionState = 'open';
	sim.variants.wahaStatus = 'WORKING';
	sim.variants.wahaRevokeStatus = 200;
	sim.variants.wahaBody = 'json';
	sim.variants.whapiReset = 'success';
});

/** Self-hosted gateways (and uazapi, one subdomain per customer): their credential's Base URL has no default and is required. */
const SELF_HOSTED = new Set(['evolutionApi', 'waha', 'evolutionGo', 'uazapi', 'wppconnect', 'wuzapi', 'gowa']);

describe('the package as n8n loads it', () => {
	it('declares one node and one credential per provider, loading from dist/', async () => {
		const loader = await loadPackage();
		expect(loader.packageName).toBe('n8n-nodes-whatsapp-group-invite');
		const node = loader.getNode('whatsAppGroupInvite').type;
		expect(node.description).toMatchObject({
			name: 'whatsAppGroupInvite',
			displayName: 'WhatsApp Group Invite',
			version: [1, 1.1, 2],
			defaultVersion: 2, // issue 20: node v2 (resources) for new nodes; v1 and v1.1 stay
			usableAsTool: true,
		});
		expect(node.description.subtitle).toContain('$parameter["operation"]');
		// Version 1's parameters, exactly as before v1.1 (saved v1 workflows must run unchanged).
		const v1 = node.description.properties.filter(
			(p: { displayOptions?: { show?: Record<string, unknown[]> } }) =>
				p.displayOptions?.show?.['@version'] === undefined || p.displayOptions.show['@version'].includes(1),
		);
		const props = Object.fromEntries(v1.map((p: { name: string }) => [p.name, p]));
		expect(props.provider.options.map((o: { value: string }) => o.value).sort()).toEqual([
			'evolutionApi',
			'evolutionGo',
			'gowa',
			'metaCloudApi',
			'ryzeApi',
			'uazapi',
			'waha',
			'wawp',
			'whapi',
			'wppconnect',
			'wuzapi',
			'zApi',
		]);
		expect(node.description.credentials).toHaveLength(PROVIDERS.length);
		expect(props.provider.noDataExpression).toBe(true);
		expect(props.operation.noDataExpression).toBe(true);
		expect(props.operation.options).toEqual([
			expect.objectContaining({ value: 'getInviteLink', name: 'Get Invite Link', action: 'Get invite link' }),
			expect.objectContaining({ value: 'resetInviteLink', name: 'Reset Invite Link', action: 'Reset invite link' }),
		]);
		expect(props.groupId).toMatchObject({ type: 'string', required: true });
		const optionNames = props.options.options
			.filter((o: { displayOptions?: { show?: Record<string, string[]> } }) => !o.displayOptions?.show?.['/operation']?.every((op) => op === 'getManyGroups'))
			.map((o: { name: string }) => o.name)
			.sort();
		expect(optionNames).toEqual(
			expect.arrayContaining(['includePreviousLink', 'includeRawResponse', 'timeout']),
		);
		for (const { provider, credentialType } of PROVIDERS) {
			const credential = loader.getCredential(credentialType).type;
			expect(credential.name).toBe(credentialType);
			expect(credential.test).toBeDefined();
			// n8n's lint rule cred-class-field-display-name-missing-api.
			expect(credential.displayName).toMatch(/ API$/);
			// The provider's own page in docs/providers/ (the setup moved there from the README), which exists.
			expect(credential.documentationUrl).toBe(
				`https://github.com/whatsapp-group-invite/n8n-nodes-whatsapp-group-invite/blob/main/docs/providers/${provider}.md`,
			);
			expect(fs.existsSync(path.join(__dirname, '..', '..', 'docs', 'providers', `${provider}.md`))).toBe(true);
			const baseUrl = credential.properties.find((p: { name: string }) => p.name === 'baseUrl');
			if (SELF_HOSTED.has(provider)) {
				expect(baseUrl).toMatchObject({ default: '', required: true });
			} else {
				expect(baseUrl.default).toMatch(/^https:\/\//);
			}
			for (const p of credential.properties) {
				if (/token|key/i.test(p.name)) expect(p.typeOptions?.password).toBe(true);
			}
			expect(node.description.credentials).toContainEqual(
				expect.objectContaining({ name: credentialType, displayOptions: { show: { provider: [provider] } } }),
			);
		}
	});
});

describe.each(PROVIDERS)('$provider', ({ provider, credentialType, idForm }) => {
	/** The group ID this provider's user gives for a simulated group (and the node outputs). */
	const id = (group: string) => groupIdOf(provider, group);
	/** Another accepted spelling of the same group: `-group`, or Meta's ID with spaces around. */
	const otherSpelling = (group: string) => (idForm === 'meta' ? ` ${id(group)} ` : `${group}-group`);

	it.each(OPERATIONS)('%s returns one normalized item per input item', async (operation) => {
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider, operation, items: [{ a: 1 }, { a: 2 }, { a: 3 }] });
		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(3);
		result.output.forEach((item: { json: Record<string, unknown>; pairedItem: unknown }, index: number) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(Object.keys(item.json)).toEqual(['provider', 'operation', 'groupId', 'inviteCode', 'inviteLink']);
			expect(item.json).toMatchObject({ provider, operation, groupId: id(GROUP) });
			expect(item.json.inviteLink).toMatch(LINK);
			expect(item.json.inviteLink).toBe(`https://chat.whatsapp.com/${item.json.inviteCode}`);
		});
		const last = result.output[2].json;
		expect(last.inviteCode).toBe(sim.codeOf(GROUP));
		if (operation === 'resetInviteLink') {
			expect(last.inviteCode).not.toBe(before);
			expect(sim.count(provider, 'reset')).toBe(3);
		} else {
			expect(last.inviteCode).toBe(before);
			expect(sim.count(provider, 'reset')).toBe(0);
		}
		expectNoSecrets(result.serialized, sim.secrets());
	});

	it('reads the credentials once per run, not once per request', async () => {
		const result = await run({ sim, provider, operation: 'resetInviteLink', items: Array.from({ length: 12 }, () => ({})), options: { includePreviousLink: true, maxRequestsPerMinute: 60000 } });
		expect(result.output).toHaveLength(12);
		expect(sim.requests.length).toBeGreaterThanOrEqual(24);
		expect(result.credentialReads).toBe(1);
	});

	it('Reset with Include Previous Link outputs the link it replaced', async () => {
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider, operation: 'resetInviteLink', options: { includePreviousLink: true } });
		const json = result.output[0].json;
		expect(json.previousInviteCode).toBe(before);
		expect(json.previousInviteLink).toBe(`https://chat.whatsapp.com/${before}`);
		expect(json.inviteCode).toBe(sim.codeOf(GROUP));
		expect(json.inviteCode).not.toBe(before);
	});

	it('Include Raw Response adds the vendor bodies, without secrets', async () => {
		const result = await run({ sim, provider, operation: 'getInviteLink', options: { includeRawResponse: true } });
		const raw = result.output[0].json.raw as unknown[];
		expect(Array.isArray(raw)).toBe(true);
		expect(raw).toHaveLength(1);
		expect(JSON.stringify(raw)).toContain(sim.codeOf(GROUP));
		expectNoSecrets(result.serialized, sim.secrets());
	});

	// Input, and the simulated group it names. Meta takes its own opaque IDs only (groupId.ts).
	const accepted: Array<[string, string]> =
		idForm === 'meta'
			? [
					[id(GROUP), GROUP],
					[`  ${id(GROUP)}  `, GROUP],
					[id(LEGACY_GROUP), LEGACY_GROUP],
				]
			: [
					[`${GROUP}@g.us`, GROUP],
					[`${GROUP}-group`, GROUP],
					[GROUP, GROUP],
					[`  ${GROUP}@g.us  `, GROUP],
					[LEGACY_GROUP, LEGACY_GROUP],
					[`${LEGACY_GROUP}@g.us`, LEGACY_GROUP],
				];
	it.each(accepted)('accepts group ID %p and sends the vendor its form', async (groupId, group) => {
		const result = await run({ sim, provider, operation: 'getInviteLink', groupId });
		expect(result.status).toBe('success');
		expect(result.output[0].json.groupId).toBe(id(group));
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(group));
		const path = sim.requests[0].path;
		if (provider === 'zApi') expect(path).toMatch(group === GROUP ? `/${GROUP}-group` : `/${LEGACY_GROUP}`);
		if (provider === 'wawp') expect(path).toContain(`/groups/${group}%40g.us/`);
		if (provider === 'waha') expect(path).toBe(`/api/default/groups/${group}%40g.us/invite-code`);
		if (provider === 'whapi') expect(path).toBe(`/groups/${group}%40g.us/invite`);
		if (provider === 'metaCloudApi') expect(path).toBe(`/v26.0/${id(group)}/invite_link`);
		if (provider === 'evolutionApi') {
			expect(path).toBe('/group/inviteCode/acme-evolution');
			expect(sim.requests[0].query).toEqual({ groupJid: `${group}@g.us` });
		}
		if (provider === 'uazapi') {
			expect(path).toBe('/group/info');
			expect(JSON.parse(sim.requests[0].body ?? '')).toMatchObject({ groupjid: `${group}@g.us`, getInviteLink: true });
		}
		if (provider === 'evolutionGo') {
			expect(path).toBe('/evolution-go/group/invitelink');
			expect(JSON.parse(sim.requests[0].body ?? '')).toEqual({ groupJid: `${group}@g.us`, reset: false });
		}
		if (provider === 'wppconnect') expect(path).toBe(`/api/acme-wpp/group-invite-link/${group}%40g.us`);
		if (provider === 'wuzapi') {
			expect(path).toBe('/wuzapi/group/invitelink');
			expect(sim.requests[0].query).toEqual({ groupJID: `${group}@g.us`, reset: 'false' });
		}
		if (provider === 'gowa') {
			expect(path).toBe('/gowa/group/invite-link');
			expect(sim.requests[0].query).toEqual({ group_id: `${group}@g.us`, reset: 'false' });
		}
	});

	it('a mix of good and bad group IDs: one item each, in order, with pairedItem (Continue On Fail)', async () => {
		const groupIds = [id(GROUP), '5511999999999', '', `${GROUP}@c.us`, otherSpelling(GROUP), 'not a group', idForm === 'meta' ? id(NON_ADMIN_GROUP) : NON_ADMIN_GROUP, idForm === 'meta' ? id(LEGACY_GROUP) : LEGACY_GROUP];
		const result = await run({
			sim,
			provider,
			operation: 'getInviteLink',
			groupId: '={{ $json.groupId }}',
			items: groupIds.map((groupId) => ({ groupId })),
			onError: 'continueRegularOutput',
		});
		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(groupIds.length);
		const outcome = result.output.map((item: { json: Record<string, unknown>; pairedItem: { item: number } }, index: number) => {
			expect(item.pairedItem).toEqual({ item: index });
			return item.json.error ? 'error' : 'link';
		});
		// Wawp, RyzeAPI, Whapi.Cloud and Evolution API refuse a non-admin, WAHA fails with WhatsApp's
		// "not-authorized", Z-API returns no link for it, Meta answers 131207 (the simulator's
		// non-admin group is a suspended one there): an error either way.
		expect(outcome).toEqual(['link', 'error', 'error', 'error', 'link', 'error', 'error', 'link']);
		expect(result.output[1].json).toEqual({
			error: 'The Group ID "5511999999999" looks like a phone number, not a group',
			// How to fix it, on the regular output too (issue 19).
			description: expect.stringContaining(groupIdExample(provider)),
			provider,
			operation: 'getInviteLink',
			groupId: '5511999999999',
		});
		expect(result.output[3].json.error).toContain('is a contact, not a group');
		expect(result.output[2].json.error).toBe('The Group ID is empty');
		// Bad IDs never reached the vendor.
		expect(sim.count(provider, 'get')).toBe(4);
		expectNoSecrets(result.serialized, sim.secrets());
	});

	it('Continue On Fail with the error output routes failures there, keeping pairedItem', async () => {
		const groupIds = [id(GROUP), 'bad id', otherSpelling(GROUP), '123'];
		const result = await run({
			sim,
			provider,
			operation: 'resetInviteLink',
			groupId: '={{ $json.groupId }}',
			items: groupIds.map((groupId) => ({ groupId })),
			onError: 'continueErrorOutput',
		});
		expect(result.status).toBe('success');
		expect(result.output.map((i: { pairedItem: unknown }) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.errorOutput.map((i: { pairedItem: unknown }) => i.pairedItem)).toEqual([{ item: 1 }, { item: 3 }]);
		// `error` and `message` (how to fix it) only: what n8n 1.x and 2.x both route to the error
		// output; n8n adds the input item's fields (here groupId) in a workflow with a previous node.
		expect(result.errorOutput[0].json).toEqual({
			error: 'The Group ID "bad id" contains spaces',
			message: `A group ID has no spaces inside, ${groupIdExample(provider)}.`,
		});
		expect(sim.count(provider, 'reset')).toBe(2);
	});

	it('without Continue On Fail, the first bad item stops the node with a NodeOperationError naming the item', async () => {
		const result = await run({
			sim,
			provider,
			operation: 'resetInviteLink',
			groupId: '={{ $json.groupId }}',
			items: [{ groupId: id(GROUP) }, { groupId: '5511999999999@s.whatsapp.net' }, { groupId: id(GROUP) }],
		});
		expect(result.status).toBe('error');
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.message).toBe('The Group ID "5511999999999@s.whatsapp.net" is a contact, not a group');
		expect(result.error.description).toMatch(/Use the group's ID/);
		expect(result.error.context.itemIndex).toBe(1);
		expectNoSecrets(result.serialized, sim.secrets());
	});

	it('a vendor refusal becomes a NodeApiError with the vendor message and a fix', async () => {
		const before = sim.codeOf(NON_ADMIN_GROUP);
		const result = await run({ sim, provider, operation: 'resetInviteLink', groupId: id(NON_ADMIN_GROUP) });
		expect(result.status).toBe('error');
		expect(result.error.name).toBe('NodeApiError');
		if (provider === 'zApi') {
			expect(result.error.message).toMatch(/Z-API answered HTTP 200 .*value": false/);
		} else if (provider === 'evolutionApi') {
			// Evolution API passes WhatsApp's own word on: the hint names the cause.
			expect(result.error.message).toBe(
				'Evolution API refused to revoke the invite code (HTTP 404 Not Found): Revoke error: Error: not-authorized',
			);
			expect(result.error.description).toMatch(/admin of the group/);
		} else if (provider === 'evolutionGo') {
			// Evolution GO answers WhatsApp's refusal (whatsmeow's text) as a 500; it is a definite refusal:
			// not "may not have completed", not read back.
			expect(result.error.message).toBe(
				"Evolution GO failed while trying to reset the invite link (HTTP 500 Internal Server Error): you don't have the permission to get the group's invite link",
			);
			expect(result.error.description).toMatch(/not an admin of the group/);
			expect(sim.count('evolutionGo', 'reset')).toBe(1);
			expect(sim.count('evolutionGo', 'get')).toBe(0);
		} else if (provider === 'waha') {
			// WAHA answers WhatsApp's refusal as a 500, but "not-authorized" is a definite refusal: not
			// reported as a reset that may have happened, and no extra Get is made.
			expect(result.error.message).toBe(
				'WAHA failed while trying to revoke the invite code (HTTP 500 Internal Server Error): not-authorized',
			);
			expect(result.error.description).toMatch(/admin/);
			expect(sim.count('waha', 'reset')).toBe(1);
			expect(sim.count('waha', 'get')).toBe(0);
		} else if (provider === 'metaCloudApi') {
			// The business that creates a group is always its admin; the simulator's non-admin group is
			// one WhatsApp suspended (131207, HTTP 403): a definite refusal.
			expect(result.error.message).toBe(
				'Meta WhatsApp Cloud API refused to reset the invite link (HTTP 403 Forbidden): (#131207) Group suspended (This group has been suspended for violating WhatsApp policies.)',
			);
			expect(result.error.description).toMatch(/suspended this group/);
			expect(sim.count(provider, 'reset')).toBe(1);
			expect(sim.count(provider, 'get')).toBe(0);
		} else if (provider === 'wppconnect') {
			// WPPConnect loses wa-js's reason (only a minified class name is left): a 400 on revoke, and
			// the hint names the usual causes.
			expect(result.error.message).toBe(
				'WPPConnect Server refused to reset the invite link (HTTP 400 Bad Request): Error on revoke group invite link',
			);
			expect(result.error.description).toMatch(/not an admin of the group/);
			expect(sim.count('wppconnect', 'get')).toBe(0);
		} else if (provider === 'wuzapi') {
			// Wuzapi answers every WhatsApp failure as HTTP 500 {"code": 500, "success": true}: for a reset
			// that is a failure that may have happened, so the current link is read back (and here fails too).
			expect(result.error.message).toBe(
				'The reset may not have completed: Wuzapi failed while trying to reset the invite link (HTTP 500 Internal Server Error)',
			);
			expect(sim.count('wuzapi', 'reset')).toBe(1);
			expect(sim.count('wuzapi', 'get')).toBe(1);
		} else if (provider === 'gowa') {
			// GOWA passes whatsmeow's text on, as a 500: a definite refusal, not read back.
			expect(result.error.message).toBe(
				"GOWA failed while trying to reset the invite link (HTTP 500 Internal Server Error): you don't have the permission to get the group's invite link",
			);
			expect(result.error.description).toMatch(/admin of the group/);
			expect(sim.count('gowa', 'reset')).toBe(1);
			expect(sim.count('gowa', 'get')).toBe(0);
		} else {
			expect(result.error.message).toMatch(/admin/);
		}
		expect(sim.codeOf(NON_ADMIN_GROUP)).toBe(before);
		expect(result.error.description).toBeTruthy();
		expect(result.error.context.itemIndex).toBe(0);
		expectNoSecrets(result.serialized, sim.secrets());
	});

	it('wrong credentials give the vendor error, the token redacted', async () => {
		const wrong = {
			zApi: { clientToken: 'WRONG-client-token-123456' },
			ryzeApi: { token: 'WRONG-ryze-token-123456' },
			wawp: { accessToken: 'WRONG-wawp-token-123456' },
			evolutionApi: { apiKey: 'WRONG-evolution-key-123456' },
			waha: { apiKey: 'WRONG-waha-key-123456' },
			whapi: { token: 'WRONG-whapi-token-123456' },
			metaCloudApi: { accessToken: 'WRONG-meta-token-123456' },
			uazapi: { token: 'WRONG-uazapi-token-123456' },
			evolutionGo: { token: 'WRONG-evolution-go-token-123456' },
			wppconnect: { token: 'WRONG-wppconnect-token-123456' },
			wuzapi: { token: 'WRONG-wuzapi-token-123456' },
			gowa: { password: 'WRONG-gowa-password-123456' },
		}[provider];
		const result = await run({ sim, provider, operation: 'getInviteLink', credentials: wrong });
		expect(result.status).toBe('error');
		expect(result.error.name).toBe('NodeApiError');
		// Whapi.Cloud answers a token no channel has with 404 "Channel not found" (its OpenAPI spec).
		expect(result.error.httpCode).toBe({ zApi: '403', whapi: '404' }[provider as string] ?? '401');
		expect(result.error.description).toMatch(/credential|Client-Token/);
		if (provider === 'whapi') expect(result.error.message).toBe('Whapi.Cloud refused to get the invite code (HTTP 404 Not Found): Channel not found');
		expectNoSecrets(result.serialized, [...sim.secrets(), Object.values(wrong)[0]]);
		// n8n logged the failure: the secret check above covered a real log line.
		expect(result.logs.join('\n')).toContain(result.error.message);
		if (provider === 'zApi') expect(result.error.message).toBe('Z-API refused to get the invite link (HTTP 403 Forbidden): Client-Token *** not allowed');
	});

	it("the credential's test request resolves and passes against the simulator", async () => {
		const data = sim.credentials()[credentialType];
		const ok = await testCredential(credentialType, data);
		expect(ok).toMatchObject({ ok: true, status: 200 });
		// RyzeAPI's test lists the instance's groups: the instance is in the path, so its name is checked.
		expect(sim.requests.at(-1)).toMatchObject({ vendor: provider, op: provider === 'ryzeApi' ? 'list' : 'status' });
		const secretField = {
			zApi: 'instanceToken',
			ryzeApi: 'token',
			wawp: 'accessToken',
			evolutionApi: 'apiKey',
			waha: 'apiKey',
			whapi: 'token',
			metaCloudApi: 'accessToken',
			uazapi: 'token',
			evolutionGo: 'token',
			wppconnect: 'token',
			wuzapi: 'token',
			gowa: 'password',
		}[provider];
		const bad = await testCredential(credentialType, { ...data, [secretField]: 'definitely-wrong-token' });
		expect(bad.ok).toBe(false);
	});
});

describe('the simulator is strict where the vendors are', () => {
	it('Z-API: a POST without Content-Type is refused with 415, a wrong method with 405 (so passing resets prove the node sends both right)', async () => {
		const { instanceId, instanceToken, clientToken } = sim.credentials().groupInviteZApi;
		const url = `${sim.baseUrl}/instances/${instanceId}/token/${instanceToken}/redefine-invitation-link/${GROUP}-group`;
		const noType = await fetch(url, { method: 'POST', headers: { 'Client-Token': clientToken } });
		expect(noType.status).toBe(415);
		const wrongMethod = await fetch(url, { method: 'GET', headers: { 'Client-Token': clientToken } });
		expect(wrongMethod.status).toBe(405);
		const result = await run({ sim, provider: 'zApi', operation: 'resetInviteLink' });
		expect(result.status).toBe('success');
	});
});

describe('documented response variants', () => {
	it.each(['GET', 'POST'] as const)('Z-API Get Invite Link works when the server wants %s', async (method) => {
		sim.variants.zApiGetMethod = method;
		const result = await run({ sim, provider: 'zApi', operation: 'getInviteLink' });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		expect(sim.requests.map((r) => r.method)).toEqual(method === 'GET' ? ['GET'] : ['GET', 'POST']);
	});

	it('Z-API: a server that wants POST is found out once per run, not once per item', async () => {
		sim.variants.zApiGetMethod = 'POST';
		const result = await run({
			sim,
			provider: 'zApi',
			operation: 'getInviteLink',
			groupId: '={{ $json.groupId }}',
			items: [{ groupId: GROUP }, { groupId: LEGACY_GROUP }, { groupId: `${GROUP}-group` }],
		});
		expect(result.output.map((item: { json: { inviteCode?: string } }) => item.json.inviteCode)).toEqual([
			sim.codeOf(GROUP),
			sim.codeOf(LEGACY_GROUP),
			sim.codeOf(GROUP),
		]);
		expect(sim.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 405', 'POST 200', 'POST 200', 'POST 200']);
	});

	it('Z-API Reset answering {"value": true} reads the new link with a Get', async () => {
		sim.variants.zApiReset = 'value';
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider: 'zApi', operation: 'resetInviteLink' });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		expect(result.output[0].json.inviteCode).not.toBe(before);
		expect(sim.requests.map((r) => r.op)).toEqual(['reset', 'get']);
	});

	it.each(['group', 'data', 'dataGroup', 'top'] as const)('RyzeAPI group info with the link under %s', async (shape) => {
		sim.variants.ryzeInfo = shape;
		const result = await run({ sim, provider: 'ryzeApi', operation: 'getInviteLink' });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		expect(sim.requests[0].path).toBe('/api/group/info/acme-support');
	});

	it('RyzeAPI accepts an invite link or code as the group and reports the group JID', async () => {
		const code = sim.codeOf(GROUP) as string;
		for (const groupId of [`https://chat.whatsapp.com/${code}`, code]) {
			const result = await run({ sim, provider: 'ryzeApi', operation: 'getInviteLink', groupId });
			expect(result.output[0].json).toMatchObject({ groupId: `${GROUP}@g.us`, inviteCode: code });
		}
		const other = await run({ sim, provider: 'zApi', operation: 'getInviteLink', groupId: `https://chat.whatsapp.com/${code}` });
		expect(other.error.message).toContain('is not a WhatsApp group ID');
	});

	it.each(['string', 'text', 'code', 'inviteCode', 'invite_code', 'link'] as const)(
		'Wawp Get Invite Link answering %s',
		async (variant) => {
			sim.variants.wawpGet = variant;
			const result = await run({ sim, provider: 'wawp', operation: 'getInviteLink' });
			expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		},
	);
});

describe('documented variants: Evolution API', () => {
	it('Reset is a POST answered 201 {revoked, inviteCode}, with the group JID in the query', async () => {
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider: 'evolutionApi', operation: 'resetInviteLink', groupId: `${GROUP}-group`, options: { includeRawResponse: true } });
		expect(result.output[0].json).toMatchObject({ groupId: `${GROUP}@g.us`, inviteCode: sim.codeOf(GROUP) });
		expect(result.output[0].json.inviteCode).not.toBe(before);
		expect(result.output[0].json.raw).toEqual([{ revoked: true, inviteCode: sim.codeOf(GROUP) }]);
		expect(sim.requests.map((r) => [r.method, r.path, r.status, r.query])).toEqual([
			['POST', '/group/revokeInviteCode/acme-evolution', 201, { groupJid: `${GROUP}@g.us` }],
		]);
	});

	it.each(['PUT', 'PUTHtml', 'PUT405'] as const)(
		'an older server without the POST route (%s) gets the revoke as a PUT, once',
		async (variant) => {
			sim.variants.evolutionRevoke = variant;
			const before = sim.codeOf(GROUP);
			const result = await run({ sim, provider: 'evolutionApi', operation: 'resetInviteLink' });
			expect(result.status).toBe('success');
			expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
			expect(result.output[0].json.inviteCode).not.toBe(before);
			expect(sim.requests.map((r) => [r.method, r.status])).toEqual([
				['POST', variant === 'PUT405' ? 405 : 404],
				['PUT', 201],
			]);
		},
	);

	it('a 404 that is not a missing route is no reason to try PUT', async () => {
		const result = await run({ sim, provider: 'evolutionApi', operation: 'resetInviteLink', groupId: '120363000000000001@g.us' });
		expect(result.error.message).toBe(
			'Evolution API refused to revoke the invite code (HTTP 404 Not Found): Revoke error: Error: item-not-found',
		);
		expect(sim.requests.map((r) => r.method)).toEqual(['POST']);
	});

	it('an error envelope whose message is a list is joined; a non-admin Get says why', async () => {
		const result = await run({ sim, provider: 'evolutionApi', operation: 'getInviteLink', groupId: NON_ADMIN_GROUP });
		expect(result.error.message).toBe(
			'Evolution API refused to get the invite code (HTTP 404 Not Found): No invite code: Error: not-authorized',
		);
		expect(result.error.description).toMatch(/admin of the group/);
	});

	it("the instance's own token works as the API key, and the apikey header carries it", async () => {
		const instanceToken = sim.auth.evolutionApi.instanceToken;
		const result = await run({ sim, provider: 'evolutionApi', operation: 'getInviteLink', credentials: { apiKey: instanceToken } });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		expect(sim.requests[0].headerNames).toContain('apikey');
		expectNoSecrets(result.serialized, sim.secrets());
	});

	it('a wrong instance name is a 404 with a hint at the Instance Name', async () => {
		const result = await run({ sim, provider: 'evolutionApi', operation: 'getInviteLink', credentials: { instanceName: 'nope' } });
		expect(result.error.message).toBe('Evolution API refused to get the invite code (HTTP 404 Not Found): The "nope" instance does not exist');
		expect(result.error.description).toMatch(/Instance Name/);
	});

	it('the credential test fails unless the instance is open, saying what to do', async () => {
		const data = sim.credentials().groupInviteEvolutionApi;
		for (const [state, message] of [
			['close', /not connected to WhatsApp \(state "close"\).*QR code/],
			['connecting', /still connecting to WhatsApp \(state "connecting"\)/],
		] as const) {
			sim.variants.evolutionState = state;
			const result = await testCredential('groupInviteEvolutionApi', data);
			expect(result).toMatchObject({ ok: false, status: 200, method: 'GET', url: '/instance/connectionState/acme-evolution' });
			expect(result.message).toMatch(message);
		}
		sim.variants.evolutionState = 'open';
		expect(await testCredential('groupInviteEvolutionApi', data)).toMatchObject({ ok: true });
		expect(await testCredential('groupInviteEvolutionApi', { ...data, instanceName: 'nope' })).toMatchObject({ ok: false, status: 404 });
	});
});

describe('documented variants: WAHA', () => {
	it.each([
		[200, 'json'],
		[201, 'json'],
		[200, 'text'],
		[201, 'text'],
	] as const)('Reset answered %s with the new code as %s', async (status, body) => {
		sim.variants.wahaRevokeStatus = status;
		sim.variants.wahaBody = body;
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider: 'waha', operation: 'resetInviteLink', options: { includeRawResponse: true } });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		expect(result.output[0].json.inviteCode).not.toBe(before);
		expect(result.output[0].json.raw).toEqual([sim.codeOf(GROUP)]);
		expect(sim.requests.map((r) => [r.method, r.path, r.status])).toEqual([
			['POST', `/api/default/groups/${GROUP}%40g.us/invite-code/revoke`, status],
		]);
	});

	it.each(['json', 'text'] as const)('Get answered with the code as %s', async (body) => {
		sim.variants.wahaBody = body;
		const result = await run({ sim, provider: 'waha', operation: 'getInviteLink' });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
	});

	it('a STOPPED session answers 404 "start it first" (getSession), and the hint says to start it', async () => {
		sim.variants.wahaStatus = 'STOPPED';
		const result = await run({ sim, provider: 'waha', operation: 'resetInviteLink' });
		expect(result.error.message).toBe(
			"WAHA refused to revoke the invite code (HTTP 404 Not Found): We didn't find a session with name 'default'. Please start it first by using POST /api/sessions/default/start request",
		);
		expect(result.error.description).toMatch(/start it in the WAHA dashboard \(Sessions → Start\)/);
		expect(result.error.description).not.toMatch(/Session name|check the name/i);
		// The vendor refused before doing anything: a definite failure, not sent again, not read back.
		expect(sim.count('waha', 'reset')).toBe(1);
		expect(sim.count('waha', 'get')).toBe(0);
	});

	it('WAHA Core and a session other than default: 422, and the hint says Core runs only "default"', async () => {
		sim.variants.wahaTier = 'CORE';
		try {
			const result = await run({ sim, provider: 'waha', operation: 'getInviteLink', credentials: { session: 'sales' } });
			expect(result.error.message).toMatch(/^WAHA refused to get the invite code \(HTTP 422 Unprocessable Entity\): WAHA Core support only 'default' session/);
			expect(result.error.description).toMatch(/default/);
			expect(result.error.description).toMatch(/WAHA Plus|Plus/);
		} finally {
			sim.variants.wahaTier = 'PLUS';
		}
	});

	it.each([
		['STARTING', /still starting: wait until its status is WORKING/],
		['SCAN_QR_CODE', /scan it in the WAHA dashboard/],
		['FAILED', /restart it in the WAHA dashboard/],
	] as const)(
		'a session that is %s gives 422, and the error says what to do for that status',
		async (status, hint) => {
			sim.variants.wahaStatus = status;
			const result = await run({ sim, provider: 'waha', operation: 'resetInviteLink' });
			expect(result.error.message).toBe(
				`WAHA refused to revoke the invite code (HTTP 422 Unprocessable Entity): Session status is not as expected. Try again later or restart the session (session status: ${status})`,
			);
			expect(result.error.description).toMatch(hint);
			expect(sim.count('waha', 'reset')).toBe(1);
		},
	);

	it('the session name goes in the path; an unknown one is a 404 with a hint to start the session', async () => {
		const result = await run({ sim, provider: 'waha', operation: 'getInviteLink', credentials: { session: 'sales team' } });
		expect(sim.requests[0].path).toBe(`/api/sales%20team/groups/${GROUP}%40g.us/invite-code`);
		expect(result.error.message).toBe(
			"WAHA refused to get the invite code (HTTP 404 Not Found): We didn't find a session with name 'sales team'. Please start it first by using POST /api/sessions/sales team/start request",
		);
		expect(result.error.description).toMatch(/start it in the WAHA dashboard \(Sessions → Start\)/);
	});

	it('a non-admin Get fails with WhatsApp\'s reason and a hint at admin rights', async () => {
		const result = await run({ sim, provider: 'waha', operation: 'getInviteLink', groupId: NON_ADMIN_GROUP });
		expect(result.error.message).toBe('WAHA failed while trying to get the invite code (HTTP 500 Internal Server Error): not-authorized');
		expect(result.error.description).toMatch(/admin of the group/);
		expect(sim.count('waha', 'get')).toBe(1);
	});

	it('without an API key no X-Api-Key header is sent; with one, it is', async () => {
		const key = sim.auth.waha.apiKey;
		try {
			sim.auth.waha.apiKey = '';
			const result = await run({ sim, provider: 'waha', operation: 'getInviteLink', credentials: { apiKey: '' } });
			expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
			expect(sim.requests[0].headerNames).not.toContain('x-api-key');
			expect(await testCredential('groupInviteWahaApi', { ...sim.credentials().groupInviteWahaApi, apiKey: '' })).toMatchObject({ ok: true });
		} finally {
			sim.auth.waha.apiKey = key;
		}
		sim.reset();
		const keyed = await run({ sim, provider: 'waha', operation: 'getInviteLink' });
		expect(keyed.status).toBe('success');
		expect(sim.requests[0].headerNames).toContain('x-api-key');
		const missing = await run({ sim, provider: 'waha', operation: 'getInviteLink', credentials: { apiKey: '' } });
		expect(missing.error.message).toBe('WAHA refused to get the invite code (HTTP 401 Unauthorized): Unauthorized');
		expect(missing.error.description).toMatch(/API Key in the WAHA credential/);
	});

	it('the credential test fails unless the session is WORKING, saying what to do', async () => {
		const data = sim.credentials().groupInviteWahaApi;
		for (const [status, message] of [
			['STOPPED', /stopped: start it/],
			['STARTING', /still starting/],
			['SCAN_QR_CODE', /waiting for its QR code/],
			['FAILED', /has failed: restart it/],
		] as const) {
			sim.variants.wahaStatus = status;
			const result = await testCredential('groupInviteWahaApi', data);
			expect(result).toMatchObject({ ok: false, status: 200, method: 'GET', url: '/api/sessions/default' });
			expect(result.message).toMatch(message);
		}
		sim.variants.wahaStatus = 'WORKING';
		expect(await testCredential('groupInviteWahaApi', data)).toMatchObject({ ok: true });
		expect(await testCredential('groupInviteWahaApi', { ...data, session: '' })).toMatchObject({ ok: true, url: '/api/sessions/default' });
	});
});

describe('documented variants: Whapi.Cloud', () => {
	it('Reset answering {"success": true} without a code reads the new code with a Get', async () => {
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider: 'whapi', operation: 'resetInviteLink', options: { includeRawResponse: true } });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		expect(result.output[0].json.inviteCode).not.toBe(before);
		expect(result.output[0].json.raw).toEqual([{ success: true }, { invite_code: sim.codeOf(GROUP) }]);
		expect(sim.requests.map((r) => [r.op, r.method, r.path])).toEqual([
			['reset', 'DELETE', `/groups/${GROUP}%40g.us/invite`],
			['get', 'GET', `/groups/${GROUP}%40g.us/invite`],
		]);
	});

	it('Reset answering {invite_code} needs no Get', async () => {
		sim.variants.whapiReset = 'code';
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider: 'whapi', operation: 'resetInviteLink' });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		expect(result.output[0].json.inviteCode).not.toBe(before);
		expect(sim.requests.map((r) => r.method)).toEqual(['DELETE']);
	});

	it('a Get failing after the revoke says the old code was revoked', async () => {
		sim.inject({ vendor: 'whapi', op: 'get', fault: '404' });
		const result = await run({ sim, provider: 'whapi', operation: 'resetInviteLink' });
		expect(result.error.message).toBe(
			'Whapi.Cloud refused to read the new invite code after revoking the old one (HTTP 404 Not Found): Group not found or you are not a member of this group',
		);
		expect(sim.requests.map((r) => r.method)).toEqual(['DELETE', 'GET']);
	});

	it('the token travels as a Bearer Authorization header', async () => {
		const result = await run({ sim, provider: 'whapi', operation: 'getInviteLink' });
		expect(result.status).toBe('success');
		expect(sim.requests[0].headerNames).toContain('authorization');
		const bad = await testCredential('groupInviteWhapiApi', { ...sim.credentials().groupInviteWhapiApi, token: 'x'.repeat(32) });
		expect(bad).toMatchObject({ ok: false, status: 404, url: '/health' });
	});
});

describe('credential and configuration problems', () => {
	it.each([
		['ftp://127.0.0.1', /must start with https:\/\/ or http:\/\//],
		['not a url', /is not a valid URL/],
		['https://user:secret-password@127.0.0.1', /contains a user name or password/],
		['', /is empty/],
	])('Base URL %p is refused before any request', async (baseUrl, message) => {
		const result = await run({ sim, provider: 'ryzeApi', operation: 'getInviteLink', credentials: { baseUrl } });
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(message);
		expect(result.serialized).not.toContain('secret-password');
		expect(sim.requests).toHaveLength(0);
	});

	it.each(['evolutionApi', 'waha', 'wppconnect', 'wuzapi', 'gowa'] as const)(
		'%s (self-hosted, no default Base URL): an empty Base URL is refused before any request',
		async (provider) => {
			const result = await run({ sim, provider, operation: 'getInviteLink', credentials: { baseUrl: '' } });
			expect(result.status).toBe('error');
			expect(result.error.message).toMatch(/^The Base URL of the (Evolution API|WAHA|WPPConnect Server|Wuzapi|GOWA) credential is empty$/);
			expect(sim.requests).toHaveLength(0);
		},
	);

	it('a bad Base URL with Continue On Fail gives one error item per input item', async () => {
		const result = await run({
			sim,
			provider: 'wawp',
			operation: 'getInviteLink',
			credentials: { baseUrl: 'mailto:x' },
			items: [{}, {}, {}],
			onError: 'continueRegularOutput',
		});
		expect(result.output).toHaveLength(3);
		expect(result.output.map((i: { pairedItem: unknown }) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.output[0].json.error).toMatch(/Base URL/);
	});

	it('a Base URL with a trailing slash works', async () => {
		const result = await run({ sim, provider: 'zApi', operation: 'getInviteLink', credentials: { baseUrl: `${sim.baseUrl}/` } });
		expect(result.status).toBe('success');
	});

	it('Z-API without a Client-Token when the account requires one explains where to find it', async () => {
		const result = await run({ sim, provider: 'zApi', operation: 'getInviteLink', credentials: { clientToken: '' } });
		expect(result.error.message).toBe('Z-API refused to get the invite link (HTTP 400 Bad Request): your client-token is not configured');
		expect(result.error.description).toMatch(/Security/);
	});
});
