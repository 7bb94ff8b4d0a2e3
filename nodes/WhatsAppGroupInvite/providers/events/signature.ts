/**
 * Proving a webhook request is the gateway's: HMAC signatures and comparisons in
 * constant time (a comparison that stops at the first different byte tells an attacker how much of a
 * guess was right).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Whether two texts are equal, in time that does not depend on where they differ. */
export function sameSecret(given: string | undefined, expected: string | undefined): boolean {
	if (given === undefined || expected === undefined || expected === '') return false;
	const a = Buffer.from(given, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	// timingSafeEqual needs equal lengths; comparing b with itself keeps the time the same.
	const equal = timingSafeEqual(a.length === b.length ? a : b, b);
	return equal && a.length === b.length;
}

/** The hex HMAC of a body. */
export function hmacHex(algorithm: 'sha256' | 'sha512', key: string, body: Buffer): string {
	return createHmac(algorithm, key).update(body).digest('hex');
}

/**
 * Whether `signature` (hex, with an optional `sha256=`-style prefix, any case) is the HMAC of the body
 * with the key. False for a missing signature.
 */
export function validHmac(signature: string | undefined, algorithm: 'sha256' | 'sha512', key: string, body: Buffer): boolean {
	if (signature === undefined) return false;
	const given = signature.trim().replace(/^sha(?:256|512)=/i, '').toLowerCase();
	return sameSecret(given, hmacHex(algorithm, key, body));
}
