/**
 * Conversation references are learnt on every turn but stored later, in batches (src/conversations/batching-writer.ts):
 * through the real HTTP endpoint, the turn answers without storing anything, and stopping the bot stores what
 * waits, before the store closes. Here the batch delay is a minute, so only the stop can have stored it.
 */
import { DEMO, message, post } from '../helpers/activities';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';

let bot: BotUnderTest | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

test("a turn answers without storing the person's reference; stopping the bot stores it", async () => {
  bot = await startBotUnderTest({}, {}, { referenceBatching: { delayMs: 60_000 } });
  const res = await post(bot.botUrl, message('help', { serviceUrl: bot.serviceUrl, conversationId: 'a:adele-personal', from: DEMO.adele }));
  expect(res.status).toBe(200);
  await bot.connector.waitForMessages('a:adele-personal', 1);
  const key = `user:${DEMO.adele.aadObjectId}`;
  expect(await bot.store.conversations.get(key)).toBeUndefined();

  await bot.app.close();
  expect((await bot.store.conversations.get(key))?.value).toMatchObject({ conversation: { id: 'a:adele-personal' }, serviceUrl: bot.serviceUrl });
  expect((await bot.store.conversations.get(`member:${DEMO.adele.aadObjectId}`))?.value).toMatchObject({ teamsUserId: DEMO.adele.id });
});

test('with the default delay the reference is stored within moments of the turn, with no stop', async () => {
  bot = await startBotUnderTest();
  await post(bot.botUrl, message('help', { serviceUrl: bot.serviceUrl, conversationId: 'a:adele-personal-2', from: DEMO.adele }));
  const key = `user:${DEMO.adele.aadObjectId}`;
  const deadline = Date.now() + 5000;
  while (!(await bot.store.conversations.get(key)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect((await bot.store.conversations.get(key))?.value).toMatchObject({ conversation: { id: 'a:adele-personal-2' } });
});
