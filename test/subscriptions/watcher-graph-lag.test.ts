/**
 * The watcher over an inventory that lags ARM, as Resource Graph does (seconds to minutes after a write): a
 * version the inventory still lists after ARM deleted it must not hold the cycle back, and a version only an
 * event named is read from ARM directly.
 */
import { listedInventory } from '../../src/report/listed-inventory';
import type { GalleryInventory, InventoryReader } from '../../src/gallery/inventory-port';
import type { GalleryPort } from '../../src/gallery/gallery-port';
import { createLogger } from '../../src/logging/logger';
import { Watcher } from '../../src/subscriptions/watcher';
import { demoGallery, DEMO_NOW } from '../fixtures/demo-gallery';
import { callcenter, callcenterSubscription } from './callcenter-subscription';
import { MemorySubscriptionStore } from './memory-subscription-store';

/** The fake port, reading its inventory from `snapshot` (what Resource Graph had indexed) instead of its lists. */
function laggingPort(port: GalleryPort, snapshot: () => GalleryInventory): GalleryPort & InventoryReader {
  const reader: InventoryReader = {
    readInventory: async () => snapshot(),
    readFleetUsage: async () => ({ checked: false, problems: [], of: () => undefined }),
  };
  return Object.assign(Object.create(port) as GalleryPort, reader);
}

it('announces nothing stale: a deleted version the inventory still lists is left out once ARM says it is gone', async () => {
  const gallery = demoGallery();
  const indexed = await listedInventory(gallery.port).readInventory();
  // Deleted in ARM after Resource Graph indexed it.
  gallery.port.versions.splice(gallery.port.versions.findIndex((v) => v.image === callcenter.image && v.version === '2026.6.0'), 1);
  const store = new MemorySubscriptionStore();
  const subscription = callcenterSubscription('S-LAG001', ['published']);
  await store.addSubscription(subscription);
  const watcher = new Watcher({ gallery: laggingPort(gallery.port, () => indexed), store, delivery: { deliver: async () => 'sent' }, now: () => DEMO_NOW, logger: createLogger('silent') });
  const listed = gallery.port.countCalls('listVersions');
  await watcher.run();
  expect(gallery.port.countCalls('listVersions')).toBe(listed); // the inventory, not ARM lists
  const baseline = await store.deliveredEvents(subscription.id);
  // The first cycle completes (its baseline is taken) without the version ARM no longer has.
  expect(baseline.has('baseline')).toBe(true);
  expect([...baseline].filter((id) => id.startsWith('published|')).map((id) => id.split('/').at(-1)).sort()).toEqual(['2026.3.0', '2026.4.0', '2026.5.0']);
});
