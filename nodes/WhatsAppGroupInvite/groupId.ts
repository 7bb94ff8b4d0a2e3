/**
 * Group ID rules: the one place that decides what a valid group identifier is and which form each
 * vendor is sent.
 *
 * Accepted (surrounding whitespace ignored, `@g.us` optional):
 * - `120363019502650977@g.us`, `120363019502650977-group`, `120363019502650977` (16 or more digits)
 * - the legacy form `5511999999999-1623281429` (creator's phone, a dash, the creation timestamp)
 * - for providers that accept them (RyzeAPI), an invite link or an invite code
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
	  };

export interface GroupIdRules {
	/** Whether the vendor accepts an invite link or invite code in place of the group ID. */
	acceptsInvite: boolean;
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

export function parseGroupId(raw: unknown, rules: GroupIdRules): GroupRef {
	if (typeof raw !== 'string') {
		const numberHint =
			typeof raw === 'number'
				? ' Group IDs are longer than a JavaScript number can hold exactly: pass them as text, e.g. {{ String($json.groupId) }}.'
				: '';
		throw new GroupIdError(
			`The Group ID must be text, but it is ${describe(raw)}`,
			`Set Group ID to a WhatsApp group ID, ${EXAMPLE}.${numberHint}`,
		);
	}
	const input = raw.trim();
	if (input === '') {
		throw new GroupIdError(
			'The Group ID is empty',
			`Set Group ID to a WhatsApp group ID, ${EXAMPLE}. If it comes from an expression, check that the field exists in the input item.`,
		);
	}
	if (/\s/.test(input)) {
		throw new GroupIdError(
			`The Group ID ${quote(input)} contains spaces`,
			`A group ID has no spaces inside, ${EXAMPLE}.`,
		);
	}
	if (CONTACT_SUFFIX.test(input)) {
		throw new GroupIdError(
			`The Group ID ${quote(input)} is a contact, not a group`,
			`IDs ending in @c.us, @s.whatsapp.net or @lid belong to people. Use the group's ID, ${EXAMPLE}.`,
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
			`Group IDs have 16 or more digits (or the older <phone>-<timestamp> form), ${EXAMPLE}.`,
		);
	}
	if (rules.acceptsInvite && bare === input && USER_INVITE_CODE.test(input)) {
		return { kind: 'invite', inviteCode: input, input };
	}
	const alsoInvite = rules.acceptsInvite ? ', an invite link or an invite code' : '';
	throw new GroupIdError(
		`The Group ID ${quote(input)} is not a WhatsApp group ID`,
		`Use a group ID${alsoInvite}, ${EXAMPLE}. You can list your groups' IDs in your provider's panel.`,
	);
}

/** The `<id>@g.us` form, or undefined for an invite code the vendor resolves itself. */
export function groupJid(ref: GroupRef): string | undefined {
	return ref.kind === 'invite' ? undefined : ref.jid;
}

/** The form Z-API documents: `<digits>-group`, or the legacy `<phone>-<timestamp>` unchanged. */
export function zApiGroupId(ref: GroupRef): string {
	if (ref.kind === 'invite') return ref.inviteCode;
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
		const ref = parseGroupId(value, { acceptsInvite: false });
		return ref.kind === 'invite' ? undefined : ref.jid;
	} catch {
		return undefined;
	}
}
