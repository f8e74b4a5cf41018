/**
 * Subscriptions end to end: typed through the real HTTP endpoint, the watcher run directly (no waiting for its
 * interval), the real SDK reading replication from the emulator, and cards arriving at the local connector as
 * proactive messages: once each, not again on the next run, nor after the bot restarts on the same store.
 */
import { cardAction, post } from '../helpers/activities';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { openTempStore } from '../helpers/temp-store';
import { buttonLabel, SubscriptionChat } from '../helpers/subscription-chat';
import { startEmulator, type RunningEmulator } from '../../emulator/start-emulator';

const CONVERSATION = 'subscriptions-chat';
const VERSION = { gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0' };

let emulator: RunningEmulator;
let data: Awaited<ReturnType<typeof openTempStore>>;
let bot: BotUnderTest;
beforeAll(async () => {
  emulator = await startEmulator();
  data = await openTempStore();
  bot = await startBotUnderTest({}, {}, { emulator, store: data.store });
});
afterAll(async () => {
  await bot?.stop();
  await emulator?.close();
  await data?.cleanup();
});

const chat = new SubscriptionChat(() => bot, CONVERSATION);
const say = (text: string) => chat.say(text);
const cardsSince = (from: number) => chat.cardsSince(from);

it('announces a region Completed and one Failed once each, with next steps, across runs and a restart', async () => {
  const answer = await say('subscribe gal_golden/callcenter-desktop to replication');
  const id = /\bS-[0-9A-Z]{6}\b/.exec(answer)?.[0];
  expect(answer).toMatch(/^Subscribed this chat to \*\*replication\*\* in gal_golden\/callcenter-desktop/);
  expect(id).toBeDefined();
  expect(await say('subscriptions')).toMatch(new RegExp(`\\*\\*${id}\\*\\*: gal_golden/callcenter-desktop, replication \\(by Alex Wilber, \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\)`));
  // A chat message is read as HTML too: a raw `<id>` would vanish in Teams (and show as &lt;id&gt; in a code span).
  expect(await say('subscriptions')).toMatch(/`unsubscribe ‹id›` stops one\.$/);

  // The first run takes what exists as known (2026.6.0 is Completed in four regions): no cards.
  const baseline = bot.connector.messages(CONVERSATION).length;
  await bot.app.runWatcher();
  expect(bot.connector.messages(CONVERSATION).length).toBe(baseline);

  bot.emulator.setReplication({ ...VERSION, region: 'Southeast Asia', state: 'Completed', progress: 100 });
  bot.emulator.setReplication({ ...VERSION, region: 'West Europe', state: 'Failed', progress: 70, details: 'Disk copy timed out.' });
  await bot.app.runWatcher();
  const cards = cardsSince(baseline);
  expect(cards).toHaveLength(2);
  const done = cards.find((c) => /REPLICATION COMPLETED/.test(c.text))!;
  const failed = cards.find((c) => /REPLICATION FAILED/.test(c.text))!;
  expect(done.text).toMatch(/gal_golden\/callcenter-desktop 2026\.6\.0 finished replicating to Southeast Asia/);
  expect(failed.text).toMatch(/failed to replicate to West Europe/);
  expect(failed.text).toContain('Azure says: Disk copy timed out.');
  expect(failed.text).toContain('repair gal_golden/callcenter-desktop 2026.6.0 in westeurope');
  expect(failed.text).toMatch(/11111111-2222-3333-4444-555555555555/);
  expect(failed.buttons.map(buttonLabel)).toEqual(['image status gal_golden/callcenter-desktop 2026.6.0', 'evidence gal_golden/callcenter-desktop 2026.6.0', 'Mute this subscription for 24 h', 'Unsubscribe']);

  // Nothing changed: nothing new.
  await bot.app.runWatcher();
  expect(bot.connector.messages(CONVERSATION).length).toBe(baseline + 2);

  // A restart on the same store (a new process knows nothing in memory) repeats nothing, and misses nothing.
  await bot.stop();
  bot = await startBotUnderTest({}, {}, { emulator, store: data.store });
  // The chat speaks once, so the stored reference names this bot's connector.
  await say('subscriptions');
  const afterRestart = bot.connector.messages(CONVERSATION).length;
  await bot.app.runWatcher();
  expect(bot.connector.messages(CONVERSATION).length).toBe(afterRestart);
  bot.emulator.setReplication({ ...VERSION, region: 'North Europe', state: 'Failed', progress: 10, details: 'Quota exceeded.' });
  await bot.app.runWatcher();
  expect(cardsSince(afterRestart).map((c) => /failed to replicate to (.+)/.exec(c.text)?.[1])).toEqual(['North Europe after it had completed']);

  // The card's Unsubscribe button stops it.
  const click = await post(bot.botUrl, cardAction('galleryops.run', { verb: 'galleryops.run', command: `unsubscribe ${id}` }, { serviceUrl: bot.serviceUrl, conversationId: CONVERSATION }));
  expect(JSON.stringify(click.body)).toContain(`Unsubscribed ${id}`);
  bot.emulator.setReplication({ ...VERSION, region: 'North Europe', state: 'Completed', progress: 100 });
  const before = bot.connector.messages(CONVERSATION).length;
  await bot.app.runWatcher();
  expect(bot.connector.messages(CONVERSATION).length).toBe(before);
}, 30_000);
