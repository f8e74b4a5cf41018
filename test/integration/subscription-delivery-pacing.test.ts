/**
 * Event cards obey Teams' throttling like replies do, and never hold up people's commands: the local connector
 * answers the watcher's card with 429 Retry-After; the card arrives once, after the wait, recorded as delivered;
 * meanwhile a command typed in another chat through the real HTTP endpoint is answered at once.
 */
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { SubscriptionChat } from '../helpers/subscription-chat';
import { waitFor } from '../helpers/wait-for';

const VERSION = { gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0' };
const RETRY_AFTER_S = 3;

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBotUnderTest({}, {});
});
afterAll(async () => {
  await bot?.stop();
});

const subscribed = new SubscriptionChat(() => bot, 'pacing-subscribed-chat');
const other = new SubscriptionChat(() => bot, 'pacing-other-chat', { from: { id: '29:user-megan', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-000000000030' } });

it("a throttled card waits for Retry-After and arrives once, while another chat's command is answered at once", async () => {
  await subscribed.say('subscribe gal_golden/callcenter-desktop to replication');
  await other.say('help subscribe'); // the other chat's first turn is not part of the measure
  await bot.app.runWatcher(); // the baseline
  const before = subscribed.count();

  bot.emulator.setReplication({ ...VERSION, region: 'West Europe', state: 'Failed', progress: 70, details: 'Disk copy timed out.' });
  bot.connector.retryAfterSeconds = RETRY_AFTER_S;
  bot.connector.throttleNext = 1;
  const cycle = bot.app.runWatcher();
  const [throttled] = await waitFor(() => bot.connector.throttled.filter((t) => t.conversationId === subscribed.conversationId), (t) => t.length === 1, 10_000);

  // While the card waits for Teams' Retry-After, someone else's command goes through.
  const asked = Date.now();
  expect(await other.say('subscriptions')).toMatch(/has no subscriptions/);
  const answeredIn = Date.now() - asked;
  expect(subscribed.count()).toBe(before);
  expect(answeredIn).toBeLessThan(RETRY_AFTER_S * 1000 - 500);

  await cycle;
  const cards = subscribed.cardsSince(before);
  expect(cards).toHaveLength(1);
  expect(cards[0]!.text).toMatch(/failed to replicate to West Europe/);
  const arrived = bot.connector.sent.filter((s) => s.conversationId === subscribed.conversationId && s.body.type === 'message').at(-1)!.receivedAt;
  // Timers may fire a millisecond or two early relative to Date.now(); never a meaningful amount.
  expect(arrived - throttled!.receivedAt).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000 - 10);

  // Delivered once: recorded after Teams accepted it, so the next cycle sends nothing.
  await bot.app.runWatcher();
  expect(subscribed.count()).toBe(before + 1);
}, 30_000);
