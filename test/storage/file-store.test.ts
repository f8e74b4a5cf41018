import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditRecord } from '../../src/audit/audit-record';
import { openFileStore } from '../../src/storage/file/file-store';
import { describeStoreConformance, type StoreHarness } from './store-conformance';

const recordFile = (dir: string, seq: number) => join(dir, 'audit', `${String(seq).padStart(12, '0')}.json`);

/** A fresh data folder per test; tampering edits the files directly. */
async function fileHarness(): Promise<StoreHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'galleryops-store-'));
  const read = (seq: number) => JSON.parse(readFileSync(recordFile(dir, seq), 'utf8')) as AuditRecord;
  const write = (seq: number, record: AuditRecord) => writeFileSync(recordFile(dir, seq), JSON.stringify(record));
  const harness: StoreHarness = {
    store: await openFileStore(dir),
    reopen: () => openFileStore(dir),
    tamper: {
      edit: async (seq, change) => write(seq, change(read(seq))),
      remove: async (seq) => unlinkSync(recordFile(dir, seq)),
      swap: async (a, b) => {
        const [ra, rb] = [read(a), read(b)];
        write(a, rb);
        write(b, ra);
      },
      put: async (record) => write(record.seq, record),
    },
    async cleanup() {
      await harness.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

describeStoreConformance('file store', fileHarness);
