/** One command's measurements. */
export interface Sample {
  e2eMs: number;
  armMs: number;
  armCalls: number;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** Nearest-rank percentiles of end-to-end time and of the bot's own share (end-to-end minus ARM time). */
export function summarize(samples: readonly Sample[]): { e2e: Percentiles; overhead: Percentiles; armCallsPerCommand: number } {
  const e2e = samples.map((s) => s.e2eMs);
  const overhead = samples.map((s) => Math.max(0, s.e2eMs - s.armMs));
  const calls = samples.reduce((sum, s) => sum + s.armCalls, 0);
  return { e2e: percentiles(e2e), overhead: percentiles(overhead), armCallsPerCommand: samples.length ? calls / samples.length : 0 };
}

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0);
  return { p50: at(50), p95: at(95), p99: at(99) };
}
