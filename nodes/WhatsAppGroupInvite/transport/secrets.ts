/**
 * Secret redaction. Z-API puts the instance token in the URL path and Wawp the access token in the
 * query string, so anything that may echo a URL or a vendor message goes through here before it
 * leaves the node.
 */

export const REDACTED = '***';

/** Keeps the values worth redacting, longest first so a secret containing another is replaced whole. */
export function secretList(values: unknown[]): string[] {
	const list = new Set<string>();
	for (const value of values) {
		if (typeof value !== 'string' && typeof value !== 'number') continue;
		const secret = String(value).trim();
		if (secret.length < 4) continue;
		const encoded = encodeURIComponent(secret);
		list.add(secret);
		list.add(encoded);
		// The other spellings a URL or a form may give it.
		list.add(encoded.replace(/%20/g, '+'));
		list.add(encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
	}
	return [...list].sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (result.includes(secret)) result = result.split(secret).join(REDACTED);
	}
	return result;
}

/** Redacts every string inside a JSON-like value (used for the optional `raw` output). */
export function redactDeep<T>(value: T, secrets: string[]): T {
	if (secrets.length === 0) return value;
	if (typeof value === 'string') return redact(value, secrets) as T;
	if (typeof value === 'number' && secrets.includes(String(value))) return REDACTED as T;
	if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, secrets)) as T;
	if (value !== null && typeof value === 'object') {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) copy[key] = redactDeep(entry, secrets);
		return copy as T;
	}
	return value;
}
