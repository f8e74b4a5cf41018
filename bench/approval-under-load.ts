/**
 * `npm run bench`, approvals under load (issue 9, point 9): 200 conversations send the command mix
 * (conversation-load.ts) while Alex asks for retirements and Adele approves them (approval-round.ts). Measured
 * for GalleryOps and for the minimal baseline bot (baseline-bot.ts) in the same run, each under two loads:
 * back to back (every conversation sends its next command as soon as it has its answer: the bot is saturated,
 * and by Little's law an answer then takes about conversations ÷ throughput) and a fixed offered rate that both
 * bots sustain (every conversation one command per `intervalMs`), where latencies compare fairly. First, one
 * conversation alone back to back shows what Teams' per-conversation limits (paced by the bot) allow.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnector } from '../test/helpers/local-connector';
import { approvalRound, type RoundTimes } from './approval-round';
import { BotProcess } from './bot-process';
import { WarmConnection } from './http-post';
import { startBenchEmulator } from './bench-emulator';
import { ConversationLoad, LOAD_MIX, type LoadWindow } from './conversation-load';
import { LoadConnector } from './load-connector';
import { cpuMs, rssBytes } from './proc-stats';
import { percentiles } from './stats';

export interface UnderLoadOptions {
  conversations: number;
  users: number;
  /** Approval rounds per scenario. */
  rounds: number;
  /** The fixed offered rate: each conversation sends one command per this many ms. */
  intervalMs: number;
}

export const UNDER_LOAD_DEFAULTS: UnderLoadOptions = { conversations: 200, users: 20, rounds: 20, intervalMs: 4000 };

type BotKind = 'baseline' | 'galleryops';

const WARM_UP_BACK_TO_BACK_MS = 30_000;
const WARM_UP_MS = 10_000;

interface Scenario {
  bot: BotKind;
  load: string;
  commandsPerSecond: number;
  answers: number[];
  /** Answer times by mix entry. */
  byCommand: number[][];
  cpuMsPerCommand: number;
  /** Bot CPU in % of one core over the measurement: below 100 back to back means other processes took the core. */
  cpuPercent: number;
  peakRssBytes: number;
  maxSendsPerConversation: Record<number, number>;
  failures: number;
  lastFailure?: string;
  rounds: RoundTimes[];
}

