import { createLogger } from '../../src/logging/logger';
import type { WatcherLease } from '../../src/subscriptions/watcher-lease';
import { WatcherLeadership } from '../../src/subscriptions/watcher-leadership';

/** A lease whose answers the test sets, counting the calls. */
function fakeLease(answer: () => Promise<boolean>) {
  const calls = { lead: 0, release: 0 };
  const lease: WatcherLease = {
    leadWatcher: () => ((calls.lead += 1), answer()),
    releaseWatcher: async () => void (calls.release += 1),
  };
  return { lease, calls };
}

describe('WatcherLeadership', () => {
  it('counts itself leader for half a lease after a renewal began, so a contender waiting a whole lease never overlaps', async () => {
    let clock = 0;
    const { lease } = fakeLease(async () => true);
    const leadership = new WatcherLeadership(lease, 'A', 10_000, createLogger('silent'), () => clock);
    expect(leadership.leading()).toBe(false);
    expect(await leadership.renew()).toBe(true);
    clock = 4_999;
    expect(leadership.leading()).toBe(true);
    clock = 5_000;
    expect(leadership.leading()).toBe(false);
  });

  it('a failed or lost renewal ends the lead at once; storage errors count as lost', async () => {
    let answer: () => Promise<boolean> = async () => true;
    const { lease } = fakeLease(() => answer());
    const leadership = new WatcherLeadership(lease, 'A', 10_000, createLogger('silent'), () => 0);
    await leadership.renew();
    answer = async () => false;
    expect(await leadership.renew()).toBe(false);
    expect(leadership.leading()).toBe(false);
    answer = async () => true;
    await leadership.renew();
    answer = async () => Promise.reject(new Error('storage down'));
    expect(await leadership.renew()).toBe(false);
    expect(leadership.leading()).toBe(false);
  });

  it('renewals in flight are shared (the timer and a cycle never race each other), and stop releases only a held lease', async () => {
    let resolve: (v: boolean) => void = () => undefined;
    const { lease, calls } = fakeLease(() => new Promise<boolean>((r) => (resolve = r)));
    const leadership = new WatcherLeadership(lease, 'A', 10_000, createLogger('silent'), () => 0);
    const both = Promise.all([leadership.renew(), leadership.renew()]);
    resolve(true);
    expect(await both).toEqual([true, true]);
    expect(calls.lead).toBe(1);
    await leadership.stop();
    expect(calls.release).toBe(1);
    expect(leadership.leading()).toBe(false);
    await leadership.stop();
    expect(calls.release).toBe(1);
  });
});

it('stop waits for a renewal in flight and releases what it won; no renewal after stop', async () => {
  let resolve: (v: boolean) => void = () => undefined;
  const { lease, calls } = fakeLease(() => new Promise<boolean>((r) => (resolve = r)));
  const leadership = new WatcherLeadership(lease, 'A', 10_000, createLogger('silent'), () => 0);
  const renewal = leadership.renew();
  const stopped = leadership.stop();
  resolve(true);
  await Promise.all([renewal, stopped]);
  expect(calls.release).toBe(1);
  expect(await leadership.renew()).toBe(false);
  expect(calls.lead).toBe(1);
});
