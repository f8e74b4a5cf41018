/**
 * An explicit pace for reads: at most `perSecond` on average, with a burst of `burst` after a quiet spell
 * (a token bucket, kept as the time the next read may start). A 429 pauses every read of the budget for the
 * Retry-After Azure sent, so concurrent readers back off together instead of each spending its own retries.
 */
export class ReadBudget {
  private readonly intervalMs: number;
  private readonly burstMs: number;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private nextAt = 0;
  private pausedUntil = 0;

  constructor(
    readonly perSecond: number,
    options: { burst?: number; clock?: () => number; sleep?: (ms: number) => Promise<void> } = {},
  ) {
    if (!(perSecond > 0)) throw new RangeError('perSecond must be positive');
    this.intervalMs = 1000 / perSecond;
    this.burstMs = (options.burst ?? Math.max(1, Math.floor(perSecond))) * this.intervalMs;
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Waits until this read may start (reservations are taken in call order). */
  async take(): Promise<void> {
    const now = this.clock();
    // Unused time only counts up to a burst: an idle hour does not allow a flood.
    const slot = Math.max(this.nextAt, now - this.burstMs + this.intervalMs, this.pausedUntil);
    this.nextAt = slot + this.intervalMs;
    if (slot > now) await this.sleep(slot - now);
  }

  /** Azure throttled a read: nothing starts before `ms` from now. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
    this.nextAt = Math.max(this.nextAt, this.pausedUntil);
  }
}
