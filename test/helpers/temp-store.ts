import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileStore } from '../../src/storage/file/file-store';
import type { Store } from '../../src/storage/store-port';

/** A real file store in a fresh temporary folder, removed by `cleanup`. */
export async function openTempStore(): Promise<{ store: Store; dir: string; cleanup(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'galleryops-store-'));
  const store = await openFileStore(dir);
  return {
    store,
    dir,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
