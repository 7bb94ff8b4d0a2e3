import type { GroupIdRules, GroupRef } from '../../nodes/WhatsAppGroupInvite/whatsapp/groupId';
import {
	canonicalGroupId,
	GroupIdError,
	groupJid,
	META_GROUP_ID_EXAMPLE,
	parseGroupId,
	quote,
	shownGroupId,
	zApiGroupId,
} from '../../nodes/WhatsAppGroupInvite/whatsapp/groupId';
import { getProvider, PROVIDERS } from '../../nodes/WhatsAppGroupInvite/providers';
import { evolutionApi } from '../../nodes/WhatsAppGroupInvite/providers/evolutionApi';
import { gowa } from '../../nodes/WhatsAppGroupInvite/providers/gowa';
import { metaCloudApi } from '../../nodes/WhatsAppGroupInvite/providers/metaCloudApi';
import { ryzeApi } from '../../nodes/WhatsAppGroupInvite/providers/ryzeApi';
import { waha } from '../../nodes/WhatsAppGroupInvite/providers/waha';
import { wawp } from '../../nodes/WhatsAppGroupInvite/providers/wawp';
import { whapi } from '../../nodes/WhatsAppGroupInvite/providers/whapi';
import { wppconnect } from '../../nodes/WhatsAppGroupInvite/providers/wppconnect';
import { wuzapi } from '../../nodes/WhatsAppGroupInvite/providers/wuzapi';
import { zApi } from '../../nodes/WhatsAppGroupInvite/providers/zApi';

const MODERN = '120363019502650977';
const LEGACY = '5511999999999-1623281429';
const CODE = 'C1adgkdEGki7554BWDdMkd';

const STRICT: GroupIdRules = { acceptsInvite: false };
const LENIENT: GroupIdRules = { acceptsInvite: true };

/** The providers that take WhatsApp group IDs (`…@g.us`), with their rules, as the node uses them. */
const providers = [
	['Z-API', zApi.groupIdRules],
	['Wawp', wawp.groupIdRules],
	['RyzeAPI', ryzeApi.groupIdRules],
	['Evolution API', evolutionApi.groupIdRules],
	['WAHA', waha.groupIdRules],
	['Whapi.Cloud', whapi.groupIdRules],
	['WPPConnect Server', wppconnect.groupIdRules],
	['Wuzapi', wuzapi.groupIdRules],
	['GOWA', gowa.groupIdRules],
] as const;
const strictProviders = providers.filter(([, rules]) => !rules.acceptsInvite);
/** Every provider, Meta's opaque group IDs included. */
const allProviders = [...providers, ['Meta WhatsApp Cloud API', metaCloudApi.groupIdRules]] as const;
const META = metaCloudApi.groupIdRules;

/** Meta's two documented group IDs (Groups API reference; the first has a typo inside, still opaque). */
const META_DOC_IDS = ['Y2FwaV9ncm91cDoxOTUwNTU1MDA3OToxMjAzNjMzOTQzMjAdOTY0MTUZD', META_GROUP_ID_EXAMPLE];
/** One as the simulator builds it (capi_group:<phone>:120363019502650977, Meta's escaping). */
const META_SIM_ID = 'Y2FwaV9ncm91cDoxNTU1MDc4Mzg4MToxMjAzNjMwMTk1MDI2NTA5NzcZD';

/** What the message must show for a bad string: the trimmed value, quoted, shortened past 80 chars. */
function shown(value: string): string {
	const trimmed = value.trim();
	return `"${trimmed.length > 80 ? `${trimmed.slice(0, 77)}...` : trimmed}"`;
}

function parseError(raw: unknown, rules: GroupIdRules): GroupIdError {
	try {
		const ref = parseGroupId(raw, rules);
		throw new Error(`expected a GroupIdError, but it parsed as ${JSON.stringify(ref)}`);
	} catch (error) {
		if (!(error instanceof GroupIdError)) throw error;
		return error;
	}
}

/** A readable test title for values full of control characters or very long. */
function label(value: string): string {
	const json = JSON.stringify(value);
	return json.length > 60 ? `${json.slice(0, 57)}...(${value.length} chars)` : json;
}

