/**
 * The transport: the only code that talks to the network. Operations, the group picker and a
 * trigger's webhook registration import from here.
 * - session.ts   ProviderSession: one execution's connection; a client per item, owning its time budget
 * - send.ts      sending through n8n's helpers, and retrying only where that is safe
 * - failures.ts  what a failure means (sent or not, maybe done) and the error the user reads
 * - pacing.ts    RateLimitPacer (the vendor's rate limit) and LatencySpreader (its answer time)
 * - http.ts      headers, bodies and status names
 * - baseUrl.ts   the credential's Base URL, checked before any request
 * - secrets.ts   redaction: no secret in an output, an error or a log line
 */
export { checkBaseUrl } from './baseUrl';
export type { TransportContext } from './context';
export { classifyNetworkError, isAmbiguous, isRefusal, keepTraceId, traceIdOf, withTraceId } from './failures';
export type { NetworkFailureKind } from './failures';
export { parseRateLimitReset, parseRetryAfter } from './http';
export { LatencySpreader, MIN_SPREAD_MS, PACING_SHARE, RateLimitPacer } from './pacing';
export { REDACTED, redact, redactDeep, secretList } from './secrets';
export { BACKOFF_BASE_MS, MAX_ATTEMPTS, MAX_RATE_LIMIT_WAIT_MS } from './send';
export { DEFAULT_TIMEOUT_MS, ITEM_BUDGET_TIMEOUTS, ProviderSession } from './session';
export type { ClientLimits, TransportSettings } from './session';
