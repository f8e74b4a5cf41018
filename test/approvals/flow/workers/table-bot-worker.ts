/**
 * One bot instance of the scale-out test: the real bot (createApp, restify, botbuilder, the ARM adapter over
 * HTTPS to the emulator) on a free loopback port, on Azure Table Storage shared with other instances. Run by
 * `startTsWorker` (test/helpers/ts-worker.ts). Protocol, one JSON object a line:
 * - stdout `{"ready":"http://127.0.0.1:PORT"}` once listening; with `deferListen`, `{"loaded":true}` first and
 *   `ready` only after a stdin line `listen` (so a test can start an instance at a chosen moment: loading
 *   the compiled sources takes seconds, listening milliseconds);
 * - stdin `writes` → stdout `{"writes":["PUT /subscriptions/…", …]}`: every ARM write (PUT/PATCH/DELETE) this
 *   process sent, as the SDK's pipeline saw it (each retry counts);
 * - stdin closed (the test process died) or SIGTERM → close and exit.
 * Warnings and errors the app logs go to stderr as pino JSON lines, for the test to show or check.
 */
import { createInterface } from 'node:readline';
import { createApp } from '../../../../src/app';
import { loadConfig } from '../../../../src/config';
import { createGallery } from '../../../../src/gallery/create-gallery';
import { createLogger } from '../../../../src/logging/logger';
import { openStore } from '../../../../src/storage/open-store';

/** What the test passes, as one base64 JSON argument (a connection string and a PEM do not survive argv quoting well). */
export interface TableBotSettings {
  connectionString: string;
  tableName: string;
  armEndpoint: string;
  armCa: string;
  subscriptionIds: string[];
  /** How often this instance sweeps open requests (the other way into execution besides a click). */
  sweepIntervalMs: number;
  /** Wait for a stdin line `listen` before listening (and so before the start-up sweep). */
  deferListen?: boolean;
}

async function main(): Promise<void> {
  const settings = JSON.parse(Buffer.from(process.argv[2]!, 'base64').toString('utf8')) as TableBotSettings;
  const config = loadConfig({ LOG_LEVEL: 'silent', AZURE_TABLES_CONNECTION_STRING: settings.connectionString, GALLERYOPS_TABLE_NAME: settings.tableName });
  const writes: string[] = [];
  const { gallery, usage } = createGallery(
    { mode: 'emulator', endpoint: settings.armEndpoint, ca: settings.armCa, scopes: settings.subscriptionIds.map((subscriptionId) => ({ subscriptionId })) },
    { observer: (call) => void (/^(PUT|PATCH|DELETE)$/.test(call.method) && writes.push(`${call.method} ${new URL(call.url).pathname}`)) },
  );
  const store = await openStore(config.store);
  const app = createApp({ config, gallery, usage, store, logger: createLogger('warn', process.stderr), sweepIntervalMs: settings.sweepIntervalMs });

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
  const listen = async () => say({ ready: `http://127.0.0.1:${await app.listen(0)}` });
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    if (line.trim() === 'writes') say({ writes });
    if (line.trim() === 'listen' && settings.deferListen) void listen();
  });
  input.on('close', () => void shutdown());
  if (settings.deferListen) say({ loaded: true });
  else await listen();
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err instanceof Error ? err.stack : err)}\n`);
  process.exit(1);
});
