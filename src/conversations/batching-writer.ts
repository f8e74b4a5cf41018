/** A key's newest value waiting to be written, and everyone who waits for it (or a newer one) to be stored. */
interface Waiting<V> {
  value: V;
  waiters: Array<{ resolve: () => void; reject: (err: unknown) => void }>;
}

/** Options for {@link BatchingWriter}. */
export interface BatchingWriterOptions {
  /** How long a value waits for others to join its batch (default 50 ms): the window a kill -9 can lose. */
  delayMs?: number;
  /** A batch is written at once when this many keys wait, and never holds more (default 100). */
  maxBatch?: number;
}

/**
 * Key/value writes taken off the path of whoever asks for them and written in batches: one store call per batch
 * instead of one per value. Remembering where a conversation is (a conversation reference) was a synchronous
 * SQLite transaction at the start of every turn from a new conversation, before the command even ran; batched,
 * it costs the turn a map update, and a burst of new conversations costs one transaction.
 *
 * Per key only the newest value is written (an older one waiting is dropped: the newest reference is the one that
 * matters), and one batch is written at a time, so a newer value is never overtaken by an older one. `latest`
 * answers reads of values not stored yet (read-your-writes), and `flush` writes everything before shutdown.
 * `put` resolves once its value, or a newer one for the key, is stored, and rejects if that write failed.
 */
export class BatchingWriter<V> {
  private waiting = new Map<string, Waiting<V>>();
  /** The batch being written: still the newest value of its keys unless one is waiting again. */
  private writing = new Map<string, V>();
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly delayMs: number;
  private readonly maxBatch: number;

  constructor(
    private readonly writeBatch: (entries: ReadonlyArray<readonly [string, V]>) => Promise<void>,
    options: BatchingWriterOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 50;
    this.maxBatch = Math.max(1, options.maxBatch ?? 100);
  }

  /** Keys waiting or being written (for tests and metrics). */
  get pendingKeys(): number {
    let n = this.writing.size;
    for (const key of this.waiting.keys()) if (!this.writing.has(key)) n++;
    return n;
  }

  put(key: string, value: V): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const entry = this.waiting.get(key);
      if (entry) {
        entry.value = value;
        entry.waiters.push({ resolve, reject });
      } else {
        this.waiting.set(key, { value, waiters: [{ resolve, reject }] });
      }
      this.schedule();
    });
  }

  /** The newest value for `key` not yet stored (waiting or being written), if any. */
  latest(key: string): V | undefined {
    const entry = this.waiting.get(key);
    if (entry) return entry.value;
    return this.writing.get(key);
  }

  /** Writes everything waiting now, batch after batch; resolves when nothing is left (failures are the puts' to report). */
  async flush(): Promise<void> {
    while (this.flushing || this.waiting.size > 0) await (this.flushing ?? this.writeNext());
  }

  private schedule(): void {
    if (this.flushing) return; // the batch in flight schedules the next one when it ends
    if (this.waiting.size >= this.maxBatch) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.writeNext();
      return;
    }
    // unref: a waiting write must not keep a finished process alive; shutdown calls flush().
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.writeNext();
    }, this.delayMs).unref();
  }

  private writeNext(): Promise<void> {
    if (this.flushing) return this.flushing;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiting.size === 0) return Promise.resolve();
    const batch: Array<[string, Waiting<V>]> = [];
    for (const item of this.waiting) {
      if (batch.length >= this.maxBatch) break;
      batch.push(item);
    }
    for (const [key] of batch) this.waiting.delete(key);
    this.writing = new Map(batch.map(([key, entry]) => [key, entry.value]));
    // Through a promise, so a store that throws instead of rejecting still settles the waiters.
    const settled = Promise.resolve(batch.map(([key, entry]) => [key, entry.value] as const))
      .then((entries) => this.writeBatch(entries))
      .then(
        () => batch.forEach(([, entry]) => entry.waiters.forEach((w) => w.resolve())),
        (err: unknown) => batch.forEach(([, entry]) => entry.waiters.forEach((w) => w.reject(err))),
      );
    this.flushing = settled.finally(() => {
      this.flushing = undefined;
      this.writing = new Map();
      if (this.waiting.size > 0) this.schedule();
    });
    return this.flushing;
  }
}
