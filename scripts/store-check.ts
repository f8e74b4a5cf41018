/**
 * `npm run store:check`: reads the configured store (the embedded database in the data folder, or Azure Table
 * Storage) read-only, so it works while the bot runs, and prints where the data is, how many records it holds,
 * every damaged record, the audit chain's verdict and any store-wide problem. Exit code 0 = intact,
 * 1 = damaged, 2 = the settings or the store cannot be read (the message says why).
 */
import { ConfigError, loadConfig, loadDotEnv } from '../src/config';
import { openStore } from '../src/storage/open-store';
import type { Store } from '../src/storage/store';
import { STORE_CHECK_EXIT, storeCheckExitCode, storeCheckText } from './store-check/store-check-text';

async function main(): Promise<number> {
  let config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    return STORE_CHECK_EXIT.unreadable;
  }
  let store: Store;
  try {
    store = await openStore(config.store, { readOnly: true });
  } catch (err) {
    console.error(`Cannot read the store: ${err instanceof Error ? err.message : String(err)}`);
    return STORE_CHECK_EXIT.unreadable;
  }
  try {
    const report = await store.check();
    console.log(storeCheckText(report, new Date()));
    return storeCheckExitCode(report);
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`Cannot check the store: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(STORE_CHECK_EXIT.unreadable);
  },
);
