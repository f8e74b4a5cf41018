import { rm } from 'node:fs/promises';
import { openSqliteStore } from '../storage/sqlite/sqlite-store';

/**
 * The demo gallery starts fresh at every `npm start`, so the demo's requests and audit log must too: requests
 * about versions the fresh gallery no longer matches would be stale or fail with 404. Opening the store first
 * claims it, so a demo already running in another terminal is refused with its owner named, never wiped.
 */
export async function resetDemoData(dir: string): Promise<void> {
  const store = await openSqliteStore(dir);
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
