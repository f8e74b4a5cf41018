/**
 * Telemetry as `npm start` / the container wires it: the built entry point (dist/src/index.js, its CMD) in its
 * own process, the embedded demo, APPLICATIONINSIGHTS_CONNECTION_STRING pointing at a local HTTPS ingestion
 * endpoint (trusted through NODE_EXTRA_CA_CERTS), one command through POST /api/messages, then SIGTERM, after
 * which index.ts must have sent what was buffered. The fuller scenario (approvals, throttles, the shutdown
 * deadline) runs in application-insights.test.ts through a worker that starts the app the same way.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root';
import { METRIC } from '../../src/telemetry/telemetry-names';
import { message, post } from '../helpers/activities';
import { startBotProcess, type BotProcess } from '../helpers/bot-process';
import { readDockerfile } from '../helpers/dockerfile-stages';
import { LocalConnector } from '../helpers/local-connector';
import { copyProductionFiles } from '../helpers/production-files';
import { startIngestionServer, type IngestionServer } from './ingestion-server';

const root = projectRoot();
/** Typed by the user: the command's name reaches Application Insights, the text never does. */
const TYPED = 'versions dispatch';
let dir: string;
let ingestion: IngestionServer;
let connector: LocalConnector;
let bot: BotProcess | undefined;
let exitCode: number | null;
let replies: unknown[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'galleryops-entry-telemetry-'));
  const runtime = readDockerfile(root).stages.at(-1)!;
  // The image's files, compiled here; the project's own dependencies stand in for the image's npm ci.
  await copyProductionFiles(root, runtime, dir);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  ingestion = await startIngestionServer();
  writeFileSync(join(dir, 'ingestion-ca.pem'), ingestion.ca);
  connector = new LocalConnector();
  const serviceUrl = await connector.start();
  const cmd = runtime.instructions.filter((i) => i.keyword === 'CMD').at(-1)!.json!;
  bot = await startBotProcess(cmd, dir, {
    PATH: process.env.PATH!,
    PORT: '0',
    GALLERYOPS_DATA_DIR: join(dir, '.data'),
    GALLERYOPS_PLAYGROUND: 'off',
    GALLERYOPS_DEMO_REQUEST: 'off',
    APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
    NODE_EXTRA_CA_CERTS: join(dir, 'ingestion-ca.pem'),
    // No SDK self-reporting (statsbeat) to Microsoft's endpoints from a test.
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true',
    // Every trace kept: the distro's default sampler keeps at most 5 traces a second from a budget that starts
    // low, so right after start it dropped the command's trace at random (about 1 run in 4; the three startup
    // ARM calls arrived, the turn did not). The distro reads this setting itself; the bot's defaults stay.
    OTEL_TRACES_SAMPLER: 'always_on',
  }, 15_000);
  const answer = await post(bot.url, message(TYPED, { serviceUrl, conversationId: 'entry-1' }));
  if (answer.status !== 200) throw new Error(`the command answered ${answer.status}`);
  replies = await connector.waitForMessages('entry-1', 1, 10_000);
  // Spans are exported in batches and metrics once a minute: only the shutdown on SIGTERM sends them now.
  exitCode = await bot.stop();
  bot = undefined;
}, 20_000);

afterAll(async () => {
  await bot?.stop();
  await Promise.allSettled([connector?.stop(), ingestion?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ofType = (baseType: string) => ingestion.envelopes.filter((e) => e.data?.baseType === baseType);

test('the command was answered and the process stopped cleanly on SIGTERM', () => {
  expect(JSON.stringify(replies)).toMatch(/dispatch/);
  expect(exitCode).toBe(0);
});

test('the turn arrives as the request "command versions", filed under the cloud role galleryops', () => {
  const requests = ofType('RequestData').map((e) => ({ name: (e.data!.baseData as { name: string }).name, role: e.tags?.['ai.cloud.role'] }));
  expect(requests).toContainEqual({ name: 'command versions', role: 'galleryops' });
  expect(new Set(ingestion.envelopes.map((e) => e.tags?.['ai.cloud.role']))).toEqual(new Set(['galleryops']));
});

test('the galleryops metrics arrive: the command by name and outcome, and the ARM calls it made', () => {
  const metrics = ofType('MetricData').map((e) => {
    const data = e.data!.baseData as { metrics: Array<{ name: string }>; properties?: Record<string, string> };
    return { name: data.metrics[0]!.name, properties: data.properties ?? {} };
  });
  expect(metrics).toContainEqual({ name: METRIC.commands, properties: { command: 'versions', outcome: 'ok' } });
  expect(metrics.map((m) => m.name)).toEqual(expect.arrayContaining([METRIC.armCalls, METRIC.sendQueue, METRIC.executionsRunning]));
});

test('nothing the user typed is sent', () => {
  expect(ingestion.bodies.length).toBeGreaterThan(0);
  expect(ingestion.bodies.join('\n')).not.toContain(TYPED);
});
