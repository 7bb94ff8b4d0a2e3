/**
 * Reading vendor JSON: fields, texts, and the shared rule for a 2xx body that is an error in disguise.
 */
/** Reads a string field if the value is an object that has it. */
export function field(value: unknown, ...path: string[]): unknown {
	let current = value;
	for (const key of path) {
		if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

export function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * A message that may be a string or a list of strings or of `{message}` objects (Nest / Express /
 * class-validator validation errors), joined.
 */
export function joinedText(value: unknown, separator = '; '): string | undefined {
	if (Array.isArray(value)) {
		const parts = value
			.map((part) => text(part) ?? text(field(part, 'message')))
			.filter((part): part is string => part !== undefined);
		return parts.length > 0 ? parts.join(separator) : undefined;
	}
	return text(value);
}

const ERROR_STATUS = /^(?:error|errors?|fail|failed|failure|erro|falha)$/i;

/**
 * The shared rule for a 2xx body that is an error in disguise. A gateway that fails but answers
 * HTTP 200 must never have its error read as a link (e.g. Wawp's `{"code": "invalid_session",
 * "message": …}` would otherwise read `code` as the invite code). Error shapes seen in the vendors'
 * sources (each cited in full in its adapter's header):
 * - `{success: false, …}`: RyzeAPI (docs.ryzeapi.cloud), Wuzapi (asternic/wuzapi@79ee4cd
 *   handlers.go:3368-3396 `Respond`); `{ok: false}`; Z-API's `{value: false}` is read by its adapter
 * - `{error: "…"}` / `{error: {message, code}}`: Whapi.Cloud (OpenAPI 1.8.7 `Error`), WAHA
 *   (devlikeapro/waha@193eb53, Nest's exception filter), Z-API (Z-API/z-api-docs@7021b82), Evolution API
 *   (EvolutionAPI/evolution-api@3454bec src/api/abstract/abstract.router.ts:188-195)
 * - `{status: "error"}`: WPPConnect Server (wppconnect-team/wppconnect-server@348a672
 *   src/controller/groupController.ts:597-601, 644-648); `{status: 4xx|5xx, …}` / `{statusCode: 4xx|5xx}`:
 *   Evolution API and WAHA (NestJS)
 * - `{code, message}` without any link field: Wawp, GOWA (aldinokemal/go-whatsapp-web-multidevice@51f7b19
 *   src/pkg/utils/response.go:7-12)
 */
export function errorEnvelope(body: unknown): boolean {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
	const b = body as Record<string, unknown>;
	if (b.success === false || b.ok === false) return true;
	if (b.error !== undefined && b.error !== null && b.error !== false && b.error !== '') return true;
	if (typeof b.status === 'string' && ERROR_STATUS.test(b.status.trim())) return true;
	for (const key of ['status', 'statusCode', 'code']) {
		const value = b[key];
		if (typeof value === 'number' && value >= 400) return true;
	}
	return b.code !== undefined && b.message !== undefined;
}

/**
 * An ISO 8601 time from what a vendor gives: Unix seconds (a number or numeric text), or an RFC 3339 /
 * ISO text. Undefined for 0 or less (Go's zero time, or no time sent) and for anything else.
 */
export function isoTime(value: unknown): string | undefined {
	const seconds = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
	if (typeof seconds === 'number') {
		if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
		const date = new Date(seconds * 1000);
		return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
	}
	const raw = text(value);
	if (raw === undefined) return undefined;
	const time = Date.parse(raw);
	return Number.isNaN(time) || time <= 0 ? undefined : new Date(time).toISOString();
}
