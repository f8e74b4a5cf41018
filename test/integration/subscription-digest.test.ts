/**
 * The daily digest end to end: subscribed through the real HTTP endpoint, the watcher run directly on an
 * injected clock, `report` and `drift` read through the real SDK from the emulator, and the card arriving at the
 * local connector once per local day at 09:00 Berlin, with what changed since the day before; a restart on the
 * same store sends nothing twice.
 */
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { openTempStore } from '../helpers/temp-store';
import { SubscriptionChat } from '../helpers/subscription-chat';
import { startEmulator, type RunningEmulator } from '../../emulator/start-emulator';
import { digestInstant, localDay } from '../../src/subscriptions/digest-schedule';

const DAY = 86_400_000;
const BERLIN = { time: '09:00', timeZone: 'Europe/Berlin' };
// Tomorrow's 09:00 in Berlin: the emulator's dates are relative to the real clock, so the bot's stays near it.
const NINE = digestInstant(localDay(new Date(Date.now() + DAY), BERLIN.timeZone), BERLIN).getTime();

let clock = NINE - 3_600_000;
let emulator: RunningEmulator;
let data: Awaited<ReturnType<typeof openTempStore>>;
let bot: BotUnderTest;
const start = async () => (bot = await startBotUnderTest({}, {}, { emulator, store: data.store, now: () => new Date(clock) }));
beforeAll(async () => {
  emulator = await startEmulator();
  data = await openTempStore();
  await start();
});
afterAll(async () => {
  await bot?.stop();
  await emulator?.close();
  await data?.cleanup();
});

const chat = new SubscriptionChat(() => bot, 'digest-chat');

/** One watcher cycle at the bot's current time; the cards it posted. */
async function cycle() {
  const from = chat.count();
  await bot.app.runWatcher();
  return chat.cardsSince(from);
}

it('sends one digest at 09:00 Berlin, then what changed the next day, and nothing twice across a restart', async () => {
  const answer = await chat.say('subscribe gal_golden to digest at 09:00 Europe/Berlin');
  expect(answer).toMatch(/^Subscribed this chat to \*\*digest\*\* in gal_golden \(\*\*S-[0-9A-Z]{6}\*\*\)\. The digest of `report` and `drift` changes comes daily at 09:00 Europe\/Berlin \(next: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)/);
  const next = new Date(NINE).toISOString().slice(0, 16).replace('T', ' ');
  expect(await chat.say('subscriptions')).toContain(`gal_golden, digest daily at 09:00 Europe/Berlin (next: ${next} UTC)`);

  // 08:00 Berlin: nothing yet.
  expect(await cycle()).toEqual([]);

  // 09:00 Berlin: one card, the current findings as the baseline; another cycle the same day sends nothing.
  clock = NINE;
  const [first, ...more] = await cycle();
  expect(more).toEqual([]);
  const dayLabel = (t: number) => new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'Europe/Berlin' });
  expect(first!.text).toContain(`Daily digest · gal_golden · ${dayLabel(NINE)}`);
  expect(first!.text).toMatch(/First digest: \d+ findings open in `report` and `drift`/);
  expect(first!.text).toContain('gal_golden/dispatch 2026.5.1 failed to replicate to Central US');
  expect(first!.buttons.map((b) => b.command)).toEqual(['report', 'drift', expect.stringMatching(/^unsubscribe S-/)]);
  clock = NINE + 3_600_000;
  expect(await cycle()).toEqual([]);

  // A region fails overnight: the next day's digest names it as new.
  bot.emulator.setReplication({ gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0', region: 'West Europe', state: 'Failed', progress: 70, details: 'Disk copy timed out.' });
  clock = NINE + DAY;
  const [second, ...again] = await cycle();
  expect(again).toEqual([]);
  expect(second!.text).toContain(`Daily digest · gal_golden · ${dayLabel(NINE + DAY)}`);
  expect(second!.text).toMatch(new RegExp(`Since ${dayLabel(NINE)}: 1 new, 0 resolved`));
  expect(second!.text).toMatch(/✗ New \(1\)\n• gal_golden\/callcenter-desktop 2026\.6\.0 failed to replicate to West Europe/);

  // A restart on the same store, later that day: the digest was recorded, so nothing is sent again.
  await bot.stop();
  clock = NINE + DAY + 2 * 3_600_000;
  await start();
  await chat.say('subscriptions');
  expect(await cycle()).toEqual([]);

  // The day after, nothing changed: one line says so.
  clock = NINE + 2 * DAY;
  const [third] = await cycle();
  expect(third!.text).toMatch(new RegExp(`No change since ${dayLabel(NINE + DAY)}: \\d+ findings still open`));
}, 60_000);
