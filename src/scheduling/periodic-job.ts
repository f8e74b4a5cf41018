import type { Logger } from '../logging/logger';

/** What one run asks of the schedule: the next run after this pause instead of the interval (backoff). */
export interface RunOutcome {
  nextInMs?: number;
}

/**
 * Runs a job every `intervalMs`, never two runs at once: the next run is scheduled when this one ends, so a
 * slow run (ARM throttling, a long list) delays the next rather than piling up. A run may ask for a longer
 * pause (a 429's Retry-After); a run that throws is logged and the schedule goes on. Timers never keep the
 * process alive. Used by the gate re-check of approved-ahead requests, and meant for the subscriptions watcher.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private running: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly run: () => Promise<RunOutcome | void>,
    private readonly logger: Logger,
  ) {}

  /** Runs once now, then on schedule. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops scheduling and waits for a run in progress to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Runs now (outside the schedule), e.g. right after a change that makes a run worthwhile; never concurrently. */
  async runNow(): Promise<void> {
    if (this.running) return this.running;
    clearTimeout(this.timer);
    await this.tick();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let next = this.intervalMs;
    this.running = (async () => {
      try {
        const outcome = await this.run();
        if (outcome?.nextInMs !== undefined) next = Math.max(outcome.nextInMs, this.intervalMs);
      } catch (err) {
        this.logger.error({ err, job: this.name }, 'a periodic job failed; it runs again on schedule');
      }
    })();
    await this.running;
    this.running = undefined;
    this.schedule(next);
  }
}
