/**
 * The directory writes a reference only when where-to-reach-someone changed, not on every message, and never on
 * the turn's path: writes wait a moment and go to the store in batches, while reads see them at once.
 */
import { ConversationDirectory } from '../../src/teams/conversation-directory';
import { createLogger } from '../../src/logging/logger';
import type { ConversationRecord, ConversationStore } from '../../src/conversations/conversation-store';
import { DEMO, message } from '../helpers/activities';
import { MemoryConversationStore } from '../helpers/memory-conversation-store';

const NOW = () => new Date('2026-12-01T00:00:00Z');
const inPersonalChat = (conversationId: string, from: { id: string; name: string; aadObjectId: string } = DEMO.adele) => message('help', { serviceUrl: 'https://smba.example', conversationId, from });

test('ten messages in one personal chat write the member and the chat once', async () => {
  const store = new MemoryConversationStore();
  const directory = new ConversationDirectory(store, NOW, createLogger('silent'));
  for (let i = 0; i < 10; i++) await directory.remember(message(`versions dispatch ${i}`, { serviceUrl: 'https://smba.example', conversationId: 'a:personal-1', from: DEMO.adele }));
  expect(store.puts.map((p) => p.key).sort()).toEqual([`member:${DEMO.adele.aadObjectId}`, `user:${DEMO.adele.aadObjectId}`]);
  const chat = await directory.personalChatOf(DEMO.adele.aadObjectId);
  expect(chat?.conversation?.id).toBe('a:personal-1');
  expect(chat).not.toHaveProperty('activityId');

  // A new personal conversation (reinstalled app) is a new address: written again.
  await directory.remember(inPersonalChat('a:personal-2'));
  expect((await directory.personalChatOf(DEMO.adele.aadObjectId))?.conversation?.id).toBe('a:personal-2');
  expect(store.puts).toHaveLength(3);
});

test('a turn writes nothing itself: the reference is readable at once and stored within the batch delay', async () => {
  const store = new MemoryConversationStore();
  const directory = new ConversationDirectory(store, NOW, createLogger('silent'), 10_000, { delayMs: 30 });
  const remembered = directory.remember(inPersonalChat('a:personal-1'));
  expect(store.calls).toEqual([]);
  expect(directory.pendingWrites).toBe(2);
  expect((await directory.personalChatOf(DEMO.adele.aadObjectId))?.conversation?.id).toBe('a:personal-1');
  expect((await directory.member(DEMO.adele.aadObjectId))?.teamsUserId).toBe(DEMO.adele.id);
  await remembered;
  expect(store.calls).toEqual([[`member:${DEMO.adele.aadObjectId}`, `user:${DEMO.adele.aadObjectId}`]]);
  expect(directory.pendingWrites).toBe(0);
});

test('a burst of new conversations from 50 people is one store call, not 100', async () => {
  const store = new MemoryConversationStore();
  const directory = new ConversationDirectory(store, NOW, createLogger('silent'));
  const people = Array.from({ length: 50 }, (_, i) => ({ id: `29:p${i}`, name: `P ${i}`, aadObjectId: `00000000-0000-0000-0000-0000000009${String(i).padStart(2, '0')}` }));
  await Promise.all(people.map((p, i) => directory.remember(inPersonalChat(`a:chat-${i}`, p))));
  expect(store.calls).toHaveLength(1);
  expect(store.calls[0]).toHaveLength(100);
  expect((await directory.personalChatOf(people[49]!.aadObjectId))?.conversation?.id).toBe('a:chat-49');
});

test('flush stores what waits without waiting for the delay (shutdown)', async () => {
  const store = new MemoryConversationStore();
  const directory = new ConversationDirectory(store, NOW, createLogger('silent'), 10_000, { delayMs: 60_000 });
  void directory.remember(inPersonalChat('a:personal-1'));
  await directory.flush();
  expect((await store.get(`user:${DEMO.adele.aadObjectId}`))?.value).toMatchObject({ conversation: { id: 'a:personal-1' } });
  expect(directory.pendingWrites).toBe(0);
});

test('a failed batch is logged, not thrown, and the next message from there writes the reference again', async () => {
  let fail = true;
  const backing = new MemoryConversationStore();
  const flaky: ConversationStore = {
    put: (r) => backing.put(r),
    get: (k) => backing.get(k),
    putMany: async (records) => {
      if (fail) throw new Error('disk full');
      await backing.putMany(records);
    },
  };
  const warnings: unknown[] = [];
  const logger = createLogger('silent');
  logger.warn = ((obj: unknown) => void warnings.push(obj)) as typeof logger.warn;
  const directory = new ConversationDirectory(flaky, NOW, logger);
  await expect(directory.remember(inPersonalChat('a:personal-1'))).resolves.toBeUndefined();
  expect(warnings).toHaveLength(1);
  fail = false;
  await directory.remember(inPersonalChat('a:personal-1'));
  expect((await backing.get(`user:${DEMO.adele.aadObjectId}`))?.value).toMatchObject({ conversation: { id: 'a:personal-1' } });
});

test('a slow store under a flood of new conversations: one batch in flight, the latest reference wins, memory stays bounded', async () => {
  const puts: ConversationRecord[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let calls = 0;
  const slow: ConversationStore = {
    put: (record) => slow.putMany([record]),
    async putMany(records) {
      calls++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      puts.push(...records);
      inFlight--;
    },
    async get(key) {
      return [...puts].reverse().find((p) => p.key === key);
    },
  };
  const directory = new ConversationDirectory(slow, NOW, createLogger('silent'), 100, { delayMs: 1 });
  // 2,000 turns of one person, each in a new personal conversation (the bench's worst case), none awaited.
  const turns = Array.from({ length: 2000 }, (_, i) => directory.remember(inPersonalChat(`a:personal-${i}`)));
  expect(directory.pendingWrites).toBeLessThanOrEqual(2);
  await Promise.all(turns);
  expect(maxInFlight).toBe(1);
  expect(inFlight).toBe(0);
  expect(calls).toBeLessThan(5);
  expect((await slow.get(`user:${DEMO.adele.aadObjectId}`))?.value).toMatchObject({ conversation: { id: 'a:personal-1999' } });
});
