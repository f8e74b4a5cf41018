import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { AuditRecord } from '../../src/audit/audit-record';
import { DATABASE_FILE, openSqliteStore, type SqliteStoreOptions } from '../../src/storage/sqlite/sqlite-store';
import { unpackText } from '../../src/storage/sqlite/packed-text';
import type { StoreHarness } from './store-conformance';

/**
 * Runs `work` on a second, raw connection to the store's database: what someone with the file and the sqlite3
 * tool could do behind the bot's back. WAL lets it write while the store is open.
 */
export function withRawDatabase<T>(dir: string, work: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(join(dir, DATABASE_FILE), { timeout: 5000 });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** A fresh data folder for one test, removed with `rmSync` by the caller. */
export const tempDataDir = (): string => mkdtempSync(join(tmpdir(), 'galleryops-sqlite-'));

/** The conformance harness for the embedded store (one owner: `reopen` only after `store.close()`). */
export async function sqliteHarness(options: SqliteStoreOptions = {}): Promise<StoreHarness & { dir: string }> {
  const dir = tempDataDir();
  const read = (db: DatabaseSync, seq: number) => JSON.parse(unpackText((db.prepare('SELECT body FROM audit WHERE seq = ?').get(seq) as { body: unknown }).body)!) as AuditRecord;
  const write = (db: DatabaseSync, seq: number, record: AuditRecord) =>
    db.prepare('INSERT INTO audit (seq, hash, body) VALUES (?, ?, ?) ON CONFLICT (seq) DO UPDATE SET hash = excluded.hash, body = excluded.body').run(seq, record.hash, JSON.stringify(record));
  const harness: StoreHarness & { dir: string } = {
    dir,
    store: await openSqliteStore(dir, options),
    reopen: () => openSqliteStore(dir, options),
    tamper: {
      edit: async (seq, change) => withRawDatabase(dir, (db) => void write(db, seq, change(read(db, seq)))),
      remove: async (seq) => withRawDatabase(dir, (db) => void db.prepare('DELETE FROM audit WHERE seq = ?').run(seq)),
      swap: async (a, b) =>
        withRawDatabase(dir, (db) => {
          const [ra, rb] = [read(db, a), read(db, b)];
          write(db, a, rb);
          write(db, b, ra);
        }),
      put: async (record) => withRawDatabase(dir, (db) => void write(db, record.seq, record)),
    },
    evidencePartCount: async () => withRawDatabase(dir, (db) => (db.prepare('SELECT COUNT(*) AS n FROM evidence_parts').get() as { n: number }).n),
    async cleanup() {
      await harness.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
