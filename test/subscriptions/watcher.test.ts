import { ForbiddenError, ThrottledError } from '../../src/errors';
import { createLogger } from '../../src/logging/logger';
import type { WatchEvent } from '../../src/subscriptions/watch-event';
import { Watcher } from '../../src/subscriptions/watcher';
import { isoDay } from '../../src/utc-day';
import { demoGallery, DEMO_NOW } from '../fixtures/demo-gallery';
import { DEMO_SUB } from '../fixtures/gallery-builder';
import { callcenterSubscription } from './callcenter-subscription';
import { MemorySubscriptionStore } from './memory-subscription-store';

const subscription = callcenterSubscription('S-000001', ['published', 'replication', 'latest']);

function setup() {
  const gallery = demoGallery();
  const store = new MemorySubscriptionStore();
  const sent: WatchEvent[] = [];
  const watcher = new Watcher({ gallery: gallery.port, store, delivery: { deliver: async (_s, e) => (sent.push(e), 'sent') }, now: () => DEMO_NOW, logger: createLogger('silent') });
  return { gallery, store, sent, watcher };
}

describe('the subscriptions watcher', () => {
  it('reads nothing without subscriptions', async () => {
    const { gallery, watcher } = setup();
    await watcher.run();
    expect(gallery.port.calls).toEqual([]);
  });

  it('announces a published version, its Completed regions and the new latest after the baseline, each once', async () => {
    const { gallery, store, sent, watcher } = setup();
    await store.addSubscription(subscription);
    await watcher.run();
    expect(sent).toEqual([]);
    gallery.version('gal_golden', 'callcenter-desktop', '2026.7.0', { regions: [['eastus2', 'Completed'], ['westus2', 'Replicating', 5]] });
    await watcher.run();
    expect(sent.map((e) => [e.kind, e.version, e.region ?? '', e.isLatest ?? e.previous ?? ''])).toEqual([
      ['published', '2026.7.0', '', true],
      ['replication', '2026.7.0', 'East US 2', ''],
      ['latest', '2026.7.0', '', '2026.5.0'],
    ]);
    expect(sent[0]!.regions).toEqual(['East US 2', 'West US 2']);
    await watcher.run();
    expect(sent).toHaveLength(3);
  });

  it('reads replication only for versions still replicating, failed or new (ARM read budget)', async () => {
    const { gallery, store, watcher } = setup();
    await store.addSubscription(subscription);
    await watcher.run();
    const firstReads = gallery.port.countCalls('getVersion');
    expect(firstReads).toBe(4);
    await watcher.run();
    // 2026.6.0 is still Replicating in Southeast Asia; the three finished versions are not read again.
    expect(gallery.port.countCalls('getVersion') - firstReads).toBe(1);
    expect(gallery.port.calls.filter((c) => c.method === 'getVersion').every((c) => c.withReplication)).toBe(true);
    // Only the subscribed definition is listed: one gallery list, one image list, one version list per run.
    expect(gallery.port.countCalls('listVersions')).toBe(2);
  });

  it('a 429 ends the run and pushes the next one out by Retry-After', async () => {
    const { gallery, store, sent, watcher } = setup();
    await store.addSubscription(subscription);
    gallery.port.delay = async () => {
      throw new ThrottledError('Azure is busy', 120);
    };
    expect(await watcher.run()).toEqual({ nextInMs: 120_000 });
    expect(sent).toEqual([]);
    expect(store.delivered.size).toBe(0);
  });

  it('an unreachable conversation gets its events later, not never', async () => {
    const { gallery, store, watcher } = setup();
    const sent: string[] = [];
    let reachable = false;
    const w = new Watcher({ gallery: gallery.port, store, delivery: { deliver: async (_s, e) => (reachable ? (sent.push(e.id), 'sent') : 'unreachable') }, now: () => DEMO_NOW, logger: createLogger('silent') });
    void watcher;
    await store.addSubscription({ ...subscription, events: ['published'] });
    await w.run();
    gallery.version('gal_golden', 'callcenter-desktop', '2026.7.0', { excludeFromLatest: true });
    await w.run();
    expect(sent).toEqual([]);
    reachable = true;
    await w.run();
    expect(sent).toEqual([`published|${DEMO_SUB}/rg-images/gal_golden/callcenter-desktop/2026.7.0`]);
  });
});

