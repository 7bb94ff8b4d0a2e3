/**
 * Who asked to join a group: the forms a user gives (one per item) and the forms vendors report,
 * read into one canonical requester. WhatsApp names a person by a phone-number JID
 * (`<digits>@s.whatsapp.net`, `<digits>@c.us` in WhatsApp Web's spelling) or, where the number is
 * hidden, by a LID (`<digits>@lid`); a LID is never a phone number and is never turned into one.
 */
import { quote } from './groupId';

export interface Requester {
	/** `<digits>@s.whatsapp.net` for a phone number, `<digits>@lid` for a LID. */
	jid: string;
	/** The phone number's digits (country code first), when the requester is a phone number. */
	phone?: string;
	/** The LID's digits, when the requester is a LID. */
	lid?: string;
}

export class RequesterError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'RequesterError';
	}
}

/** Phone numbers have at most 15 digits (E.164); WhatsApp's shortest have 8 with the country code. */
const PHONE = /^\d{8,15}$/;
/** LIDs are opaque digits, usually 14 or 15, never with a country code to check. */
const LID = /^\d{6,20}$/;

const HINT =
	'Give the requester as a phone number with its country code (e.g. 5511999999999 or +55 11 99999-9999), or as Get Many Join Requests outputs it (e.g. 5511999999999@s.whatsapp.net or 123456789012345@lid).';

/**
 * The requester a user gave: a phone number (digits, with or without `+`, spaces, dashes, dots or
 * brackets), `…@s.whatsapp.net`, `…@c.us` (a device suffix `:12` is dropped) or `…@lid`.
 */
export function parseRequester(raw: unknown): Requester {
	if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0) return parseRequester(String(raw));
	if (typeof raw !== 'string' || raw.trim() === '') {
		const empty = raw === undefined || raw === null || typeof raw === 'string';
		throw new RequesterError(empty ? 'The requester is empty' : 'The requester must be text or a phone number', HINT);
	}
	const input = raw.trim();
	const jid = /^\+?(\d+)(?::\d+)?@(s\.whatsapp\.net|c\.us|lid)$/i.exec(input);
	if (jid) {
		const [, digits, server] = jid;
		if (server.toLowerCase() === 'lid') {
			if (!LID.test(digits)) throw new RequesterError(`${quote(input)} is not a valid LID`, HINT);
			return { jid: `${digits}@lid`, lid: digits };
		}
		if (!PHONE.test(digits)) throw new RequesterError(`${quote(input)} is not a valid phone number`, HINT);
		return { jid: `${digits}@s.whatsapp.net`, phone: digits };
	}
	if (/@g\.us$/i.test(input) || /-group$/i.test(input)) {
		throw new RequesterError(`${quote(input)} is a group, not a person who asked to join`, HINT);
	}
	if (/^\+?[\d\s().-]+$/.test(input)) {
		const digits = input.replace(/\D/g, '');
		if (!PHONE.test(digits)) {
			throw new RequesterError(`${quote(input)} is not a phone number: it has ${digits.length} digits`, HINT);
		}
		return { jid: `${digits}@s.whatsapp.net`, phone: digits };
	}
	throw new RequesterError(`${quote(input)} is not a phone number or a WhatsApp ID`, HINT);
}

/**
 * A requester as a vendor reports it (a JID in any spelling, or bare phone digits), or undefined when
 * it is none of those. `phone`: the phone number the vendor gives beside a LID, if any.
 */
export function requesterFromVendor(id: unknown, phone?: unknown): Requester | undefined {
	let found: Requester | undefined;
	try {
		found = parseRequester(id);
	} catch {
		return undefined;
	}
	if (found.phone === undefined && phone !== undefined && phone !== null && phone !== '') {
		try {
			const other = parseRequester(phone);
			if (other.phone !== undefined) return { ...found, phone: other.phone };
		} catch {
			// A vendor's unreadable phone field leaves the requester without a phone.
		}
	}
	return found;
}

/** Whether two requesters are the same person as far as their ids tell (a LID matches only itself). */
export function sameRequester(a: Requester, b: Requester): boolean {
	return a.jid === b.jid || (a.phone !== undefined && a.phone === b.phone);
}
