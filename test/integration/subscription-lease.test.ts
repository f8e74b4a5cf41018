/**
 * One watcher among several instances sharing a Table store (Azurite): the lease entity is renewed with
 * ETag-conditional writes, taken over only after its holder stopped renewing for WATCHER_LEASE_SECONDS (as the
 * contender measures it, never comparing clocks), and released on a clean stop. Two real bots on one table:
 * only the leader reads the galleries and posts, and after it stops the other one carries on without repeats.
 */
import { randomBytes } from 'node:crypto';
import { TableWatcherLease } from '../../src/storage/table/table-watcher-lease';
import { tableClientFromConnectionString } from '../../src/storage/table/table-store';
import type { BotUnderTest } from '../helpers/bot-under-test';
import { SubscriptionChat } from '../helpers/subscription-chat';
import { useTableBots } from '../helpers/table-bots';

const VERSION = { gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0' };

const shared = useTableBots();

async function newTable(): Promise<string> {
  const table = `lease${randomBytes(5).toString('hex')}`;
  await tableClientFromConnectionString(shared.azurite.connectionString, table).createTable();
  return table;
}

test('the lease: renewed by its holder, taken over only after it stood still for the lease time, released at once, one winner per race', async () => {
  const table = await newTable();
  const clocks = { a: 0, b: 0 };
  const a = new TableWatcherLease(tableClientFromConnectionString(shared.azurite.connectionString, table), () => clocks.a);
  const b = new TableWatcherLease(tableClientFromConnectionString(shared.azurite.connectionString, table), () => clocks.b);

  expect(await a.leadWatcher('A', 1000)).toBe(true);
  expect(await b.leadWatcher('B', 1000)).toBe(false); // B starts counting from the ETag it sees now
  clocks.b += 900;
  expect(await a.leadWatcher('A', 1000)).toBe(true); // A renews: a new ETag
  clocks.b += 900;
  expect(await b.leadWatcher('B', 1000)).toBe(false); // 1.8 s since B first looked, but A renewed meanwhile
  // A stops renewing (a crash): once its last renewal has stood a whole lease in B's eyes, B takes over.
  clocks.b += 999;
  expect(await b.leadWatcher('B', 1000)).toBe(false);
  clocks.b += 1;
  expect(await b.leadWatcher('B', 1000)).toBe(true);
  expect(await a.leadWatcher('A', 1000)).toBe(false); // A comes back: B leads now
  // A clean stop hands over at once.
  await b.releaseWatcher('B');
  expect(await a.leadWatcher('A', 1000)).toBe(true);
  await b.releaseWatcher('B'); // not held by B: harmless
  expect(await a.leadWatcher('A', 1000)).toBe(true);

  // Two contenders on a free lease at the same moment: the conditional create lets one win.
  const race = await newTable();
  const contenders = ['C', 'D', 'E', 'F'].map((h) => ({ h, lease: new TableWatcherLease(tableClientFromConnectionString(shared.azurite.connectionString, race)) }));
  const won = await Promise.all(contenders.map(({ h, lease }) => lease.leadWatcher(h, 1000)));
  expect(won.filter(Boolean)).toHaveLength(1);
}, 30_000);

test('two bots on one table: only the leader reads and posts; a crashed leader is taken over after the lease time, a stopped one at once, with no card repeated', async () => {
  // WATCHER=off: no timers, so an instance renews only when the test runs its watcher, and "crashes" when it stops.
  const [a, b] = (await shared.start(2, { WATCHER: 'off', WATCHER_LEASE_SECONDS: '1' })) as [BotUnderTest, BotUnderTest];
  const chat = new SubscriptionChat(() => a, 'lease-chat');
  expect(await chat.say('subscribe gal_golden/callcenter-desktop to replication')).toMatch(/^Subscribed/);
  const reads = async (bot: BotUnderTest) => {
    const before = bot.armCalls;
    await bot.app.runWatcher();
    return bot.armCalls - before;
  };
  expect(await reads(a)).toBeGreaterThan(0); // A takes the free lease (and the baseline)
  expect(await reads(b)).toBe(0); // B stays out of ARM's budget

  // A region fails; both run at once, again and again: one card. (A version stays watched while a region is
  // not Completed, so the regions below are seen by whichever instance leads.)
  shared.emulator.setReplication({ ...VERSION, region: 'West Europe', state: 'Failed', details: 'Disk copy timed out.' });
  let from = chat.count();
  for (let i = 0; i < 3; i++) await Promise.all([a.app.runWatcher(), b.app.runWatcher()]);
  expect(chat.cardsSince(from).map((c) => /failed to replicate to ([^\n]+?)(?: after |\n|$)/.exec(c.text)?.[1])).toEqual(['West Europe']);

  // A crashes (renews no more). Once its last renewal has stood for a lease in B's eyes, B leads and carries on.
  shared.emulator.setReplication({ ...VERSION, region: 'North Europe', state: 'Failed', details: 'Quota exceeded.' });
  from = chat.count();
  await b.app.runWatcher();
  await new Promise((r) => setTimeout(r, 1_100));
  await b.app.runWatcher();
  await b.app.runWatcher();
  expect(chat.cardsSince(from).map((c) => /failed to replicate to ([^\n]+?)(?: after |\n|$)/.exec(c.text)?.[1])).toEqual(['North Europe']);
  // A comes back: B leads, so A neither reads nor posts.
  expect(await reads(a)).toBe(0);

  // B stops cleanly (it releases the lease): A takes over at once, repeating nothing.
  await b.app.close();
  shared.emulator.setReplication({ ...VERSION, region: 'Southeast Asia', state: 'Completed' });
  from = chat.count();
  await a.app.runWatcher();
  await a.app.runWatcher();
  expect(chat.cardsSince(from).map((c) => /finished replicating to (.+)/.exec(c.text)?.[1])).toEqual(['Southeast Asia']);
}, 60_000);
