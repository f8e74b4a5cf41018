/**
 * "Stuck" replication (REPLICATION_STUCK_MINUTES): a Replicating region whose progress has not moved for that
 * long is announced once per stall, through the real HTTP endpoint and the real SDK against the emulator. The
 * bot's clock is injected, so minutes pass at once; the emulator's seeded Southeast Asia stands at 40 %.
 */
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { buttonLabel, SubscriptionChat } from '../helpers/subscription-chat';

const VERSION = { gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0' };
const MINUTE = 60_000;

let offset = 0;
let bot: BotUnderTest;
const chat = new SubscriptionChat(() => bot, 'stuck-chat');
beforeAll(async () => {
  bot = await startBotUnderTest({}, { REPLICATION_STUCK_MINUTES: '30' }, { now: () => new Date(Date.now() + offset) });
});
afterAll(async () => {
  await bot?.stop();
});

/** Moves the bot's clock on, then runs one watcher cycle; returns the cards it posted. */
async function after(ms: number) {
  offset += ms;
  const from = chat.count();
  await bot.app.runWatcher();
  return chat.cardsSince(from);
}

it('announces a region stuck at one progress once per stall, and again when it stalls further on', async () => {
  expect(await chat.say('subscribe gal_golden/callcenter-desktop to replication')).toMatch(/^Subscribed this chat/);
  expect(await after(0)).toEqual([]); // the baseline: Southeast Asia at 40 % from now on
  expect(await after(29 * MINUTE)).toEqual([]);

  const [stuck, ...more] = await after(2 * MINUTE);
  expect(more).toEqual([]);
  expect(stuck!.text).toMatch(/REPLICATION STUCK/);
  expect(stuck!.text).toContain('gal_golden/callcenter-desktop 2026.6.0 has been at 40 % in Southeast Asia since 31 min ago');
  expect(stuck!.text).toContain('Southeast Asia: Replicating, 40 %');
  expect(stuck!.buttons.map(buttonLabel)).toEqual(['image status gal_golden/callcenter-desktop 2026.6.0', 'evidence gal_golden/callcenter-desktop 2026.6.0', 'Mute this subscription for 24 h', 'Unsubscribe']);

  // Still stuck: said once.
  expect(await after(60 * MINUTE)).toEqual([]);
  // It moves (no card for moving), then stands still again at 55 %: a new stall, announced after 30 minutes.
  bot.emulator.setReplication({ ...VERSION, region: 'Southeast Asia', state: 'Replicating', progress: 55 });
  expect(await after(MINUTE)).toEqual([]);
  expect(await after(20 * MINUTE)).toEqual([]);
  expect((await after(10 * MINUTE)).map((c) => /has been at (\d+) %/.exec(c.text)?.[1])).toEqual(['55']);
  // It finishes: the ordinary Completed card.
  bot.emulator.setReplication({ ...VERSION, region: 'Southeast Asia', state: 'Completed' });
  expect((await after(MINUTE)).map((c) => /REPLICATION \w+/.exec(c.text)?.[0])).toEqual(['REPLICATION COMPLETED']);
}, 30_000);
