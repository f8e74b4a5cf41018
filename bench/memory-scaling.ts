/**
 * `npm run bench -- --only memory` (issue 13, goal 4): the memory figures the ratio table cannot give.
 *
 * 1. Gallery size: GalleryOps against an emulator whose `gal_golden/fleet-app` holds 10 and then 10,000 versions
 *    (emulator/generated-seed.ts), idle and under goal 3's offered load of `image status fleet-app latest` and
 *    `versions fleet-app`, which keep that definition's version index (src/gallery/version-index.ts) in memory.
 *    Goal: peak RSS with 10,000 versions ≤ 1.3× the 10-version figure.
 * 2. V8 heap settings: the same bot under goal 3's load of `image status dispatch 2026.05`, started with each
 *    young-generation (semi-space) and old-space choice, CPU per command against peak RSS, so the container's
 *    NODE_OPTIONS is a measured choice. The variants take turns in short windows, several rounds, so a busy spell
 *    of the shared machine falls on all of them.
 * It measures, it does not judge (exit 0 either way); the verdict column only reads the goal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATED_IMAGE } from '../emulator/generated-seed';
import { LocalConnector } from '../test/helpers/local-connector';
import { message } from '../test/helpers/activities';
import { startBenchEmulator } from './bench-emulator';
import { BotProcess } from './bot-process';
import { waitForAnswer } from './final-answer';
import { postActivity } from './http-post';
import { LoadConnector } from './load-connector';
import { idleRss, pool, runPhase, type PhaseLoad, type PhaseResult, type PhaseWindow } from './ratio-phases';
import { seedDir } from './report-scaling';

/** Goal 3's offered rate: 50 conversations, each one command per 500 ms. */
const OFFERED: PhaseLoad = { conversations: 50, intervalMs: 500, warmUpMs: 1500, measureMs: 4000 };
const SIZES = [10, 10_000];
const SIZE_COMMANDS = [`image status ${GENERATED_IMAGE} latest`, `versions ${GENERATED_IMAGE}`];
const HEAP_COMMAND = 'image status dispatch 2026.05';
const MB = 1024 * 1024;

/** Young generation (semi-space, per half) and old-space caps to compare; Node's defaults first. */
export const HEAP_VARIANTS: ReadonlyArray<{ name: string; flags: string[] }> = [
  { name: 'Node defaults', flags: [] },
  { name: 'semi-space 4 MB', flags: ['--max-semi-space-size=4'] },
  { name: 'semi-space 8 MB', flags: ['--max-semi-space-size=8'] },
  { name: 'semi-space 32 MB', flags: ['--max-semi-space-size=32'] },
  { name: 'old space 256 MB', flags: ['--max-old-space-size=256'] },
  { name: 'semi-space 8 MB, old space 256 MB', flags: ['--max-semi-space-size=8', '--max-old-space-size=256'] },
];

/** `rounds`: windows per size or variant and command (`npm run bench -- --only memory --rounds N`; default 2). */
export async function memoryScenarios(rounds = 2): Promise<string[]> {
  const load = new LoadConnector();
  const connector = { url: await load.start(), load };
  try {
    return [...(await sizeRows(connector, rounds)), '', ...(await heapRows(connector, rounds))];
  } finally {
    await load.stop();
  }
}

type Connector = { url: string; load: LoadConnector };

