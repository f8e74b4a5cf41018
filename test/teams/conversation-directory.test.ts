/** The directory writes a reference only when where-to-reach-someone changed, not on every message. */
import { ConversationDirectory } from '../../src/teams/conversation-directory';
import { createLogger } from '../../src/logging/logger';
import type { ConversationRecord, ConversationStore } from '../../src/conversations/conversation-store';
import { DEMO, message } from '../helpers/activities';

class CountingStore implements ConversationStore {
  readonly puts: ConversationRecord[] = [];
  private readonly data = new Map<string, ConversationRecord>();
  async put(record: ConversationRecord): Promise<void> {
    this.puts.push(record);
    this.data.set(record.key, record);
  }
  async get(key: string): Promise<ConversationRecord | undefined> {
    return this.data.get(key);
  }
}

test('ten messages in one personal chat write the member and the chat once', async () => {
  const store = new CountingStore();
  const directory = new ConversationDirectory(store, () => new Date('2026-12-01T00:00:00Z'), createLogger('silent'));
  for (let i = 0; i < 10; i++) await directory.remember(message(`versions dispatch ${i}`, { serviceUrl: 'https://smba.example', conversationId: 'a:personal-1', from: DEMO.adele }));
  expect(store.puts.map((p) => p.key).sort()).toEqual([`member:${DEMO.adele.aadObjectId}`, `user:${DEMO.adele.aadObjectId}`]);
  const chat = await directory.personalChatOf(DEMO.adele.aadObjectId);
  expect(chat?.conversation?.id).toBe('a:personal-1');
  expect(chat).not.toHaveProperty('activityId');

  // A new personal conversation (reinstalled app) is a new address: written again.
  await directory.remember(message('help', { serviceUrl: 'https://smba.example', conversationId: 'a:personal-2', from: DEMO.adele }));
  expect((await directory.personalChatOf(DEMO.adele.aadObjectId))?.conversation?.id).toBe('a:personal-2');
  expect(store.puts).toHaveLength(3);
});

test('a slow store under a flood of new conversations: at most one write in flight per key, the latest reference wins, memory stays bounded', async () => {
  const puts: ConversationRecord[] = [];
  let inFlight = 0;
  let maxInFlightPerKey = 0;
  const perKey = new Map<string, number>();
  const slow: ConversationStore = {
    async put(record) {
      const n = (perKey.get(record.key) ?? 0) + 1;
      perKey.set(record.key, n);
      maxInFlightPerKey = Math.max(maxInFlightPerKey, n);
      inFlight++;
      await new Promise((r) => setTimeout(r, 5));
      puts.push(record);
      inFlight--;
      perKey.set(record.key, n - 1);
    },
    async get(key) {
      return [...puts].reverse().find((p) => p.key === key);
    },
  };
  const directory = new ConversationDirectory(slow, () => new Date('2026-12-01T00:00:00Z'), createLogger('silent'), 100);
  // 2,000 turns of one person, each in a new personal conversation (the bench's worst case), none awaited.
  const turns = Array.from({ length: 2000 }, (_, i) => directory.remember(message('help', { serviceUrl: 'https://smba.example', conversationId: `a:personal-${i}`, from: DEMO.adele })));
  expect(directory.pendingWrites).toBeLessThanOrEqual(2);
  await Promise.all(turns);
  expect(maxInFlightPerKey).toBe(1);
  expect(inFlight).toBe(0);
  expect(puts.length).toBeLessThan(10);
  expect((await directory.personalChatOf(DEMO.adele.aadObjectId))?.conversation?.id).toBe('a:personal-1999');
});
