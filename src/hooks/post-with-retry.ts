import { backoffDelayMs, parseRetryAfter } from '../teams/send-pacing-retry';

/** How a hook request is retried within one delivery round. */
export interface HookRetryPolicy {
  /** Attempts in one round, the first included. */
  maxAttempts: number;
  /** First backoff delay; doubles per retry up to `maxDelayMs`, half of it random (equal jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A longer Retry-After ends the round: the event is tried again in a later watcher cycle instead. */
  retryAfterCapMs: number;
  /** One attempt's time limit (connect, send and answer). */
  timeoutMs: number;
}

export const DEFAULT_HOOK_RETRY: Readonly<HookRetryPolicy> = Object.freeze({ maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 16_000, retryAfterCapMs: 60_000, timeoutMs: 10_000 });

/**
 * `delivered`: a 2xx. `rejected`: an answer that retrying cannot change (4xx other than 408/429, a redirect);
 * `unavailable`: attempts used up on network errors, timeouts, 408, 429 or 5xx (worth trying again later).
 */
export type PostOutcome = { result: 'delivered'; status: number; attempts: number } | { result: 'rejected' | 'unavailable'; status?: number; attempts: number; reason: string };

/** Waits; tests pass their own. */
export type Sleep = (ms: number) => Promise<void>;

const sleepFor: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POSTs a JSON body, retrying what may succeed later: network errors and timeouts, 408, 429 (after its
 * Retry-After when it sends one) and 5xx, with exponential backoff and jitter, at most `maxAttempts` times.
 * Headers are made per attempt (a signature's timestamp stays fresh). Redirects are not followed: the body and
 * its signature go only to the configured URL. Never throws; the outcome's `reason` carries no header values.
 */
export async function postWithRetry(url: string, body: string, headers: () => Record<string, string>, policy: HookRetryPolicy = DEFAULT_HOOK_RETRY, sleep: Sleep = sleepFor, random: () => number = Math.random): Promise<PostOutcome> {
  let last: { status?: number; reason: string } = { reason: 'not sent' };
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    let waitMs: number | undefined;
    try {
      const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers() }, redirect: 'manual', signal: AbortSignal.timeout(policy.timeoutMs) });
      // The answer's body is not needed, only that the connection is free again.
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { result: 'delivered', status: response.status, attempts: attempt };
      last = { status: response.status, reason: `HTTP ${response.status}` };
      if (!retryable(response.status)) return { result: 'rejected', attempts: attempt, ...last };
      waitMs = parseRetryAfter(response.headers.get('retry-after') ?? undefined, Date.now());
      if (waitMs !== undefined && waitMs > policy.retryAfterCapMs) return { result: 'unavailable', attempts: attempt, status: response.status, reason: `HTTP ${response.status}, Retry-After ${Math.round(waitMs / 1000)} s` };
    } catch (err) {
      last = { reason: networkReason(err) };
    }
    if (attempt < policy.maxAttempts) await sleep(waitMs ?? backoffDelayMs(attempt, policy, random()));
  }
  return { result: 'unavailable', attempts: policy.maxAttempts, ...last };
}

function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The error's name and code (ECONNREFUSED, a timeout), not its message: fetch's messages may quote the URL. */
function networkReason(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: string } };
  return [e.name ?? 'Error', e.cause?.code].filter(Boolean).join(' ');
}
