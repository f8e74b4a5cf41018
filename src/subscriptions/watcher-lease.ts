/**
 * Who runs the watcher when several instances share one store: a lease in that store. The embedded (SQLite)
 * store has one owner (checked when it opens), so there it always leads; the Table store keeps one lease
 * entity renewed with ETag-conditional writes.
 */
export interface WatcherLease {
  /**
   * One attempt to lead: renew the lease when `holder` holds it, take it when it is free or released, or take
   * it over once it has not been renewed for `staleAfterMs` (as this process measures it). True when `holder`
   * leads after the attempt. A write race is lost cleanly (false), never won twice.
   */
  leadWatcher(holder: string, staleAfterMs: number): Promise<boolean>;
  /** Gives the lease up (a clean stop), so another instance takes it at once; harmless when not held. */
  releaseWatcher(holder: string): Promise<void>;
}

/** The lease of a store with one owner. */
export const SOLE_OWNER_LEASE: WatcherLease = {
  leadWatcher: async () => true,
  releaseWatcher: async () => undefined,
};
