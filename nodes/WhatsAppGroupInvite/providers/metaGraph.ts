/**
 * The Graph API's shared shapes for the Meta WhatsApp Cloud API adapter and its join requests:
 * numbers as Meta sends them, its error code, the throttling codes, a group's edge path.
 */
import type { GroupRef } from '../whatsapp/groupId';
import { field } from './read';

export /** Error codes that are a rate limit (the request was refused and changed nothing). */
const THROTTLING = new Set([4, 17, 341, 80007, 130429, 131048, 131056, 131208]);

/** Whether a Graph error body is a rate limit (Meta refused and changed nothing). */
export function isThrottled(body: unknown): boolean {
	const code = errorCode(body);
	return code !== undefined && THROTTLING.has(code);
}

export /** A number from a number or a numeric string (Meta's examples quote some numbers). */
function numberOf(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
	return undefined;
}

export function errorCode(body: unknown): number | undefined {
	return numberOf(field(body, 'error', 'code'));
}

/** A group's edge: `/{group_id}/{edge}` (the id sent as given, percent-encoded). */
export function groupPath(group: GroupRef, edge = 'invite_link'): string {
	const id = group.kind === 'opaque' ? group.id : group.input;
	return `/${encodeURIComponent(id)}/${edge}`;
}
