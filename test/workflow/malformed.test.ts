/**
 * Generated table of malformed group IDs and parameter values: each fails before any request, with
 * a message that names the bad value, and never takes another item down with it.
 */
import type { VendorSimulator } from '../support/simulator';
import { GROUP, groupIdOf, PROVIDERS, run, startSimulator } from '../support/scenario';

let sim: VendorSimulator;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(() => sim.reset());

/** How the message must name a bad value. */
function named(value: unknown): string {
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (trimmed === '') return 'The Group ID is empty';
		return trimmed.length > 80 ? `"${trimmed.slice(0, 77)}...` : `"${trimmed}"`;
	}
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'boolean') return `the boolean ${value}`;
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return String(value);
}

function malformedGroupIds(): unknown[] {
	const valid = [`${GROUP}@g.us`, `${GROUP}-group`, '5511999999999-1623281429'];
	const generated: unknown[] = [];
	for (const id of valid) {
		const mutations = [
			id.replace(/\d/, 'x'),
			id.replace('@g.us', '@g.u'),
			id.replace('@g.us', '@c.us'),
			id.replace('@g.us', '@s.whatsapp.net'),
			`${id}@g.us`,
			`${id} `.repeat(2),
			` ${id.slice(0, 5)} ${id.slice(5)}`,
			`${id}\t1`,
			`${id}/`,
			`+${id}`,
			`${id}#`,
			id.replace(/-/, '--'),
			`${id}%40g.us`,
			id.replace(/(\d)(\d)/, '$1.$2'),
			id.replace(/\d$/, 'O'),
			`${id}-1`,
			`0x${id}`,
			`${id}@g.us.`,
			`https://example.com/${id}`,
		];
		// A mutation that changes nothing (e.g. replacing "@g.us" in an ID without it) is no test.
		generated.push(...mutations.filter((m) => m !== id && m !== `${id}@g.us`));
	}
	for (let digits = 1; digits <= 15; digits++) generated.push('9'.repeat(digits), `+${'5'.repeat(digits)}`);
	for (const suffix of ['-grp', '-groups', '_group', '@g', '@gus', '@g.us.br', '@newsletter', '@broadcast', '@lid']) {
		generated.push(`${GROUP}${suffix}`);
	}
	generated.push('', '   ', '\n', 'group', 'null', 'undefined', '[object Object]', '١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧', 'x'.repeat(300), `${GROUP}\u0000`);
	generated.push(120363019502650977, 0, -1, 1.5, true, false, null, [GROUP], [], {}, { id: GROUP });
	// A Meta Cloud API group ID (only the Meta provider takes them), as Meta documents them and as the
	// simulator gives them.
	generated.push('Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD', groupIdOf('metaCloudApi', GROUP), `  ${groupIdOf('metaCloudApi', GROUP)} `);
	return generated;
}

/**
 * The Meta provider's own table: its opaque group IDs mutated, and every WhatsApp form (valid ones
 * included: Meta has no …@g.us groups), phone numbers, invite links and codes.
 */
function malformedMetaGroupIds(): unknown[] {
	const valid = groupIdOf('metaCloudApi', GROUP);
	const generated: unknown[] = [
		// WhatsApp's own group IDs, valid for every other provider.
		`${GROUP}@g.us`,
		`${GROUP}-group`,
		GROUP,
		'5511999999999-1623281429',
		'5511999999999-1623281429@g.us',
		`${valid}@g.us`,
		// Contacts, phone numbers, the Phone Number ID that belongs in the credential.
		`${GROUP}@c.us`,
		'5511999999999@s.whatsapp.net',
		'123456789012345@lid',
		'5511999999999',
		'+5511999999999',
		'106540352242922',
		'1065403522429221',
		// Invite links and codes: Meta cannot look them up.
		'https://chat.whatsapp.com/C1adgkdEGki7554BWDdMkd',
		'chat.whatsapp.com/C1adgkdEGki7554BWDdMkd',
		'C1adgkdEGki7554BWDdMkd',
		// Meta's ID, mutated.
		valid.slice(0, 20),
		valid.slice(0, 39),
		`${valid.slice(0, 20)} ${valid.slice(20)}`,
		`${valid}\t1`,
		`${valid}.`,
		`${valid}#`,
		`${valid}%3D`,
		`${valid}:`,
		`${valid}\u0000`,
		`${valid}\u200b`,
		`"${valid}"`,
		`{${valid}}`,
		`https://graph.facebook.com/v26.0/${valid}/invite_link`,
		`${valid}/invite_link?x=1`,
		`${valid.slice(0, 10)}é${valid.slice(11)}`,
		valid.replace(/[0-9]/g, (d) => String.fromCodePoint(0xff10 + Number(d))),
		valid.repeat(5),
		'x'.repeat(300),
		'1'.repeat(60),
		'',
		'   ',
		'null',
		'undefined',
		'group',
	];
	generated.push(120363019502650977, 0, true, null, [valid], {}, { id: valid });
	return generated;
}

