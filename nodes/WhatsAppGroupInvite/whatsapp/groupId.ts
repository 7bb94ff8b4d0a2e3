/**
 * Group ID rules: the one place that decides what a valid group identifier is and which form each
 * vendor is sent.
 *
 * Each provider says which form of group ID it takes (GroupIdRules.idForm):
 *
 * `jid` (the default: the gateways built on WhatsApp's own protocol). Accepted, surrounding whitespace
 * ignored, `@g.us` optional:
 * - `120363019502650977@g.us`, `120363019502650977-group`, `120363019502650977` (16 or more digits)
 * - the legacy form `5511999999999-1623281429` (creator's phone, a dash, the creation timestamp)
 * - for providers that accept them (RyzeAPI), an invite link or an invite code
 * A Meta Cloud API group ID is refused before any request, saying which form this provider uses.
 *
 * `meta` (Meta's WhatsApp Cloud API): its own opaque group IDs, letters and digits, e.g.
 * `Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD` (Meta's Groups API reference,
 * developers.facebook.com/documentation/business-messaging/whatsapp/groups/reference). They are sent
 * as given and never decoded or built. A `…@g.us` group ID, a phone number, an invite link or an
 * invite code is refused before any request, saying what to use instead.
 */
import { inviteCodeFromLink } from './invite';

export type GroupRef =
	| {
			/** A group JID; `id` is the part before `@g.us` (digits, or `<phone>-<timestamp>`). */
			kind: 'group' | 'legacy';
			id: string;
			jid: string;
			input: string;
	  }
	| {
			/** An invite code or link, resolved by the vendor itself. */
			kind: 'invite';
			inviteCode: string;
			input: string;
	  }
	| {
			/** A provider's own opaque group ID (idForm `meta`): `id` is the trimmed input, sent as is. */
			kind: 'opaque';
			id: string;
			input: string;
	  };

/**
 * Which group IDs a provider takes: `jid`, WhatsApp's own group IDs (`…@g.us` and their spellings);
 * `meta`, the opaque group IDs of Meta's WhatsApp Cloud API, which are not JIDs.
 */
export type GroupIdForm = 'jid' | 'meta';

export interface GroupIdRules {
	/** Whether the vendor accepts an invite link or invite code in place of the group ID. */
	acceptsInvite: boolean;
	/** The form of group ID the vendor takes; `jid` when absent. */
	idForm?: GroupIdForm;
}

export class GroupIdError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'GroupIdError';
	}
}

const EXAMPLE = 'e.g. 120363019502650977@g.us or 120363019502650977-group';
/** A group ID from Meta's Groups API reference (the one of its two examples that decodes cleanly). */
export const META_GROUP_ID_EXAMPLE = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD';
const META_EXAMPLE = `e.g. ${META_GROUP_ID_EXAMPLE}`;
/**
 * A Meta Cloud API group ID: opaque letters and digits (52 to 64 today; base64 with Meta's own
 * escaping, so no `=`), with room for the base64 alphabets should Meta's escaping change; at least
 * one letter. Invite codes (16 to 32) and group numbers (all digits) are shorter or all digits.
 */
const META_ID = /^(?=.*[A-Za-z])[A-Za-z0-9+/=_-]{40,256}$/;
/**
 * How a provider that takes WhatsApp group IDs recognizes a Meta group ID: every one Meta documents
 * starts with `Y2FwaV9ncm91cD` (base64 of "capi_group").
 */
const META_PREFIX = /^Y2FwaV9ncm91cD[A-Za-z0-9+/=_-]{8,242}$/;
// Group JIDs have 18 digits today; allow some room, but a 60-digit value is a mistake.
const MODERN = /^(\d{16,24})$/;
const MODERN_SUFFIXED = /^(\d{16,24})-group$/i;
/**
 * A bare invite code typed by a user: 16 to 32 letters and digits (WhatsApp issues 22), with at least
 * one letter and not starting like a group ID, so that a mistyped group ID (or a word such as
 * "undefined") is never sent as an invite code. A code may well have no digit at all.
 */
const USER_INVITE_CODE = /^(?=.*[A-Za-z])(?!\d{8})[A-Za-z0-9]{16,32}$/;
const LEGACY = /^(\d{8,15}-\d{9,11})$/;
const CONTACT_SUFFIX = /@(c\.us|s\.whatsapp\.net|lid)$/i;

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'undefined (no value)';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'number') return `the number ${value}`;
	if (typeof value === 'boolean') return `the boolean ${value}`;
	return `a ${typeof value}`;
}

