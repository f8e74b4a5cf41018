import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createGallery } from '../../src/gallery/create-gallery';
import { createLogger } from '../../src/logging/logger';
import { startEmulator, type RunningEmulator } from '../../emulator/start-emulator';
import { LocalConnector } from './local-connector';
import { openTempStore } from './temp-store';
import type { LocalTokenIssuer } from './local-token-issuer';
import { StubCredentialsFactory } from './stub-credentials';

export const TEST_APP_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const TEST_TENANT_ID = '99999999-8888-7777-6666-555555555555';

/**
 * The real bot with an app id, so inbound authentication is on, validating tokens against a local issuer.
 * Counts what a request could set in motion (commands run, ARM calls, activities sent) and keeps the log lines.
 */
export interface AuthenticatedBot {
  botUrl: string;
  serviceUrl: string;
  connector: LocalConnector;
  emulator: RunningEmulator;
  app: App;
  credentials: StubCredentialsFactory;
  readonly commandsRun: number;
  readonly armCalls: number;
  /** Parsed pino lines (warn and above). */
  logs: Array<{ level: number; msg: string; reason?: string } & Record<string, unknown>>;
  /** Raw log text, to check nothing secret was written. */
  rawLog: string[];
  stop(): Promise<void>;
}

export async function startAuthenticatedBot(issuer: LocalTokenIssuer): Promise<AuthenticatedBot> {
  const counts = { commandsRun: 0, armCalls: 0 };
  const emulator = await startEmulator();
  const data = await openTempStore();
  const { gallery, usage } = createGallery(
    { mode: 'emulator', endpoint: emulator.url, ca: emulator.ca, scopes: emulator.subscriptionIds.map((subscriptionId) => ({ subscriptionId })) },
    { observer: () => void (counts.armCalls += 1) },
  );
  const config = loadConfig({
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    MicrosoftAppId: TEST_APP_ID,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: TEST_TENANT_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
    EVIDENCE_SIGNING_KEY: 'test-only-evidence-signing-key-0123456789abcdef',
  });
  const credentials = new StubCredentialsFactory({
    MicrosoftAppId: TEST_APP_ID,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: TEST_TENANT_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
  });
  const rawLog: string[] = [];
  const logs: AuthenticatedBot['logs'] = [];
  const logger = createLogger('warn', {
    write(line: string) {
      rawLog.push(line);
      logs.push(JSON.parse(line) as AuthenticatedBot['logs'][number]);
    },
  });
  const app = createApp({
    config,
    gallery,
    usage,
    store: data.store,
    logger,
    aroundCommand: (_request, run) => {
      counts.commandsRun += 1;
      return run();
    },
    // Setting any override makes botbuilder take every one as given, so all of them are set.
    authOverrides: {
      ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
      ToBotFromChannelTokenIssuer: issuer.issuer,
      ToBotFromEmulatorOpenIdMetadataUrl: issuer.emptyMetadataUrl,
      ToChannelFromBotLoginUrl: `${issuer.baseUrl}/login`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: `${issuer.baseUrl}/oauth`,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: false,
    },
    credentialsFactory: credentials,
  });
  const port = await app.listen(0);
  // Baselines are taken after the name index has loaded, so its ARM calls do not count.
  await app.names.snapshot();
  const connector = new LocalConnector();
  const serviceUrl = await connector.start();
  return {
    botUrl: `http://127.0.0.1:${port}`,
    serviceUrl,
    connector,
    emulator,
    app,
    credentials,
    get commandsRun() {
      return counts.commandsRun;
    },
    get armCalls() {
      return counts.armCalls;
    },
    logs,
    rawLog,
    async stop() {
      await app.close();
      await connector.stop();
      await emulator.close();
      await data.cleanup();
    },
  };
}

/** POSTs an activity with an optional Authorization header. */
export async function postWithAuth(botUrl: string, body: unknown, authorization?: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (authorization !== undefined) headers.Authorization = authorization;
  const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
