/**
 * Telemetry end to end: the real bot (restify, botbuilder, the Azure SDK over HTTPS to the emulator) with
 * APPLICATIONINSIGHTS_CONNECTION_STRING pointing at a local ingestion endpoint, driven through POST /api/messages;
 * what Application Insights would receive is read from the envelopes the Azure Monitor exporter posts. The bot
 * runs in its own process (test/telemetry/workers/telemetry-bot-worker.ts): the SDK's instrumentation hooks
 * Node's `require`, which jest's module loader bypasses, and the process's exit ends the SDK for good.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRIC } from '../../src/telemetry/telemetry-names';
import { startTsWorker, type TsWorker } from '../helpers/ts-worker';
import { startIngestionServer, type Envelope, type IngestionServer } from './ingestion-server';
import type { TelemetryBotSettings } from './workers/telemetry-bot-worker';

/** Marked words that appear only in what people type: finding one in a payload means text leaked. */
const TEXTS: TelemetryBotSettings['texts'] = {
  read: 'versions dispatch',
  unknown: 'frobnicate Quokka-5521',
  promote: 'promote gal_staging/dispatch 2026.6.0 to production because Marmot-8164 signed off',
};
const WORKER = join(__dirname, 'workers', 'telemetry-bot-worker.ts');
/** A process start compiles the app with SWC; on a CI machine busy with other suites that takes a while. */
const SLOW = 90_000;

let ingestion: IngestionServer;
let dir: string;
let on: TsWorker;
let off: TsWorker;
/** Telemetry to an endpoint that accepts connections and never answers. */
let stuck: TsWorker;
let silent: Server;
const held: Socket[] = [];
let done: { requestId?: string; state?: string; error?: string };

