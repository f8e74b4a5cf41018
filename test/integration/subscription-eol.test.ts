/**
 * `eol` (EOL_ALERT_DAYS, default 30,7,1): a version in use (a scale set or VM pinned to it, or deploying the
 * definition while latest resolves to it) is announced once per threshold as its end of life nears; versions
 * nobody runs are not. Who runs what comes from the real Resource Graph query against the emulator, at most
 * one query per watcher cycle. The bot's clock is injected; the emulator's dates stay where they started.
 */
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { buttonLabel, SubscriptionChat } from '../helpers/subscription-chat';

const DAY = 86_400_000;

let offset = 0;
let graphQueries = 0;
let bot: BotUnderTest;
const chat = new SubscriptionChat(() => bot, 'eol-chat');
beforeAll(async () => {
  bot = await startBotUnderTest({}, {}, { now: () => new Date(Date.now() + offset), armObserver: (call) => void (/ResourceGraph/i.test(call.url) && (graphQueries += 1)) });
});
afterAll(async () => {
  await bot?.stop();
});

/** The watcher's inventory read, every cycle: the demo's galleries fit one Resource Graph page. */
const INVENTORY_QUERIES = 1;

/** One watcher cycle at the bot's current time: its cards (version and headline) and its usage queries to Resource Graph. */
async function cycle() {
  const from = chat.count();
  const queriesBefore = graphQueries;
  await bot.app.runWatcher();
  const cards = chat.cardsSince(from);
  return { cards, queries: graphQueries - queriesBefore - INVENTORY_QUERIES };
}

/** Cycles until one posts nothing and reads nothing; every cycle makes at most one Resource Graph query. */
async function settle(): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 10; i++) {
    const { cards, queries } = await cycle();
    expect(queries).toBeLessThanOrEqual(1);
    seen.push(...cards.map((c) => c.text));
    if (cards.length === 0 && queries === 0) return seen;
  }
  throw new Error('the watcher kept reading');
}

const headline = (text: string) => [/END OF LIFE IN [\w ]+/.exec(text)?.[0], /(gal_golden\/[\w-]+ [\d.]+) reaches its end of life/.exec(text)?.[1], /Run by\n?(.*)/.exec(text)?.[1]];

it('announces in-use versions at 30, 7 and 1 days before their end of life, once each, within one usage query per cycle', async () => {
  expect(await chat.say('subscribe gal_golden to eol')).toMatch(/^Subscribed this chat to \*\*eol\*\* in gal_golden/);
  // Today callcenter-desktop 2026.4.0 ends in 20 days, but nothing runs it (vmss-callcenter deploys latest, 2026.5.0): no card.
  expect(await settle()).toEqual([]);

  // 165 days on: dispatch 2026.5.0 (pinned by vmss-dispatch-prod) and callcenter-desktop 2026.5.0 (latest, so
  // vmss-callcenter's) end in 25 days; records and reporting 2026.5.0 too, but nothing runs them.
  offset = 165 * DAY;
  const at30 = (await settle()).map(headline).sort();
  expect(at30).toEqual([
    ['END OF LIFE IN 25 DAYS', 'gal_golden/callcenter-desktop 2026.5.0', expect.stringContaining('vmss-callcenter (scale set, as latest)')],
    ['END OF LIFE IN 25 DAYS', 'gal_golden/dispatch 2026.5.0', expect.stringContaining('vmss-dispatch-prod (scale set)')],
  ]);
  const card = chat.cardsSince(1).find((c) => /dispatch 2026\.5\.0 reaches/.test(c.text))!;
  expect(card.buttons.map(buttonLabel)).toEqual(['usage gal_golden/dispatch 2026.5.0', 'versions gal_golden/dispatch', 'Mute this subscription for 24 h', 'Unsubscribe']);
  // What to type next, in a form Teams shows: a raw `<version>` is stripped from card text as an HTML tag.
  expect(card.text).toContain('`promote gal_golden/dispatch ‹version› to latest`');

  // Within the same threshold: nothing again.
  offset = 170 * DAY;
  expect(await settle()).toEqual([]);
  offset = 184 * DAY;
  expect((await settle()).map((t) => headline(t)[0])).toEqual(['END OF LIFE IN 6 DAYS', 'END OF LIFE IN 6 DAYS']);
  offset = 189 * DAY;
  expect((await settle()).map((t) => headline(t).slice(0, 2).join(' ')).sort()).toEqual(['END OF LIFE IN 1 DAY gal_golden/callcenter-desktop 2026.5.0', 'END OF LIFE IN 1 DAY gal_golden/dispatch 2026.5.0']);
  expect(await settle()).toEqual([]);
}, 30_000);
