import { performance } from 'node:perf_hooks';
import type { Logger } from '../logging/logger';
import type { WatcherLease } from './watcher-lease';

/**
 * This instance's side of the watcher lease: renews it every third of the lease time (a timer that never keeps
 * the process alive), and says whether this instance may act as leader now. It counts itself leader for only
 * half a lease after the start of its last successful renewal, while a contender waits a whole lease after it
 * last saw that renewal: a slow or stopped leader stops delivering before anyone else starts.
 */
export class WatcherLeadership {
  private leadingUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private led = false;
  /** The renewal in flight: the timer's and a cycle's share it (two at once would race each other's ETag). */
  private renewing: Promise<boolean> | undefined;
  private stopped = false;

  constructor(
    private readonly lease: WatcherLease,
    private readonly holder: string,
    private readonly leaseMs: number,
    private readonly logger: Logger,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** One renewal (or take-over attempt); true while this instance leads. A storage failure means "not leading". */
  renew(): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    this.renewing ??= this.attempt().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async attempt(): Promise<boolean> {
    const started = this.clock();
    let leads = false;
    try {
      leads = await this.lease.leadWatcher(this.holder, this.leaseMs);
    } catch (err) {
      this.logger.warn({ err }, 'could not renew the watcher lease; this instance does not lead until it can');
    }
    this.leadingUntil = leads ? started + this.leaseMs / 2 : 0;
    if (leads !== this.led) this.logger.info({ holder: this.holder }, leads ? 'this instance now leads the subscriptions watcher' : 'this instance no longer leads the subscriptions watcher');
    this.led = leads;
    return leads;
  }

  /** Whether this instance may deliver now (its last renewal is recent enough). */
  leading(): boolean {
    return this.clock() < this.leadingUntil;
  }

  start(): void {
    if (this.timer) return;
    this.stopped = false;
    this.timer = setInterval(() => void this.renew(), Math.max(100, this.leaseMs / 3));
    this.timer.unref();
  }

  /** Stops renewing and, when leading, releases the lease so another instance takes over at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopped = true;
    // A renewal in flight may still win the lease: wait for it, so what is held is released.
    await this.renewing;
    const wasLeading = this.led;
    this.leadingUntil = 0;
    this.led = false;
    if (wasLeading) await this.lease.releaseWatcher(this.holder).catch((err: unknown) => this.logger.warn({ err }, 'could not release the watcher lease; another instance takes over once it runs out'));
  }
}
