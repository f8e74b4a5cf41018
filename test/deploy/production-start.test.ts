/**
 * The container's production path without Docker: the files the Dockerfile's runtime stage copies, its
 * `npm ci --omit=dev` (no devDependency, so no `node` package either), and its CMD, started with the app
 * settings of infra/app-settings.json. Azure is stood in for by the gallery emulator (ARM over HTTPS), Azurite
 * over HTTPS with OAuth (a storage account without shared keys) and a Container Apps managed identity endpoint.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { createCertificate } from '../../emulator/certificate';
import { startEmulator, type RunningEmulator } from '../../emulator/start-emulator';
import { projectRoot } from '../../src/project-root';
import { message, post } from '../helpers/activities';
import { appSettingsEnv, readAppSettings } from '../helpers/app-settings';
import { startAzuriteTable, type AzuriteTable } from '../helpers/azurite';
import { startBotProcess, type BotProcess } from '../helpers/bot-process';
import { readDockerfile, type DockerStage } from '../helpers/dockerfile-stages';
import { FAKE_TENANT, startFakeManagedIdentity, type FakeManagedIdentity } from '../helpers/fake-managed-identity';
import { LocalConnector } from '../helpers/local-connector';
import { layOutProductionFiles } from '../helpers/production-files';
import { waitFor } from '../helpers/wait-for';

const root = projectRoot();
/** A whole process start on a CI machine busy with other suites can take tens of seconds. */
const SLOW = 90_000;
const EVENT_GRID_SECRET = 'e'.repeat(64);
const IDENTITY_CLIENT_ID = '0b5f3c2e-1d4a-4f6b-9c8d-7e6f5a4b3c2d';
let dir: string;
let runtime: DockerStage;
let emulator: RunningEmulator;
let azurite: AzuriteTable;
let identity: FakeManagedIdentity;
let armCaFile: string;
let storageCaFile: string;
let npmCiMs = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'galleryops-image-'));
  runtime = readDockerfile(root).stages.at(-1)!;
  const certificate = await createCertificate();
  [emulator, azurite, identity] = await Promise.all([startEmulator(), startAzuriteTable({ oauth: certificate }), startFakeManagedIdentity()]);
  // Two files: both certificates are named CN=localhost, and one trust store holding both would check a
  // server against the wrong one. ARM_CA_FILE serves the ARM client alone; the process trusts Azurite's.
  const caDir = mkdtempSync(join(tmpdir(), 'galleryops-ca-'));
  [armCaFile, storageCaFile] = [join(caDir, 'arm.pem'), join(caDir, 'storage.pem')];
  writeFileSync(armCaFile, emulator.ca);
  writeFileSync(storageCaFile, certificate.cert);
  ({ npmCiMs } = await layOutProductionFiles(root, runtime, dir));
}, 240_000);

afterAll(async () => {
  await Promise.allSettled([emulator?.close(), azurite?.stop(), identity?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
  console.log(`npm ci --omit=dev took ${npmCiMs} ms`);
});

/** The runtime stage's ENV as name → value; a value may itself hold `=` (NODE_OPTIONS=--max-semi-space-size=4). */
function dockerfileEnv(stage: DockerStage): Record<string, string> {
  const pairs = stage.instructions.filter((i) => i.keyword === 'ENV').flatMap((i) => i.args.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] as const));
  return Object.fromEntries(pairs);
}

/** The container's environment: the Dockerfile's ENV, then the app settings with local stand-ins for Azure. */
function containerEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const dockerEnv = dockerfileEnv(runtime);
  const settings = appSettingsEnv(
    readAppSettings(root),
    {
      identityClientId: IDENTITY_CLIENT_ID,
      tenantId: FAKE_TENANT,
      galleryScopes: emulator.subscriptionIds.map((s) => `/subscriptions/${s}`).join(','),
      tableEndpoint: azurite.endpoint,
      publicUrl: 'https://galleryops.example.net',
      policyFile: join(dir, 'config', 'policy.example.json'),
      eventGridAudience: '',
      eventGridTenantId: '',
    },
    { 'evidence-signing-keys': 'k'.repeat(48), 'event-grid-secret': EVENT_GRID_SECRET },
  );
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    ...dockerEnv,
    ...settings,
    PORT: '0',
    // Azure's public endpoints replaced by the local stand-ins, whose certificates the process trusts.
    ARM_ENDPOINT: emulator.url,
    ARM_CA_FILE: armCaFile,
    NODE_EXTRA_CA_CERTS: storageCaFile,
    ...identity.env,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

