/**
 * `npm run bench -- --versions 10,1000,10000,100000`: `report` end to end (HTTP POST to /api/messages → the
 * answer at the local connector, after its progress card) against an emulator seeded with the demo plus a
 * generated definition of N versions (emulator/generated-seed.ts), with the ARM GETs and Resource Graph queries
 * the command made. Emulator and bot each in a process of their own, as in the other bench rows.
 */
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generatedSeed } from '../emulator/generated-seed';
import { demoSeedDir } from '../emulator/seed-location';
import { message, post } from '../test/helpers/activities';
import { LocalConnector } from '../test/helpers/local-connector';
import { startBenchEmulator } from './bench-emulator';
import { BotProcess } from './bot-process';
import { waitForAnswer } from './final-answer';

/** The demo seed plus the generated definition, as a seed folder the emulator's `--seed` reads. */
export function seedDir(versions: number): string {
  const dir = mkdtempSync(join(tmpdir(), `bench-seed-${versions}-`));
  for (const file of readdirSync(demoSeedDir()).filter((f) => f.endsWith('.json'))) copyFileSync(join(demoSeedDir(), file), join(dir, file));
  writeFileSync(join(dir, '90-generated.json'), JSON.stringify(generatedSeed(versions).map((e) => e.resource)));
  return dir;
}

/** What the card says it checked: "Replication checked for 15 of 10,013 versions". */
function coverageOf(answer: Record<string, unknown>): string {
  return /Replication checked for ([\d,]+ of [\d,]+) versions/.exec(JSON.stringify(answer))?.[1] ?? '?';
}

export async function reportScaling(sizes: readonly number[]): Promise<string[]> {
  const rows = ['versions in fleet-app | report: ARM GETs | Resource Graph queries | replication checked | end to end s | in the bot s'];
  for (const versions of sizes) {
    const emulator = await startBenchEmulator(['--seed', seedDir(versions)], { timeoutMs: 300_000 });
    const bot = await BotProcess.start(emulator.url, emulator.ca);
    const connector = new LocalConnector();
    const serviceUrl = await connector.start();
    try {
      const conversationId = `bench-report-${versions}`;
      const t0 = performance.now();
      const res = await post(bot.url, message('report', { serviceUrl, conversationId }));
      if (res.status >= 300) throw new Error(`bot answered ${res.status}`);
      const answer = await waitForAnswer(connector, conversationId, 600_000);
      const seconds = (performance.now() - t0) / 1000;
      const usage = await bot.usageOf(conversationId, 0);
      const graph = usage.graph ?? 0;
      rows.push(`${versions.toLocaleString('en-US')} | ${usage.calls - graph} | ${graph} | ${coverageOf(answer)} | ${seconds.toFixed(2)} | ${((usage.runMs ?? 0) / 1000).toFixed(2)}`);
    } finally {
      await connector.stop();
      bot.stop();
      await emulator.stop();
    }
  }
  return rows;
}
