import type { Subscription } from '../../../src/subscriptions/subscription';
import { minutes } from '../../approvals/fixtures';
import { itWhen, useHarness, type StoreCapabilities, type StoreHarness } from './harness';

/** Subscriptions per conversation, and the events delivered to each: once recorded, always known. */
export function describeSubscriptionConformance(name: string, makeHarness: () => Promise<StoreHarness>, caps: Required<StoreCapabilities>): void {
  describe(`${name}: subscriptions`, () => {
    const harness = useHarness(makeHarness);
    const sub = (id: string, conversationId: string, n: number, extra: Partial<Subscription> = {}): Subscription => ({
      id,
      conversationId,
      address: `conversation:${conversationId}`,
      scope: { kind: 'image', subscriptionId: '1111', resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch' },
      label: 'gal_golden/dispatch',
      events: ['published', 'replication', 'latest'],
      createdBy: { id: '29:alex', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-000000000020' },
      createdAt: minutes(n).toISOString(),
      ...extra,
    });

    it('lists a conversation\'s subscriptions oldest first, and all of them for the watcher', async () => {
      const { subscriptions } = harness().store;
      const a = sub('S-AAAAAA', '19:chan@thread.tacv2', 2, { scope: { kind: 'all' }, label: 'all galleries', events: ['latest'] });
      const b = sub('S-BBBBBB', '19:chan@thread.tacv2', 1, { scope: { kind: 'gallery', subscriptionId: '1111', resourceGroup: 'rg', gallery: 'gal_golden' }, label: 'gal_golden' });
      const c = sub('S-CCCCCC', 'a:1personal', 3, { createdBy: { id: '29:megan' } });
      for (const s of [a, b, c]) await subscriptions.addSubscription(s);
      expect(await subscriptions.listSubscriptions('19:chan@thread.tacv2')).toEqual([b, a]);
      expect(await subscriptions.listSubscriptions('a:1personal')).toEqual([c]);
      expect(await subscriptions.listSubscriptions('nowhere')).toEqual([]);
      expect(await subscriptions.listSubscriptions()).toEqual([b, a, c]);
    });

    it('removes only from the conversation that owns the subscription, with its delivery records', async () => {
      const { subscriptions } = harness().store;
      const a = sub('S-AAAAAA', 'conv-1', 1);
      await subscriptions.addSubscription(a);
      await subscriptions.recordDeliveries(a.id, ['published|x|present'], minutes(2).toISOString());
      expect(await subscriptions.removeSubscription('conv-2', a.id)).toBeUndefined();
      expect(await subscriptions.listSubscriptions()).toEqual([a]);
      expect(await subscriptions.removeSubscription('conv-1', a.id)).toEqual(a);
      expect(await subscriptions.removeSubscription('conv-1', a.id)).toBeUndefined();
      expect(await subscriptions.listSubscriptions()).toEqual([]);
      expect(await subscriptions.deliveredEvents(a.id)).toEqual(new Set());
    });

    it('mutes only in the conversation that owns the subscription; the mute survives a restart', async () => {
      const h = harness();
      const a = sub('S-AAAAAA', 'conv-1', 1);
      await h.store.subscriptions.addSubscription(a);
      const mute = { until: minutes(60 * 24).toISOString(), by: 'Megan Bowen' };
      expect(await h.store.subscriptions.muteSubscription('conv-2', a.id, mute)).toBeUndefined();
      expect(await h.store.subscriptions.muteSubscription('conv-1', 'S-ZZZZZZ', mute)).toBeUndefined();
      expect(await h.store.subscriptions.listSubscriptions()).toEqual([a]);
      const muted = { ...a, mutedUntil: mute.until, mutedBy: mute.by };
      expect(await h.store.subscriptions.muteSubscription('conv-1', a.id, mute)).toEqual(muted);
      await h.store.close();
      h.store = await h.reopen();
      expect(await h.store.subscriptions.listSubscriptions('conv-1')).toEqual([muted]);
    });

    it('lifts a mute (unmute) only in the conversation that owns the subscription; the record is as before the mute', async () => {
      const h = harness();
      const a = sub('S-AAAAAA', 'conv-1', 1);
      await h.store.subscriptions.addSubscription(a);
      await h.store.subscriptions.muteSubscription('conv-1', a.id, { until: minutes(60 * 24).toISOString(), by: 'Megan Bowen' });
      expect(await h.store.subscriptions.muteSubscription('conv-2', a.id, null)).toBeUndefined();
      expect((await h.store.subscriptions.listSubscriptions('conv-1'))[0]?.mutedUntil).toBeDefined();
      expect(await h.store.subscriptions.muteSubscription('conv-1', a.id, null)).toEqual(a);
      await h.store.close();
      h.store = await h.reopen();
      expect(await h.store.subscriptions.listSubscriptions('conv-1')).toEqual([a]);
    });

    it('records delivered events per subscription; recording again (a crash and a retry) is harmless', async () => {
      const { subscriptions } = harness().store;
      const ids = ['replication|/subscriptions/1111/resourcegroups/rg/…/versions/2026.5.1|centralus|Failed', 'latest|a/b|2026.6.0', 'zürich ✓ 𝄞 #?\\'];
      // More than one Table transaction's worth, with a duplicate inside one batch.
      const many = Array.from({ length: 230 }, (_, i) => `published|v${i}`);
      await subscriptions.recordDeliveries('S-AAAAAA', [...ids, ids[0]!], minutes(1).toISOString());
      await subscriptions.recordDeliveries('S-AAAAAA', many, minutes(1).toISOString());
      await subscriptions.recordDeliveries('S-AAAAAA', [ids[1]!], minutes(2).toISOString());
      expect(await subscriptions.deliveredEvents('S-AAAAAA')).toEqual(new Set([...ids, ...many]));
      expect(await subscriptions.deliveredEvents('S-BBBBBB')).toEqual(new Set());
    });

    it('survives a restart', async () => {
      const h = harness();
      const a = sub('S-AAAAAA', 'conv-1', 1);
      await h.store.subscriptions.addSubscription(a);
      await h.store.subscriptions.recordDeliveries(a.id, ['latest|a|1'], minutes(2).toISOString());
      await h.store.close();
      h.store = await h.reopen();
      expect(await h.store.subscriptions.listSubscriptions('conv-1')).toEqual([a]);
      expect(await h.store.subscriptions.deliveredEvents(a.id)).toEqual(new Set(['latest|a|1']));
    });

    itWhen(caps.concurrentInstances)('a second instance sees the deliveries the first recorded', async () => {
      const h = harness();
      await h.store.subscriptions.addSubscription(sub('S-AAAAAA', 'conv-1', 1));
      await h.store.subscriptions.recordDeliveries('S-AAAAAA', ['latest|a|1'], minutes(2).toISOString());
      const other = await h.reopen();
      expect(await other.subscriptions.deliveredEvents('S-AAAAAA')).toEqual(new Set(['latest|a|1']));
      expect((await other.subscriptions.listSubscriptions()).map((s) => s.id)).toEqual(['S-AAAAAA']);
      await other.close();
    });
  });
}
