import { CoalescingWriter } from '../../src/conversations/coalescing-writer';

/** A write that finishes only when the test says so, recording what it was asked to store. */
function gatedStore() {
  const written: Array<[string, string]> = [];
  const gates: Array<() => void> = [];
  const write = (key: string, value: string) =>
    new Promise<void>((resolve) => {
      written.push([key, value]);
      gates.push(resolve);
    });
  const openNext = async () => {
    gates.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { written, write, openNext };
}

test('a burst of values for one key while a write runs costs one more write, of the latest value', async () => {
  const store = gatedStore();
  const writer = new CoalescingWriter(store.write);
  const all = Array.from({ length: 1000 }, (_, i) => writer.put('user:a', `v${i}`));
  expect(store.written).toEqual([['user:a', 'v0']]);
  expect(writer.pendingKeys).toBe(1);
  await store.openNext();
  expect(store.written).toEqual([['user:a', 'v0'], ['user:a', 'v999']]);
  await store.openNext();
  await Promise.all(all);
  expect(writer.pendingKeys).toBe(0);
});

test('different keys are written independently, one write in flight each', async () => {
  const store = gatedStore();
  const writer = new CoalescingWriter(store.write);
  void writer.put('a', '1');
  void writer.put('b', '1');
  void writer.put('a', '2');
  expect(store.written).toEqual([['a', '1'], ['b', '1']]);
  await store.openNext();
  expect(store.written).toEqual([['a', '1'], ['b', '1'], ['a', '2']]);
});

test('a failed write rejects its callers, and the value waiting behind it is still written', async () => {
  let calls = 0;
  const stored: string[] = [];
  let release!: () => void;
  const writer = new CoalescingWriter<string>(async (_key, value) => {
    calls++;
    if (calls === 1) {
      await new Promise<void>((r) => (release = r));
      throw new Error('disk full');
    }
    stored.push(value);
  });
  const first = writer.put('k', 'old');
  const second = writer.put('k', 'new');
  release();
  await expect(first).rejects.toThrow('disk full');
  await expect(second).resolves.toBeUndefined();
  expect(stored).toEqual(['new']);
});
