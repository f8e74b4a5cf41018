/**
 * One watcher among several instances sharing a Table store (Azurite): the lease entity is renewed with
 * ETag-conditional writes, taken over only after its holder stopped renewing for WATCHER_LEASE_SECONDS (as the
 * contender measures it, never comparing clocks), and released on a clean stop. Two real bots on one table:
 * only the leader reads the galleries and posts, and after it stops the other one carries on without repeats.
 */
import { randomBytes } from 'node:crypto';
import { openStore } from '../../src/storage/open-store';
import type { Store } from '../../src/storage/store';
import { TableWatcherLease } from '../../src/storage/table/table-watcher-lease';
import { tableClientFromConnectionString } from '../../src/storage/table/table-store';
import { startEmulator, type RunningEmulator } from '../../emulator/start-emulator';
import { startAzuriteTable, type AzuriteTable } from '../helpers/azurite';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { SubscriptionChat } from '../helpers/subscription-chat';

const VERSION = { gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0' };

let azurite: AzuriteTable;
let emulator: RunningEmulator;
const stores: Store[] = [];
const bots: BotUnderTest[] = [];
beforeAll(async () => {
  [azurite, emulator] = await Promise.all([startAzuriteTable(), startEmulator()]);
}, 30_000);
afterAll(async () => {
  await Promise.allSettled(bots.map((b) => b.stop()));
  await Promise.allSettled(stores.map((s) => s.close()));
  await Promise.allSettled([emulator?.close(), azurite?.stop()]);
});

async function newTable(): Promise<string> {
  const table = `lease${randomBytes(5).toString('hex')}`;
  await tableClientFromConnectionString(azurite.connectionString, table).createTable();
  return table;
}

test('the lease: renewed by its holder, taken over only after it stood still for the lease time, released at once, one winner per race', async () => {
  const table = await newTable();
  const clocks = { a: 0, b: 0 };
  const a = new TableWatcherLease(tableClientFromConnectionString(azurite.connectionString, table), () => clocks.a);
  const b = new TableWatcherLease(tableClientFromConnectionString(azurite.connectionString, table), () => clocks.b);

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
  const contenders = ['C', 'D', 'E', 'F'].map((h) => ({ h, lease: new TableWatcherLease(tableClientFromConnectionString(azurite.connectionString, race)) }));
  const won = await Promise.all(contenders.map(({ h, lease }) => lease.leadWatcher(h, 1000)));
  expect(won.filter(Boolean)).toHaveLength(1);
}, 30_000);

test('two bots on one table: only the leader reads and posts; once it stops, the other takes over without repeating a card', async () => {
  const table = await newTable();
  const settings = { kind: 'table' as const, tableName: table, connectionString: azurite.connectionString, appendTimeoutMs: 5000 };
  for (let i = 0; i < 2; i++) {
    const store = await openStore(settings);
    stores.push(store);
    bots.push(await startBotUnderTest({}, { WATCHER_LEASE_SECONDS: '2' }, { emulator, store }));
  }
  const [a, b] = bots as [BotUnderTest, BotUnderTest];
  const chat = new SubscriptionChat(() => a, 'lease-chat');
  expect(await chat.say('subscribe gal_golden/callcenter-desktop to replication')).toMatch(/^Subscribed/);
  // Both started their watcher at once; whichever leads is the one that reads ARM.
  await Promise.all([a.app.runWatcher(), b.app.runWatcher()]);
  const reads = async (bot: BotUnderTest) => {
    const before = bot.armCalls;
    await bot.app.runWatcher();
    return bot.armCalls - before;
  };
  const [readsA, readsB] = [await reads(a), await reads(b)];
  expect([readsA > 0, readsB > 0].filter(Boolean)).toHaveLength(1);
  const [leader, other] = readsA > 0 ? [a, b] : [b, a];

  // A region completes; both run at once, again and again: one card.
  emulator.setReplication({ ...VERSION, region: 'Southeast Asia', state: 'Completed' });
  const from = chat.count();
  for (let i = 0; i < 3; i++) await Promise.all([a.app.runWatcher(), b.app.runWatcher()]);
  expect(chat.cardsSince(from).map((c) => /finished replicating to (.+)/.exec(c.text)?.[1])).toEqual(['Southeast Asia']);

  // The leader stops (it releases the lease); the other reads, repeats nothing, and announces what happens next.
  await leader.app.close();
  emulator.setReplication({ ...VERSION, region: 'West Europe', state: 'Failed', details: 'Disk copy timed out.' });
  const next = chat.count();
  await other.app.runWatcher();
  await other.app.runWatcher();
  expect(chat.cardsSince(next).map((c) => /failed to replicate to (.+)/.exec(c.text)?.[1])).toEqual(['West Europe']);
}, 60_000);
