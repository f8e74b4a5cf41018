/**
 * SIGTERM (a rolling deploy, a scale-in): the instance stops taking turns at once (POST /api/messages and
 * /readyz answer 503, so the load balancer moves on), lets a change it is carrying out finish within the grace
 * time, and hands over what is still running after it (another instance reconciles it once the heartbeat stops).
 * Real HTTP, the real SDK against the emulator, whose long-running operation is held open.
 */
import { DEMO, message, post } from '../../helpers/activities';
import { click, requestIdOn, say, waitForFinal } from '../../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../../helpers/bot-under-test';
import { waitFor } from '../../helpers/wait-for';

let bot: BotUnderTest | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

/** Alex asks to retire dispatch 2026.4.0, Adele approves; resolves once the change is executing. */
async function approvedAndExecuting(b: BotUnderTest): Promise<string> {
  const asked = await say(b, DEMO.alex, 'retire dispatch 2026.4.0 because superseded by 2026.5.0');
  const id = requestIdOn(asked.text);
  await click(b, DEMO.adele, 'galleryops.approve', { requestId: id }, `clicks-${DEMO.adele.id}`);
  await waitFor(async () => (await b.store.requests.get(id))?.state, (s) => s === 'executing');
  return id;
}

it('refuses new turns at once and lets a running change finish within the grace time', async () => {
  bot = await startBotUnderTest({ lroRetryAfterSeconds: 0, lroPollDelayMs: 1500 });
  const id = await approvedAndExecuting(bot);
  const closing = bot.app.close(15_000);
  const refused = await post(bot.botUrl, message('help', { serviceUrl: bot.serviceUrl, conversationId: 'after-sigterm' }));
  expect(refused.status).toBe(503);
  expect((await fetch(`${bot.botUrl}/readyz`)).status).toBe(503);
  expect(await closing).toEqual([]);
  const request = await bot.store.requests.get(id);
  expect(request?.state).toBe('succeeded');
  expect(bot.connector.messages('after-sigterm')).toEqual([]);
});

it('hands over a change still running when the grace time ends, leaving it executing for another instance', async () => {
  bot = await startBotUnderTest({ lroRetryAfterSeconds: 0, lroPollDelayMs: 4000 });
  const id = await approvedAndExecuting(bot);
  const started = Date.now();
  expect(await bot.app.close(300)).toEqual([id]);
  expect(Date.now() - started).toBeLessThan(3000);
  expect((await bot.store.requests.get(id))?.state).toBe('executing');
  // In a real stop the process exits here; in this test the write still lands and is recorded once.
  expect((await waitForFinal(bot, id)).state).toBe('succeeded');
});
