/**
 * The daily digest with two instances on one Table store (Azurite): whichever leads sends it, once, however often
 * both run; the other, leading after a clean stop, neither resends that day's digest nor loses its baseline
 * (stored in the subscription's delivered partition), so the next day's says what changed since.
 */
import { digestInstant, localDay } from '../../src/subscriptions/digest-schedule';
import { SubscriptionChat } from '../helpers/subscription-chat';
import type { BotUnderTest } from '../helpers/bot-under-test';
import { useTableBots } from '../helpers/table-bots';

const DAY = 86_400_000;
const NINE = digestInstant(localDay(new Date(Date.now() + DAY), 'Europe/Berlin'), { time: '09:00', timeZone: 'Europe/Berlin' }).getTime();

let clock = NINE - 3_600_000;
const shared = useTableBots();

test('two bots on one table send each day’s digest once, and the one taking over keeps the baseline', async () => {
  const [a, b] = (await shared.start(2, { WATCHER: 'off', WATCHER_LEASE_SECONDS: '1' }, { now: () => new Date(clock) })) as [BotUnderTest, BotUnderTest];
  const chat = new SubscriptionChat(() => a, 'digest-instances');
  expect(await chat.say('subscribe gal_golden to digest at 09:00 Europe/Berlin')).toMatch(/^Subscribed this chat to \*\*digest\*\*/);

  // 09:00 Berlin: B runs first and leads; both run again and again: one digest.
  clock = NINE;
  let from = chat.count();
  await b.app.runWatcher();
  for (let i = 0; i < 3; i++) await Promise.all([a.app.runWatcher(), b.app.runWatcher()]);
  const first = chat.cardsSince(from);
  expect(first.map((c) => /Daily digest · gal_golden · .*/.exec(c.text)?.[0])).toHaveLength(1);
  expect(first[0]!.text).toMatch(/First digest/);

  // B stops cleanly (releasing the lease); A leads from its next cycle and sends nothing more that day.
  await b.app.close();
  clock = NINE + 3_600_000;
  from = chat.count();
  await a.app.runWatcher();
  await a.app.runWatcher();
  expect(chat.cardsSince(from)).toEqual([]);

  // The next day A sends the digest, compared with the one B sent.
  shared.emulator.setReplication({ gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0', region: 'West Europe', state: 'Failed', progress: 70, details: 'Disk copy timed out.' });
  clock = NINE + DAY;
  from = chat.count();
  await a.app.runWatcher();
  const [next, ...more] = chat.cardsSince(from);
  expect(more).toEqual([]);
  expect(next!.text).toMatch(/Since \d+ \w+: 1 new, 0 resolved/);
  expect(next!.text).toMatch(/failed to replicate to West Europe/);
}, 60_000);
