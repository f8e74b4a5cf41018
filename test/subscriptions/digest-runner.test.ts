import type { CardReply } from '../../src/cards/reply';
import type { DigestCardData } from '../../src/cards/digest-card';
import { createLogger } from '../../src/logging/logger';
import type { Report, ReportFinding } from '../../src/report/report-types';
import type { DigestReading } from '../../src/subscriptions/digest-read';
import { DigestRunner } from '../../src/subscriptions/digest-runner';
import type { DigestRecord, DigestStore } from '../../src/subscriptions/digest-store';
import type { Subscription } from '../../src/subscriptions/subscription';
import { MemorySubscriptionStore } from './memory-subscription-store';

const sub = (id: string, timeZone = 'UTC'): Subscription => ({
  id,
  conversationId: `conv-${id}`,
  address: `conversation:conv-${id}`,
  scope: { kind: 'all' },
  label: 'all galleries',
  events: [],
  digest: { time: '09:00', timeZone },
  createdBy: { id: '29:alex' },
  createdAt: '2026-12-01T00:00:00Z',
});
const finding = (image: string): ReportFinding => ({ kind: 'stale-latest', severity: 'low', subscriptionId: 's', resourceGroup: 'rg', gallery: 'g', image, text: `${image} is stale`, fixes: [] });
const reading = (images: string[], problems: string[] = []): DigestReading => ({
  report: { readAt: '2026-12-05T09:00:00Z', settings: { eolSoonDays: 30, staleLatestDays: 90 }, scanned: { subscriptions: [], galleries: 0, definitions: 0, versions: 0 }, desiredState: false, findings: images.map(finding), storage: [], problems } satisfies Report,
});

class MemoryDigests implements DigestStore {
  readonly last = new Map<string, DigestRecord>();
  constructor(private readonly subs: MemorySubscriptionStore) {}
  async lastDigest(id: string) {
    return this.last.get(id);
  }
  async recordDigest(id: string, eventId: string, digest: DigestRecord) {
    await this.subs.recordDeliveries(id, [eventId]);
    this.last.set(id, digest);
  }
}

function setup(read: () => DigestReading, outcome: 'sent' | 'unreachable' = 'sent', leading = true) {
  const store = new MemorySubscriptionStore();
  const digests = new MemoryDigests(store);
  const cards: { id: string; card: CardReply<DigestCardData> }[] = [];
  let reads = 0;
  let now = new Date('2026-12-05T09:00:00Z');
  const runner = new DigestRunner({
    store,
    digests,
    delivery: { deliverDigest: async (s, card) => (cards.push({ id: s.id, card: card as CardReply<DigestCardData> }), outcome) },
    read: async () => (reads++, read()),
    now: () => now,
    logger: createLogger('silent'),
    leadership: { leading: () => leading },
  });
  return { runner, digests, cards, reads: () => reads, at: (iso: string) => (now = new Date(iso)) };
}

test('one read serves every digest due, and a zone this runtime does not know holds back only its own', async () => {
  const t = setup(() => reading(['a']));
  await t.runner.run([sub('S-1'), { ...sub('S-2'), digest: { time: '09:00', timeZone: 'Nowhere/Gone' } }, sub('S-3')]);
  expect(t.cards.map((c) => c.id)).toEqual(['S-1', 'S-3']);
  expect(t.reads()).toBe(1);
  await t.runner.run([sub('S-1'), sub('S-3')]);
  expect(t.cards).toHaveLength(2);
  expect(t.reads()).toBe(1);
});

test('an unreachable conversation or a lost lead records nothing, so the digest goes out later that day', async () => {
  const unreachable = setup(() => reading(['a']), 'unreachable');
  await unreachable.runner.run([sub('S-1')]);
  expect(unreachable.digests.last.size).toBe(0);
  const follower = setup(() => reading(['a']), 'sent', false);
  await follower.runner.run([sub('S-1')]);
  expect(follower.cards).toEqual([]);
  expect(follower.reads()).toBe(0);
});

test('after a partial read nothing is called resolved, and what was not seen stays in the baseline', async () => {
  let current = reading(['a', 'b']);
  const t = setup(() => current);
  await t.runner.run([sub('S-1')]);
  current = reading(['b', 'c'], ['Could not list the versions of g/a: throttled']);
  t.at('2026-12-06T09:00:00Z');
  await t.runner.run([sub('S-1')]);
  const second = t.cards[1]!.card.data;
  expect(second.sections.map((s) => s.heading)).toEqual(['✗ New (1)', '✓ Resolved (0)', 'Still open (1)'].filter((h) => !h.includes('(0)')));
  expect(t.digests.last.get('S-1')!.findings.map((f) => f.label).sort()).toEqual(['a is stale', 'b is stale', 'c is stale']);
  current = reading(['b', 'c']);
  t.at('2026-12-07T09:00:00Z');
  await t.runner.run([sub('S-1')]);
  expect(t.cards[2]!.card.data.sections.find((s) => s.heading.startsWith('✓'))?.items).toEqual([{ text: '• a is stale' }]);
});

test('a subscription muted at its time skips that day’s digest; the next one compares with the last one sent', async () => {
  let current = reading(['a']);
  const t = setup(() => current);
  await t.runner.run([sub('S-1')]);
  current = reading(['a', 'b']);
  t.at('2026-12-06T09:00:00Z');
  await t.runner.run([{ ...sub('S-1'), mutedUntil: '2026-12-06T10:00:00Z' }]);
  t.at('2026-12-06T11:00:00Z');
  await t.runner.run([sub('S-1')]);
  expect(t.cards).toHaveLength(1);
  t.at('2026-12-07T09:00:00Z');
  await t.runner.run([sub('S-1')]);
  expect(t.cards[1]!.card.data.summary).toMatch(/^Since 5 Dec: 1 new, 0 resolved/);
});