export async function approvalUnderLoadScenarios(o: UnderLoadOptions = UNDER_LOAD_DEFAULTS): Promise<string[]> {
  // Instant long-running operations: the final card update then measures the bot, not the emulator's timer.
  const emulator = await startBenchEmulator(['--lro-delay-ms', '0', '--retry-after', '0']);
  const rows: string[] = [];
  try {
    rows.push(...(await pacingProbe(emulator)));
    const loads = [
      { name: `${o.conversations} conv. back to back`, intervalMs: 0 },
      { name: `${o.conversations} conv. × 1 per ${o.intervalMs / 1000} s (${((o.conversations * 1000) / o.intervalMs).toFixed(0)}/s offered)`, intervalMs: o.intervalMs },
    ];
    const results: Scenario[] = [];
    let day = 0;
    for (const load of loads) {
      for (const bot of ['baseline', 'galleryops'] as const) {
        results.push(await scenario(emulator, bot, load.name, load.intervalMs, o, () => day++));
      }
    }
    rows.push('', `approvals under load (${o.users} people in ${o.conversations} conversations sending ${LOAD_MIX.join(' / ')}; instant ARM operations; ${o.rounds} approvals each)`);
    rows.push('bot | load | commands/s | answer p50 / p95 / p99 ms | bot CPU ms/command | bot CPU % of a core | peak RSS MB | most sends by one conversation in 1 s / 2 s / 30 s (Teams: 7 / 8 / 60) | failed');
    for (const r of results) {
      const a = percentiles(r.answers);
      rows.push(`${r.bot} | ${r.load} | ${r.commandsPerSecond.toFixed(0)} | ${a.p50.toFixed(0)} / ${a.p95.toFixed(0)} / ${a.p99.toFixed(0)} | ${r.cpuMsPerCommand.toFixed(2)} | ${r.cpuPercent.toFixed(0)} | ${(r.peakRssBytes / 1024 / 1024).toFixed(0)} | ${r.maxSendsPerConversation[1000]} / ${r.maxSendsPerConversation[2000]} / ${r.maxSendsPerConversation[30000]} | ${r.failures}${r.lastFailure ? ` (last: ${r.lastFailure})` : ''}`);
    }
    rows.push('', `bot | load | answer p50 / p95 ms by command: ${LOAD_MIX.map((c) => c.split(' ').slice(0, 2).join(' ')).join(' | ')}`);
    for (const r of results) rows.push(`${r.bot} | ${r.load} | ${r.byCommand.map(p5095).join(' | ')}`);
    rows.push('', 'bot | load | retirement asked → request card p50 / p95 ms | click → invoke answered p50 / p95 ms | click → card updated (approved) p50 / p95 ms | click → card final p50 / p95 ms | outcomes');
    for (const r of results) rows.push(`${r.bot} | ${r.load} | ${p5095(r.rounds.map((x) => x.requestCardMs))} | ${p5095(r.rounds.map((x) => x.invokeMs))} | ${p5095(r.rounds.map((x) => x.approvedUpdateMs))} | ${p5095(r.rounds.map((x) => x.finalUpdateMs))} | ${outcomes(r.rounds)}`);
    rows.push('', 'GalleryOps ÷ baseline, same run | load | request card p50 / p95 | invoke answered p50 / p95 | card updated (approved) p50 / p95 | card final p50 / p95 (GalleryOps: ARM write + read-back) | commands/s | CPU per command');
    for (const load of loads) {
      const b = results.find((r) => r.bot === 'baseline' && r.load === load.name)!;
      const g = results.find((r) => r.bot === 'galleryops' && r.load === load.name)!;
      const ratio = (pick: (t: RoundTimes) => number) => {
        const pg = percentiles(g.rounds.map(pick));
        const pb = percentiles(b.rounds.map(pick));
        return `${(pg.p50 / pb.p50).toFixed(2)} / ${(pg.p95 / pb.p95).toFixed(2)}`;
      };
      rows.push(`ratio | ${load.name} | ${ratio((t) => t.requestCardMs)} | ${ratio((t) => t.invokeMs)} | ${ratio((t) => t.approvedUpdateMs)} | ${ratio((t) => t.finalUpdateMs)} | ${(g.commandsPerSecond / b.commandsPerSecond).toFixed(2)} | ${(g.cpuMsPerCommand / b.cpuMsPerCommand).toFixed(2)}`);
    }
  } finally {
    await emulator.stop();
  }
  return rows;
}

/** One conversation alone, back to back, for 40 s: what the bot's pacing to Teams' limits lets through. */
async function pacingProbe(emulator: { url: string; ca: string }): Promise<string[]> {
  const bot = await BotProcess.start(emulator.url, emulator.ca);
  const connector = new LoadConnector();
  const serviceUrl = await connector.start();
  const load = new ConversationLoad({ botUrl: bot.url, serviceUrl, connector, conversations: 1, users: 1, intervalMs: 0, tag: 'pacing', rampMs: 0 });
  const slices: string[] = [];
  const all: number[] = [];
  try {
    load.start();
    for (let s = 0; s < 4; s++) {
      await sleep(10_000);
      const w = load.take();
      const answers = w.byCommand.flat();
      all.push(...answers);
      slices.push(`${s * 10}–${s * 10 + 10} s: ${(w.answered / w.seconds).toFixed(1)}/s, longest ${(Math.max(0, ...answers) / 1000).toFixed(1)} s`);
    }
    await load.stop();
  } finally {
    await connector.stop();
    bot.stop();
  }
  const p = percentiles(all);
  return [
    `one conversation back to back, GalleryOps (sends paced to Teams' 7/1 s, 8/2 s, 60/30 s per conversation): ${all.length} commands in 40 s (${(all.length / 40).toFixed(1)}/s); answer p50 / p95 / max ${p.p50.toFixed(0)} / ${p.p95.toFixed(0)} / ${Math.max(0, ...all).toFixed(0)} ms; ${slices.join('; ')}`,
  ];
}

