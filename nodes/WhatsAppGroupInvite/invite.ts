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

/** An invite code as WhatsApp issues it: letters and digits (22 today; older and test codes are shorter). */
const INVITE_CODE = /^[A-Za-z0-9_-]{6,64}$/;
const INVITE_LINK = /^(?:https?:\/\/)?chat\.whatsapp\.com\/(?:invite\/)?([A-Za-z0-9_-]{6,64})\/?(?:[?#].*)?$/i;

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

/**
 * A code that is shaped like one, for answers that are a bare string or a loosely named field: 16 or
 * more characters (WhatsApp issues 22; a code may have no digit), or a shorter one with both letters
 * and digits. Words such as "Unauthorized", "WORKING" or "invalid_session" are not codes.
 */
const CODE_SHAPED = /^(?:[A-Za-z0-9_-]{16,64}|(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9_-]{6,15})$/;

export function isCodeShaped(code: string): boolean {
	return CODE_SHAPED.test(code);
}

/** A vendor's bare-string answer as an invite: a link, or a code shaped like one. */
export function bareInvite(value: unknown): Invite | undefined {
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (inviteCodeFromLink(text) !== undefined || isCodeShaped(text)) return toInvite(text);
	return undefined;
}

/** The first of the given values that is a link or a code. */
export function firstInvite(...values: unknown[]): Invite | undefined {
	for (const value of values) {
		const invite = toInvite(value);
		if (invite) return invite;
	}
	return undefined;
}
