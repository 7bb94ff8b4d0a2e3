/**
 * Invite link and invite code rules, shared by every provider adapter.
 *
 * WhatsApp invite links look like `https://chat.whatsapp.com/<code>`; vendors return either the link,
 * the bare code, or both. The node always outputs both.
 */

export const INVITE_LINK_PREFIX = 'https://chat.whatsapp.com/';

export interface Invite {
	inviteCode: string;
	inviteLink: string;
}

/**
 * An invite code as WhatsApp issues it: letters and digits only, 22 of them today (Whapi.Cloud's
 * OpenAPI spec: `^[A-Za-z0-9]{22}$`). 16 to 32 are accepted, the same range as a typed code
 * (groupId.ts). No `_` or `-`: error names such as "invalid_session" or "not-authorized" are never codes.
 */
const INVITE_CODE = /^[A-Za-z0-9]{16,32}$/;
const INVITE_LINK = /^(?:https?:\/\/)?chat\.whatsapp\.com\/(?:invite\/)?([A-Za-z0-9]{16,32})\/?(?:[?#].*)?$/i;

export function isInviteCode(value: string): boolean {
	return INVITE_CODE.test(value) && !/^\d+$/.test(value);
}

/** The code inside an invite link, or undefined when the text is not an invite link. */
export function inviteCodeFromLink(value: string): string | undefined {
	const code = INVITE_LINK.exec(value.trim())?.[1];
	return code === undefined || code.toLowerCase() === 'invite' ? undefined : code;
}

/**
 * Turns what a vendor returned (a link or a bare code) into both forms.
 * Returns undefined for anything that is neither, so callers can report a clear error.
 */
export function toInvite(value: unknown): Invite | undefined {
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (text === '') return undefined;
	const fromLink = inviteCodeFromLink(text);
	const code = fromLink ?? (isInviteCode(text) ? text : undefined);
	if (code === undefined) return undefined;
	return { inviteCode: code, inviteLink: `${INVITE_LINK_PREFIX}${code}` };
}

/** The first of the given values that is a link or a code. */
export function firstInvite(...values: unknown[]): Invite | undefined {
	for (const value of values) {
		const invite = toInvite(value);
		if (invite) return invite;
	}
	return undefined;
}
