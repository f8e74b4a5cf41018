import { digestCard } from '../../../src/cards/digest-card';
import { diffDigest } from '../../../src/subscriptions/digest-diff';
import type { DigestFinding } from '../../../src/subscriptions/digest-findings';
import type { Subscription } from '../../../src/subscriptions/subscription';
import type { CardSample } from './command-samples';

const subscription: Subscription = {
  id: 'S-7K3F9Q',
  conversationId: '19:approvals@thread.tacv2',
  address: 'channel:19:approvals@thread.tacv2',
  scope: { kind: 'gallery', subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-images', gallery: 'gal_golden' },
  label: 'gal_golden',
  events: [],
  digest: { time: '09:00', timeZone: 'Europe/Berlin' },
  createdBy: { id: '29:alex', name: 'Alex Wilber' },
  createdAt: '2026-05-01T08:00:00.000Z',
};
const readAt = new Date('2026-12-05T08:00:00Z');
/** Findings with the longest words a report sentence carries, and markdown in ARM's names. */
const findings = (n: number, prefix: string): DigestFinding[] =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, label: `gal_golden/*app*-${i} 1.0.${i} failed to replicate to ${'Region '.repeat(25)}${i}`, source: 'report', severity: 'high' }));
const before = (keys: DigestFinding[]) => ({ day: '2026-12-04', sentAt: '2026-12-04T08:00:00Z', findings: keys.map(({ key, label }) => ({ key, label })) });

/** The digest card: first, unchanged, and a large gallery's day of changes (items capped, the rest counted). */
export function digestSamples(): CardSample[] {
  const open = findings(3, 'open');
  return [
    { label: 'digest: first', reply: digestCard(diffDigest(undefined, open), subscription, '2026-12-05', readAt) },
    { label: 'digest: no change', reply: digestCard(diffDigest(before(open), open), subscription, '2026-12-05', readAt) },
    { label: 'digest: nothing open', reply: digestCard(diffDigest(before([]), []), subscription, '2026-12-05', readAt) },
    {
      label: 'digest: 2,000 new, 1,500 resolved, 3,000 still open',
      reply: digestCard(diffDigest(before([...findings(1_500, 'gone'), ...findings(3_000, 'kept')]), [...findings(2_000, 'new'), ...findings(3_000, 'kept')]), subscription, '2026-12-05', readAt),
    },
  ];
}
