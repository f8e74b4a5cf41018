import { existsSync, mkdirSync } from 'node:fs';
import { SqliteDigestStore } from './sqlite-digest-store';
import { join } from 'node:path';
import { StoreError } from '../../errors';
import { DamageRegister } from '../damage-register';
import { legacyFoldersIn } from '../legacy/legacy-layout';
import type { DamageListener, Store } from '../store';
import { checkSqliteStore } from './sqlite-check';
import { claimOpenRequests } from './sqlite-claims';
import { SqliteConversationStore } from './sqlite-conversation-store';
import { describeError, SqliteDatabase } from './sqlite-database';
import { SqliteEvidenceStore } from './sqlite-evidence-store';
import { importLegacyData, type LegacyImportReport } from './sqlite-legacy-import';
import { SqliteLedger } from './sqlite-ledger';
import { SqliteOwnership, type OwnershipOptions } from './sqlite-ownership';
import { SqliteSubscriptionStore } from './sqlite-subscription-store';

/** The database file inside the data folder. */
export const DATABASE_FILE = 'galleryops.db';

/** Options for the embedded store. */
export interface SqliteStoreOptions extends OwnershipOptions {
  /** For CLIs that read while the bot runs: no ownership, no import, no writes. */
  readOnly?: boolean;
  onDamaged?: DamageListener;
  /** Told what the import of an old JSON data folder did, when there was one (see `importLegacyData`). */
  onLegacyImport?: (report: LegacyImportReport) => void;
}

/**
 * The embedded default: one SQLite database in the data folder, owned by one bot process. Opening it as owner
 * claims it (a second bot is refused with the owner's pid, host and since; a dead owner is taken over, see
 * `SqliteOwnership`), then imports an old JSON data folder once. Read-only opens (CLIs) do neither and work
 * while the bot runs. Change requests and their audit records are written in one transaction; see
 * `SqliteDatabase` for durability. Throws `StoreError` with the reason when the database is not usable.
 */
export async function openSqliteStore(dir: string, options: SqliteStoreOptions = {}): Promise<Store> {
  const readOnly = options.readOnly === true;
  const file = join(dir, DATABASE_FILE);
  if (readOnly && !existsSync(file)) throw new StoreError(missingDatabase(dir, file));
  if (!readOnly) mkdirSync(dir, { recursive: true });
  const database = SqliteDatabase.open(file, { readOnly });
  let ownership: SqliteOwnership | undefined;
  try {
    if (!readOnly) {
      ownership = SqliteOwnership.claim(database, options);
      const report = await importLegacyData(database, dir, new Date()).catch((err: unknown) => {
        if (err instanceof StoreError) throw err;
        throw new StoreError(`importing the old JSON data folder ${dir} failed, nothing was imported: ${describeError(err)}`, { cause: err });
      });
      if (report) options.onLegacyImport?.(report);
      // After the import: requests it brought in (or stored before claims existed) claim their fields too.
      claimOpenRequests(database);
    }
  } catch (err) {
    ownership?.release();
    database.close();
    throw err;
  }
  const damage = new DamageRegister(options.onDamaged);
  const ledger = new SqliteLedger(database, damage);
  const evidence = new SqliteEvidenceStore(database, damage);
  return {
    requests: ledger,
    audit: ledger,
    conversations: new SqliteConversationStore(database, damage),
    evidence,
    subscriptions: new SqliteSubscriptionStore(database, damage),
    digests: new SqliteDigestStore(database, damage),
    damaged: () => damage.list(),
    onDamage: (listener) => damage.listen(listener),
    location: file,
    check: () => checkSqliteStore({ database, ledger, evidence, damage }),
    close: async () => {
      ownership?.release();
      database.close();
    },
  };
}

function missingDatabase(dir: string, file: string): string {
  const legacy = legacyFoldersIn(dir);
  if (legacy.length > 0) return `${dir} has the old JSON layout (${legacy.join(', ')}) and no database yet: start the bot once to import it into ${file}`;
  return `there is no GalleryOps database at ${file} (the bot creates it at its first start; is GALLERYOPS_DATA_DIR right?)`;
}
