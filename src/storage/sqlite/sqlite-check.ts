import { createAuditLog } from '../../audit/audit-log';
import { conversationRecordSchema } from '../../conversations/conversation-record-schema';
import { recomputeBundleHash } from '../../evidence/seal-bundle';
import { conversationKeyHash } from '../conversation-key-hash';
import type { DamageRegister } from '../damage-register';
import type { StoreCheckReport } from '../store';
import { BODY_COLUMNS, decodeBody, type BodyColumns } from './sqlite-body';
import { describeError, type SqliteDatabase } from './sqlite-database';
import type { SqliteEvidenceStore } from './sqlite-evidence-store';
import type { SqliteLedger } from './sqlite-ledger';

/** The parts of the embedded store a full check reads. */
export interface SqliteCheckTarget {
  database: SqliteDatabase;
  ledger: SqliteLedger;
  evidence: SqliteEvidenceStore;
  damage: DamageRegister;
}

/**
 * Reads everything once (SQLite's own integrity check, every request, the audit chain, every conversation
 * and evidence bundle), so `store:check` names each damaged record; unless read-only, also proves a write
 * goes through. Damaged records are reported to the register as ordinary reads would.
 */
export async function checkSqliteStore({ database, ledger, evidence, damage }: SqliteCheckTarget): Promise<StoreCheckReport> {
  const problems: string[] = [];
  const integrity = database.all<{ integrity_check: string }>('PRAGMA integrity_check').map((r) => r.integrity_check);
  if (integrity.join() !== 'ok') problems.push(`SQLite integrity check: ${integrity.slice(0, 5).join('; ')}`);
  const ids = database.all<{ id: string }>('SELECT id FROM requests ORDER BY id').map((r) => r.id);
  // Reading every request through the ledger reports each damaged one.
  for (const id of ids) await ledger.get(id).catch(() => undefined);
  const audit = await createAuditLog(ledger).verify();
  checkConversations(database, damage);
  for (const { sha256 } of database.all<{ sha256: string }>('SELECT sha256 FROM evidence_bundles ORDER BY sha256')) {
    const bundle = await evidence.get(sha256);
    // get() reports a bundle it cannot reassemble; one that reassembles to other content was edited.
    if (bundle !== null && bundle !== undefined && recomputeBundleHash(bundle) !== sha256) {
      damage.report({ kind: 'evidence', key: sha256, problem: 'the bundle no longer hashes to its name: its content was changed' });
    }
  }
  const count = (table: string) => database.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)?.n ?? 0;
  return {
    location: database.file,
    readable: true,
    writable: database.readOnly ? 'not-checked' : checkWritable(database, problems),
    problems,
    damaged: damage.list(),
    audit,
    counts: { requests: ids.length, auditRecords: count('audit'), conversations: count('conversations'), evidenceBundles: count('evidence_bundles') },
  };
}

/** Rows are keyed by the key's hash, so only the record itself can name a damaged one (or its hash, when unreadable). */
function checkConversations(database: SqliteDatabase, damage: DamageRegister): void {
  for (const row of database.all<BodyColumns & { key: string }>(`SELECT key, ${BODY_COLUMNS} FROM conversations ORDER BY key`)) {
    const decoded = decodeBody(row, conversationRecordSchema);
    if (!decoded.ok) damage.report({ kind: 'conversation', key: `#${row.key.slice(0, 16)}`, problem: decoded.problem });
    else if (conversationKeyHash(decoded.value.key) !== row.key) damage.report({ kind: 'conversation', key: decoded.value.key, problem: 'the record sits under another key' });
  }
}

function checkWritable(database: SqliteDatabase, problems: string[]): boolean {
  try {
    database.transaction(() => database.run("INSERT INTO meta (key, value) VALUES ('checked_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", new Date().toISOString()));
    return true;
  } catch (err) {
    problems.push(`cannot write: ${describeError(err)}`);
    return false;
  }
}
