/**
 * Exponential backoff with full jitter (a uniformly random wait up to the exponential bound): instances that
 * lost the same race spread out instead of colliding again in lock step.
 */
export function fullJitterMs(attempt: number, baseMs = 8, capMs = 400, random: () => number = Math.random): number {
  return random() * Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20));
}

/** Waits `ms`, but never past `deadline` (epoch ms). */
export function sleepUntil(ms: number, deadline: number): Promise<void> {
  const wait = Math.max(0, Math.min(ms, deadline - Date.now()));
  return new Promise((resolve) => setTimeout(resolve, wait));
}
