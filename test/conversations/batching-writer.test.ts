import { BatchingWriter } from '../../src/conversations/batching-writer';

/** A batch store that finishes a batch only when the test says so, recording each batch it was given. */
function gatedStore() {
  const batches: Array<Array<readonly [string, string]>> = [];
  const gates: Array<() => void> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const write = (entries: ReadonlyArray<readonly [string, string]>) =>
    new Promise<void>((resolve) => {
      batches.push([...entries]);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      gates.push(() => {
        inFlight--;
        resolve();
      });
    });
  const openNext = async () => {
    gates.shift()?.();
    await new Promise((r) => setTimeout(r, 5));
  };
  return { batches, write, openNext, maxInFlight: () => maxInFlight };
}

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

test('values for one key while its batch is written cost one more write, of the newest value', async () => {
  const store = gatedStore();
  const writer = new BatchingWriter(store.write, { delayMs: 1 });
  const first = writer.put('user:a', 'v0');
  await tick();
  expect(store.batches).toEqual([[['user:a', 'v0']]]);
  const rest = Array.from({ length: 999 }, (_, i) => writer.put('user:a', `v${i + 1}`));
  expect(writer.latest('user:a')).toBe('v999');
  await store.openNext();
  expect(store.batches).toEqual([[['user:a', 'v0']], [['user:a', 'v999']]]);
  await store.openNext();
  await Promise.all([first, ...rest]);
  expect(writer.pendingKeys).toBe(0);
  expect(store.maxInFlight()).toBe(1);
});

test("nothing is written on the caller's turn; keys arriving within the delay share one batch", async () => {
  const calls: string[][] = [];
  const writer = new BatchingWriter<string>(async (entries) => void calls.push(entries.map(([k]) => k)), { delayMs: 20 });
  const puts = ['a', 'b', 'c'].map((k) => writer.put(k, '1'));
  expect(calls).toEqual([]);
  await Promise.all(puts);
  expect(calls).toEqual([['a', 'b', 'c']]);
});

test('a full batch goes at once, batches never exceed the limit, and they are written one at a time in order', async () => {
  const store = gatedStore();
  const writer = new BatchingWriter(store.write, { delayMs: 60_000, maxBatch: 100 });
  const puts = Array.from({ length: 250 }, (_, i) => writer.put(`k${i}`, String(i)));
  await tick();
  expect(store.batches.map((b) => b.length)).toEqual([100]);
  await store.openNext();
  await store.openNext();
  // The last 50 wait for the delay (a minute here) or a flush.
  expect(store.batches.map((b) => b.length)).toEqual([100, 100]);
  const flushed = writer.flush();
  await tick();
  await store.openNext();
  await flushed;
  await Promise.all(puts);
  expect(store.batches.map((b) => b.length)).toEqual([100, 100, 50]);
  expect(store.batches.flat().map(([k]) => k)).toEqual(Array.from({ length: 250 }, (_, i) => `k${i}`));
  expect(store.maxInFlight()).toBe(1);
});

test('latest() answers from what waits, then from the batch in flight, then not at all once stored', async () => {
  const store = gatedStore();
  const writer = new BatchingWriter(store.write, { delayMs: 1 });
  void writer.put('k', 'old');
  expect(writer.latest('k')).toBe('old');
  await tick();
  expect(writer.latest('k')).toBe('old'); // in flight
  void writer.put('k', 'new');
  expect(writer.latest('k')).toBe('new');
  await store.openNext();
  await store.openNext();
  expect(writer.latest('k')).toBeUndefined();
  expect(writer.latest('never')).toBeUndefined();
});

test('a failed batch rejects its callers, and the values waiting behind it are still written', async () => {
  let calls = 0;
  const stored: string[] = [];
  let release!: () => void;
  const writer = new BatchingWriter<string>(
    async (entries) => {
      calls++;
      if (calls === 1) {
        await new Promise<void>((r) => (release = r));
        throw new Error('disk full');
      }
      stored.push(...entries.map(([, v]) => v));
    },
    { delayMs: 1 },
  );
  const first = writer.put('k', 'old');
  await tick();
  const second = writer.put('k', 'new');
  release();
  await expect(first).rejects.toThrow('disk full');
  await expect(second).resolves.toBeUndefined();
  expect(stored).toEqual(['new']);
});

test('a store that throws instead of rejecting still settles its callers', async () => {
  const writer = new BatchingWriter<string>(
    () => {
      throw new Error('closed');
    },
    { delayMs: 1 },
  );
  await expect(writer.put('k', 'v')).rejects.toThrow('closed');
  expect(writer.pendingKeys).toBe(0);
});
