/**
 * `report` at scale, through the real HTTP endpoint and the real SDKs against the emulator: a gallery with a
 * generated definition of a few thousand versions. The ARM GETs are the versions that matter (the same at 1,500
 * and 4,000 versions) and Resource Graph is asked for one page per 1,000 inventory rows plus one for the fleet —
 * never an ARM list of versions, never a GET per version. `drift` reads the same inventory and makes no ARM call.
 */
import { generatedSeed } from '../../emulator/generated-seed';
import { readSeedDir } from '../../emulator/seed-loader';
import { demoSeedDir } from '../../emulator/seed-location';
import type { ArmCall } from '../../src/gallery/arm';
import { cardOf, message, post } from '../helpers/activities';
import { startBotUnderTest } from '../helpers/bot-under-test';
import { cardText } from '../helpers/validate-card';

/** Demo versions (13) plus the generated ones. */
const DEMO_VERSIONS = 13;

interface Cost {
  gets: string[];
  graphQueries: number;
  lists: number;
  lines: string[];
}

async function reportAt(versions: number): Promise<Cost & { drift: Cost }> {
  const calls: ArmCall[] = [];
  const bot = await startBotUnderTest({ seed: [...readSeedDir(demoSeedDir()), ...generatedSeed(versions)] }, {}, { armObserver: (c) => calls.push(c) });
  try {
    await bot.app.names.refresh();
    const ask = async (command: string): Promise<Cost> => {
      calls.splice(0);
      const conversationId = `${command}-${versions}`;
      expect((await post(bot.botUrl, message(command, { serviceUrl: bot.serviceUrl, conversationId }))).status).toBe(200);
      const [reply] = await bot.connector.waitForMessages(conversationId, 1, 30_000);
      const path = (c: ArmCall) => new URL(c.url).pathname;
      return {
        gets: calls.filter((c) => c.method === 'GET').map((c) => path(c).split('/galleries/')[1]!).sort(),
        graphQueries: calls.filter((c) => c.method === 'POST' && path(c) === '/providers/Microsoft.ResourceGraph/resources').length,
        lists: calls.filter((c) => c.method === 'GET' && /\/versions$/i.test(path(c))).length,
        lines: cardText(cardOf(reply!)),
      };
    };
    const report = await ask('report');
    return { ...report, drift: await ask('drift') };
  } finally {
    await bot.stop();
  }
}

test('ARM GETs and Resource Graph queries do not grow with the versions of a definition', async () => {
  const small = await reportAt(1_500);
  const large = await reportAt(4_000);
  // Every latest, what scale sets pin (not past end of life), and what was published in the last 30 days.
  const demo = (gets: string[]) => gets.filter((g) => !g.includes('/fleet-app/'));
  expect(large.gets).toHaveLength(small.gets.length);
  expect(demo(large.gets)).toEqual(demo(small.gets));
  expect(large.gets).toHaveLength(15);
  expect(large.gets.filter((g) => g.includes('/fleet-app/'))).toHaveLength(7);
  expect(large.lists).toBe(0);
  // Resource Graph pages hold 1,000 rows: the inventory's pages, then one query for the fleet.
  const pages = (versions: number) => Math.ceil((versions + DEMO_VERSIONS + 2 + 7) / 1000) + 1;
  expect(small.graphQueries).toBe(pages(1_500));
  expect(large.graphQueries).toBe(pages(4_000));
  expect(large.lines.join('\n')).toContain(`Replication checked for 15 of ${(4_000 + DEMO_VERSIONS).toLocaleString('en-US')} versions: latest, in use, published in the last 30 days, not provisioned, or not Completed when last read.`);
  // The demo's findings stay: the failed replication of dispatch's latest is still found.
  expect(large.lines).toContain('Failed replication: 1');
  // drift reads the same inventory and needs no replication: no ARM call at all.
  expect(large.drift.gets).toEqual([]);
  expect(large.drift.graphQueries).toBe(pages(4_000) - 1);
  expect(large.drift.lines[0]).toMatch(/^Drift/);
}, 60_000);
