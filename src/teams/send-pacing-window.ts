/** One sliding-window limit: at most `max` sends in any `windowMs` interval. */
export interface RateLimit {
  windowMs: number;
  max: number;
}

/**
 * Teams' documented limits per bot per conversation (thread): 7 messages per second, 8 per 2 s, 60 per 30 s,
 * 1800 per hour. They apply to sends, replies, updates and deletes alike.
 */
export const TEAMS_CONVERSATION_LIMITS: readonly RateLimit[] = Object.freeze([
  { windowMs: 1_000, max: 7 },
  { windowMs: 2_000, max: 8 },
  { windowMs: 30_000, max: 60 },
  { windowMs: 3_600_000, max: 1800 },
]);

/**
 * The earliest time (≥ now) at which one more send keeps every window within its limit, given the times of
 * earlier sends in ascending order. A send at `t` is still counted at `u` while `u - t < windowMs`, so the
 * n-th most recent send frees its slot in a window of n exactly `windowMs` after it was made.
 */
export function earliestSendTime(log: readonly number[], limits: readonly RateLimit[], now: number): number {
  let earliest = now;
  for (const { windowMs, max } of limits) {
    if (log.length < max) continue;
    const oldestThatMustExpire = log[log.length - max]!;
    earliest = Math.max(earliest, oldestThatMustExpire + windowMs);
  }
  return earliest;
}

/** The longest window: sends older than this never matter again. */
export function longestWindowMs(limits: readonly RateLimit[]): number {
  return limits.reduce((longest, l) => Math.max(longest, l.windowMs), 0);
}

/** Drops (in place) the sends that no window can see any more; returns the log for chaining. */
export function pruneLog(log: number[], limits: readonly RateLimit[], now: number): number[] {
  const horizon = now - longestWindowMs(limits);
  let drop = 0;
  while (drop < log.length && log[drop]! <= horizon) drop++;
  if (drop > 0) log.splice(0, drop);
  return log;
}

/** Checks limits once at start-up: a zero or negative window or maximum would stall or disable pacing. */
export function validateLimits(limits: readonly RateLimit[]): readonly RateLimit[] {
  for (const l of limits) {
    if (!(Number.isInteger(l.max) && l.max >= 1 && Number.isFinite(l.windowMs) && l.windowMs > 0)) {
      throw new Error(`invalid send rate limit ${JSON.stringify(l)}: max must be an integer ≥ 1 and windowMs > 0`);
    }
  }
  return limits;
}