function command(): string[] {
  const cmd = runtime.instructions.filter((i) => i.keyword === 'CMD').at(-1);
  if (!cmd?.json) throw new Error('the runtime stage has no CMD in exec form');
  return cmd.json;
}

describe('the production file set (Dockerfile runtime stage)', () => {
  it('installs no devDependency', () => {
    expect(existsSync(join(dir, 'node_modules', 'botbuilder'))).toBe(true);
    for (const dev of ['node', 'typescript', 'jest', '@microsoft/m365agentsplayground', 'azurite']) expect(existsSync(join(dir, 'node_modules', dev))).toBe(false);
  });

  it('starts with the deployed settings: healthy, ready through the managed identity, and refusing unauthenticated activities', async () => {
    const bot = await startBotProcess(command(), dir, containerEnv());
    try {
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
      // Ready means the gallery names were read from ARM with a token of the user-assigned identity.
      await waitFor(async () => (await fetch(`${bot.url}/readyz`)).status, (s) => s === 200, 30_000);
      // With MicrosoftAppId (UserAssignedMSI) every activity needs a Bot Framework token.
      expect((await post(bot.url, message('help', { serviceUrl: 'http://127.0.0.1:9', conversationId: 'c1' }))).status).toBe(401);
      expect(bot.output()).toMatch(/Azure Table galleryops/);
      // Event Grid's subscription handshake, through the webhook URL the deployment gives it.
      const validation = [{ id: 'v1', eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', subject: '', eventTime: new Date().toISOString(), dataVersion: '1', data: { validationCode: 'code-123' } }];
      const events = await fetch(`${bot.url}/api/events?code=${EVENT_GRID_SECRET}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(validation) });
      expect(await events.json()).toEqual({ validationResponse: 'code-123' });
      const resources = new Set(identity.issued.map((t) => t.resource.replace(/\/$/, '')));
      expect(resources).toEqual(new Set(['https://management.azure.com', 'https://storage.azure.com']));
      expect(identity.issued.every((t) => t.clientId === IDENTITY_CLIENT_ID)).toBe(true);
    } finally {
      expect(await bot.stop()).toBe(0);
    }
  }, SLOW);

  it('stops with the reason when the managed identity endpoint never answers, instead of waiting silently', async () => {
    // Accepts the connection, never answers: what a hung token endpoint looks like from the container.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const start = startBotProcess(command(), dir, containerEnv({ IDENTITY_ENDPOINT: `http://127.0.0.1:${port}/msi/token`, STORE_START_TIMEOUT_SECONDS: '3' }));
      await expect(start).rejects.toThrow(/exited with 1 before it started[\s\S]*Table store at https:\/\/127\.0\.0\.1:\d+\/\S* \(table galleryops; a managed identity token first\) did not answer within 3 s/);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, SLOW);

  it('answers a command end to end (HTTP into /api/messages, the reply at a local connector)', async () => {
    // Without an app id the bot accepts the unsigned activity (loopback only), so the reply path can be read.
    const bot = await startBotProcess(command(), dir, containerEnv({ MicrosoftAppId: undefined, MicrosoftAppType: undefined, MicrosoftAppTenantId: undefined, HOST: '127.0.0.1' }));
    const connector = new LocalConnector();
    const serviceUrl = await connector.start();
    try {
      const answer = await post(bot.url, message('image status gal_golden/dispatch 2026.05', { serviceUrl, conversationId: 'prod-1' }));
      expect(answer.status).toBe(200);
      const [reply] = await connector.waitForMessages('prod-1', 1, 30_000);
      expect(JSON.stringify(reply)).toMatch(/2026\.5\.1/);
    } finally {
      await connector.stop();
      expect(await bot.stop()).toBe(0);
    }
  }, SLOW);

  it('runs the embedded demo when no Azure settings are given (docker run with no settings), without the chat client', async () => {
    const dockerEnv = dockerfileEnv(runtime);
    const bot = await startBotProcess(command(), dir, { PATH: process.env.PATH!, ...dockerEnv, PORT: '0', GALLERYOPS_DATA_DIR: join(dir, '.data') });
    try {
      expect(bot.output()).toMatch(/the embedded demo/);
      expect(bot.output()).not.toMatch(/Chat:/);
      await waitFor(async () => (await fetch(`${bot.url}/readyz`)).status, (s) => s === 200, 30_000);
    } finally {
      expect(await bot.stop()).toBe(0);
    }
  }, SLOW);
});
