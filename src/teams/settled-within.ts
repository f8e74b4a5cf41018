/** How a piece of work stood when its deadline came. */
export type Settled<T> = { settled: true; ok: true; value: T } | { settled: true; ok: false; error: unknown } | { settled: false };

/**
 * Waits for `work` at most `ms`. The work goes on either way; a rejection after the deadline is the caller's to
 * handle (it still holds `work`), and one before it is returned, never thrown, so no rejection goes unobserved.
 */
export function settledWithin<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ settled: false }), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve({ settled: true, ok: true, value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ settled: true, ok: false, error });
      },
    );
  });
}
