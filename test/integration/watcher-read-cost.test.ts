/**
 * What the subscriptions watcher costs Azure per cycle, counted at the bot's SDK clients (real HTTP into
 * /api/messages and /api/events, the real SDKs over HTTPS against the emulator): one Resource Graph inventory
 * read (paged; the emulator's pages are cut at 100 rows here, so paging is exercised without thousands of
 * versions), never an ARM list, and replication GETs only for versions that are new, not finished or named by
 * an event; a version Event Grid announced that Resource Graph has not indexed yet gets one targeted GET; a 429
 * from Resource Graph or ARM pauses the watcher for its Retry-After.
 */
import { generatedSeed, generatedVersionName, GENERATED_IMAGE } from '../../emulator/generated-seed';
import { readSeedDir } from '../../emulator/seed-loader';
import { demoSeedDir } from '../../emulator/seed-location';
import { GALLERY_TYPES } from '../../src/gallery/arm/inventory-query';
import type { ArmCall } from '../../src/gallery/arm';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { SubscriptionChat } from '../helpers/subscription-chat';
import { waitFor } from '../helpers/wait-for';
import { sdkFor, DEMO_GROUP, DEMO_SUBSCRIPTION } from '../emulator/emulator-fixture';

const VERSIONS = 150;
const GRAPH_PAGE = 100;
/** The watcher's replication reads per cycle (WatcherDeps.maxReadsPerRun's default). */
const MAX_READS = 40;
const SECRET = 'w'.repeat(20) + '0123456789abcdef-._~';
const IMAGE_ID = `/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/${DEMO_GROUP}/providers/Microsoft.Compute/galleries/gal_golden/images/${GENERATED_IMAGE}`;
/** The newest version: in ARM from the start, but not in Resource Graph's index until the test lifts the lag. */
const HIDDEN = generatedVersionName(VERSIONS - 1);
const HIDDEN_ID = `${IMAGE_ID}/versions/${HIDDEN}`;
const graphLag = { graphLag: { match: `/versions/${HIDDEN.replace(/\./g, '\\.')}$` } };

const seed = [...readSeedDir(demoSeedDir()), ...generatedSeed(VERSIONS)];
/** Rows of the inventory query (galleries, definitions, versions of every subscription), from the seed itself. */
const inventoryRows = seed.filter((e) => (GALLERY_TYPES as readonly string[]).includes(String((e.resource as { type?: unknown }).type).toLowerCase())).length;
const pages = (rows: number) => Math.ceil(rows / GRAPH_PAGE);

interface CycleCost {
  graphQueries: number;
  /** Version names read with a GET (replication reads), sorted. */
  gets: string[];
  /** ARM list calls (galleries, definitions, versions): the inventory must never come from them. */
  lists: number;
  nextInMs: number | undefined;
}

let bot: BotUnderTest;
let offset = 0;
const calls: ArmCall[] = [];
const chat = new SubscriptionChat(() => bot, 'watcher-cost-chat');

beforeAll(async () => {
  bot = await startBotUnderTest(
    { seed, graphPageSize: GRAPH_PAGE, faults: graphLag },
    { EVENT_GRID_SECRET: SECRET, WATCH_INTERVAL_SECONDS: '3600' },
    { armObserver: (c) => calls.push(c), now: () => new Date(Date.now() + offset), wakeTiming: { debounceMs: 20, minGapMs: 20 } },
  );
  // The version index warms at start with ARM lists of its own: done before anything is counted.
  await bot.app.names.refresh();
  await bot.app.runWatcher(); // queued behind the schedule's first run (no subscription yet: no reads)
}, 20_000);
afterAll(async () => {
  await bot?.stop();
});

function costOf(seen: readonly ArmCall[], nextInMs?: number): CycleCost {
  const path = (c: ArmCall) => new URL(c.url).pathname;
  return {
    graphQueries: seen.filter((c) => c.method === 'POST' && /\/providers\/Microsoft\.ResourceGraph\/resources$/i.test(path(c))).length,
    gets: seen.filter((c) => c.method === 'GET' && /\/versions\/[^/]+$/i.test(path(c))).map((c) => path(c).split('/').at(-1)!).sort(),
    lists: seen.filter((c) => c.method === 'GET' && /\/(galleries|images|versions)$/i.test(path(c))).length,
    nextInMs,
  };
}

/** One watcher cycle and the calls it made. */
async function cycle(): Promise<CycleCost> {
  calls.splice(0);
  const outcome = await bot.app.runWatcher();
  return costOf(calls, outcome.nextInMs);
}

async function subscriptionId(): Promise<string> {
  const [subscription] = await bot.store.subscriptions.listSubscriptions();
  return subscription!.id;
}

/** The versions of the definition whose replication is not Completed everywhere, read straight from the emulator. */
async function unfinishedVersions(): Promise<string[]> {
  const client = sdkFor(bot.emulator);
  const unfinished: string[] = [];
  for await (const v of client.galleryImageVersions.listByGalleryImage(DEMO_GROUP, 'gal_golden', GENERATED_IMAGE)) {
    const read = await client.galleryImageVersions.get(DEMO_GROUP, 'gal_golden', GENERATED_IMAGE, v.name!, { expand: 'ReplicationStatus' });
    if (read.replicationStatus?.summary?.some((r) => r.state !== 'Completed')) unfinished.push(v.name!);
  }
  return unfinished.sort();
}