async function scenario(emulator: { url: string; ca: string }, bot: BotKind, loadName: string, intervalMs: number, o: UnderLoadOptions, nextDay: () => number): Promise<Scenario> {
  const dataDir = mkdtempSync(join(tmpdir(), 'galleryops-bench-load-'));
  const proc = await BotProcess.start(emulator.url, emulator.ca, bot === 'baseline' ? { script: 'baseline-bot.js' } : { dataDir });
  const loadConnector = new LoadConnector();
  const approvals = new LocalConnector();
  const [loadUrl, approvalsUrl] = [await loadConnector.start(), await approvals.start()];
  const load = new ConversationLoad({ botUrl: proc.url, serviceUrl: loadUrl, connector: loadConnector, conversations: o.conversations, users: o.users, intervalMs, tag: `${bot}-${intervalMs}` });
  const connection = new WarmConnection(proc.url);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(proc.pid))), 250);
  try {
    connection.keepWarm(); // opened before the load, kept open
    load.start();
    // Warm-up: caches, JIT, connections. Back to back, the first 20–35 s are a start-up transient (200
    // conversations arriving at a cold process; the bot accepts their connections slowly meanwhile).
    for (const end = Date.now() + (intervalMs === 0 ? WARM_UP_BACK_TO_BACK_MS : WARM_UP_MS); Date.now() < end; ) {
      connection.keepWarm();
      await sleep(500);
    }
    load.reset();
    loadConnector.takeCounts();
    const cpu0 = cpuMs(proc.pid);
    const rounds: RoundTimes[] = [];
    for (let i = 0; i < o.rounds; i++) {
      const day = new Date(Date.UTC(2027, 1, 1 + nextDay())).toISOString().slice(0, 10);
      rounds.push(await approvalRound({ bot, connection, connector: approvals, serviceUrl: approvalsUrl, conversationId: `approvals-${bot}-${intervalMs}-${i}`, day }));
      await sleep(500);
    }
    const measured: LoadWindow = load.take();
    const cpu = cpuMs(proc.pid) - cpu0;
    const counts = loadConnector.takeCounts();
    // The commands still waiting count too (the slowest would otherwise be left out).
    await load.stop();
    const stragglers = load.take();
    return {
      bot,
      load: loadName,
      commandsPerSecond: measured.answered / measured.seconds,
      answers: [...measured.byCommand.flat(), ...stragglers.byCommand.flat()],
      byCommand: measured.byCommand.map((list, k) => [...list, ...stragglers.byCommand[k]!]),
      cpuMsPerCommand: cpu / Math.max(1, measured.answered),
      cpuPercent: (cpu / (measured.seconds * 1000)) * 100,
      peakRssBytes: peak,
      maxSendsPerConversation: counts.maxPerConversation,
      failures: measured.failures + stragglers.failures,
      ...(measured.lastFailure || stragglers.lastFailure ? { lastFailure: stragglers.lastFailure ?? measured.lastFailure } : {}),
      rounds,
    };
  } finally {
    clearInterval(sampler);
    connection.close();
    await loadConnector.stop();
    await approvals.stop();
    await proc.stopAndWait();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function p5095(values: number[]): string {
  const p = percentiles(values);
  return `${p.p50.toFixed(0)} / ${p.p95.toFixed(0)}`;
}

function outcomes(rounds: RoundTimes[]): string {
  const counts = new Map<string, number>();
  for (const r of rounds) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
