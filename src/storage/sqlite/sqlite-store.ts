import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createAuditLog } from '../../audit/audit-log';
import { DamageRegister } from '../damage-register';
import type { DamageListener, Store, StoreCheckReport } from '../store';
import { SqliteConversationStore } from './sqlite-conversation-store';
import { SqliteDatabase } from './sqlite-database';
import { SqliteEvidenceStore } from './sqlite-evidence-store';
import { SqliteLedger } from './sqlite-ledger';

/** The database file inside the data folder. */
export const DATABASE_FILE = 'galleryops.db';

/** Options for the embedded store. */
export interface SqliteStoreOptions {
  /** For CLIs that read while the bot runs. */
  readOnly?: boolean;
  onDamaged?: DamageListener;
}

/**
 * The embedded default: one SQLite database in the data folder, for one bot instance. Change requests and their
 * audit records are written in one transaction; see `SqliteDatabase` for durability.
 */
export async function openSqliteStore(dir: string, options: SqliteStoreOptions = {}): Promise<Store> {
  if (!options.readOnly) mkdirSync(dir, { recursive: true });
  const file = join(dir, DATABASE_FILE);
  const database = SqliteDatabase.open(file, { readOnly: options.readOnly === true });
  const damage = new DamageRegister(options.onDamaged);
  const ledger = new SqliteLedger(database, damage);
  const store: Store = {
    requests: ledger,
    audit: ledger,
    conversations: new SqliteConversationStore(database, damage),
    evidence: new SqliteEvidenceStore(database, damage),
    damaged: () => damage.list(),
    location: file,
    check: () => checkSqliteStore(database, ledger, damage),
    close: async () => database.close(),
  };
  return store;
}

async function checkSqliteStore(database: SqliteDatabase, ledger: SqliteLedger, damage: DamageRegister): Promise<StoreCheckReport> {
  const problems: string[] = [];
  const integrity = database.all<{ integrity_check: string }>('PRAGMA integrity_check').map((r) => r.integrity_check);
  if (integrity.join() !== 'ok') problems.push(`SQLite integrity check: ${integrity.slice(0, 5).join('; ')}`);
  // Reading every request through the ledger reports each damaged one.
  const ids = database.all<{ id: string }>('SELECT id FROM requests').map((r) => r.id);
  for (const id of ids) await ledger.get(id).catch(() => undefined);
  const audit = await createAuditLog(ledger).verify();
  let writable: boolean | 'not-checked' = 'not-checked';
  if (!database.readOnly) {
    try {
      database.transaction(() => database.run("INSERT INTO meta (key, value) VALUES ('checked_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", new Date().toISOString()));
      writable = true;
    } catch (err) {
      writable = false;
      problems.push(`cannot write: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const count = (table: string) => database.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)?.n ?? 0;
  return {
    location: database.file,
    readable: true,
    writable,
    problems,
    damaged: damage.list(),
    audit,
    counts: { requests: ids.length, auditRecords: count('audit'), conversations: count('conversations'), evidenceBundles: count('evidence_bundles') },
  };
}
