/**
 * The hook dispatcher on Azure Table Storage (Azurite) shared by two instances, with real local receivers: what
 * one instance delivered (recorded under `hook:<name>` beside the cards' delivered ids) the other does not send
 * again, and the other resolves the PagerDuty alert the first one raised.
 */
import { randomBytes } from 'node:crypto';
import { HookDispatcher, hookDeliveryId } from '../../src/hooks/hook-dispatcher';
import type { HookTarget } from '../../src/hooks/hook-settings';
import { createLogger } from '../../src/logging/logger';
import type { Store } from '../../src/storage/store';
import { openTableStore, tableClientFromConnectionString } from '../../src/storage/table/table-store';
import type { WatchEvent } from '../../src/subscriptions/watch-event';
import { startAzuriteTable, type AzuriteTable } from '../helpers/azurite';
import { startReceiver, statuses } from './hook-receiver';

const image = { subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch' };
const key = '11111111-2222-3333-4444-555555555555/rg-images/gal_golden/dispatch';
const region = (name: string, state: 'Completed' | 'Failed', details?: string): WatchEvent => ({
  id: `replication|${key}/1.4.0|${name.replace(/\s/g, '').toLowerCase()}|${state}`,
  kind: 'replication',
  image,
  version: '1.4.0',
  region: name,
  state,
  ...(details ? { details } : {}),
});
const stuck = (name: string, progress: number): WatchEvent => ({ id: `replication|${key}/1.4.0|${name.replace(/\s/g, '').toLowerCase()}|Stuck@${progress}`, kind: 'replication', image, version: '1.4.0', region: name, stuck: { progress, since: '2026-12-05T08:00:00.000Z' } });
const published: WatchEvent = { id: `published|${key}/1.4.0`, kind: 'published', image, version: '1.4.0', regions: ['East US', 'West Europe'], isLatest: true, latestVersion: '1.4.0' };

let azurite: AzuriteTable;
let webhook: Awaited<ReturnType<typeof startReceiver>>;
let pagerduty: Awaited<ReturnType<typeof startReceiver>>;
const stores: Store[] = [];
beforeAll(async () => {
  [azurite, webhook, pagerduty] = await Promise.all([startAzuriteTable(), startReceiver(), startReceiver(statuses(202, 202, 202, 202))]);
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await Promise.all([webhook?.close(), pagerduty?.close()]);
  await azurite?.stop();
});

it('sends each event once across two instances sharing the table, and resolves only what a trigger opened', async () => {
  const table = `t${randomBytes(6).toString('hex')}`;
  const open = async () => {
    const store = await openTableStore(tableClientFromConnectionString(azurite.connectionString, table));
    stores.push(store);
    return store;
  };
  const hooks: HookTarget[] = [
    { name: 'oncall', type: 'webhook', url: webhook.url, scope: 'gal_golden', events: ['published', 'replication', 'latest'], secret: 's'.repeat(40) },
    { name: 'pd', type: 'pagerduty', url: pagerduty.url, scope: 'gal_golden/dispatch', events: ['replication'], routingKey: 'k'.repeat(32) },
  ];
  // Bundles made, by event asked for: one per version and round, shared by the events and hooks of that round.
  const bundles: string[] = [];
  const evidence = async (e: WatchEvent) => {
    bundles.push(e.id);
    return { url: `https://galleryops.example.test/evidence/${bundles.length}`, expiresAt: '2026-12-05T11:00:00.000Z' };
  };
  const instance = (store: Store) => new HookDispatcher({ hooks, store: store.subscriptions, now: () => new Date('2026-12-05T10:00:00Z'), logger: createLogger('silent'), leading: () => true, evidence });
  const [first, second] = [instance(await open()), instance(await open())];
  const round = async (d: HookDispatcher, facts: WatchEvent[]) => {
    d.offer(facts);
    await d.idle();
  };

  // Baseline: East US had completed, West Europe and Southeast Asia are still replicating.
  await round(first, [published, region('East US', 'Completed')]);
  expect([webhook.requests.length, pagerduty.requests.length]).toEqual([0, 0]);

  // West Europe fails, Southeast Asia stalls: the first instance sends them.
  const news = [published, region('East US', 'Completed'), region('West Europe', 'Failed', 'Quota exceeded.'), stuck('Southeast Asia', 40)];
  await round(first, news);
  expect(webhook.requests.map((r) => JSON.parse(r.raw).type)).toEqual(['replication.stuck', 'replication.failed']);
  const triggers = pagerduty.requests.map((r) => JSON.parse(r.raw));
  expect(triggers.map((t) => [t.event_action, t.payload.severity, t.dedup_key])).toEqual([
    ['trigger', 'warning', `galleryops:${key}/1.4.0:southeastasia`],
    ['trigger', 'error', `galleryops:${key}/1.4.0:westeurope`],
  ]);

  expect(bundles).toHaveLength(1);
  expect(webhook.requests.map((r) => JSON.parse(r.raw).links.evidence)).toEqual(['https://galleryops.example.test/evidence/1', 'https://galleryops.example.test/evidence/1']);
  expect(triggers.map((t) => t.links)).toEqual([[{ href: 'https://galleryops.example.test/evidence/1', text: expect.stringContaining('2026-12-05T11:00:00.000Z') }], expect.anything()]);

  // The other instance, on the same table, has nothing to send for the same facts.
  await round(second, news);
  expect([webhook.requests.length, pagerduty.requests.length]).toEqual([2, 2]);

  // Both regions complete; the second instance resolves both alerts; East US (never triggered) is not resolved.
  await round(second, [published, region('East US', 'Completed'), region('West Europe', 'Completed'), region('Southeast Asia', 'Completed')]);
  const resolves = pagerduty.requests.slice(2).map((r) => JSON.parse(r.raw));
  expect(resolves).toEqual([
    { routing_key: 'k'.repeat(32), event_action: 'resolve', dedup_key: `galleryops:${key}/1.4.0:southeastasia` },
    { routing_key: 'k'.repeat(32), event_action: 'resolve', dedup_key: `galleryops:${key}/1.4.0:westeurope` },
  ]);
  expect(webhook.requests.slice(2).map((r) => `${JSON.parse(r.raw).type} ${JSON.parse(r.raw).region}`)).toEqual(['replication.completed Southeast Asia', 'replication.completed West Europe']);
  await round(first, [published, region('East US', 'Completed'), region('West Europe', 'Completed'), region('Southeast Asia', 'Completed')]);
  expect([webhook.requests.length, pagerduty.requests.length]).toEqual([4, 4]);
  // The resolves asked for no bundle; the two completions shared one.
  expect(bundles).toHaveLength(2);
  expect((await stores[0]!.subscriptions.deliveredEvents(hookDeliveryId('pd'))).has('baseline')).toBe(true);
}, 60_000);
