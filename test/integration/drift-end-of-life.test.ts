/**
 * `drift` through the real HTTP endpoint and the real SDK against the emulator: a version published seven years
 * ago, with no end of life and pinned by a scale set, gets a fix that proposes a date after today (30 days of
 * notice) and says the desired date is past — never the seven-year-old date it used to propose.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoSeedDir } from '../../emulator/seed-location';
import { readSeedDir } from '../../emulator/seed-loader';
import type { SeedEntry } from '../../emulator/start-emulator';
import { isoDay, startOfUtcDay } from '../../src/utc-day';
import { DEMO } from '../helpers/activities';
import { say } from '../helpers/approval-chat';
import { startBotUnderTest, type BotUnderTest } from '../helpers/bot-under-test';
import { cardText, runButtons } from '../helpers/validate-card';

const SUB = '11111111-2222-3333-4444-555555555555';
const DISPATCH = `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden/images/dispatch`;

/** The demo's first dispatch version, renamed 2019.1.0, published seven years ago, without an end of life. */
function oldVersion(): SeedEntry {
  const list = JSON.parse(readFileSync(join(demoSeedDir(), '32-versions-dispatch.json'), 'utf8')) as { value: { id: string; name: string; properties: { publishingProfile: Record<string, unknown> } }[] };
  const doc = structuredClone(list.value[0]!);
  doc.id = `${DISPATCH}/versions/2019.1.0`;
  doc.name = '2019.1.0';
  doc.properties.publishingProfile['publishedDate'] = '@now-2557d';
  doc.properties.publishingProfile['excludeFromLatest'] = true;
  delete doc.properties.publishingProfile['endOfLifeDate'];
  return { resource: doc };
}

const pinnedScaleSet: SeedEntry = {
  resource: {
    id: `/subscriptions/${SUB}/resourceGroups/rg-legacy/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-dispatch-legacy`,
    name: 'vmss-dispatch-legacy',
    type: 'Microsoft.Compute/virtualMachineScaleSets',
    location: 'eastus2',
    properties: { virtualMachineProfile: { storageProfile: { imageReference: { id: `${DISPATCH}/versions/2019.1.0` } } } },
  },
};

let bot: BotUnderTest;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'drift-eol-'));
  const desired = join(dir, 'desired-state.json');
  writeFileSync(desired, JSON.stringify({ galleries: [{ gallery: 'gal_golden', definitions: [{ image: 'dispatch', endOfLife: { required: true, maxAgeDays: 365 } }] }] }));
  bot = await startBotUnderTest({ seed: [...readSeedDir(demoSeedDir()), oldVersion(), pinnedScaleSet] }, { DESIRED_STATE_FILE: desired });
});
afterAll(async () => {
  await bot?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('proposes an end of life 30 days from today, says the desired one is past, and offers who runs it', async () => {
  const { card, text } = await say(bot, DEMO.lynne, 'drift');
  const in30 = isoDay(new Date(startOfUtcDay(new Date()).getTime() + 30 * 86_400_000));
  expect(text).toMatch(/gal_golden\/dispatch 2019\.1\.0 has no end-of-life date; the desired state requires one on every version\. Its desired end of life, \d{4}-\d{2}-\d{2} \(365 days after publishing\), is past; the fix proposes (\d{4}-\d{2}-\d{2}), 30 days from today/);
  expect(text).toContain(`--gallery-image-version 2019.1.0 --subscription ${SUB} --end-of-life-date ${in30}\` (set its end of life 30 days from today; the desired `);
  // No date a fix proposes is today or earlier.
  const today = isoDay(new Date());
  for (const date of text.match(/--end-of-life-date (\d{4}-\d{2}-\d{2})/g) ?? []) expect(date.slice(-10) > today).toBe(true);
  expect(runButtons(card).map((b) => b.command)).toContain('usage gal_golden/dispatch 2019.1.0');
  expect(cardText(card)[0]).toMatch(/^Drift: \d+ differences? from desired-state\.json$/);
});

it('the button shows the scale set that pins it', async () => {
  const { text } = await say(bot, DEMO.lynne, 'usage gal_golden/dispatch 2019.1.0');
  expect(text).toContain('vmss-dispatch-legacy');
});
