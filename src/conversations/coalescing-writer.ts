/** The latest value waiting for a key while an earlier write of it runs, and everyone who waits for it. */
interface Slot<V> {
  next?: { value: V; waiters: Array<{ resolve: () => void; reject: (err: unknown) => void }> };
}

/**
 * Per key, at most one write in flight; while it runs, only the latest value waits, and earlier waiting values
 * are dropped (the newest reference is the one that matters). So a burst of turns from one conversation costs
 * at most two writes, and memory stays bounded by the number of keys being written, not by the number of turns.
 * `put` resolves once its value, or a newer one for the same key, is stored.
 */
export class CoalescingWriter<V> {
  private readonly slots = new Map<string, Slot<V>>();

  constructor(private readonly write: (key: string, value: V) => Promise<void>) {}

  /** Writes in flight or waiting (for tests and metrics). */
  get pendingKeys(): number {
    return this.slots.size;
  }

  put(key: string, value: V): Promise<void> {
    const slot = this.slots.get(key);
    if (slot) {
      return new Promise<void>((resolve, reject) => {
        if (slot.next) slot.next.value = value;
        else slot.next = { value, waiters: [] };
        slot.next.waiters.push({ resolve, reject });
      });
    }
    const fresh: Slot<V> = {};
    this.slots.set(key, fresh);
    return this.run(key, fresh, value);
  }

  private async run(key: string, slot: Slot<V>, value: V): Promise<void> {
    try {
      await this.write(key, value);
    } finally {
      const next = slot.next;
      slot.next = undefined;
      if (next) {
        this.run(key, slot, next.value).then(
          () => next.waiters.forEach((w) => w.resolve()),
          (err: unknown) => next.waiters.forEach((w) => w.reject(err)),
        );
      } else {
        this.slots.delete(key);
      }
    }
  }
}