it('with more unfinished versions than the read budget, each is read in turn', async () => {
  const gallery = demoGallery();
  for (let i = 0; i < 5; i++) gallery.version('gal_golden', 'callcenter-desktop', `2027.${i}.0`, { regions: [['eastus2', 'Replicating', 10]] });
  const store = new MemorySubscriptionStore();
  await store.addSubscription(subscription);
  const watcher = new Watcher({ gallery: gallery.port, store, delivery: { deliver: async () => 'sent' }, now: () => DEMO_NOW, logger: createLogger('silent'), maxReadsPerRun: 3 });
  const readsOf = async () => {
    const from = gallery.port.calls.length;
    await watcher.run();
    return gallery.port.calls.slice(from).filter((c) => c.method === 'getVersion').map((c) => c.target!.split('/')[2]);
  };
  // 9 versions, 3 reads a run: three runs to read them all once (no baseline before that).
  for (let run = 0; run < 3; run++) expect(await readsOf()).toHaveLength(3);
  expect(store.delivered.get('S-000001')?.has('baseline')).toBe(true);
  // Then only the six unfinished ones (2026.6.0 and the five new), three a run, in turn.
  const next = [...(await readsOf()), ...(await readsOf())].sort();
  expect(next).toEqual(['2026.6.0', '2027.0.0', '2027.1.0', '2027.2.0', '2027.3.0', '2027.4.0']);
});

it('eol: an eol baseline waits until the usage of every definition near an end of life is known, one usage read per run', async () => {
  const gallery = demoGallery();
  // Three definitions with a version ending within 30 days; only callcenter-desktop's (latest here) is in use.
  gallery.version('gal_golden', 'dispatch', '2026.5.2', { eolDays: 10 });
  gallery.version('gal_golden', 'records', '2026.5.2', { eolDays: 12, excludeFromLatest: true });
  gallery.version('gal_golden', 'callcenter-desktop', '2026.5.2', { eolDays: 14 });
  const reads: string[] = [];
  const usage = {
    findUsage: async (image: { image: string }) => {
      reads.push(image.image);
      const scaleSets = image.image === 'callcenter-desktop' ? [{ id: '/x/vmss-cc', name: 'vmss-cc', resourceGroup: 'rg', subscriptionId: DEMO_SUB, imageReferenceId: '/def', pinned: false }] : [];
      return { scaleSets, vms: [] };
    },
  };
  const store = new MemorySubscriptionStore();
  await store.addSubscription({ ...subscription, scope: { kind: 'gallery', subscriptionId: DEMO_SUB, resourceGroup: 'rg-images', gallery: 'gal_golden' }, events: ['eol'] });
  const sent: WatchEvent[] = [];
  const watcher = new Watcher({ gallery: gallery.port, store, usage, delivery: { deliver: async (_s, e) => (sent.push(e), 'sent') }, now: () => DEMO_NOW, logger: createLogger('silent') });
  for (let run = 0; run < 3; run++) {
    expect(store.delivered.get('S-000001')?.has('baseline')).not.toBe(true);
    await watcher.run();
    expect(reads).toHaveLength(run + 1);
  }
  // All three known: the baseline holds callcenter-desktop 2026.5.2's 30-day fact, so nothing is announced.
  expect(store.delivered.get('S-000001')).toEqual(new Set(['baseline', `eol|${DEMO_SUB}/rg-images/gal_golden/callcenter-desktop/2026.5.2|${isoDay(new Date(DEMO_NOW.getTime() + 14 * 86_400_000))}|30`]));
  await watcher.run();
  expect(reads).toHaveLength(3); // within the hour: no more usage reads
  expect(sent).toEqual([]);
});

it('eol: usage that cannot be read (no Reader role on the workloads) never holds a subscription\'s other events back', async () => {
  const gallery = demoGallery(); // callcenter-desktop 2026.4.0 ends in 20 days: its usage is wanted
  const usage = {
    findUsage: async () => {
      throw new ForbiddenError('GalleryOps may not run the Azure Resource Graph query');
    },
  };
  const store = new MemorySubscriptionStore();
  await store.addSubscription({ ...subscription, events: ['published', 'eol'] });
  const sent: WatchEvent[] = [];
  const watcher = new Watcher({ gallery: gallery.port, store, usage, delivery: { deliver: async (_s, e) => (sent.push(e), 'sent') }, now: () => DEMO_NOW, logger: createLogger('silent') });
  await watcher.run();
  gallery.version('gal_golden', 'callcenter-desktop', '2026.7.0', { excludeFromLatest: true });
  await watcher.run();
  expect(sent.map((e) => `${e.kind} ${e.version}`)).toEqual(['published 2026.7.0']);
});
