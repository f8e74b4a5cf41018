/**
 * `npm run bench`: `image status` and `versions` end to end (HTTP POST to /api/messages → reply at the local
 * connector) against the gallery emulator, at 0 and 20 ms injected ARM latency, with 1 and 50 concurrent
 * conversations. Three processes: the emulator, the bot (bench-bot.ts) and this load generator with the
 * local connector, so each one's CPU is its own. Overhead is end to end minus ARM calls × the injected latency
 * (at 0 ms: the whole end-to-end time, the emulator's handling included). Then the ratios to minimal bots
 * (ratios.ts, also alone with `--only ratios`; `--only tail-control` measures what its p99 verdict reads for a bot
 * against itself), memory by gallery size and V8 heap settings (memory-scaling.ts,
 * `--only memory`), `report` at 10 to 10,000 versions (report-scaling.ts, `--versions N,…`), approval clicks
 * (approval-latency.ts) and approvals under a 200-conversation load against a minimal baseline bot
 * (approval-under-load.ts). Not part of `npm test`: it
 * measures, it does not judge.
 */
import { waitForAnswer } from './final-answer';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startChild } from '../src/launcher/child-process';
import { projectPath } from '../src/project-root';
import { message } from '../test/helpers/activities';
import { postActivity } from './http-post';
import { LocalConnector } from '../test/helpers/local-connector';
import { summarize, type Sample } from './stats';
import { BotProcess } from './bot-process';
import { approvalScenarios } from './approval-latency';
import { startBenchEmulator } from './bench-emulator';
import { approvalUnderLoadScenarios, UNDER_LOAD_DEFAULTS } from './approval-under-load';
import { reportScaling } from './report-scaling';
import { ratioScenarios } from './ratios';
import { tailControl } from './tail-control';
import { memoryScenarios } from './memory-scaling';

const COMMANDS = ['image status dispatch 2026.05', 'versions callcenter-desktop'];
const LATENCIES = [0, 20];
const CONCURRENCY = [1, 50];
/** Commands per scenario: enough for a stable p99 without making the run long. */
const PER_SCENARIO = 400;

async function main(): Promise<void> {
  // `npm run bench -- --only under-load [--rounds N] [--interval-ms N]`: just the approvals-under-load rows.
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const underLoad = { ...UNDER_LOAD_DEFAULTS, rounds: Number(arg('rounds') ?? UNDER_LOAD_DEFAULTS.rounds), intervalMs: Number(arg('interval-ms') ?? UNDER_LOAD_DEFAULTS.intervalMs) };
  // `npm run bench -- --versions 10,1000,10000,100000`: just `report` against generated galleries of those sizes.
  const versions = arg('versions');
  if (versions !== undefined) {
    console.log(['', ...(await reportScaling(versions.split(',').map((v) => Number(v.replace(/_/g, '')))))].join('\n'));
    return;
  }
  if (arg('only') === 'ratios') {
    console.log(['', ...(await ratioScenarios())].join('\n'));
    return;
  }
  if (arg('only') === 'tail-control') {
    console.log(['', ...(await tailControl(arg('processes') === undefined ? undefined : Number(arg('processes'))))].join('\n'));
    return;
  }
  if (arg('only') === 'memory') {
    console.log(['', ...(await memoryScenarios(Number(arg('rounds') ?? 2)))].join('\n'));
    return;
  }
  if (arg('only') === 'under-load') {
    console.log(['', ...(await approvalUnderLoadScenarios(underLoad))].join('\n'));
    return;
  }
  const rows: string[] = [];
  for (const latencyMs of LATENCIES) {
    const emulator = await startBenchEmulator(['--faults', JSON.stringify({ latencyMs })]);
    const bot = await BotProcess.start(emulator.url, emulator.ca);
    const connector = new LocalConnector();
    const serviceUrl = await connector.start();
    try {
      for (const command of COMMANDS) {
        for (const concurrency of CONCURRENCY) rows.push(await scenario({ command, concurrency, latencyMs, serviceUrl, connector, bot }));
      }
      rows.push(`(peak RSS of the bot process after the ${latencyMs} ms scenarios: ${((await bot.peakRss()) / 1024 / 1024).toFixed(0)} MB)`);
    } finally {
      await connector.stop();
      bot.stop();
      await emulator.stop();
    }
  }
  console.log(['', 'command | ARM latency | conversations | end-to-end p50 / p95 / p99 ms | overhead (end to end − ARM calls × latency) p50 / p95 / p99 ms | ARM calls/command | commands/s', ...rows].join('\n'));
  console.log(['', ...(await ratioScenarios())].join('\n'));
  console.log(['', ...(await memoryScenarios())].join('\n'));
  // The scaling rows up to 10,000 versions (100,000 takes minutes: `--versions 100000` alone).
  console.log(['', ...(await reportScaling([10, 1000, 10_000]))].join('\n'));
  console.log(['', ...(await approvalScenarios())].join('\n'));
  // Half the approval rounds in the whole run (`--rounds` still wins), to keep `npm run bench` near 8 minutes.
  console.log(['', ...(await approvalUnderLoadScenarios({ ...underLoad, rounds: Number(arg('rounds') ?? UNDER_LOAD_DEFAULTS.rounds / 2) }))].join('\n'));
}

async function scenario(s: { command: string; concurrency: number; latencyMs: number; serviceUrl: string; connector: LocalConnector; bot: BotProcess }): Promise<string> {
  const samples: Sample[] = [];
  const perConversation = Math.ceil(PER_SCENARIO / s.concurrency);
  const tag = `${s.latencyMs}-${s.concurrency}-${s.command.split(' ')[0]}`;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: s.concurrency }, async (_, c) => {
      for (let i = 0; i < perConversation; i++) {
        // A fresh conversation per command: Teams allows a bot 60 messages per 30 s in one conversation, and
        // the bot's send pacing enforces that, which would measure the limit instead of the bot.
        const conversationId = `bench-${tag}-${c}-${i}`;
        const t0 = performance.now();
        // Kept-alive connections (http-post.ts): fetch kept opening new ones, which a busy bot accepts slowly,
        // so the generator, not the bot, set the pace (a colleague saw +25 % commands/s at 20 ms once switched).
        const res = await postActivity(s.bot.url, message(s.command, { serviceUrl: s.serviceUrl, conversationId }));
        if (res.status >= 300) throw new Error(`bot answered ${res.status}`);
        await waitForAnswer(s.connector, conversationId, 30_000);
        const e2eMs = performance.now() - t0;
        const arm = await s.bot.usageOf(conversationId, 0);
        // ARM time as the emulator spends it (its injected latency per call), not the SDK observer's duration,
        // which also holds the time an answer waits in the busy bot's event loop: that is the bot's overhead.
        samples.push({ e2eMs, armMs: arm.calls * s.latencyMs, armCalls: arm.calls });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const r = summarize(samples);
  const f = (p: { p50: number; p95: number; p99: number }) => `${p.p50.toFixed(1)} / ${p.p95.toFixed(1)} / ${p.p99.toFixed(1)}`;
  return `${s.command} | ${s.latencyMs} ms | ${s.concurrency} | ${f(r.e2e)} | ${f(r.overhead)} | ${r.armCallsPerCommand.toFixed(2)} | ${(samples.length / seconds).toFixed(0)}`;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