describe('malformed group IDs (generated)', () => {
	const values = malformedGroupIds();

	it('has at least 100 entries', () => {
		expect(values.length).toBeGreaterThanOrEqual(100);
	});

	const metaValues = malformedMetaGroupIds();

	it('the Meta table has at least 40 entries', () => {
		expect(metaValues.length).toBeGreaterThanOrEqual(40);
	});

	it.each(PROVIDERS)('$provider: every one fails before any request, naming the value', async ({ provider, idForm }) => {
		const list = idForm === 'meta' ? metaValues : values;
		const result = await run({
			sim,
			provider,
			operation: 'resetInviteLink',
			groupId: '={{ $json.value }}',
			items: list.map((value) => ({ value })),
			onError: 'continueRegularOutput',
		});
		expect(result.output).toHaveLength(list.length);
		const problems: string[] = [];
		result.output.forEach((item: { json: Record<string, unknown>; pairedItem: { item: number } }, index: number) => {
			expect(item.pairedItem).toEqual({ item: index });
			const message = String(item.json.error);
			const value = list[index];
			if (!item.json.error) problems.push(`${JSON.stringify(value)} was accepted`);
			else if (!message.includes(named(value))) problems.push(`${JSON.stringify(value)}: "${message}"`);
		});
		expect(problems).toEqual([]);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('malformed parameter values', () => {
	const itemOptions: Array<[string, Record<string, unknown>, RegExp]> = [
		['timeout -1', { timeout: -1 }, /Timeout must be a positive number of milliseconds, but it is -1/],
		['timeout 0', { timeout: 0 }, /Timeout .* but it is 0/],
		['timeout text', { timeout: '={{ "soon" }}' }, /Timeout .* but it is "soon"/],
		['timeout object', { timeout: '={{ { a: 1 } }}' }, /Timeout .* but it is an object/],
		['includeRawResponse text', { includeRawResponse: '={{ "yes" }}' }, /Include Raw Response must be true or false, but it is "yes"/],
		['includeRawResponse number', { includeRawResponse: '={{ 1 }}' }, /Include Raw Response must be true or false, but it is 1/],
		['includePreviousLink text', { includePreviousLink: '={{ "true" }}' }, /Include Previous Link must be true or false, but it is "true"/],
	];

	it.each(itemOptions)('%s fails the item before any request', async (_name, options, message) => {
		const result = await run({ sim, provider: 'wawp', operation: 'resetInviteLink', options, items: [{}, {}], onError: 'continueRegularOutput' });
		expect(result.output).toHaveLength(2);
		expect(result.output[0].json.error).toMatch(message);
		expect(sim.requests).toHaveLength(0);
	});

	const runOptions: Array<[string, Record<string, unknown>, RegExp]> = [
		['concurrency 0', { concurrency: 0 }, /Requests in Parallel must be a whole number from 1 to 20, but it is 0/],
		['concurrency 21', { concurrency: 21 }, /but it is 21/],
		['concurrency 1.5', { concurrency: 1.5 }, /but it is 1.5/],
		['concurrency text', { concurrency: '={{ "many" }}' }, /but it is "many"/],
		['maxRequestsPerMinute -5', { maxRequestsPerMinute: -5 }, /Max Requests per Minute must be 0 or a positive number, but it is -5/],
		['maxRequestsPerMinute text', { maxRequestsPerMinute: '={{ "fast" }}' }, /but it is "fast"/],
	];

	it.each(runOptions)('%s fails every item before any request', async (_name, options, message) => {
		const failed = await run({ sim, provider: 'zApi', operation: 'getInviteLink', options, items: [{}, {}, {}], onError: 'continueRegularOutput' });
		expect(failed.output).toHaveLength(3);
		for (const item of failed.output) expect(item.json.error).toMatch(message);
		const stopped = await run({ sim, provider: 'zApi', operation: 'getInviteLink', options });
		expect(stopped.status).toBe('error');
		expect(stopped.error.name).toBe('NodeOperationError');
		expect(stopped.error.message).toMatch(message);
		expect(sim.requests).toHaveLength(0);
	});
});
