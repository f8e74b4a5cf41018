/** How a piece of work stood when its deadline came. */
export type Settled<T> = { settled: true; ok: true; value: T } | { settled: true; ok: false; error: unknown } | { settled: false };

/**
 * Waits for `work` at most `ms`. The work goes on either way; a rejection after the deadline is the caller's to
 * handle (it still holds `work`), and one before it is returned, never thrown, so no rejection goes unobserved.
 */
export function settledWithin<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  return settledBefore(work, (expire) => {
    const timer = setTimeout(expire, ms);
    return () => clearTimeout(timer);
  });
}

/**
 * Whether `work` settles before the event loop moves on (checked at the next setImmediate): true for a command
 * answered from what the bot holds, which needs only promise steps. No timer is set, so a caller can leave the
 * timers a slow command needs (typing, progress) to the few commands still running after it.
 */
export function settledThisTurn<T>(work: Promise<T>): Promise<Settled<T>> {
  return settledBefore(work, (expire) => {
    const immediate = setImmediate(expire);
    return () => clearImmediate(immediate);
  });
}

/** `work`'s outcome, or `{ settled: false }` once the deadline `start` sets expires (start returns its cancel). */
function settledBefore<T>(work: Promise<T>, start: (expire: () => void) => () => void): Promise<Settled<T>> {
  return new Promise((resolve) => {
    const cancel = start(() => resolve({ settled: false }));
    work.then(
      (value) => {
        cancel();
        resolve({ settled: true, ok: true, value });
      },
      (error: unknown) => {
        cancel();
        resolve({ settled: true, ok: false, error });
      },
    );
  });
}
