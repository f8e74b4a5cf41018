/**
 * `npm run bench -- --only tail-control [--processes N]`: goal 3's schedule (ratios.ts) with the plain minimal
 * bot on both sides, two sets of processes of the same program taking turns exactly as GalleryOps and the plain
 * bot do there. Nothing differs between the sides, so every ratio it prints is what the machine and the
 * processes' own lottery (JIT, heap, where the GC pauses fall) make of 1.0: the yardstick for goal 3's verdict.
 * With two processes a side it read p99 ratios of 0.76–1.47 over four runs, which is why goal 3's pair runs on
 * TAIL_INSTANCES (7 December).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotProcess, SUBSCRIPTION } from './bot-process';
import { startBenchEmulator } from './bench-emulator';
import { LoadConnector } from './load-connector';
import { takePairTurns } from './pair-turns';
import { pool, runPhase, type PhaseWindow } from './ratio-phases';
import { pairedInterval } from './ratio-table';
import { BOT_NODE_FLAGS, COMMAND, OFFERED, REWARM_MS, replyCardBytes, TAIL_INSTANCES, TAIL_ROUNDS, WARM_UP } from './ratios';

export async function tailControl(processes = TAIL_INSTANCES): Promise<string[]> {
  if (!Number.isInteger(processes) || processes < 1 || TAIL_ROUNDS % processes !== 0) throw new RangeError(`--processes must divide ${TAIL_ROUNDS}, got ${processes}`);
  const emulator = await startBenchEmulator([]);
  const load = new LoadConnector();
  const connector = { url: await load.start(), load };
  const all: BotProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'galleryops-bench-tail-control-'));
  try {
    // The minimal bots send a card of GalleryOps' size for the command, as in the ratios bench.
    const galleryops = await BotProcess.start(emulator.url, emulator.ca, { dataDir, nodeFlags: BOT_NODE_FLAGS });
    all.push(galleryops);
    const cardBytes = await replyCardBytes(galleryops);
    await galleryops.stopAndWait();
    const args = ['--mode', 'plain', '--card-bytes', String(cardBytes), '--endpoint', emulator.url, '--ca', Buffer.from(emulator.ca).toString('base64'), '--subscription', SUBSCRIPTION];
    const side = async () => {
      const bots: BotProcess[] = [];
      for (let i = 0; i < processes; i++) bots.push(await BotProcess.start(emulator.url, emulator.ca, { script: 'baseline-bot.js', args, nodeFlags: BOT_NODE_FLAGS }));
      all.push(...bots);
      return bots;
    };
    const [a, b] = [await side(), await side()];
    for (const bot of [...a, ...b]) await runPhase(bot, connector, COMMAND, WARM_UP);
    const windows: { a: PhaseWindow[]; b: PhaseWindow[] } = { a: [], b: [] };
    // Goal 3's turns, side A where GalleryOps is.
    await takePairTurns(
      { pair: ['a', 'b'] as const, rounds: TAIL_ROUNDS, instances: processes },
      (side, i) => (side === 'a' ? a : b)[i]!,
      (bot) => runPhase(bot, connector, COMMAND, { ...OFFERED, measureMs: REWARM_MS }),
      async (bot, side) => void windows[side].push(await runPhase(bot, connector, COMMAND, OFFERED)),
    );
    const [ra, rb] = [pool(windows.a), pool(windows.b)];
    const interval = (figure: (w: readonly PhaseWindow[]) => number) => {
      const i = pairedInterval(ra, rb, figure);
      return i ? ` (90 % of resampled rounds: ${i.low.toFixed(2)}–${i.high.toFixed(2)})` : '';
    };
    const perRound = ra.windowP99s.map((p, i) => (p / rb.windowP99s[i]!).toFixed(2)).join(' / ');
    return [
      `The plain bot against a copy of itself on goal 3's schedule (\`${COMMAND}\`, ${OFFERED.conversations} conv. × 1 per ${OFFERED.intervalMs} ms, ${TAIL_ROUNDS} rounds of ${OFFERED.measureMs / 1000} s over ${processes} processes a side): ratios a bot reads against itself`,
      'measure | side A | side B | ratio',
      '---|---|---|---',
      `p50 | ${ra.e2e.p50.toFixed(1)} ms | ${rb.e2e.p50.toFixed(1)} ms | ${(ra.e2e.p50 / rb.e2e.p50).toFixed(2)}${interval((w) => pool(w).e2e.p50)}`,
      `p99 | ${ra.e2e.p99.toFixed(1)} ms | ${rb.e2e.p99.toFixed(1)} ms | ${(ra.e2e.p99 / rb.e2e.p99).toFixed(2)}${interval((w) => pool(w).e2e.p99)}`,
      `p99 round by round | ${ra.windowP99s.map((p) => p.toFixed(1)).join(' / ')} ms | ${rb.windowP99s.map((p) => p.toFixed(1)).join(' / ')} ms | ${perRound}`,
    ];
  } finally {
    await Promise.all(all.map((bot) => bot.stopAndWait()));
    await load.stop();
    await emulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
