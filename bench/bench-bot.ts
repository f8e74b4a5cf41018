/**
 * The bot process of the benchmark: the real bot (createApp, restify, botbuilder, the ARM adapter) on a free
 * loopback port, instrumented so each command's ARM calls are counted and timed (AsyncLocalStorage), in a
 * process of its own so the load generator's CPU does not count as the bot's. Protocol on stdout, one JSON
 * object a line: {"ready":url} once listening, then what the bench asks for on stdin (bench-requests.ts): among
 * them {"usage":{conversationId,calls,ms,graph,runMs}} for each command since the last time it asked.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createGallery } from '../src/gallery/create-gallery';
import { createLogger } from '../src/logging/logger';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store';
import { serveBenchRequests } from './bench-requests';
import { reportUsage } from './usage-lines';

interface ArmUsage {
  calls: number;
  ms: number;
  /** Of `calls`, Resource Graph queries (each page is one). */
  graph: number;
}

async function main(): Promise<void> {
  const [endpoint, caPem, subscriptionId] = [process.argv[2]!, Buffer.from(process.argv[3]!, 'base64').toString('utf8'), process.argv[4]!];
  const als = new AsyncLocalStorage<ArmUsage>();
  // The soak names the folder so it can watch its size; otherwise a fresh one.
  const dataDir = process.argv[5] ?? mkdtempSync(join(tmpdir(), 'galleryops-bench-'));
  const store = await openSqliteStore(dataDir);
  // With the capture of ARM's answers, as production wires it (src/index.ts): evidence then stores what it would.
  const { gallery, usage, armResponses } = createGallery(
    { mode: 'emulator', endpoint, ca: caPem, scopes: [{ subscriptionId }] },
    {
      observer: (call) => {
        const u = als.getStore();
        if (u) {
          u.calls += 1;
          u.ms += call.durationMs;
          if (call.url.includes('/providers/Microsoft.ResourceGraph/')) u.graph += 1;
        }
      },
    },
  );
  const app = createApp({
    config: loadConfig({ LOG_LEVEL: 'warn' }),
    gallery,
    usage,
    armResponses,
    store,
    // Logs go to stderr: stdout is the protocol, and a warning written between a usage line's chunks broke the
    // bench's parse (send pacing's "forgot 1000 conversations", which the bench's one-conversation-per-command load
    // reaches after 10,000 commands).
    logger: createLogger('warn', pino.destination(2)),
    aroundCommand: async (request, run) => {
      const u: ArmUsage = { calls: 0, ms: 0, graph: 0 };
      const started = performance.now();
      try {
        return await als.run(u, run);
      } finally {
        // runMs: the whole command (ARM included), so a slow answer can be told from a slow command.
        reportUsage({ conversationId: request.conversationId, ...u, runMs: Math.round(performance.now() - started) });
      }
    },
  });
  const port = await app.listen(0);
  await app.names.refresh();
  serveBenchRequests();
  process.stdout.write(`${JSON.stringify({ ready: `http://127.0.0.1:${port}` })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
