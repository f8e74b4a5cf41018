/**
 * `npm run bench`: `image status` and `versions` end to end (HTTP POST to /api/messages → reply at the local
 * connector) against the gallery emulator, at 0 and 20 ms injected ARM latency, with 1 and 50 concurrent
 * conversations. Not part of `npm test`: it measures, it does not judge.
 */
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild } from '../src/launcher/child-process';
import { projectPath } from '../src/project-root';
import { LocalConnector } from '../test/helpers/local-connector';
import { message, post } from '../test/helpers/activities';
import { now, rssSampler, startBenchBot } from './bench-bot';
import { summarize, type Sample } from './stats';

const COMMANDS = ['image status dispatch 2026.05', 'versions callcenter-desktop'];
const LATENCIES = [0, 20];
const CONCURRENCY = [1, 50];
/** Commands per scenario: enough for a stable p99 without making the run long. */
const PER_SCENARIO = 400;

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const latencyMs of LATENCIES) {
    const caFile = join(mkdtempSync(join(tmpdir(), 'bench-')), 'ca.pem');
    const { child, readyLine } = await startChild('emulator', process.execPath, [projectPath('dist', 'emulator', 'main.js'), '--ca-file', caFile, '--faults', JSON.stringify({ latencyMs })], {
      isReady: (l) => /listening on https:/i.test(l),
    });
    const endpoint = /(https:\/\/\S+)/.exec(readyLine)![1]!;
    const bot = await startBenchBot({ mode: 'emulator', endpoint, ca: readFileSync(caFile, 'utf8'), scopes: [{ subscriptionId: '11111111-2222-3333-4444-555555555555' }] });
    const connector = new LocalConnector();
    const serviceUrl = await connector.start();
    try {
      for (const command of COMMANDS) {
        for (const concurrency of CONCURRENCY) {
          rows.push(await scenario({ command, concurrency, latencyMs, botUrl: bot.url, serviceUrl, connector, usage: bot.usage }));
        }
      }
    } finally {
      await connector.stop();
      await bot.app.close();
      await child.stop();
    }
  }
  console.log(['', 'command | ARM latency | conversations | p50 / p95 / p99 end-to-end ms | bot overhead p50 / p95 ms | ARM calls/command | commands/s | peak RSS MB', ...rows].join('\n'));
}

async function scenario(s: {
  command: string;
  concurrency: number;
  latencyMs: number;
  botUrl: string;
  serviceUrl: string;
  connector: LocalConnector;
  usage: Map<string, { calls: number; ms: number }>;
}): Promise<string> {
  const samples: Sample[] = [];
  const perConversation = Math.ceil(PER_SCENARIO / s.concurrency);
  const tag = `${s.latencyMs}-${s.concurrency}-${s.command.split(' ')[0]}`;
  const rss = rssSampler();
  const started = now();
  await Promise.all(
    Array.from({ length: s.concurrency }, async (_, c) => {
      const conversationId = `bench-${tag}-${c}`;
      for (let i = 0; i < perConversation; i++) {
        const t0 = now();
        const res = await post(s.botUrl, message(s.command, { serviceUrl: s.serviceUrl, conversationId }));
        if (res.status >= 300) throw new Error(`bot answered ${res.status}`);
        await s.connector.waitForMessages(conversationId, i + 1, 30_000);
        const e2e = now() - t0;
        const arm = s.usage.get(conversationId) ?? { calls: 0, ms: 0 };
        samples.push({ e2eMs: e2e, armMs: arm.ms, armCalls: arm.calls });
      }
    }),
  );
  const seconds = (now() - started) / 1000;
  const peakMb = rss.stop() / 1024 / 1024;
  const r = summarize(samples);
  return `${s.command} | ${s.latencyMs} ms | ${s.concurrency} | ${r.e2e.p50.toFixed(1)} / ${r.e2e.p95.toFixed(1)} / ${r.e2e.p99.toFixed(1)} | ${r.overhead.p50.toFixed(1)} / ${r.overhead.p95.toFixed(1)} | ${r.armCallsPerCommand.toFixed(2)} | ${(samples.length / seconds).toFixed(0)} | ${peakMb.toFixed(0)}`;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
