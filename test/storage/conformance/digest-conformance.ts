import type { Subscription } from '../../../src/subscriptions/subscription';
import { minutes } from '../../approvals/fixtures';
import { useHarness, type StoreCapabilities, type StoreHarness } from './harness';

/** The last daily digest of each subscription, kept beside its delivered ids: one write, seen by a restart. */
export function describeDigestConformance(name: string, makeHarness: () => Promise<StoreHarness>, _caps: Required<StoreCapabilities>): void {
  describe(`${name}: daily digests`, () => {
    const harness = useHarness(makeHarness);
    const subscription: Subscription = {
      id: 'S-D1GEST',
      conversationId: 'conv-digest',
      address: 'conversation:conv-digest',
      scope: { kind: 'all' },
      label: 'all galleries',
      events: [],
      digest: { time: '09:00', timeZone: 'Europe/Berlin' },
      createdBy: { id: '29:alex' },
      createdAt: minutes(1).toISOString(),
    };
    const digest = (day: string, keys: string[]) => ({ day, sentAt: minutes(2).toISOString(), findings: keys.map((key) => ({ key, label: `Fix ${key} — “quoted” ✓` })) });

    it('keeps the last digest and records its event id among the delivered ones, for a restarted store too', async () => {
      const { store } = harness();
      await store.subscriptions.addSubscription(subscription);
      expect(await store.digests.lastDigest(subscription.id)).toBeUndefined();
      await store.subscriptions.recordDeliveries(subscription.id, ['baseline'], minutes(1).toISOString());
      await store.digests.recordDigest(subscription.id, 'digest|S-D1GEST|2026-12-05', digest('2026-12-05', ['report|a', 'drift|b']));
      await store.digests.recordDigest(subscription.id, 'digest|S-D1GEST|2026-12-06', digest('2026-12-06', ['report|c']));
      const h = harness();
      await h.store.close();
      h.store = await h.reopen();
      expect(await h.store.digests.lastDigest(subscription.id)).toEqual(digest('2026-12-06', ['report|c']));
      expect(await h.store.subscriptions.deliveredEvents(subscription.id)).toEqual(new Set(['baseline', 'digest|S-D1GEST|2026-12-05', 'digest|S-D1GEST|2026-12-06']));
    });

    it('holds a large gallery’s findings, and forgets them with the subscription', async () => {
      const { store } = harness();
      await store.subscriptions.addSubscription(subscription);
      const many = digest('2026-12-05', Array.from({ length: 2_000 }, (_, i) => `report|past-end-of-life|1111/rg-images/gal_golden/app-${i}/1.0.${i}|`));
      await store.digests.recordDigest(subscription.id, 'digest|S-D1GEST|2026-12-05', many);
      expect((await store.digests.lastDigest(subscription.id))?.findings).toHaveLength(2_000);
      await store.subscriptions.removeSubscription(subscription.conversationId, subscription.id);
      expect(await store.digests.lastDigest(subscription.id)).toBeUndefined();
    });
  });
}
