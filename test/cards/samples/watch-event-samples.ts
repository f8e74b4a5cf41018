import { watchEventCard } from '../../../src/cards/watch-event-card';
import type { Subscription } from '../../../src/subscriptions/subscription';
import type { WatchEvent } from '../../../src/subscriptions/watch-event';
import type { CardSample } from './command-samples';

const image = { subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'callcenter-desktop' };
const subscription: Subscription = {
  id: 'S-7K3F9Q',
  conversationId: '19:approvals@thread.tacv2',
  address: 'channel:19:approvals@thread.tacv2',
  scope: { kind: 'gallery', subscriptionId: image.subscriptionId, resourceGroup: image.resourceGroup, gallery: image.gallery },
  label: 'gal_golden',
  events: ['published', 'replication', 'latest'],
  createdBy: { id: '29:alex', name: 'Alex Wilber' },
  createdAt: '2026-05-01T08:00:00.000Z',
};
const seen = new Date('2026-05-03T14:02:00Z');
const at = (event: Omit<WatchEvent, 'image'>): WatchEvent => ({ ...event, image });

/** One subscription card of each kind, with the longest texts they carry (ARM's error text, many regions). */
export function watchEventSamples(): CardSample[] {
  const regions = ['East US 2', 'West US 2', 'North Europe', 'West Europe', 'Southeast Asia'];
  const thirty = Array.from({ length: 30 }, (_, i) => `${regions[i % regions.length]!} ${Math.floor(i / regions.length) + 1}`);
  return [
    { label: 'watch: published, latest', reply: watchEventCard(at({ id: 'p', kind: 'published', version: '2026.7.0', regions, isLatest: true }), subscription, seen) },
    { label: 'watch: published, excluded', reply: watchEventCard(at({ id: 'p', kind: 'published', version: '2026.7.0', regions: [], isLatest: false, latestVersion: '2026.5.1' }), subscription, seen) },
    { label: 'watch: replication completed', reply: watchEventCard(at({ id: 'r', kind: 'replication', version: '2026.6.0', region: 'Southeast Asia', state: 'Completed' }), subscription, seen) },
    {
      label: 'watch: replication failed with ARM text',
      reply: watchEventCard(at({ id: 'r', kind: 'replication', version: '2026.6.0', region: 'West Europe', state: 'Failed', details: `Disk copy timed out *after* 3 attempts. ${'x'.repeat(400)}` }), subscription, seen),
    },
    { label: 'watch: latest changed', reply: watchEventCard(at({ id: 'l', kind: 'latest', version: '2026.6.0', previous: '2026.5.0' }), subscription, seen) },
    { label: 'watch: latest, previous unknown', reply: watchEventCard(at({ id: 'l', kind: 'latest', version: '2026.6.0' }), subscription, seen) },
    { label: 'watch: replication stuck', reply: watchEventCard(at({ id: 's', kind: 'replication', version: '2026.6.0', region: 'Southeast Asia', stuck: { progress: 40, since: '2026-05-03T12:30:00Z' } }), subscription, seen) },
    { label: 'watch: replication stuck, progress unknown', reply: watchEventCard(at({ id: 's', kind: 'replication', version: '2026.6.0', region: 'Southeast Asia', stuck: { since: '2026-05-03T12:30:00Z' } }), subscription, seen) },
    {
      label: 'watch: end of life, many users',
      reply: watchEventCard(
        at({ id: 'e', kind: 'eol', version: '2026.5.0', endOfLife: { date: '2026-05-10T00:00:00Z', daysLeft: 7, threshold: 7, usedBy: Array.from({ length: 40 }, (_, i) => `vmss-workload-${i} (scale set, as latest)`) } }),
        subscription,
        seen,
      ),
    },
    { label: 'watch: end of life tomorrow', reply: watchEventCard(at({ id: 'e', kind: 'eol', version: '2026.5.0', endOfLife: { date: '2026-05-04T00:00:00Z', daysLeft: 1, threshold: 1, usedBy: ['vm-analytics-01 (VM)'] } }), subscription, seen) },
    {
      label: 'watch: 30 regions completed, one card',
      reply: watchEventCard(thirty.map((region, i) => at({ id: `r${i}`, kind: 'replication', version: '2026.6.0', region, state: 'Completed' })), subscription, seen),
    },
    {
      label: 'watch: regions failed, one card, muted by a click',
      reply: watchEventCard(
        thirty.slice(0, 12).map((region, i) => at({ id: `f${i}`, kind: 'replication', version: '2026.6.0', region, state: 'Failed', details: `Disk copy timed out after 3 attempts. ${'x'.repeat(200)}` })),
        { ...subscription, mutedUntil: '2026-05-04T14:05:00.000Z', mutedBy: 'Megan Bowen' },
        seen,
        { note: 'Muted until 2026-05-04 14:05 UTC by Megan Bowen: events until then are skipped, not sent later.', gone: false },
      ),
    },
    {
      label: 'watch: regions stuck, one card, unsubscribed by a click',
      reply: watchEventCard(thirty.slice(0, 3).map((region, i) => at({ id: `s${i}`, kind: 'replication', version: '2026.6.0', region, stuck: { progress: 40, since: '2026-05-03T12:30:00Z' } })), subscription, seen, { note: 'Unsubscribed by Megan Bowen: no more cards from S-7K3F9Q.', gone: true }),
    },
    {
      label: 'watch: request reminder',
      reply: watchEventCard(
        at({
          id: 'q',
          kind: 'requests',
          version: '2026.6.0',
          reminder: { requestId: 'CR-7K3F9Q2M', title: 'Promote callcenter-desktop 2026.6.0 to latest (gal_golden)', requester: 'Megan Bowen', createdAt: '2026-05-03T09:00:00Z', expiresAt: '2026-05-04T09:00:00Z', approvers: [{ aadObjectId: 'a', name: 'Adele Vance' }, { aadObjectId: 'p', name: 'Patti Fernandez' }] },
        }),
        subscription,
        seen,
      ),
    },
  ];
}