it('reads the inventory from Resource Graph each cycle, and replication only for new, unfinished or announced versions', async () => {
  expect(await chat.say(`subscribe gal_golden/${GENERATED_IMAGE} to published`)).toMatch(/^Subscribed this chat/);
  const id = await subscriptionId();
  const subscribed = chat.count();
  const inScope = VERSIONS - 1; // the hidden one is not in the inventory yet

  // First cycles: every version is new to the watcher, read once, at most MAX_READS a cycle; then the baseline.
  const warmUp: CycleCost[] = [];
  while (!(await bot.store.subscriptions.deliveredEvents(id)).has('baseline')) {
    warmUp.push(await cycle());
    expect(warmUp.length).toBeLessThanOrEqual(10);
  }
  expect(warmUp).toHaveLength(Math.ceil(inScope / MAX_READS));
  for (const c of warmUp) {
    expect(c.graphQueries).toBe(pages(inventoryRows - 1));
    expect(c.lists).toBe(0);
    expect(c.gets.length).toBeLessThanOrEqual(MAX_READS);
  }
  const warmGets = warmUp.flatMap((c) => c.gets);
  expect(new Set(warmGets).size).toBe(inScope);
  expect(warmGets).not.toContain(HIDDEN);

  // Steady: the same inventory pages, and a GET only for what is not finished (the Failed one, each cycle).
  const unfinished = await unfinishedVersions();
  expect(unfinished).toHaveLength(1);
  const steady = await cycle();
  expect(steady).toEqual({ graphQueries: pages(inventoryRows - 1), gets: unfinished, lists: 0, nextInMs: undefined });
  // Repaired: read once more to see it Completed, then nothing changes and no version is read at all.
  bot.emulator.setReplication({ gallery: 'gal_golden', image: GENERATED_IMAGE, version: unfinished[0]!, region: 'Central US', state: 'Completed' });
  expect((await cycle()).gets).toEqual(unfinished);
  expect(await cycle()).toEqual({ graphQueries: pages(inventoryRows - 1), gets: [], lists: 0, nextInMs: undefined });
  expect(chat.count()).toBe(subscribed); // the baseline and a repair are no news to `published`

  // Event Grid says a version was written that Resource Graph has not indexed yet: one targeted GET, and its card.
  const before = chat.count();
  calls.splice(0);
  expect((await postEvent(HIDDEN_ID)).status).toBe(200);
  await waitFor(() => chat.count(), (n) => n > before, 10_000);
  // The woken cycle has sent its card: it reads nothing more.
  expect(costOf(calls)).toEqual({ graphQueries: pages(inventoryRows - 1), gets: [HIDDEN], lists: 0, nextInMs: undefined });
  const [card, ...more] = chat.cardsSince(before);
  expect(more).toEqual([]);
  expect(card!.text).toContain(`${GENERATED_IMAGE} ${HIDDEN}`);

  // Indexed at last: one more row (maybe one more page), and the version, Completed, is not read again.
  bot.emulator.setFaults({});
  expect(await cycle()).toEqual({ graphQueries: pages(inventoryRows), gets: [], lists: 0, nextInMs: undefined });
  expect(chat.count()).toBe(before + 1);
}, 20_000);

it('waits out a 429 from Resource Graph or ARM for its Retry-After, reading nothing meanwhile', async () => {
  // Resource Graph throttles the inventory read: the SDK retries 3 times after Retry-After, then the watcher pauses.
  bot.emulator.setFaults({ throttle: { match: 'ResourceGraph', count: 4, retryAfterSeconds: 1 } });
  const started = Date.now();
  expect(await cycle()).toEqual({ graphQueries: 4, gets: [], lists: 0, nextInMs: 1_000 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
  // Asked again at once (an Event Grid wake, say): nothing is read before the Retry-After has passed.
  expect(await cycle()).toMatchObject({ graphQueries: 0, gets: [] });
  offset += 1_000;
  expect(await cycle()).toMatchObject({ graphQueries: pages(inventoryRows), gets: [], nextInMs: undefined });

  // ARM throttles a replication read (a version an event named): the same pause, for ARM's Retry-After.
  bot.emulator.setFaults({ throttle: { match: `GET .*/versions/${HIDDEN.replace(/\./g, '\\.')}\\?`, count: 4, retryAfterSeconds: 2 } });
  calls.splice(0);
  expect((await postEvent(HIDDEN_ID)).status).toBe(200);
  // The woken cycle: its GET answered 429 four times (the SDK waited 2 s after each of the first three).
  await waitFor(() => costOf(calls).gets.length, (n) => n >= 4, 15_000);
  const throttled = await cycle(); // queued behind the woken cycle; then paused, it reads nothing
  expect(throttled).toMatchObject({ graphQueries: 0, gets: [] });
  expect(throttled.nextInMs).toBeGreaterThan(0);
  expect(throttled.nextInMs).toBeLessThanOrEqual(2_000);
  bot.emulator.setFaults({});
  offset += 2_000;
  // Read again after the pause: the event's mark was kept, so the version is read once now.
  expect(await cycle()).toEqual({ graphQueries: pages(inventoryRows), gets: [HIDDEN], lists: 0, nextInMs: undefined });
}, 20_000);

/** Event Grid's ResourceWriteSuccess for `resourceUri`, posted to the bot with its secret. */
function postEvent(resourceUri: string): Promise<Response> {
  const event = { id: `e-${resourceUri.length}-${Date.now()}`, topic: `/subscriptions/${DEMO_SUBSCRIPTION}`, subject: resourceUri, eventType: 'Microsoft.Resources.ResourceWriteSuccess', eventTime: new Date().toISOString(), data: { resourceUri, operationName: 'Microsoft.Compute/galleries/images/versions/write', status: 'Succeeded' }, dataVersion: '2', metadataVersion: '1' };
  return fetch(`${bot.botUrl}/api/events?code=${SECRET}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify([event]) });
}
