import type { ConversationRecord } from '../../../src/conversations/conversation-store';
import type { JsonValue } from '../../../src/json-value';
import { minutes } from '../../approvals/fixtures';
import { itWhen, useHarness, type StoreCapabilities, type StoreHarness } from './harness';

/** Conversation references: any key, any JSON value, last write wins. */
export function describeConversationConformance(name: string, makeHarness: () => Promise<StoreHarness>, caps: Required<StoreCapabilities>): void {
  describe(`${name}: conversations`, () => {
    const harness = useHarness(makeHarness);
    const record = (key: string, value: JsonValue, n = 0): ConversationRecord => ({ key, value, updatedAt: minutes(n).toISOString() });

    it('reads back exactly what was put, and nothing for a key never put', async () => {
      const { conversations } = harness().store;
      const r = record('user:00000000-0000-0000-0000-000000000001', conversationReference('a:1Xy'));
      expect(await conversations.get(r.key)).toBeUndefined();
      await conversations.put(r);
      expect(await conversations.get(r.key)).toEqual(r);
      expect(await conversations.get('user:00000000-0000-0000-0000-00000000000')).toBeUndefined();
      expect(await conversations.get('USER:00000000-0000-0000-0000-000000000001')).toBeUndefined();
    });

    it('keeps any JSON value whole: scalars, null, nesting, and several KB with non-ASCII text', async () => {
      const { conversations } = harness().store;
      const values: JsonValue[] = [null, 0, 1.5, -7, true, false, '', 'zürich ✓ 𝄞', [], {}, [1, [2, [3, null]]], conversationReference('b'.repeat(40_000))];
      for (const [i, value] of values.entries()) await conversations.put(record(`member:${i}`, value, i));
      for (const [i, value] of values.entries()) expect(await conversations.get(`member:${i}`)).toEqual(record(`member:${i}`, value, i));
    });

    it('last write wins, including a small value over a large one', async () => {
      const { conversations } = harness().store;
      const key = 'channel:19:abc@thread.tacv2';
      await conversations.put(record(key, conversationReference('x'.repeat(70_000)), 1));
      await conversations.put(record(key, { serviceUrl: 'https://smba.example/amer/' }, 2));
      expect(await conversations.get(key)).toEqual(record(key, { serviceUrl: 'https://smba.example/amer/' }, 2));
      // Wins by order, not by timestamp: the newest reference is the one the bot just saw.
      await conversations.put(record(key, 'older clock', 0));
      expect(await conversations.get(key)).toEqual(record(key, 'older clock', 0));
    });

    it('takes keys with any characters, of any length, without collisions', async () => {
      const { conversations } = harness().store;
      const keys = [
        'channel:19:abc@thread.tacv2',
        'channel:19:abc@thread.tacv2;messageid=1712345678901',
        'a/b', 'a\\b', '../../outside', '..', '.', '#fragment', 'query?x=1&y=2',
        'tab\there\nnewline\u0001\u007f',
        'zürich ✓ 𝄞 日本語',
        'lone \ud800 surrogate',
        'lone \udc00 surrogate',
        '', ' ',
        'k'.repeat(300), 'k'.repeat(301),
        `member:${'é'.repeat(400)}`,
      ];
      await Promise.all(keys.map((key, i) => conversations.put(record(key, { i, key }))));
      for (const [i, key] of keys.entries()) expect(await conversations.get(key)).toEqual(record(key, { i, key }));
      expect(await conversations.get('k'.repeat(299))).toBeUndefined();
      expect(await conversations.get('lone \ufffd surrogate')).toBeUndefined();
    });

    it('stores a batch whole: more records and bytes than one Table transaction takes, last write wins across batches', async () => {
      const { conversations } = harness().store;
      await conversations.putMany([]);
      const many = Array.from({ length: 250 }, (_, i) => record(`user:batch-${i}`, conversationReference(`u${i}`), 1));
      await conversations.putMany(many);
      // 120 records of 30 KB: 3.6 MB, past the 4 MiB a transaction may carry once framed.
      const large = Array.from({ length: 120 }, (_, i) => record(`member:large-${i}`, conversationReference(`${i}-${'z'.repeat(30_000)}`), 2));
      await conversations.putMany(large);
      for (const r of [...many, ...large]) expect(await conversations.get(r.key)).toEqual(r);
      const newer = many.slice(0, 3).map((r) => record(r.key, { serviceUrl: 'https://smba.example/emea/' }, 3));
      await conversations.putMany(newer);
      for (const r of newer) expect(await conversations.get(r.key)).toEqual(r);
      expect(await conversations.get(many[3]!.key)).toEqual(many[3]);
    });

    it('survives a restart', async () => {
      const h = harness();
      const r = record('user:00000000-0000-0000-0000-000000000002', conversationReference('c'), 1);
      await h.store.conversations.put(r);
      await h.store.close();
      h.store = await h.reopen();
      expect(await h.store.conversations.get(r.key)).toEqual(r);
    });

    itWhen(caps.concurrentInstances)("a second instance sees the first one's writes, and the first sees the second's", async () => {
      const h = harness();
      const r = record('user:00000000-0000-0000-0000-000000000002', conversationReference('c'), 1);
      await h.store.conversations.put(r);
      const other = await h.reopen();
      expect(await other.conversations.get(r.key)).toEqual(r);
      const newer = record(r.key, conversationReference('d'), 2);
      await other.conversations.put(newer);
      expect(await h.store.conversations.get(r.key)).toEqual(newer);
      await other.close();
    });
  });
}

/** Shaped like a Bot Framework ConversationReference, the value the bot actually stores. */
function conversationReference(userId: string): JsonValue {
  return {
    activityId: 'f:1712345678901',
    user: { id: `29:${userId}`, name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-000000000003' },
    bot: { id: '28:00000000-0000-0000-0000-000000000004', name: 'GalleryOps' },
    conversation: { conversationType: 'personal', tenantId: '00000000-0000-0000-0000-000000000005', id: `a:1${userId}` },
    channelId: 'msteams',
    locale: 'de-CH',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
  };
}
