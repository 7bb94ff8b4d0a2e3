/**
 * Reading vendors' group-event payloads: participants, times and the events the user chose. Shared by
 * the event sources (./<provider>.ts); WhatsApp's own id rules stay in ../../whatsapp.
 */
import { canonicalGroupJid } from '../../whatsapp/groupId';
import { requesterFromVendor } from '../../whatsapp/requester';
import { field, text } from '../read';
import type { GroupEventName, JoinedVia, ParticipantEvent } from './types';

export { field, text };

/**
 * A participant as a vendor gives it (a JID in any spelling, `{id}` / `{jid}` objects, or bare phone
 * digits), canonical, with the phone when known; undefined for anything else (never guessed).
 * `phone`: a phone number the vendor gives beside a LID.
 */
export function personOf(value: unknown, phone?: unknown): { participant: string; phone?: string } | undefined {
	const raw =
		value !== null && typeof value === 'object' && !Array.isArray(value)
			? (field(value, '_serialized') ?? field(value, 'id') ?? field(value, 'jid') ?? field(value, 'JID'))
			: value;
	const found = requesterFromVendor(typeof raw === 'object' && raw !== null ? field(raw, '_serialized') : raw, phone);
	if (!found) return undefined;
	return found.phone === undefined ? { participant: found.jid } : { participant: found.jid, phone: found.phone };
}

/** The canonical group JID of a vendor's group field, or undefined. */
export function groupOf(value: unknown): string | undefined {
	return canonicalGroupJid(value);
}

/**
 * An ISO 8601 time from Unix seconds or milliseconds (a number or numeric text) or an RFC 3339 text;
 * `now` (the time received) when the vendor gives none or an unreadable one.
 */
export function timeOf(value: unknown, now: Date = new Date()): string {
	const numeric = typeof value === 'string' && /^\d+(?:\.\d+)?$/.test(value.trim()) ? Number(value) : value;
	if (typeof numeric === 'number' && Number.isFinite(numeric) && numeric > 0) {
		// Seconds until the year 5138; a larger number is milliseconds.
		const date = new Date(numeric > 1e11 ? numeric : numeric * 1000);
		if (!Number.isNaN(date.getTime())) return date.toISOString();
	}
	const raw = text(value);
	if (raw !== undefined) {
		const time = Date.parse(raw);
		// Go's zero time (0001-01-01) and other times before 1971 are "no time".
		if (!Number.isNaN(time) && time > 31_536_000_000) return new Date(time).toISOString();
	}
	return now.toISOString();
}

/** One event per participant that reads as a person; the ones that do not are left out, never guessed. */
export function eventsFor(
	event: GroupEventName,
	groupId: string,
	participants: unknown[],
	common: { timestamp: string; joinedVia?: JoinedVia; requestMethod?: string; by?: unknown },
	phoneOf?: (participant: unknown) => unknown,
): ParticipantEvent[] {
	const by = common.by === undefined ? undefined : personOf(common.by)?.participant;
	const out: ParticipantEvent[] = [];
	for (const entry of participants) {
		const person = personOf(entry, phoneOf?.(entry));
		if (!person) continue;
		out.push({
			event,
			groupId,
			...person,
			...(event === 'memberJoined' ? { joinedVia: common.joinedVia ?? 'unknown' } : {}),
			...(common.requestMethod === undefined ? {} : { requestMethod: common.requestMethod }),
			...(by === undefined ? {} : { by }),
			timestamp: common.timestamp,
		});
	}
	return out;
}

/** A list from a field that may be one value or an array. */
export function listOf(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	return value === undefined || value === null || value === '' ? [] : [value];
}

/** Lower-case header lookup helper for sources. */
export function header(headers: Record<string, string | undefined>, name: string): string | undefined {
	return headers[name.toLowerCase()];
}