function start(connectionString: string, shutdownTimeoutMs?: number): Promise<TsWorker> {
  const settings: TelemetryBotSettings = { connectionString, texts: TEXTS, ...(shutdownTimeoutMs ? { shutdownTimeoutMs } : {}) };
  return startTsWorker(WORKER, [Buffer.from(JSON.stringify(settings)).toString('base64')], {
    readyTimeoutMs: SLOW,
    // The ingestion endpoint's certificate; no SDK self-reporting (statsbeat) to Microsoft's endpoints from a test.
    env: { NODE_EXTRA_CA_CERTS: join(dir, 'ingestion-ca.pem'), APPLICATION_INSIGHTS_NO_STATSBEAT: 'true', APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true' },
  });
}

beforeAll(async () => {
  ingestion = await startIngestionServer();
  dir = mkdtempSync(join(tmpdir(), 'galleryops-telemetry-'));
  writeFileSync(join(dir, 'ingestion-ca.pem'), ingestion.ca);
  silent = createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const silentEndpoint = ingestion.connectionString.replace(/https:\/\/127\.0\.0\.1:\d+/, `https://127.0.0.1:${(silent.address() as AddressInfo).port}`);
  [on, off, stuck] = await Promise.all([start(ingestion.connectionString), start(''), start(silentEndpoint, 1_500)]);
  done = await on.ask('run', 'done', SLOW);
}, 2 * SLOW);

afterAll(async () => {
  await Promise.allSettled([on?.stop(), off?.stop(), stuck?.stop()]);
  held.forEach((socket) => socket.destroy());
  await Promise.allSettled([ingestion?.close(), new Promise((resolve) => silent?.close(resolve))]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ofType = (baseType: string) => ingestion.envelopes.filter((e) => e.data?.baseType === baseType);
const fields = (e: Envelope) => e.data!.baseData as { name: string; id: string; resultCode?: string; responseCode?: string; success?: boolean; type?: string; properties?: Record<string, string> };
const requests = () => ofType('RequestData').map((e) => ({ ...fields(e), operation: e.tags?.['ai.operation.id'] }));
const dependencies = () => ofType('RemoteDependencyData').map((e) => ({ ...fields(e), operation: e.tags?.['ai.operation.id'], parent: e.tags?.['ai.operation.parentId'] }));
const metrics = () => ofType('MetricData').map((e) => ({ name: (e.data!.baseData as { metrics: Array<{ name: string; value: number }> }).metrics[0]!.name, value: (e.data!.baseData as { metrics: Array<{ value: number }> }).metrics[0]!.value, properties: fields(e).properties ?? {} }));

test('the scenario ran: a promotion asked, approved and carried out', () => {
  expect(done).toEqual({ requestId: expect.stringMatching(/^CR-/), state: 'succeeded' });
});

test('each turn is a request named after its command, with its outcome', () => {
  const byName = new Map(requests().map((r) => [r.name, r]));
  expect(byName.get('command versions')?.properties).toMatchObject({ 'galleryops.command': 'versions', 'galleryops.outcome': 'ok', 'galleryops.source': 'message' });
  expect(byName.get('command unknown')?.properties).toMatchObject({ 'galleryops.outcome': 'refused', 'galleryops.error_kind': 'unknown-command' });
  expect(byName.get('command promote')?.properties).toMatchObject({ 'galleryops.outcome': 'ok' });
});

test('everything is filed under the cloud role galleryops (Application Map, cloud_RoleName)', () => {
  expect(ingestion.envelopes.length).toBeGreaterThan(0);
  expect(new Set(ingestion.envelopes.map((e) => e.tags?.['ai.cloud.role']))).toEqual(new Set(['galleryops']));
});

test('nothing people typed reaches Application Insights', () => {
  const sent = ingestion.bodies.join('\n');
  expect(sent.length).toBeGreaterThan(0);
  for (const typed of ['Quokka-5521', 'Marmot-8164', 'frobnicate', TEXTS.promote, TEXTS.read]) expect(sent).not.toContain(typed);
});

test('ARM calls are dependencies of the turn that made them, the throttled one included', () => {
  const versions = requests().find((r) => r.name === 'command versions')!;
  const arm = dependencies().filter((d) => d.operation === versions.operation && /\/images\/dispatch\/versions/.test(d.name));
  expect(arm.map((d) => d.resultCode)).toEqual(expect.arrayContaining(['429', '200']));
});

test('the approval and the execution are spans with the request id and outcome; the ARM write is inside the execution', () => {
  const approval = requests().find((r) => r.name === 'approval approve');
  expect(approval?.properties).toMatchObject({ 'galleryops.request_id': done.requestId, 'galleryops.decision': 'approve', 'galleryops.outcome': 'accepted' });
  // Carried out after the click was answered, in the approval's trace.
  const execution = dependencies().find((d) => d.name === 'execution promote-stage');
  expect(execution).toMatchObject({ operation: approval!.operation, success: true, properties: expect.objectContaining({ 'galleryops.request_id': done.requestId, 'galleryops.outcome': 'succeeded' }) });
  const write = dependencies().find((d) => d.parent === execution!.id && /^PUT .*\/galleries\/gal_golden\/images\/dispatch\/versions\/2026\.6\.0/.test(d.name));
  expect(write).toBeDefined();
});

test('the metrics arrive by name', () => {
  const names = new Set(metrics().map((m) => m.name));
  for (const name of Object.values(METRIC)) expect(names).toContain(name);
  expect(metrics()).toContainEqual(expect.objectContaining({ name: METRIC.commands, properties: { command: 'versions', outcome: 'ok' } }));
  expect(metrics()).toContainEqual(expect.objectContaining({ name: METRIC.armThrottles, properties: { method: 'GET' } }));
  expect(metrics().find((m) => m.name === METRIC.approvalLatency)?.value).toBeGreaterThan(0);
});

test('without a connection string the Azure Monitor distribution is never loaded (and with one it is)', async () => {
  expect(await off.ask<string[]>('modules', 'modules')).toEqual([]);
  expect((await on.ask<string[]>('modules', 'modules')).length).toBeGreaterThan(0);
});

test('a stopping bot gives an ingestion endpoint that never answers only its deadline for the last telemetry', async () => {
  // What the start itself traced (the name index's ARM reads) is still buffered: the shutdown must send it.
  const { ms, error } = await stuck.ask<{ ms: number; error?: string }>('shutdown', 'shutdown', 20_000);
  expect(error).toMatch(/did not take the last telemetry within 1\.5 s/);
  expect(ms).toBeLessThan(5_000);
});
