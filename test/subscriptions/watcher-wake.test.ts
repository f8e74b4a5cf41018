import { ThrottledError } from '../../src/errors';
import { createLogger } from '../../src/logging/logger';
import { Watcher } from '../../src/subscriptions/watcher';
import { WatcherWake } from '../../src/subscriptions/watcher-wake';
import { demoGallery, DEMO_NOW } from '../fixtures/demo-gallery';
import { DEMO_SUB } from '../fixtures/gallery-builder';
import { callcenterSubscription } from './callcenter-subscription';
import { MemorySubscriptionStore } from './memory-subscription-store';

const subscription = callcenterSubscription('S-000002', ['replication']);
const versionId = (v: string) => `/subscriptions/${DEMO_SUB}/resourceGroups/RG-IMAGES/providers/Microsoft.Compute/galleries/gal_golden/images/callcenter-desktop/versions/${v}`;

describe('an Event Grid wake of the watcher', () => {
  it('reads a finished version again once, the one the event named', async () => {
    const gallery = demoGallery();
    const store = new MemorySubscriptionStore();
    await store.addSubscription(subscription);
    let now = DEMO_NOW;
    const watcher = new Watcher({ gallery: gallery.port, store, delivery: { deliver: async () => 'sent' }, now: () => now, logger: createLogger('silent') });
    const readsOf = async () => {
      const from = gallery.port.calls.length;
      await watcher.run();
      return gallery.port.calls.slice(from).filter((c) => c.method === 'getVersion').map((c) => c.target!.split('/')[2]).sort();
    };
    await readsOf(); // every version once
    expect(await readsOf()).toEqual(['2026.6.0']); // only the one still replicating
    watcher.wake(versionId('2026.5.0')); // Completed everywhere, yet an event says it changed
    // Not in the inventory (Resource Graph may not have indexed it yet): one targeted GET, a 404, then forgotten.
    watcher.wake(versionId('9.9.9'));
    watcher.wake(`/subscriptions/${DEMO_SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden`);
    expect(await readsOf()).toEqual(['2026.5.0', '2026.6.0', '9.9.9']);
    expect(await readsOf()).toEqual(['2026.6.0']);

    // After a 429 no cycle reads Azure before its Retry-After, however soon it is asked for.
    const reads = gallery.port.calls.length;
    gallery.port.delay = async () => {
      throw new ThrottledError('Azure is busy', 30);
    };
    expect(await watcher.run()).toEqual({ nextInMs: 30_000 });
    gallery.port.delay = undefined;
    const throttled = gallery.port.calls.length;
    now = new Date(DEMO_NOW.getTime() + 10_000);
    expect(await watcher.run()).toEqual({ nextInMs: 20_000 });
    expect(gallery.port.calls.length).toBe(throttled);
    now = new Date(DEMO_NOW.getTime() + 30_000);
    expect(await watcher.run()).toEqual({});
    expect(gallery.port.calls.length).toBeGreaterThan(Math.max(reads, throttled));
  });

  it('coalesces wakes into one cycle, and runs one more for a wake during a cycle', async () => {
    const started: number[] = [];
    let finish: () => void = () => undefined;
    const wake = new WatcherWake(
      () =>
        new Promise<void>((resolve) => {
          started.push(Date.now());
          finish = resolve;
        }),
      createLogger('silent'),
      { debounceMs: 20, minGapMs: 100 },
    );
    for (let i = 0; i < 10; i++) wake.request();
    await new Promise((r) => setTimeout(r, 60));
    expect(started).toHaveLength(1);
    wake.request(); // during the cycle: it may have listed before this change
    wake.request();
    finish();
    await new Promise((r) => setTimeout(r, 40));
    expect(started).toHaveLength(1); // not before the gap
    await new Promise((r) => setTimeout(r, 120));
    expect(started).toHaveLength(2);
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(100);
    finish();
    await wake.stop();
    wake.request();
    await new Promise((r) => setTimeout(r, 150));
    expect(started).toHaveLength(2);
  });
});

it('keeps at most 10,000 versions marked changed, dropping the oldest (events about galleries nobody watches)', async () => {
  const gallery = demoGallery();
  const store = new MemorySubscriptionStore();
  await store.addSubscription(subscription);
  const watcher = new Watcher({ gallery: gallery.port, store, delivery: { deliver: async () => 'sent' }, now: () => DEMO_NOW, logger: createLogger('silent') });
  await watcher.run();
  watcher.wake(versionId('2026.5.0'));
  for (let i = 0; i < 10_000; i++) watcher.wake(versionId(`9.${i}.0`).replace('/gal_golden/', '/gal_unwatched/'));
  const from = gallery.port.calls.length;
  await watcher.run();
  expect(gallery.port.calls.slice(from).filter((c) => c.method === 'getVersion').map((c) => c.target!.split('/')[2])).toEqual(['2026.6.0']);
});