/** Shows a user's value in a message: quoted, and shortened when it is long. */
export function quote(value: string): string {
	const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
	return `"${shown}"`;
}

/** The example shown in hints, in the provider's form. */
function exampleFor(rules: GroupIdRules): string {
	return rules.idForm === 'meta' ? META_EXAMPLE : EXAMPLE;
}

/** What to set the Group ID to, in the provider's form. */
function kindFor(rules: GroupIdRules): string {
	return rules.idForm === 'meta' ? 'a Meta Cloud API group ID' : 'a WhatsApp group ID';
}

/**
 * Reads a Group ID with the provider's rules. `provider` (its display name) is only used in messages
 * that say which form this provider takes.
 */
export function parseGroupId(raw: unknown, rules: GroupIdRules, provider?: string): GroupRef {
	const example = exampleFor(rules);
	if (typeof raw !== 'string') {
		const numberHint =
			typeof raw === 'number'
				? ' Group IDs are longer than a JavaScript number can hold exactly: pass them as text, e.g. {{ String($json.groupId) }}.'
				: '';
		throw new GroupIdError(
			`The Group ID must be text, but it is ${describe(raw)}`,
			`Set Group ID to ${kindFor(rules)}, ${example}.${numberHint}`,
		);
	}
	const input = raw.trim();
	if (input === '') {
		throw new GroupIdError(
			'The Group ID is empty',
			`Set Group ID to ${kindFor(rules)}, ${example}. If it comes from an expression, check that the field exists in the input item.`,
		);
	}
	if (/\s/.test(input)) {
		throw new GroupIdError(
			`The Group ID ${quote(input)} contains spaces`,
			`A group ID has no spaces inside, ${example}.`,
		);
	}
	if (CONTACT_SUFFIX.test(input)) {
		throw new GroupIdError(
			`The Group ID ${quote(input)} is a contact, not a group`,
			`IDs ending in @c.us, @s.whatsapp.net or @lid belong to people. Use the group's ID, ${example}.`,
		);
	}

	if (rules.idForm === 'meta') return parseMetaGroupId(input, provider);

	if (META_PREFIX.test(input)) {
		throw new GroupIdError(
			`The Group ID ${quote(input)} is a Meta Cloud API group ID`,
			`${provider ?? 'This provider'} uses WhatsApp group IDs such as 120363019502650977@g.us (or 120363019502650977-group). A Meta group ID works only with the provider Meta WhatsApp Cloud API.`,
		);
	}

	if (rules.acceptsInvite) {
		const code = inviteCodeFromLink(input);
		if (code !== undefined) return { kind: 'invite', inviteCode: code, input };
	}

	const bare = input.replace(/@g\.us$/i, '');
	const modern = MODERN.exec(bare) ?? MODERN_SUFFIXED.exec(bare);
	if (modern) {
		return { kind: 'group', id: modern[1], jid: `${modern[1]}@g.us`, input };
	}
	const legacy = LEGACY.exec(bare);
	if (legacy) {
		return { kind: 'legacy', id: legacy[1], jid: `${legacy[1]}@g.us`, input };
	}
	if (/^\+?\d{5,15}$/.test(bare)) {
		throw new GroupIdError(
			`The Group ID ${quote(input)} looks like a phone number, not a group`,
			`Group IDs have 16 or more digits (or the older <phone>-<timestamp> form), ${example}.`,
		);
	}
	if (rules.acceptsInvite && bare === input && USER_INVITE_CODE.test(input)) {
		return { kind: 'invite', inviteCode: input, input };
	}
	const alsoInvite = rules.acceptsInvite ? ', an invite link or an invite code' : '';
	throw new GroupIdError(
		`The Group ID ${quote(input)} is not a WhatsApp group ID`,
		`Use a group ID${alsoInvite}, ${example}. You can list your groups' IDs in your provider's panel.`,
	);
}

/**
 * A Group ID for a provider whose groups have Meta's opaque IDs (idForm `meta`), after the checks
 * every form shares (text, not empty, no spaces, not a contact).
 */
