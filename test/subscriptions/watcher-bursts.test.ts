/**
 * The watcher's side of bursts and mutes: regions of one version reaching one state in the same check go to the
 * delivery as one group (one card, one message against the per-conversation limit), and a muted subscription's
 * events are recorded as skipped, so the end of the mute brings no flood.
 */
import { regionKey } from '../../src/gallery/region-names';
import { createLogger } from '../../src/logging/logger';
import type { Subscription } from '../../src/subscriptions/subscription';
import type { WatchEvent } from '../../src/subscriptions/watch-event';
import { Watcher } from '../../src/subscriptions/watcher';
import { demoGallery, DEMO_NOW } from '../fixtures/demo-gallery';
import { callcenterSubscription } from './callcenter-subscription';
import { MemorySubscriptionStore } from './memory-subscription-store';

const subscription = callcenterSubscription('S-000001', ['replication']);
const REGIONS = ['eastus', 'westus', 'northeurope', 'westeurope', 'southeastasia', 'japaneast', 'brazilsouth', 'uksouth'];

function setup(maxCardsPerConversation = 5) {
  const gallery = demoGallery();
  gallery.version('gal_golden', 'callcenter-desktop', '2026.7.0', { regions: REGIONS.map((r) => [r, 'Replicating', 10] as const) });
  const store = new MemorySubscriptionStore();
  const groups: WatchEvent[][] = [];
  let now = DEMO_NOW;
  const delivery = {
    deliver: async () => {
      throw new Error('a group must go as one');
    },
    deliverGroup: async (_s: Subscription, events: readonly WatchEvent[]) => (groups.push([...events]), 'sent' as const),
  };
  const watcher = new Watcher({ gallery: gallery.port, store, delivery, now: () => now, logger: createLogger('silent'), maxCardsPerConversation, stuckAfterMs: 7 * 24 * 3_600_000 });
  const version = gallery.port.versions.find((v) => v.version === '2026.7.0')!;
  const reach = (state: 'Completed' | 'Failed', ...indexes: number[]) => {
    for (const i of indexes) Object.assign(version.replication!.regions[i]!, { state, progress: state === 'Completed' ? 100 : 40, ...(state === 'Failed' ? { details: 'Disk copy timed out.' } : {}) });
  };
  return { store, groups, watcher, reach, later: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

it('regions completing in one check are one group, failures another; each event is still recorded', async () => {
  const { store, groups, watcher, reach } = setup();
  await store.addSubscription(subscription);
  await watcher.run();
  reach('Completed', 0, 1, 2, 3, 4, 5);
  reach('Failed', 6, 7);
  await watcher.run();
  const cards = groups.map((g) => g.map((e) => `${regionKey(e.region!)}:${e.state}`).sort());
  expect(cards).toHaveLength(2);
  expect(cards).toContainEqual(['brazilsouth:Failed', 'uksouth:Failed']);
  expect(cards).toContainEqual(['eastus:Completed', 'japaneast:Completed', 'northeurope:Completed', 'southeastasia:Completed', 'westeurope:Completed', 'westus:Completed']);
  const delivered = await store.deliveredEvents(subscription.id);
  expect(groups.flat().every((e) => delivered.has(e.id))).toBe(true);
  await watcher.run();
  expect(groups).toHaveLength(2);
});

it('a group counts once against the per-conversation limit of a check', async () => {
  const { store, groups, watcher, reach } = setup(1);
  await store.addSubscription(subscription);
  await watcher.run();
  reach('Completed', 0, 1, 2, 3, 4, 5, 6);
  await watcher.run();
  expect(groups.map((g) => g.length)).toEqual([7]);
});

it('a muted subscription sends nothing, records what happened as skipped, and speaks again after the mute', async () => {
  const { store, groups, watcher, reach, later } = setup();
  await store.addSubscription(subscription);
  await watcher.run();
  await store.muteSubscription(subscription.conversationId, subscription.id, { until: new Date(DEMO_NOW.getTime() + 24 * 3_600_000).toISOString(), by: 'Megan Bowen' });
  reach('Completed', 0, 1);
  await watcher.run();
  expect(groups).toEqual([]);
  expect([...(await store.deliveredEvents(subscription.id))].filter((id) => id.includes('2026.7.0|'))).toHaveLength(2);
  later(24 * 3_600_000 + 1);
  await watcher.run();
  expect(groups).toEqual([]);
  reach('Completed', 2);
  await watcher.run();
  expect(groups.map((g) => g.map((e) => regionKey(e.region!)))).toEqual([['northeurope']]);
});
