import { performance } from 'node:perf_hooks';
import type { TableClient } from '@azure/data-tables';
import type { WatcherLease } from '../../subscriptions/watcher-lease';
import { META } from './table-layout';
import { isConflict, isNotFound, storeFailure } from './table-errors';

const LEASE_ROW = 'watcher-lease';

/**
 * The watcher's lease as one entity (`meta` / `watcher-lease`: holder and renewal time). Every renewal is a
 * write conditional on the ETag read just before, so of two instances writing at once one wins (412 for the
 * other). Expiry never compares clocks between machines: a contender remembers the ETag it saw and, on its own
 * monotonic clock, when it first saw it; only after that ETag has stood unchanged for `staleAfterMs` (the
 * leader stopped renewing) does it write, conditionally on that same ETag.
 */
export class TableWatcherLease implements WatcherLease {
  private seen: { etag: string; at: number } | undefined;

  constructor(
    private readonly client: TableClient,
    /** Monotonic milliseconds; a test seam. */
    private readonly clock: () => number = () => performance.now(),
  ) {}

  async leadWatcher(holder: string, staleAfterMs: number): Promise<boolean> {
    try {
      const lease = await this.read();
      if (!lease) return await this.write(holder, undefined);
      if (lease.holder === holder || lease.holder === '' || this.standsStill(lease.etag, staleAfterMs)) return await this.write(holder, lease.etag);
      return false;
    } catch (err) {
      throw storeFailure('renewing the watcher lease', err);
    }
  }

  async releaseWatcher(holder: string): Promise<void> {
    try {
      const lease = await this.read();
      if (lease?.holder === holder) await this.client.updateEntity({ partitionKey: META, rowKey: LEASE_ROW, holder: '', renewedAt: new Date().toISOString() }, 'Replace', { etag: lease.etag });
    } catch (err) {
      if (!isConflict(err)) throw storeFailure('releasing the watcher lease', err);
    }
  }

  private async read(): Promise<{ holder: string; etag: string } | undefined> {
    try {
      const entity = await this.client.getEntity<{ holder?: unknown }>(META, LEASE_ROW);
      return { holder: typeof entity.holder === 'string' ? entity.holder : '', etag: entity.etag };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** True once this ETag has been seen unchanged for `ms`; a new ETag (a renewal) starts the count again. */
  private standsStill(etag: string, ms: number): boolean {
    const now = this.clock();
    if (this.seen?.etag !== etag) {
      this.seen = { etag, at: now };
      return false;
    }
    return now - this.seen.at >= ms;
  }

  /** Creates the lease (no ETag: it did not exist) or replaces the version read; false when another write came first. */
  private async write(holder: string, etag: string | undefined): Promise<boolean> {
    const entity = { partitionKey: META, rowKey: LEASE_ROW, holder, renewedAt: new Date().toISOString() };
    try {
      if (etag === undefined) await this.client.createEntity(entity);
      else await this.client.updateEntity(entity, 'Replace', { etag });
      this.seen = undefined;
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }
}
