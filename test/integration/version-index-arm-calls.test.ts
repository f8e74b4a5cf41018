/**
 * ARM calls per command independent of how many versions a definition holds: the real bot, the real SDK over
 * HTTPS to the emulator (50 items a list page, as ARM), seeded with the demo plus `gal_golden/bulk` holding 2,000
 * versions. Every ARM request the SDK sends is recorded; a command's calls are the ones it made under `bulk`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoSeedDir } from '../../emulator/seed-location';
import { readSeedDir } from '../../emulator/seed-loader';
import type { SeedEntry } from '../../emulator/start-emulator';
import { VERSIONS_PAGE_SIZE } from '../../src/cards/versions-card';
import type { ArmCall } from '../../src/gallery/arm';
import { STATUS_READ_SHARE_MS } from '../../src/gallery/shared-version-reads';
import { DEMO } from '../helpers/activities';
import { click, requestIdOn, say, waitForFinal } from '../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';

const COUNT = 2_000;
const BULK = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden/images/bulk';

/** The demo's dispatch definition and its first version, copied as `bulk` with versions 1.0.0 … 1.0.1999; the highest is excluded from latest. */
function bulkSeed(): SeedEntry[] {
  const read = (file: string) => (JSON.parse(readFileSync(join(demoSeedDir(), file), 'utf8')) as { value: Array<Record<string, unknown> & { id: string; name: string }> }).value;
  const definition = { ...read('20-images-gal_golden.json').find((d) => d.name === 'dispatch')!, id: BULK, name: 'bulk' };
  const template = read('32-versions-dispatch.json')[0]! as { id: string; name: string; properties: { publishingProfile: Record<string, unknown> } };
  const versions = Array.from({ length: COUNT }, (_, i) => {
    const v = structuredClone(template);
    v.name = `1.0.${i}`;
    v.id = `${BULK}/versions/${v.name}`;
    v.properties.publishingProfile.excludeFromLatest = i === COUNT - 1;
    return { resource: v };
  });
  return [{ resource: definition }, ...versions];
}

let bot: BotUnderTest;
const calls: ArmCall[] = [];
/** The bot's clock runs ahead by this much: a test moves it past `image status`'s shared-read window. */
let shift = 0;
/** When set, the bot's clock stands still there (so only a write, not time, can end a shared read). */
let frozen: number | undefined;
beforeAll(async () => {
  bot = await startBotUnderTest(
    { seed: [...readSeedDir(demoSeedDir()), ...bulkSeed()], lroRetryAfterSeconds: 0, lroPollDelayMs: 100 },
    {},
    { now: () => new Date(frozen ?? Date.now() + shift), armObserver: (c) => void calls.push(c) },
  );
  await bot.app.names.refresh();
}, 60_000);
afterAll(async () => {
  await bot?.stop();
});

/** Runs a command and returns its card's text and the ARM calls it made under `bulk` (method and path + query). */
async function run(text: string, from = DEMO.lynne): Promise<{ text: string; arm: string[] }> {
  const before = calls.length;
  const reply = await say(bot, from, text);
  const arm = calls
    .slice(before)
    .map((c) => ({ method: c.method, url: new URL(c.url) }))
    .filter((c) => c.url.pathname.toLowerCase().startsWith(BULK.toLowerCase()))
    .map((c) => `${c.method} ${decodeURIComponent(c.url.pathname.slice(BULK.length))}${c.url.searchParams.has('$expand') ? ` $expand=${c.url.searchParams.get('$expand')}` : ''}`);
  return { text: reply.text, arm };
}

const isListPage = (call: string): boolean => /^GET \/versions$/.test(call);

test(`image status bulk latest over ${COUNT} versions: the first reads the list once; then exactly one GET of the version shown`, async () => {
  const cold = await run('image status gal_golden/bulk latest');
  expect(cold.text).toContain('latest → 1.0.1998');
  // The list is paged at 50: the miss reads every page once.
  expect(cold.arm.filter(isListPage)).toHaveLength(COUNT / 50);

  // Asked again at once (an incident channel asking together): the read just made is shared, no ARM call.
  const shared = await run('image status gal_golden/bulk latest');
  expect(shared.arm).toEqual([]);
  expect(shared.text).toContain('latest → 1.0.1998');

  shift += STATUS_READ_SHARE_MS;
  const warm = await run('image status gal_golden/bulk latest');
  expect(warm.arm).toEqual(['GET /versions/1.0.1998 $expand=ReplicationStatus,ValidationProfile']);
  expect(warm.text).toContain('Latest: yes (what latest deploys)');

  const exact = await run('image status gal_golden/bulk 1.0.7');
  expect(exact.arm).toEqual(['GET /versions/1.0.7 $expand=ReplicationStatus,ValidationProfile']);
  expect(exact.text).toContain('Latest: no');
}, 60_000);

test('versions bulk: one page of rows, one GET per row, no list call once warm, whichever page', async () => {
  await run('image status gal_golden/bulk latest');
  for (const page of ['', ' page 3']) {
    const { text, arm } = await run(`versions gal_golden/bulk${page}`);
    expect(text).toContain(`bulk: ${COUNT} versions`);
    expect(arm.some(isListPage)).toBe(false);
    expect(arm.length).toBeLessThanOrEqual(VERSIONS_PAGE_SIZE);
    expect(arm.every((c) => /^GET \/versions\/1\.0\.\d+ \$expand=ReplicationStatus,ValidationProfile$/.test(c))).toBe(true);
  }
}, 60_000);

test("the bot's own write shows at once: after an approved retirement of latest, latest is the next version", async () => {
  frozen = Date.now() + shift;
  try {
    await run('image status gal_golden/bulk latest');
    const asked = await say(bot, DEMO.alex, 'retire gal_golden/bulk 1.0.1998 because superseded');
    const id = requestIdOn(asked.text);
    await click(bot, DEMO.adele, 'galleryops.approve', { requestId: id });
    expect((await waitForFinal(bot, id)).state).toBe('succeeded');
    const after = await run('image status gal_golden/bulk latest');
    expect(after.text).toContain('latest → 1.0.1997');
    // Read again because the write forgot the list, not because the retired version's GET disagreed with it.
    expect(after.arm.filter((c) => c.startsWith('GET /versions/1.0.1998'))).toHaveLength(0);
    // The clock stood still, so the shared read of 1.0.1998 is within its window: only the write can have ended it.
    const retired = await run('image status gal_golden/bulk 1.0.1998');
    expect(retired.arm).toEqual(['GET /versions/1.0.1998 $expand=ReplicationStatus,ValidationProfile']);
    expect(retired.text).toContain('Latest: no');
  } finally {
    frozen = undefined;
  }
}, 60_000);
