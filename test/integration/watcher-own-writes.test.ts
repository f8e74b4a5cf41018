/**
 * The bot's own write reaches its subscribers without waiting for Resource Graph: an approved promote creates a
 * version in gal_golden that the emulator's Resource Graph does not index yet (`faults.graphLag`, as Azure's
 * index lags writes), and the next watcher cycle still announces it, with one targeted GET. Real HTTP into
 * /api/messages, the real SDKs over HTTPS against the emulator.
 */
import { DEMO } from '../helpers/activities';
import { click, requestIdOn, say, waitForFinal } from '../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { SubscriptionChat } from '../helpers/subscription-chat';
import type { ArmCall } from '../../src/gallery/arm';

const PROMOTED = '/galleries/gal_golden/images/dispatch/versions/2026.6.0';

let bot: BotUnderTest;
const calls: ArmCall[] = [];
const chat = new SubscriptionChat(() => bot, 'own-writes-chat');
beforeAll(async () => {
  bot = await startBotUnderTest(
    { lroPollDelayMs: 30, lroRetryAfterSeconds: 0, faults: { graphLag: { match: `${PROMOTED.replace(/\./g, '\\.')}$` } } },
    { WATCH_INTERVAL_SECONDS: '3600' },
    { armObserver: (c) => calls.push(c) },
  );
});
afterAll(async () => {
  await bot?.stop();
});

it('announces a version the bot promoted before Resource Graph lists it, reading it once', async () => {
  expect(await chat.say('subscribe gal_golden/dispatch to published')).toMatch(/^Subscribed this chat/);
  await bot.app.runWatcher(); // the baseline
  const before = chat.count();

  const asked = await say(bot, DEMO.alex, 'promote gal_staging/dispatch 2026.6.0 to production because tested in staging');
  const id = requestIdOn(asked.text);
  expect((await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id })).status).toBe(200);
  expect((await waitForFinal(bot, id)).state).toBe('succeeded');

  calls.splice(0);
  await bot.app.runWatcher();
  const [card, ...more] = chat.cardsSince(before);
  expect(more).toEqual([]);
  expect(card!.text).toContain('gal_golden/dispatch 2026.6.0 was published');
  expect(calls.filter((c) => c.method === 'GET' && new URL(c.url).pathname.endsWith(PROMOTED))).toHaveLength(1);
  // Read: from now on it is known, and (Completed or not) it is not announced twice.
  await bot.app.runWatcher();
  expect(chat.count()).toBe(before + 1);
}, 30_000);
