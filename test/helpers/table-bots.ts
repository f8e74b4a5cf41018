import { randomBytes } from 'node:crypto';
import { openStore } from '../../src/storage/open-store';
import type { Store } from '../../src/storage/store';
import { startEmulator, type RunningEmulator } from '../../emulator/start-emulator';
import { startAzuriteTable, type AzuriteTable } from './azurite';
import { startBotUnderTest, type BotUnderTest } from './bot-under-test';

type AppOptions = NonNullable<Parameters<typeof startBotUnderTest>[2]>;

/** Azurite and one emulator for a test file, and the instances started on them: several bots sharing one table. */
export interface TableBots {
  azurite: AzuriteTable;
  emulator: RunningEmulator;
  /** `count` bots, each with its own Store object on one new table (as separate instances have). */
  start(count: number, env: Record<string, string>, options?: Omit<AppOptions, 'emulator' | 'store'>): Promise<BotUnderTest[]>;
}

/** Starts Azurite and the emulator before the file's tests and stops every bot, store and both after them. */
export function useTableBots(): TableBots {
  const stores: Store[] = [];
  const bots: BotUnderTest[] = [];
  const env = {
    async start(count: number, vars: Record<string, string>, options: Omit<AppOptions, 'emulator' | 'store'> = {}): Promise<BotUnderTest[]> {
      const settings = { kind: 'table' as const, tableName: `bots${randomBytes(5).toString('hex')}`, connectionString: env.azurite.connectionString, appendTimeoutMs: 5000 };
      const started: BotUnderTest[] = [];
      for (let i = 0; i < count; i++) {
        const store = await openStore(settings);
        stores.push(store);
        started.push(await startBotUnderTest({}, vars, { ...options, emulator: env.emulator, store }));
      }
      bots.push(...started);
      return started;
    },
  } as TableBots;
  beforeAll(async () => {
    [env.azurite, env.emulator] = await Promise.all([startAzuriteTable(), startEmulator()]);
  }, 30_000);
  afterAll(async () => {
    await Promise.allSettled(bots.map((b) => b.stop()));
    await Promise.allSettled(stores.map((s) => s.close()));
    await Promise.allSettled([env.emulator?.close(), env.azurite?.stop()]);
  });
  return env;
}