function parseMetaGroupId(input: string, provider?: string): GroupRef {
	const name = provider ?? 'This provider';
	const where = `Use the group's ID as Meta gives it, ${META_EXAMPLE}: pick the group From List, list the IDs with Get Many Groups, or copy group_id from Meta's group webhooks.`;
	if (inviteCodeFromLink(input) !== undefined) {
		throw new GroupIdError(
			`The Group ID ${quote(input)} is an invite link, not a group ID`,
			`${name} cannot look an invite link up. ${where}`,
		);
	}
	const bare = input.replace(/@g\.us$/i, '');
	if (bare !== input || MODERN.test(bare) || MODERN_SUFFIXED.test(bare) || LEGACY.test(bare)) {
		throw new GroupIdError(
			`The Group ID ${quote(input)} is a WhatsApp group ID (…@g.us), not a Meta Cloud API group ID`,
			`${name} names groups by its own IDs, not by WhatsApp's …@g.us. ${where} (A Phone Number ID belongs in the credential.)`,
		);
	}
	if (/^\+?\d{5,15}$/.test(input)) {
		throw new GroupIdError(
			`The Group ID ${quote(input)} looks like a phone number, not a group`,
			`${where} A phone number (or the Phone Number ID, which belongs in the credential) is not a group.`,
		);
	}
	if (META_ID.test(input)) return { kind: 'opaque', id: input, input };
	if (USER_INVITE_CODE.test(input)) {
		throw new GroupIdError(
			`The Group ID ${quote(input)} looks like an invite code, not a Meta Cloud API group ID`,
			`${name} cannot look an invite code up. ${where}`,
		);
	}
	throw new GroupIdError(`The Group ID ${quote(input)} is not a Meta Cloud API group ID`, `${where}`);
}

/** The `<id>@g.us` form, or undefined for an invite code the vendor resolves itself or an opaque ID. */
export function groupJid(ref: GroupRef): string | undefined {
	return ref.kind === 'invite' || ref.kind === 'opaque' ? undefined : ref.jid;
}

/**
 * The group as the node outputs it (`groupId`): the canonical `<id>@g.us`, the provider's own ID as
 * given, or for an invite the link or code as given.
 */
export function shownGroupId(ref: GroupRef): string {
	if (ref.kind === 'invite') return ref.input;
	return ref.kind === 'opaque' ? ref.id : ref.jid;
}

/** The form Z-API documents: `<digits>-group`, or the legacy `<phone>-<timestamp>` unchanged. */
export function zApiGroupId(ref: GroupRef): string {
	if (ref.kind === 'invite') return ref.inviteCode;
	if (ref.kind === 'opaque') return ref.id;
	return ref.kind === 'group' ? `${ref.id}-group` : ref.id;
}

/**
 * The canonical `<id>@g.us` of a group as a vendor reports it in a list or a lookup: `…@g.us`,
 * Z-API's `…-group`, the older `<phone>-<timestamp>`, or an id object (`{_serialized}` or
 * `{user, server: "g.us"}`), or the bare group number. Undefined for anything else (a contact, a community announcement
 * channel's non-group id, a missing value), so a listed entry is never guessed into a group.
 */
export function canonicalGroupJid(value: unknown): string | undefined {
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
		const id = value as { _serialized?: unknown; user?: unknown; server?: unknown };
		if (typeof id._serialized === 'string') return canonicalGroupJid(id._serialized);
		if (typeof id.user === 'string' && id.server === 'g.us') return canonicalGroupJid(`${id.user}@g.us`);
		return undefined;
	}
	if (typeof value !== 'string') return undefined;
	try {
		return groupJid(parseGroupId(value, { acceptsInvite: false }));
	} catch {
		return undefined;
	}
}

/**
 * The canonical group ID, in the provider's form, of a group as the vendor reports it in a list or a
 * lookup: for `jid` providers canonicalGroupJid; for `meta` the vendor's opaque ID, trimmed.
 * Undefined for anything that is not a group ID in that form.
 */
export function canonicalGroupId(value: unknown, rules: GroupIdRules): string | undefined {
	if (rules.idForm !== 'meta') return canonicalGroupJid(value);
	if (typeof value !== 'string') return undefined;
	try {
		const ref = parseGroupId(value, { ...rules, acceptsInvite: false });
		return ref.kind === 'opaque' ? ref.id : undefined;
	} catch {
		return undefined;
	}
}