describe('provider group ID rules', () => {
	it.each([
		['zApi', false],
		['wawp', false],
		['ryzeApi', true],
		['evolutionApi', false],
		['waha', false],
		['whapi', false],
		['metaCloudApi', false],
		['uazapi', false],
		['evolutionGo', false],
		['wppconnect', false],
		['wuzapi', false],
		['gowa', false],
	])('%s acceptsInvite is %s', (id, accepts) => {
		expect(getProvider(id)?.groupIdRules.acceptsInvite).toBe(accepts);
	});

	it.each([
		['zApi', 'jid'],
		['wawp', 'jid'],
		['ryzeApi', 'jid'],
		['evolutionApi', 'jid'],
		['waha', 'jid'],
		['whapi', 'jid'],
		['metaCloudApi', 'meta'],
		['wppconnect', 'jid'],
		['wuzapi', 'jid'],
		['gowa', 'jid'],
	])('%s takes group IDs of the form %s', (id, form) => {
		expect(getProvider(id)?.groupIdRules.idForm ?? 'jid').toBe(form);
	});

	it('every registered provider is covered here', () => {
		expect(PROVIDERS.map((provider) => provider.id).sort()).toEqual([
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
	});
});

describe('parseGroupId: valid group IDs (every provider that takes WhatsApp group IDs)', () => {
	// input, kind, id (before @g.us), form sent to Z-API
	const valid: Array<[string, 'group' | 'legacy', string, string]> = [
		[`${MODERN}@g.us`, 'group', MODERN, `${MODERN}-group`],
		[`${MODERN}-group`, 'group', MODERN, `${MODERN}-group`],
		[MODERN, 'group', MODERN, `${MODERN}-group`],
		['1234567890123456', 'group', '1234567890123456', '1234567890123456-group'],
		['12345678901234567890', 'group', '12345678901234567890', '12345678901234567890-group'],
		[LEGACY, 'legacy', LEGACY, LEGACY],
		[`${LEGACY}@g.us`, 'legacy', LEGACY, LEGACY],
		[`${LEGACY}@G.US`, 'legacy', LEGACY, LEGACY],
		['12345678-123456789', 'legacy', '12345678-123456789', '12345678-123456789'],
		['123456789012345-12345678901', 'legacy', '123456789012345-12345678901', '123456789012345-12345678901'],
		[`  ${MODERN}@g.us  `, 'group', MODERN, `${MODERN}-group`],
		[`\t${MODERN}\n`, 'group', MODERN, `${MODERN}-group`],
		[` ${LEGACY} `, 'legacy', LEGACY, LEGACY],
		[`${MODERN}@G.US`, 'group', MODERN, `${MODERN}-group`],
		[`${MODERN}@g.Us`, 'group', MODERN, `${MODERN}-group`],
		[`${MODERN}-GROUP`, 'group', MODERN, `${MODERN}-group`],
		[`${MODERN}-group@g.us`, 'group', MODERN, `${MODERN}-group`],
	];
	const cases = providers.flatMap(([provider, rules]) =>
		valid.map(([input, kind, id, zApiForm]) => ({ provider, rules, input, kind, id, zApiForm })),
	);

	it.each(cases)('$provider: $input', ({ rules, input, kind, id, zApiForm }) => {
		const ref = parseGroupId(input, rules);
		expect(ref).toEqual({ kind, id, jid: `${id}@g.us`, input: input.trim() });
		expect(groupJid(ref)).toBe(`${id}@g.us`);
		expect(shownGroupId(ref)).toBe(`${id}@g.us`);
		expect(zApiGroupId(ref)).toBe(zApiForm);
	});
});

describe('parseGroupId: invite links and codes', () => {
	const invites: Array<[string, string]> = [
		[`https://chat.whatsapp.com/${CODE}`, CODE],
		[`http://chat.whatsapp.com/${CODE}`, CODE],
		[`chat.whatsapp.com/${CODE}`, CODE],
		[`https://chat.whatsapp.com/${CODE}/`, CODE],
		[`https://chat.whatsapp.com/invite/${CODE}`, CODE],
		[`https://chat.whatsapp.com/${CODE}?utm_source=x`, CODE],
		[`HTTPS://CHAT.WHATSAPP.COM/${CODE}`, CODE],
		[`  https://chat.whatsapp.com/${CODE}  `, CODE],
		[CODE, CODE],
		// A code without any digit is still a code (about 2% of random 22-character codes).
		['AbCdEfGhIjKlMnOpQrStUv', 'AbCdEfGhIjKlMnOpQrStUv'],
		[`  ${CODE}\n`, CODE],
	];

	// Typed codes must have WhatsApp's length (16 to 32; 22 today): shorter words are typos.
	it.each(['NEW123XYZ', 'undefined', 'abc123'])('RyzeAPI refuses the short code %j', (input) => {
		expect(parseError(input, ryzeApi.groupIdRules).message).toContain('is not a WhatsApp group ID');
	});

	it.each(invites)('RyzeAPI accepts %j as an invite', (input, code) => {
		const ref = parseGroupId(input, ryzeApi.groupIdRules);
		expect(ref).toEqual({ kind: 'invite', inviteCode: code, input: input.trim() });
		// RyzeAPI resolves invites itself: there is no JID to send.
		expect(groupJid(ref)).toBeUndefined();
		expect(zApiGroupId(ref)).toBe(code);
	});

	const strictCases = strictProviders.flatMap(([provider, rules]) =>
		invites.map(([input]) => ({ provider, rules, input })),
	);
	it.each(strictCases)('$provider rejects the invite $input', ({ rules, input }) => {
		const error = parseError(input, rules);
		expect(error.message).toBe(`The Group ID ${shown(input)} is not a WhatsApp group ID`);
		expect(error.hint).not.toContain('invite');
	});

	it('mentions invite links in the hint only for a provider that accepts them', () => {
		expect(parseError('not-a-group!', LENIENT).hint).toContain('an invite link or an invite code');
		expect(parseError('not-a-group!', STRICT).hint).not.toContain('invite');
	});

	it('checks group IDs before invite codes (an all-digit value is never an invite code)', () => {
		expect(parseGroupId(MODERN, LENIENT)).toMatchObject({ kind: 'group', id: MODERN });
		expect(parseGroupId(LEGACY, LENIENT)).toMatchObject({ kind: 'legacy', id: LEGACY });
	});

	it('does not take an invite code with @g.us as an invite', () => {
		expect(parseError(`${CODE}@g.us`, LENIENT).message).toBe(
			`The Group ID "${CODE}@g.us" is not a WhatsApp group ID`,
		);
	});
});

describe('parseGroupId: invalid values', () => {
	const invalidStrings: Array<[string, string]> = [
		['5511999999999', 'looks like a phone number, not a group'],
		['+5511999999999', 'looks like a phone number, not a group'],
		['12345', 'looks like a phone number, not a group'],
		['123456789012345', 'looks like a phone number, not a group'],
		['5511999999999@g.us', 'looks like a phone number, not a group'],
		[`${MODERN}@c.us`, 'is a contact, not a group'],
		['5511999999999@c.us', 'is a contact, not a group'],
		['5511999999999@s.whatsapp.net', 'is a contact, not a group'],
		['123456789012345@lid', 'is a contact, not a group'],
		['5511999999999@C.US', 'is a contact, not a group'],
		['5511999999999@S.WhatsApp.Net', 'is a contact, not a group'],
		[' 123456789012345@LID ', 'is a contact, not a group'],
		[`${MODERN} @g.us`, 'contains spaces'],
		['1203630 19502650977', 'contains spaces'],
		[`${MODERN}\u00a0-group`, 'contains spaces'],
		['1234', 'is not a WhatsApp group ID'],
		['hello', 'is not a WhatsApp group ID'],
		['group', 'is not a WhatsApp group ID'],
		['@g.us', 'is not a WhatsApp group ID'],
		['!!!', 'is not a WhatsApp group ID'],
		['<html>', 'is not a WhatsApp group ID'],
	];
	const cases = providers.flatMap(([provider, rules]) =>
		invalidStrings.map(([input, problem]) => ({ provider, rules, input, problem })),
	);

	it.each(cases)('$provider: $input $problem', ({ rules, input, problem }) => {
		const error = parseError(input, rules);
		expect(error.name).toBe('GroupIdError');
		expect(error.message).toBe(`The Group ID ${shown(input)} ${problem}`);
		expect(error.hint).toContain('120363019502650977@g.us');
	});

	it.each(['', ' ', '   ', '\t\n', '\u00a0\u3000'])('rejects the empty value %j', (input) => {
		for (const [, rules] of allProviders) {
			const error = parseError(input, rules);
			expect(error.message).toBe('The Group ID is empty');
			expect(error.hint).toContain('check that the field exists');
		}
	});

	const nonStrings: Array<[string, unknown, string]> = [
		['a number', 120363019502650977, 'the number 120363019502650980'],
		['a small number', 42, 'the number 42'],
		['NaN', Number.NaN, 'the number NaN'],
		['null', null, 'null'],
		['undefined', undefined, 'undefined'],
		['an array', [MODERN], 'a list'],
		['an empty array', [], 'a list'],
		['an object', { groupId: MODERN }, 'an object'],
		['a boolean', true, 'the boolean true'],
		['false', false, 'the boolean false'],
		['a bigint', BigInt(MODERN), 'a bigint'],
	];
	it.each(nonStrings)('rejects %s and names its type', (_name, raw, type) => {
		for (const [, rules] of allProviders) {
			const error = parseError(raw, rules);
			expect(error.message).toMatch(/^The Group ID must be text, but it is /);
			expect(error.message).toContain(type);
		}
	});

	it('tells to pass numbers as text (they lose digits)', () => {
		expect(parseError(120363019502650977, STRICT).hint).toContain('String($json.groupId)');
		expect(parseError(null, STRICT).hint).not.toContain('String(');
	});

	it('names undefined without "a undefined"', () => {
		expect(parseError(undefined, STRICT).message).not.toContain('a undefined');
	});
});

describe('quote', () => {
	it.each([
		['', '""'],
		['abc', '"abc"'],
		['x'.repeat(80), `"${'x'.repeat(80)}"`],
		['x'.repeat(81), `"${'x'.repeat(77)}..."`],
		['y'.repeat(500), `"${'y'.repeat(77)}..."`],
	])('quote(%j)', (value, expected) => {
		expect(quote(value)).toBe(expected);
	});
});

/**
 * Malformed group IDs, generated from valid ones. Every one must be refused by the providers that
 * take group IDs only (Z-API, Wawp), with the bad value quoted in the message.
 */
function malformedGroupIds(): string[] {
	const out: string[] = [];
	const add = (...values: string[]) => out.push(...values);

	// Truncated digits (with and without the suffixes): phone numbers or too short.
	for (let n = 1; n <= 15; n++) {
		const digits = MODERN.slice(0, n);
		add(digits, `${digits}@g.us`, `${digits}-group`);
	}
	// Letters inside (including look-alikes: O for 0, l for 1).
	for (const position of [0, 6, 11, 17]) {
		for (const letter of ['a', 'O', 'l', 'x']) {
			const mutated = `${MODERN.slice(0, position)}${letter}${MODERN.slice(position + 1)}`;
			add(mutated, `${mutated}@g.us`);
		}
	}
	// Wrong suffixes.
	for (const suffix of [
		'@g.u',
		'@g.uss',
		'@gus',
		'@g-us',
		'@g.us.',
		'@@g.us',
		'@g.us@g.us',
		'-grp',
		'-groups',
		'_group',
		'group',
		'-group-group',
		'@group',
		'@broadcast',
		'@newsletter',
		'-group@g.u',
		'#g.us',
		'.g.us',
		'@g.us/',
		'@g.us?x=1',
		'@g.us;',
		',',
		'-',
		'.0',
		'@',
	]) {
		add(`${MODERN}${suffix}`);
	}
	// Wrong prefixes.
	for (const prefix of ['+', '0x', '@', '-', 'g.us@', 'id:', '#', 'jid=', 'group-', '"', "'", '[', '<']) {
		add(`${prefix}${MODERN}`);
	}
	// Unicode digits in place of ASCII digits (all of them, or only one).
	for (const zero of [0x0660, 0x06f0, 0x0966, 0x09e6, 0xff10, 0x1d7ce]) {
		const toUnicode = (digit: string) => String.fromCodePoint(zero + Number(digit));
		add(MODERN.replace(/\d/g, toUnicode));
		add(`${MODERN.slice(0, 9)}${toUnicode(MODERN[9])}${MODERN.slice(10)}@g.us`);
	}
	// Control and invisible characters inside or at the end.
	for (const char of ['\u0000', '\u0007', '\u001b', '\u007f', '\u200b', '\u200e', '\u00ad', '\u2060']) {
		add(`${MODERN.slice(0, 9)}${char}${MODERN.slice(9)}@g.us`, `${MODERN}${char}`);
	}
	// Legacy form, mutated.
	add(
		'1234567-1623281429',
		'5511999999999-16232814',
		'5511999999999-162328142912',
		'1234567890123456-1623281429',
		'5511999999999--1623281429',
		'5511999999999-1623281429-',
		'5511999999999-1623281429-group',
		'5511999999999-162328142a',
		'5511999999999_1623281429',
		'5511999999999.1623281429',
		'-1623281429',
		'5511999999999-',
		`${LEGACY}@g.us@g.us`,
		`${LEGACY}@g.u`,
		`+${LEGACY}`,
	);
	// Very long strings (the message shortens them).
	add(
		'x'.repeat(500),
		`${MODERN}${'a'.repeat(200)}`,
		'1-'.repeat(100),
		`${MODERN}${'@g.us'.repeat(20)}`,
		`${'1'.repeat(100)}-group-${'2'.repeat(100)}`,
		`${LEGACY}${'0'.repeat(90)}`,
	);
	// URLs that are not WhatsApp invite links, and broken invite links.
	add(
		`https://example.com/${MODERN}`,
		'https://wa.me/5511999999999',
		`https://chat.whatsapp.co/${CODE}`,
		`https://chat.whatsapp.com.evil.com/${CODE}`,
		`https://evil.com/chat.whatsapp.com/${CODE}`,
		`https://www.chat.whatsapp.com/${CODE}`,
		'https://web.whatsapp.com/',
		`whatsapp://chat?code=${CODE}`,
		'https://api.whatsapp.com/send?phone=5511999999999',
		`ftp://chat.whatsapp.com/${CODE}`,
		'https://chat.whatsapp.com/ABC',
		'https://chat.whatsapp.com/',
		`https://chat.whatsapp.com/${CODE}/extra`,
		'https://chat.whatsapp.com/<script>',
		`https://chat.whatsapp.com/${'A'.repeat(65)}`,
		`${MODERN}@g.us/https://chat.whatsapp.com/`,
	);
	// Other shapes people paste.
	add(
		`{"id":"${MODERN}@g.us"}`,
		`"${MODERN}@g.us"`,
		`[${MODERN}]`,
		`<${MODERN}@g.us>`,
		`${MODERN},${MODERN}`,
		`${MODERN};${LEGACY}`,
		'undefined',
		'null',
		'NaN',
		'1.20363019502650977e17',
		'120,363,019,502,650,977',
		'{{ $json.groupId }}',
		'=120363019502650977',
		'-group',
	);
	return [...new Set(out)];
}

describe('parseGroupId: generated malformed group IDs', () => {
	const malformed = malformedGroupIds();

	it('has at least 100 of them', () => {
		expect(malformed.length).toBeGreaterThanOrEqual(100);
	});

	const cases = strictProviders.flatMap(([provider, rules]) =>
		malformed.map((value) => ({ provider, rules, value, title: label(value) })),
	);
	it.each(cases)('$provider rejects $title', ({ rules, value }) => {
		const error = parseError(value, rules);
		expect(error).toBeInstanceOf(GroupIdError);
		if (value.trim() !== '') expect(error.message).toContain(shown(value));
	});

	it('shortens long values in the message to 77 characters and "..."', () => {
		const long = `${MODERN}${'a'.repeat(200)}`;
		const error = parseError(long, STRICT);
		expect(error.message).toBe(`The Group ID "${long.slice(0, 77)}..." is not a WhatsApp group ID`);
	});

	/**
	 * RyzeAPI also takes invite codes, so some malformed IDs (letters and dashes inside) pass as
	 * codes. They must never pass as a group, and those that are neither must be refused.
	 */
	const ryzeCases = malformed.map((value) => ({ value, title: label(value) }));
	it.each(ryzeCases)('RyzeAPI never reads $title as a group', ({ value }) => {
		let ref: GroupRef | undefined;
		try {
			ref = parseGroupId(value, ryzeApi.groupIdRules);
		} catch (error) {
			expect(error).toBeInstanceOf(GroupIdError);
			if (value.trim() !== '') expect((error as GroupIdError).message).toContain(shown(value));
			return;
		}
		expect(ref.kind).toBe('invite');
	});
});

describe('mistakes that look almost right', () => {
	// Group JIDs have 18 digits; a value of dozens of digits is a mistake, not a group.
	it.each(['1'.repeat(60), '9'.repeat(500), `${'1'.repeat(200)}@g.us`])(
		'rejects a very long all-digit value %#',
		(value) => {
			parseError(value, STRICT);
		},
	);

	// A mistyped group ID (or the text "undefined") is never sent to RyzeAPI as an invite code.
	it.each([
		'5511999999999-16232814',
		'1203630195026509-77',
		'5511999999999--1623281429',
		'5511999999999-1623281429-group',
		'120363019502650977-grp',
		'120363019502650977group',
		'-group',
		'undefined',
	])(
		'RyzeAPI refuses the mistyped group ID %s instead of sending it as an invite code',
		(value) => {
			parseError(value, ryzeApi.groupIdRules);
		},
	);
});

describe('Meta Cloud API group IDs (idForm meta)', () => {
	const valid = [...META_DOC_IDS, META_SIM_ID, `  ${META_SIM_ID}\n`, 'abcdefghijklmnopqrstuvwxyz0123456789ABCD', `${'A1'.repeat(128)}`];

	it.each(valid.map((input) => ({ input, title: label(input) })))('Meta accepts $title as given (trimmed), opaque', ({ input }) => {
		const ref = parseGroupId(input, META, 'Meta WhatsApp Cloud API');
		expect(ref).toEqual({ kind: 'opaque', id: input.trim(), input: input.trim() });
		// Never turned into a JID: the output and the request carry Meta's ID as given.
		expect(groupJid(ref)).toBeUndefined();
		expect(shownGroupId(ref)).toBe(input.trim());
		expect(zApiGroupId(ref)).toBe(input.trim());
	});

	// Input, the message's problem, text the hint must contain.
	const refused: Array<[string, string, RegExp]> = [
		[`${MODERN}@g.us`, 'is a WhatsApp group ID (…@g.us), not a Meta Cloud API group ID', /names groups by its own IDs/],
		[`${MODERN}-group`, 'is a WhatsApp group ID (…@g.us), not a Meta Cloud API group ID', /From List/],
		[MODERN, 'is a WhatsApp group ID (…@g.us), not a Meta Cloud API group ID', /Phone Number ID belongs in the credential/],
		[LEGACY, 'is a WhatsApp group ID (…@g.us), not a Meta Cloud API group ID', /Get Many Groups/],
		[`${LEGACY}@g.us`, 'is a WhatsApp group ID (…@g.us), not a Meta Cloud API group ID', /group_id/],
		[`${META_SIM_ID}@g.us`, 'is a WhatsApp group ID (…@g.us), not a Meta Cloud API group ID', /its own IDs/],
		['5511999999999', 'looks like a phone number, not a group', /phone number/],
		['+5511999999999', 'looks like a phone number, not a group', /Phone Number ID/],
		['106540352242922', 'looks like a phone number, not a group', /credential/],
		[`https://chat.whatsapp.com/${CODE}`, 'is an invite link, not a group ID', /cannot look an invite link up/],
		[`chat.whatsapp.com/${CODE}`, 'is an invite link, not a group ID', /From List/],
		[CODE, 'looks like an invite code, not a Meta Cloud API group ID', /cannot look an invite code up/],
		[META_SIM_ID.slice(0, 20), 'looks like an invite code, not a Meta Cloud API group ID', /From List/],
		[META_SIM_ID.slice(0, 39), 'is not a Meta Cloud API group ID', /From List/],
		[`${MODERN}@c.us`, 'is a contact, not a group', /Y2FwaV9ncm91cD/],
		['5511999999999@s.whatsapp.net', 'is a contact, not a group', /Y2FwaV9ncm91cD/],
		[`${META_SIM_ID.slice(0, 20)} ${META_SIM_ID.slice(20)}`, 'contains spaces', /Y2FwaV9ncm91cD/],
		['hello', 'is not a Meta Cloud API group ID', /Y2FwaV9ncm91cD/],
		['1'.repeat(60), 'is not a Meta Cloud API group ID', /Y2FwaV9ncm91cD/],
		[`${META_SIM_ID}.`, 'is not a Meta Cloud API group ID', /Y2FwaV9ncm91cD/],
		[`${META_SIM_ID}%3D`, 'is not a Meta Cloud API group ID', /Y2FwaV9ncm91cD/],
		[`https://graph.facebook.com/v26.0/${META_SIM_ID}/invite_link`, 'is not a Meta Cloud API group ID', /Y2FwaV9ncm91cD/],
		[META_SIM_ID.repeat(5), 'is not a Meta Cloud API group ID', /Y2FwaV9ncm91cD/],
	];
	it.each(refused.map(([input, problem, hint]) => ({ input, problem, hint, title: label(input) })))(
		'Meta refuses $title: $problem',
		({ input, problem, hint }) => {
			const error = parseError(input, META);
			expect(error.message).toBe(`The Group ID ${shown(input)} ${problem}`);
			expect(error.hint).toMatch(hint);
			// Never a WhatsApp example for Meta: it says what to use instead, in Meta's form.
			expect(error.hint).not.toContain('120363019502650977@g.us');
		},
	);

	it("names the provider in the hint when it is given, and says 'This provider' otherwise", () => {
		expect(parseError(`${MODERN}@g.us`, META).hint).toMatch(/^This provider names groups by its own IDs/);
		expect(parseGroupIdHint(`${MODERN}@g.us`, META, 'Meta WhatsApp Cloud API')).toMatch(/^Meta WhatsApp Cloud API names groups by its own IDs/);
	});

	it('the empty value and non-text values get a hint with a Meta group ID example', () => {
		expect(parseError('', META).hint).toBe(
			`Set Group ID to a Meta Cloud API group ID, e.g. ${META_GROUP_ID_EXAMPLE}. If it comes from an expression, check that the field exists in the input item.`,
		);
		expect(parseError(42, META).hint).toContain(`a Meta Cloud API group ID, e.g. ${META_GROUP_ID_EXAMPLE}`);
	});
});

describe('every other provider refuses a Meta Cloud API group ID before any request', () => {
	const cases = providers.flatMap(([provider, rules]) =>
		[...META_DOC_IDS, META_SIM_ID, ` ${META_SIM_ID} `].map((input) => ({ provider, rules, input })),
	);

	it.each(cases)('$provider refuses $input, saying which IDs it uses', ({ provider, rules, input }) => {
		const error = parseError(input, rules);
		expect(error.message).toBe(`The Group ID ${shown(input)} is a Meta Cloud API group ID`);
		const named = parseGroupIdHint(input, rules, provider);
		expect(named).toBe(
			`${provider} uses WhatsApp group IDs such as 120363019502650977@g.us (or 120363019502650977-group). A Meta group ID works only with the provider Meta WhatsApp Cloud API.`,
		);
		expect(error.hint).toMatch(/^This provider uses WhatsApp group IDs such as 120363019502650977@g\.us/);
	});

	it('RyzeAPI never takes a Meta group ID for an invite code', () => {
		expect(parseError(META_SIM_ID, ryzeApi.groupIdRules).message).toContain('is a Meta Cloud API group ID');
	});
});

describe('canonicalGroupId (group lists, in the provider form)', () => {
	it.each([
		[`${MODERN}@g.us`, `${MODERN}@g.us`],
		[`${MODERN}-group`, `${MODERN}@g.us`],
		[META_SIM_ID, undefined],
		[{ _serialized: `${MODERN}@g.us` }, `${MODERN}@g.us`],
		['5511999999999@c.us', undefined],
	])('for WhatsApp group IDs, %j is %j', (value, expected) => {
		expect(canonicalGroupId(value, { acceptsInvite: false })).toBe(expected);
	});

	it.each([
		[META_SIM_ID, META_SIM_ID],
		[` ${META_SIM_ID} `, META_SIM_ID],
		[`${MODERN}@g.us`, undefined],
		[MODERN, undefined],
		[CODE, undefined],
		[{ id: META_SIM_ID }, undefined],
		[42, undefined],
		[undefined, undefined],
	])('for Meta, %j is %j', (value, expected) => {
		expect(canonicalGroupId(value, META)).toBe(expected);
	});
});

/** The hint of a GroupIdError raised with the provider's name. */
function parseGroupIdHint(raw: unknown, rules: GroupIdRules, provider: string): string {
	try {
		parseGroupId(raw, rules, provider);
	} catch (error) {
		if (error instanceof GroupIdError) return error.hint;
		throw error;
	}
	throw new Error('expected a GroupIdError');
}
