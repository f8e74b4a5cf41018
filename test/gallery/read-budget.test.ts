/** The report's ARM read pace: a token bucket with a burst, and a 429 that pauses every reader for Retry-After. */
import { ThrottledError } from '../../src/errors';
import { pacedReads } from '../../src/gallery/paced-reads';
import { ReadBudget } from '../../src/gallery/read-budget';
import { FakeGalleryPort } from '../fixtures/fake-gallery-port';

/** A clock that only moves when a reader sleeps, so start times are exact. */
function virtualTime() {
  let now = 1_000_000;
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    at: () => now,
  };
}

test('20 a second: a burst of 20 at once, then one every 50 ms', async () => {
  const t = virtualTime();
  const budget = new ReadBudget(20, t);
  const starts: number[] = [];
  for (let i = 0; i < 25; i++) {
    await budget.take();
    starts.push(t.at() - 1_000_000);
  }
  expect(starts.slice(0, 20)).toEqual(Array(20).fill(0));
  expect(starts.slice(20)).toEqual([50, 100, 150, 200, 250]);
});

test('a 429 pauses the budget for its Retry-After, then the read is tried again', async () => {
  const t = virtualTime();
  const budget = new ReadBudget(20, t);
  const port = new FakeGalleryPort();
  const real = port.getVersion.bind(port);
  const attempts: number[] = [];
  port.getVersion = async (image, version, options) => {
    attempts.push(t.at() - 1_000_000);
    if (attempts.length === 1) throw new ThrottledError('Azure is throttling.', 7);
    return real(image, version, options);
  };
  const paced = pacedReads(port, budget);
  await expect(paced.getVersion({ subscriptionId: 's', resourceGroup: 'r', gallery: 'g', image: 'i' }, '1.0.0')).rejects.toThrow(/not found/);
  expect(attempts).toEqual([0, 7000]);
  // Everyone else waits too.
  await budget.take();
  expect(t.at() - 1_000_000).toBeGreaterThanOrEqual(7000);
});

test('a read still throttled after its retries fails with the throttling error', async () => {
  const t = virtualTime();
  const port = new FakeGalleryPort();
  port.getVersion = async () => {
    throw new ThrottledError('Azure is throttling.');
  };
  await expect(pacedReads(port, new ReadBudget(20, t), 2).getVersion({ subscriptionId: 's', resourceGroup: 'r', gallery: 'g', image: 'i' }, '1.0.0')).rejects.toBeInstanceOf(ThrottledError);
  // No Retry-After: 10 s each, twice.
  expect(t.at() - 1_000_000).toBe(20_000);
});
