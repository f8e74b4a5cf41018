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
