import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createGallery } from '../../src/gallery/create-gallery';
import { createLogger } from '../../src/logging/logger';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/start-emulator';
import { LocalConnector } from './local-connector';

/** The real bot on a free loopback port, the real SDK over HTTPS to an emulator, and a local connector. */
export interface BotUnderTest {
  botUrl: string;
  serviceUrl: string;
  connector: LocalConnector;
  emulator: RunningEmulator;
  app: App;
  armCalls: number;
  stop(): Promise<void>;
}

export async function startBotUnderTest(emulatorOptions: EmulatorOptions = {}, env: Record<string, string> = {}): Promise<BotUnderTest> {
  const emulator = await startEmulator(emulatorOptions);
  const gallery = createGallery(
    { mode: 'emulator', endpoint: emulator.url, ca: emulator.ca, scopes: emulator.subscriptionIds.map((subscriptionId) => ({ subscriptionId })) },
    { observer: () => void (harness.armCalls += 1) },
  );
  const app = createApp({ config: loadConfig({ LOG_LEVEL: 'silent', ...env }), gallery, logger: createLogger('silent') });
  const port = await app.listen(0);
  const connector = new LocalConnector();
  const serviceUrl = await connector.start();
  const harness: BotUnderTest = {
    botUrl: `http://127.0.0.1:${port}`,
    serviceUrl,
    connector,
    emulator,
    app,
    armCalls: 0,
    async stop() {
      await app.close();
      await connector.stop();
      await emulator.close();
    },
  };
  return harness;
}