async function sizeRows(connector: Connector, rounds: number): Promise<string[]> {
  const figures: Array<{ size: number; idle: number; offered: PhaseResult; heapUsed: number }> = [];
  for (const size of SIZES) {
    const emulator = await startBenchEmulator(['--seed', seedDir(size)], { timeoutMs: 300_000 });
    const dataDir = mkdtempSync(join(tmpdir(), 'galleryops-bench-memory-'));
    const bot = await BotProcess.start(emulator.url, emulator.ca, { dataDir });
    try {
      const idle = await idleRss(bot);
      // The first command reads the whole version list (paged); the load then runs on the warm index.
      for (const command of SIZE_COMMANDS) await askOnce(bot, command, `memory-${size}-first-${SIZE_COMMANDS.indexOf(command)}`);
      const windows: PhaseWindow[] = [];
      for (let round = 0; round < rounds; round++) {
        for (const [i, command] of SIZE_COMMANDS.entries()) windows.push(await runPhase(bot, connector, command, OFFERED));
      }
      figures.push({ size, idle, offered: pool(windows), heapUsed: (await bot.memory()).heapUsed });
    } finally {
      await bot.stopAndWait();
      await emulator.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const base = figures[0]!;
  const rows = [
    `Memory and gallery size (GalleryOps, Node defaults; ${OFFERED.conversations} conv. × 1 per ${OFFERED.intervalMs} ms of ${SIZE_COMMANDS.map((c) => `\`${c}\``).join(' and ')}, ${rounds} windows each)`,
    `versions in ${GENERATED_IMAGE} | idle RSS MB | peak RSS under load MB | heap used after MB | e2e p50 / p99 ms | CPU ms/command | failed | peak ÷ ${base.size}-version peak | goal | verdict`,
  ];
  for (const f of figures) {
    const ratio = f.offered.peakRssBytes / base.offered.peakRssBytes;
    const judged = f !== base;
    rows.push(
      `${f.size.toLocaleString('en-US')} | ${(f.idle / MB).toFixed(0)} | ${(f.offered.peakRssBytes / MB).toFixed(0)} | ${(f.heapUsed / MB).toFixed(0)} | ${f.offered.e2e.p50.toFixed(1)} / ${f.offered.e2e.p99.toFixed(1)} | ${f.offered.cpuMsPerCommand.toFixed(2)} | ${f.offered.failures} | ${ratio.toFixed(2)} | ${judged ? '≤ 1.3' : '—'} | ${judged ? (ratio <= 1.3 ? 'PASS' : 'FAIL') : '—'}`,
    );
  }
  return rows;
}

async function heapRows(connector: Connector, rounds: number): Promise<string[]> {
  const emulator = await startBenchEmulator([]);
  const bots: BotProcess[] = [];
  const dataDirs: string[] = [];
  try {
    for (const variant of HEAP_VARIANTS) {
      const dataDir = mkdtempSync(join(tmpdir(), 'galleryops-bench-heap-'));
      dataDirs.push(dataDir);
      bots.push(await BotProcess.start(emulator.url, emulator.ca, { dataDir, nodeFlags: variant.flags }));
    }
    for (const [i, bot] of bots.entries()) await askOnce(bot, HEAP_COMMAND, `heap-${i}-first`);
    const windows = bots.map((): PhaseWindow[] => []);
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? [...bots.keys()].reverse() : [...bots.keys()];
      for (const i of order) windows[i]!.push(await runPhase(bots[i]!, connector, HEAP_COMMAND, OFFERED));
    }
    const results = windows.map((w) => pool(w));
    const base = results[0]!;
    const rows = [
      `V8 heap settings (GalleryOps, \`${HEAP_COMMAND}\`, ${OFFERED.conversations} conv. × 1 per ${OFFERED.intervalMs} ms, ${rounds} windows each, the variants taking turns)`,
      'node flags | CPU ms/command | ÷ defaults | peak RSS MB | ÷ defaults | e2e p50 / p99 ms | failed',
    ];
    for (const [i, variant] of HEAP_VARIANTS.entries()) {
      const r = results[i]!;
      rows.push(
        `${variant.flags.join(' ') || '(none)'} — ${variant.name} | ${r.cpuMsPerCommand.toFixed(2)} | ${(r.cpuMsPerCommand / base.cpuMsPerCommand).toFixed(2)} | ${(r.peakRssBytes / MB).toFixed(0)} | ${(r.peakRssBytes / base.peakRssBytes).toFixed(2)} | ${r.e2e.p50.toFixed(1)} / ${r.e2e.p99.toFixed(1)} | ${r.failures}`,
      );
    }
    return rows;
  } finally {
    await Promise.all(bots.map((bot) => bot.stopAndWait()));
    await emulator.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** One command, waited for to its final answer (past a progress card): warms the version index and the JIT. */
async function askOnce(bot: BotProcess, command: string, conversationId: string): Promise<void> {
  const connector = new LocalConnector();
  const serviceUrl = await connector.start();
  try {
    const res = await postActivity(bot.url, message(command, { serviceUrl, conversationId }));
    if (res.status >= 300) throw new Error(`bot answered ${res.status} to ${command}`);
    await waitForAnswer(connector, conversationId, 120_000);
  } finally {
    await connector.stop();
  }
}
