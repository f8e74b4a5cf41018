/**
 * `npm run bench:cards`: CPU per card render, per template, over every sample reply the card tests render
 * (test/cards/samples). "fresh" is the renderer as it was first (a new Template per render: every `${…}` parsed
 * by ANTLR, then expanded); "prepared" is the library's Template parsed once per template and expanded per render
 * (createCardRenderer with `compile: false`); "compiled" is createCardRenderer as the bot uses it (each template
 * compiled to a plain function, src/cards/compile-template.ts).
 * CPU is user + system time of this process (process.cpuUsage), so it includes GC. Not part of `npm test`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { findCardsDir } from '../src/cards/cards-dir';
import { createCardRenderer } from '../src/cards/render-card';
import type { CardReply } from '../src/cards/reply';
import { cardSamples } from '../test/cards/samples/card-samples';

/**
 * Fresh rendering makes garbage that survives scavenges (50–100 ms each here) until a mark-compact: a round must
 * span several GC cycles to charge each render its share. The median of ROUNDS interleaved rounds is reported.
 */
const MIN_CPU_MS = Number(process.env.BENCH_ROUND_MS ?? 1500);
const ROUNDS = 3;

/** CPU microseconds per call of `render` over `replies` in one round of at least MIN_CPU_MS. */
function oneRound(replies: readonly CardReply[], render: (reply: CardReply) => unknown): number {
  let calls = 0;
  let spent = 0;
  const start = process.cpuUsage();
  while (spent < MIN_CPU_MS * 1000) {
    for (const r of replies) render(r);
    calls += replies.length;
    const d = process.cpuUsage(start);
    spent = d.user + d.system;
  }
  return spent / calls;
}

/** Median CPU µs per render of each renderer, rounds interleaved so drift (heap growth, JIT) hits both alike. */
function compare(replies: readonly CardReply[], renderers: ReadonlyArray<(reply: CardReply) => unknown>): number[] {
  const rounds = renderers.map(() => [] as number[]);
  for (let i = 0; i < ROUNDS; i++) renderers.forEach((render, k) => rounds[k]!.push(oneRound(replies, render)));
  return rounds.map((r) => r.sort((a, b) => a - b)[Math.floor(r.length / 2)]!);
}

async function main(): Promise<void> {
  const dir = findCardsDir();
  const json = new Map<string, object>();
  const templateJson = (name: string): object => {
    let t = json.get(name);
    if (!t) json.set(name, (t = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as object));
    return t;
  };
  const fresh = (reply: CardReply): object => new ACData.Template(templateJson(reply.template)).expand({ $root: reply.data }) as object;
  const prepared = createCardRenderer(dir, { compile: false });
  const compiled = createCardRenderer(dir);

  const byTemplate = new Map<string, CardReply[]>();
  for (const { reply } of await cardSamples()) byTemplate.set(reply.template, [...(byTemplate.get(reply.template) ?? []), reply]);

  // ANTLR fills its shared DFA cache and V8 compiles the parser on first use: warm both paths on every template.
  const all = [...byTemplate.values()].flat();
  const warmUntil = process.cpuUsage().user + 3_000_000;
  while (process.cpuUsage().user < warmUntil) for (const r of all) (fresh(r), prepared(r), compiled(r));

  const rows = [['template', 'samples', 'fresh µs/render', 'prepared µs/render', 'compiled µs/render', 'compiled ÷ prepared'].join('\t')];
  const sums = [0, 0, 0];
  for (const [name, replies] of [...byTemplate].sort(([a], [b]) => a.localeCompare(b))) {
    const times = compare(replies, [fresh, prepared, compiled]);
    times.forEach((t, i) => (sums[i]! += t));
    rows.push([name, replies.length, ...times.map((t) => t.toFixed(0)), (times[2]! / times[1]!).toFixed(2)].join('\t'));
  }
  const n = byTemplate.size;
  rows.push(['mean of templates', '', ...sums.map((t) => (t / n).toFixed(0)), (sums[2]! / sums[1]!).toFixed(2)].join('\t'));
  console.log(`Node ${process.version}, CPU per render (user + system), mean over each template's samples\n`);
  console.log(rows.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
