import { createApp, type App, type AppDependencies } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createGallery } from '../../src/gallery/create-gallery';
import type { ArmCallObserver } from '../../src/gallery/arm';
import { createLogger } from '../../src/logging/logger';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/start-emulator';
import { LocalConnector } from './local-connector';
import { seedDemoRequest } from '../../src/demo/seed-demo-request';
import { openTempStore } from './temp-store';
import type { Store } from '../../src/storage/store';

/** The real bot on a free loopback port, the real SDK over HTTPS to an emulator, and a local connector. */
export interface BotUnderTest {
  botUrl: string;
  serviceUrl: string;
  connector: LocalConnector;
  emulator: RunningEmulator;
  app: App;
  store: Store;
  armCalls: number;
  stop(): Promise<void>;
}

export async function startBotUnderTest(
  emulatorOptions: EmulatorOptions = {},
  env: Record<string, string> = {},
  appOptions: Partial<Pick<AppDependencies, 'now' | 'sweepIntervalMs' | 'reconcileAfterMs' | 'store' | 'observeIntervalMs' | 'logger' | 'wakeTiming' | 'telemetry' | 'referenceBatching'>> & {
    armObserver?: ArmCallObserver;
    /** Talk to this running emulator (e.g. another harness's, to restart the bot on the same Azure state); `stop` leaves it running. */
    emulator?: RunningEmulator;
    /** Create the demo's pending request by Megan Bowen, as `npm start` does. */
    seedDemoRequest?: boolean;
  } = {},
): Promise<BotUnderTest> {
  const emulator = appOptions.emulator ?? (await startEmulator(emulatorOptions));
  const data = await openTempStore();
  const { gallery, usage, armResponses } = createGallery(
    { mode: 'emulator', endpoint: emulator.url, ca: emulator.ca, scopes: emulator.subscriptionIds.map((subscriptionId) => ({ subscriptionId })) },
    {
      observer: (call) => {
        harness.armCalls += 1;
        appOptions.armObserver?.(call);
      },
    },
  );
  // Progress cards only where a test asks for them (test/integration/long-commands.test.ts): on a loaded CI machine
  // a command can pass 1.5 s, and a test reading "the answer" would read the placeholder instead.
  const { armObserver: _observer, emulator: _shared, seedDemoRequest: seed, ...appDeps } = appOptions;
  const app = createApp({ config: loadConfig({ LOG_LEVEL: 'silent', PROGRESS_AFTER_MS: '10000', ...env }), gallery, usage, armResponses, store: data.store, logger: createLogger('silent'), ...appDeps });
  const port = await app.listen(0);
  if (seed) {
    await app.names.refresh();
    await seedDemoRequest(app.context, app.approvals, createLogger('silent'));
  }
  const connector = new LocalConnector();
  const serviceUrl = await connector.start();
  const harness: BotUnderTest = {
    botUrl: `http://127.0.0.1:${port}`,
    serviceUrl,
    connector,
    emulator,
    app,
    store: appOptions.store ?? data.store,
    armCalls: 0,
    async stop() {
      await app.close();
      await connector.stop();
      if (!appOptions.emulator) await emulator.close();
      await data.cleanup();
    },
  };
  return harness;
}
