import type { Logger } from '../logging/logger';

export interface WatcherWakeOptions {
  /** Wakes within this long of the first are one cycle (an approval writes several times within a second). Default 500 ms. */
  debounceMs?: number;
  /** A woken cycle starts at least this long after the previous woken one ended, so a stream of events costs ARM at most one cycle per gap. Default 5 s. */
  minGapMs?: number;
}

/**
 * Turns Event Grid's "this changed" into watcher cycles soon, without letting events set ARM's pace: wakes are
 * coalesced, at most one woken cycle runs at a time, and one that arrives during a cycle (which may have listed
 * before the change) brings one more cycle after it. The watcher's own schedule goes on as the safety net.
 */
export class WatcherWake {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private lastEnd = Number.NEGATIVE_INFINITY;
  private stopped = false;
  private readonly debounceMs: number;
  private readonly minGapMs: number;

  constructor(
    private readonly cycle: () => Promise<unknown>,
    private readonly logger: Logger,
    options: WatcherWakeOptions = {},
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.debounceMs = options.debounceMs ?? 500;
    this.minGapMs = options.minGapMs ?? 5_000;
  }

  /** Asks for a cycle soon. */
  request(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    const delay = Math.max(this.debounceMs, this.lastEnd + this.minGapMs - this.clock());
    this.timer = setTimeout(() => this.fire(), delay);
    this.timer.unref();
  }

  /** No more woken cycles; waits for one in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private fire(): void {
    this.timer = undefined;
    this.running = this.cycle()
      .then(
        () => undefined,
        (err: unknown) => this.logger.warn({ err }, 'a watcher cycle woken by Event Grid failed; the schedule reads again'),
      )
      .finally(() => {
        this.running = undefined;
        this.lastEnd = this.clock();
        if (this.again) {
          this.again = false;
          this.request();
        }
      });
  }
}
