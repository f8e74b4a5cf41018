/**
 * The loads behind `npm run bench -- --only ratios` (ratios.ts), run against one bot process at a time: idle
 * memory, a fixed offered rate (every conversation one command per `intervalMs`), and back to back. Each
 * conversation loop takes turns over ROTATE personal chats of people of their own, so Teams' per-conversation
 * limits, which GalleryOps paces to, are not what is measured. The bot's CPU and memory are
 * read from /proc, from outside, as an operator would. The machine is shared, so the bench runs short windows
 * of each bot in turn, several rounds, and pools them: a burst of someone else's work then falls on every bot.
 */
import { BotProcess } from './bot-process';
import { ConversationLoad } from './conversation-load';
import type { LoadConnector } from './load-connector';
import { cpuMs, rssBytes } from './proc-stats';
import { percentiles, type Percentiles } from './stats';

export interface PhaseLoad {
  conversations: number;
  /** 0: back to back. */
  intervalMs: number;
  warmUpMs: number;
  measureMs: number;
}

/** What one window of a load saw; windows of the same bot and load are pooled by `pool`. */
export interface PhaseWindow {
  answers: number[];
  seconds: number;
  cpuMs: number;
  peakRssBytes: number;
  armCalls: number;
  /** Commands the bot reported usage for (ARM calls per command = armCalls ÷ reported). */
  reported: number;
  failures: number;
}

export interface PhaseResult {
  commandsPerSecond: number;
  /** End-to-end answer times (POST → reply at the connector), ms. */
  e2e: Percentiles;
  cpuMsPerCommand: number;
  /** Each window's own CPU ms per command, in the order the windows ran (one per round). */
  windowCpuMsPerCommand: number[];
  /** Each window's own p50 (ms), in the order the windows ran (one per round). */
  windowP50s: number[];
  /** Each window's own p99 (ms), in the same order. */
  windowP99s: number[];
  /** Highest RSS sampled every 100 ms over warm-up and measurement. */
  peakRssBytes: number;
  /** ARM calls per command from the bot's usage lines (GalleryOps and the `arm` minimal bot report them); 0 otherwise. */
  armCallsPerCommand: number;
  failures: number;
  /** The windows pooled, in the order they ran (one per round): bootstrap intervals resample them. */
  windows: readonly PhaseWindow[];
}

/**
 * Conversations each loop takes turns over. Back to back, a loop answers about 20 commands a second, so each of
 * its 20 conversations gets about one a second, far below Teams' 60 per 30 s. Until 7 December every command had
 * a conversation of its own: about 1,000 new conversations a second back to back, a load no tenant makes, which
 * charged GalleryOps (not the minimal bots, which remember nothing) a store write of a new conversation reference
 * per command and kept its send pacing at its bound of 10,000 conversations, forgetting 1,000 at a time.
 */
const ROTATE = 20;

/**
 * Runs one window of a load against `bot` with `command`. Every window of a bot uses the same conversations (its
 * people keep chatting with it), so a bot has seen them all after its first window.
 */
export async function runPhase(bot: BotProcess, connector: { url: string; load: LoadConnector }, command: string, load: PhaseLoad): Promise<PhaseWindow> {
  const gen = new ConversationLoad({
    botUrl: bot.url,
    serviceUrl: connector.url,
    connector: connector.load,
    conversations: load.conversations,
    users: load.conversations,
    intervalMs: load.intervalMs,
    tag: `bench-${bot.pid}`,
    rampMs: 500,
    commands: [command],
    rotate: ROTATE,
  });
  await bot.flushUsage();
  const usage0 = usageTotals(bot);
  let peak = rssBytes(bot.pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(bot.pid))), 100);
  try {
    gen.start();
    await sleep(load.warmUpMs);
    gen.reset();
    const cpu0 = cpuMs(bot.pid);
    await sleep(load.measureMs);
    const w = gen.take();
    const cpu = cpuMs(bot.pid) - cpu0;
    await gen.stop();
    await bot.flushUsage();
    const usage = usageTotals(bot);
    return { answers: w.byCommand.flat(), seconds: w.seconds, cpuMs: cpu, peakRssBytes: peak, armCalls: usage.calls - usage0.calls, reported: usage.reported - usage0.reported, failures: w.failures };
  } finally {
    clearInterval(sampler);
  }
}

/** ARM calls and commands over every usage line the bot has reported so far. */
function usageTotals(bot: BotProcess): { calls: number; reported: number } {
  let calls = 0;
  let reported = 0;
  for (const list of bot.usage.values()) {
    reported += list.length;
    for (const u of list) calls += u.calls;
  }
  return { calls, reported };
}

/** The windows of one bot under one load as one result: answers pooled, rates and CPU over the summed time. */
export function pool(windows: readonly PhaseWindow[]): PhaseResult {
  const sum = (f: (w: PhaseWindow) => number) => windows.reduce((s, w) => s + f(w), 0);
  const answered = sum((w) => w.answers.length);
  const reported = sum((w) => w.reported);
  return {
    commandsPerSecond: answered / sum((w) => w.seconds),
    e2e: percentiles(windows.flatMap((w) => w.answers)),
    windowP50s: windows.map((w) => percentiles(w.answers).p50),
    windowP99s: windows.map((w) => percentiles(w.answers).p99),
    cpuMsPerCommand: sum((w) => w.cpuMs) / Math.max(1, answered),
    windowCpuMsPerCommand: windows.map((w) => w.cpuMs / Math.max(1, w.answers.length)),
    peakRssBytes: Math.max(...windows.map((w) => w.peakRssBytes)),
    armCallsPerCommand: reported ? sum((w) => w.armCalls) / reported : 0,
    failures: sum((w) => w.failures),
    windows,
  };
}

/** RSS after the bot has been idle for `ms` since it said it was ready (nothing sent to it yet). */
export async function idleRss(bot: BotProcess, ms = 3000): Promise<number> {
  await sleep(ms);
  return rssBytes(bot.pid);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
