/**
 * Reading HTTP answers: headers, rate-limit waits, bodies that may or may not be JSON, status names.
 */

export type Headers = Record<string, unknown>;

export function header(headers: Headers | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	// Only an HTTP date (e.g. "Wed, 21 Oct 2026 07:28:00 GMT"): Date.parse reads odd text as dates.
	if (!/^[A-Za-z]{3},? +\d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4} +\d{2}:\d{2}:\d{2} +GMT$/.test(trimmed)) {
		return undefined;
	}
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Parses `X-RateLimit-Reset`: epoch seconds, epoch milliseconds or seconds from now. */
export function parseRateLimitReset(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
	const number = Number(value.trim());
	if (number > 1e12) return Math.max(0, number - now);
	if (number > 1e9) return Math.max(0, number * 1000 - now);
	return Math.round(number * 1000);
}

export function rateLimitWait(headers: Headers | undefined): number | undefined {
	return (
		parseRetryAfter(header(headers, 'retry-after')) ??
		parseRateLimitReset(header(headers, 'x-ratelimit-reset'))
	);
}

export function parseBody(raw: unknown): { body: unknown; json: boolean; text: string } {
	if (raw === undefined || raw === null) return { body: undefined, json: false, text: '' };
	if (typeof raw !== 'string') {
		// Some helpers hand back an already-parsed body.
		return { body: raw, json: true, text: JSON.stringify(raw) };
	}
	const text = raw;
	const trimmed = text.trim();
	if (trimmed === '') return { body: undefined, json: false, text };
	try {
		return { body: JSON.parse(trimmed) as unknown, json: true, text };
	} catch {
		return { body: trimmed, json: false, text };
	}
}

export function describeStatus(statusCode: number): string {
	const names: Record<number, string> = {
		400: 'Bad Request',
		401: 'Unauthorized',
		403: 'Forbidden',
		404: 'Not Found',
		405: 'Method Not Allowed',
		415: 'Unsupported Media Type',
		422: 'Unprocessable Entity',
		429: 'Too Many Requests',
		500: 'Internal Server Error',
		502: 'Bad Gateway',
		503: 'Service Unavailable',
		504: 'Gateway Timeout',
	};
	return names[statusCode] ? `HTTP ${statusCode} ${names[statusCode]}` : `HTTP ${statusCode}`;
}

export function seconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
