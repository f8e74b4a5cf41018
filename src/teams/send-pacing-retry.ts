/** How failed sends to the connector are retried. */
export interface RetryPolicy {
  /** Retries after the first attempt (so at most `maxRetries + 1` attempts). */
  maxRetries: number;
  /** Longest Retry-After honoured; a longer one is waited for this long, then the send is tried again. */
  retryAfterCapMs: number;
  /** First backoff delay for 412/502/503/504 (and 429 without Retry-After); doubles per retry. */
  baseDelayMs: number;
  /** Longest backoff delay before jitter. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 3,
  retryAfterCapMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
});

/** Statuses worth retrying with backoff: the Teams guidance names 412, 502, 503 and 504. */
const TRANSIENT = new Set([412, 502, 503, 504]);

/** What a failed send tells us: its HTTP status and a header reader (both may be missing, e.g. for network errors). */
export interface SendFailure {
  status?: number;
  header(name: string): string | undefined;
}

/**
 * Reads the HTTP status and headers of a failed connector call. botframework-connector (via
 * @azure/core-client) throws a `RestError` with `statusCode` and a non-enumerable `response` whose `headers`
 * is an `HttpHeaders` (`get(name)`); older stacks used `status` or plain header objects, which are read too.
 */
export function sendFailureOf(err: unknown): SendFailure {
  const e = isObject(err) ? err : {};
  const response = isObject(e.response) ? e.response : undefined;
  const status = firstNumber(e.statusCode, response?.status, response?.statusCode, e.status);
  const headers = response?.headers;
  return {
    status,
    header(name) {
      if (!isObject(headers)) return undefined;
      if (typeof headers.get === 'function') {
        const v: unknown = (headers.get as (n: string) => unknown).call(headers, name);
        return typeof v === 'string' ? v : undefined;
      }
      const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
      const v = key === undefined ? undefined : headers[key];
      return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
    },
  };
}

/**
 * Milliseconds to wait from a `Retry-After` value: delta-seconds (fractions accepted, as some servers send
 * them) or an HTTP date (relative to `now`, never negative). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  if (/^-/.test(v) || /^[\d.]+$/.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** The server's requested wait in ms: `retry-after-ms` / `x-ms-retry-after-ms` (Azure), else `Retry-After`. */
export function requestedWaitMs(failure: SendFailure, now: number): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const v = failure.header(name)?.trim();
    if (v !== undefined && /^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v));
  }
  return parseRetryAfter(failure.header('retry-after'), now);
}

/**
 * Exponential backoff with "equal jitter" for retry number `retry` (1-based): half the capped exponential
 * delay is fixed, the other half random, so concurrent senders spread out but never retry at once.
 */
export function backoffDelayMs(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(exp / 2 + (exp / 2) * Math.min(Math.max(random, 0), 1));
}

/** What to do after a failed attempt. */
export type RetryDecision = { retry: true; waitMs: number; reason: 'throttled' | 'transient' } | { retry: false };

/**
 * Pure decision for retry number `retry` (1-based) after `err`: 429 and 412/502/503/504 wait for the
 * server's Retry-After when it sent one (capped), else back off; anything else, or past `maxRetries`, gives up.
 */
export function retryDecision(err: unknown, retry: number, policy: RetryPolicy, now: number, random: number): RetryDecision {
  if (retry > policy.maxRetries) return { retry: false };
  const failure = sendFailureOf(err);
  const throttled = failure.status === 429;
  if (!throttled && !(failure.status !== undefined && TRANSIENT.has(failure.status))) return { retry: false };
  // A server that says when to come back (429, and often 503) is believed, up to the cap.
  const requested = requestedWaitMs(failure, now);
  const waitMs = requested === undefined ? backoffDelayMs(retry, policy, random) : Math.min(requested, policy.retryAfterCapMs);
  return { retry: true, waitMs, reason: throttled ? 'throttled' : 'transient' };
}

/** True for failures that say "later" rather than "never" (used to drop typing indicators quietly). */
export function isRetryable(err: unknown): boolean {
  const status = sendFailureOf(err).status;
  return status === 429 || (status !== undefined && TRANSIENT.has(status));
}

function firstNumber(...values: unknown[]): number | undefined {
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) return v;
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
