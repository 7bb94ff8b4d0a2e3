/**
 * Real workflows through n8n-core's WorkflowExecute, loading the built package like n8n loads an
 * installed community package, against the local vendor simulator over real sockets.
 */
import type { VendorSimulator } from '../support/simulator';
import { loadPackage, testCredential } from '../support/harness';
import {
	expectNoSecrets,
	GROUP,
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
});

describe('the package as n8n loads it', () => {
	it('declares one node and three credentials that load from dist/', async () => {
		const loader = await loadPackage();
		expect(loader.packageName).toBe('n8n-nodes-whatsapp-group-invite');
		const node = loader.getNode('whatsAppGroupInvite').type;
		expect(node.description).toMatchObject({
			name: 'whatsAppGroupInvite',
			displayName: 'WhatsApp Group Invite',
			version: 1,
			usableAsTool: true,
		});
		expect(node.description.subtitle).toContain('$parameter["operation"]');
		const props = Object.fromEntries(node.description.properties.map((p: { name: string }) => [p.name, p]));
		expect(props.provider.options.map((o: { value: string }) => o.value).sort()).toEqual(['ryzeApi', 'wawp', 'zApi']);
		expect(props.provider.noDataExpression).toBe(true);
		expect(props.operation.noDataExpression).toBe(true);
		expect(props.operation.options).toEqual([
			expect.objectContaining({ value: 'getInviteLink', name: 'Get Invite Link', action: 'Get invite link' }),
			expect.objectContaining({ value: 'resetInviteLink', name: 'Reset Invite Link', action: 'Reset invite link' }),
		]);
		expect(props.groupId).toMatchObject({ type: 'string', required: true });
		const optionNames = props.options.options.map((o: { name: string }) => o.name).sort();
		expect(optionNames).toEqual(
			expect.arrayContaining(['includePreviousLink', 'includeRawResponse', 'timeout']),
		);
		for (const { provider, credentialType } of PROVIDERS) {
			const credential = loader.getCredential(credentialType).type;
			expect(credential.test).toBeDefined();
			const baseUrl = credential.properties.find((p: { name: string }) => p.name === 'baseUrl');
			expect(baseUrl.default).toMatch(/^https:\/\//);
			for (const p of credential.properties) {
				if (/token/i.test(p.name)) expect(p.typeOptions?.password).toBe(true);
			}
			expect(node.description.credentials).toContainEqual(
				expect.objectContaining({ name: credentialType, displayOptions: { show: { provider: [provider] } } }),
			);
		}
	});
});

describe.each(PROVIDERS)('$provider', ({ provider, credentialType }) => {
	it.each(OPERATIONS)('%s returns one normalized item per input item', async (operation) => {
		const before = sim.codeOf(GROUP);
		const result = await run({ sim, provider, operation, items: [{ a: 1 }, { a: 2 }, { a: 3 }] });
		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(3);
		result.output.forEach((item: { json: Record<string, unknown>; pairedItem: unknown }, index: number) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(Object.keys(item.json)).toEqual(['provider', 'operation', 'groupId', 'inviteCode', 'inviteLink']);
			expect(item.json).toMatchObject({ provider, operation, groupId: `${GROUP}@g.us` });
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

	it.each([
		[`${GROUP}@g.us`],
		[`${GROUP}-group`],
		[GROUP],
		[`  ${GROUP}@g.us  `],
		[LEGACY_GROUP],
		[`${LEGACY_GROUP}@g.us`],
	])('accepts group ID %p and sends the vendor its form', async (groupId) => {
		const result = await run({ sim, provider, operation: 'getInviteLink', groupId });
		expect(result.status).toBe('success');
		const id = groupId.includes('-1623') ? LEGACY_GROUP : GROUP;
		expect(result.output[0].json.groupId).toBe(`${id}@g.us`);
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(id));
		const path = sim.requests[0].path;
		if (provider === 'zApi') expect(path).toMatch(id === GROUP ? `/${GROUP}-group` : `/${LEGACY_GROUP}`);
		if (provider === 'wawp') expect(path).toContain(`/groups/${id}%40g.us/`);
	});

	it('a mix of good and bad group IDs: one item each, in order, with pairedItem (Continue On Fail)', async () => {
		const groupIds = [`${GROUP}@g.us`, '5511999999999', '', `${GROUP}@c.us`, `${GROUP}-group`, 'not a group', NON_ADMIN_GROUP, LEGACY_GROUP];
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
		// Wawp and RyzeAPI refuse a non-admin; Z-API returns no link for it: an error either way.
		expect(outcome).toEqual(['link', 'error', 'error', 'error', 'link', 'error', 'error', 'link']);
		expect(result.output[1].json).toEqual({
			error: 'The Group ID "5511999999999" looks like a phone number, not a group',
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
		const groupIds = [`${GROUP}@g.us`, 'bad id', `${GROUP}-group`, '123'];
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
		expect(result.errorOutput[0].json).toEqual({
			error: 'The Group ID "bad id" contains spaces',
			details: { provider, operation: 'resetInviteLink', groupId: 'bad id' },
		});
		expect(sim.count(provider, 'reset')).toBe(2);
	});

	it('without Continue On Fail, the first bad item stops the node with a NodeOperationError naming the item', async () => {
		const result = await run({
			sim,
			provider,
			operation: 'resetInviteLink',
			groupId: '={{ $json.groupId }}',
			items: [{ groupId: `${GROUP}@g.us` }, { groupId: '5511999999999@s.whatsapp.net' }, { groupId: `${GROUP}@g.us` }],
		});
		expect(result.status).toBe('error');
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.message).toBe('The Group ID "5511999999999@s.whatsapp.net" is a contact, not a group');
		expect(result.error.description).toMatch(/Use the group's ID/);
		expect(result.error.context.itemIndex).toBe(1);
		expectNoSecrets(result.serialized, sim.secrets());
	});

	it('a vendor refusal becomes a NodeApiError with the vendor message and a fix', async () => {
		const result = await run({ sim, provider, operation: 'resetInviteLink', groupId: `${NON_ADMIN_GROUP}@g.us` });
		expect(result.status).toBe('error');
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.message).toMatch(provider === 'zApi' ? /Z-API answered HTTP 200 .*value": false/ : /admin/);
		expect(result.error.description).toBeTruthy();
		expect(result.error.context.itemIndex).toBe(0);
		expectNoSecrets(result.serialized, sim.secrets());
	});

	it('wrong credentials give the vendor error, the token redacted', async () => {
		const wrong =
			provider === 'zApi'
				? { clientToken: 'WRONG-client-token-123456' }
				: provider === 'ryzeApi'
					? { token: 'WRONG-ryze-token-123456' }
					: { accessToken: 'WRONG-wawp-token-123456' };
		const result = await run({ sim, provider, operation: 'getInviteLink', credentials: wrong });
		expect(result.status).toBe('error');
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe(provider === 'zApi' ? '403' : '401');
		expect(result.error.description).toMatch(/credential|Client-Token/);
		expectNoSecrets(result.serialized, [...sim.secrets(), Object.values(wrong)[0]]);
		// n8n logged the failure: the secret check above covered a real log line.
		expect(result.logs.join('\n')).toContain(result.error.message);
		if (provider === 'zApi') expect(result.error.message).toBe('Z-API refused to get the invite link (HTTP 403 Forbidden): Client-Token *** not allowed');
	});

	it("the credential's test request resolves and passes against the simulator", async () => {
		const data = sim.credentials()[credentialType];
		const ok = await testCredential(credentialType, data);
		expect(ok).toMatchObject({ ok: true, status: 200 });
		expect(sim.requests.at(-1)).toMatchObject({ vendor: provider, op: 'status' });
		const secretField = provider === 'zApi' ? 'instanceToken' : provider === 'ryzeApi' ? 'token' : 'accessToken';
		const bad = await testCredential(credentialType, { ...data, [secretField]: 'definitely-wrong-token' });
		expect(bad.ok).toBe(false);
	});
});

describe('documented response variants', () => {
	it.each(['GET', 'POST'] as const)('Z-API Get Invite Link works when the server wants %s', async (method) => {
		sim.variants.zApiGetMethod = method;
		const result = await run({ sim, provider: 'zApi', operation: 'getInviteLink' });
		expect(result.output[0].json.inviteCode).toBe(sim.codeOf(GROUP));
		expect(sim.requests.map((r) => r.method)).toEqual(method === 'GET' ? ['GET'] : ['GET', 'POST']);
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
