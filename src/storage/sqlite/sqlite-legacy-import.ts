import { GENESIS_HASH } from '../../audit/audit-record';
import { verifyAudit, type AuditVerdict } from '../../audit/verify-audit';
import { splitBundle } from '../../evidence/bundle-parts';
import { importedFolderName, legacyFoldersIn, type LegacyData, type SkippedFile } from '../legacy/legacy-layout';
import { moveLegacyAside } from '../legacy/move-legacy-aside';
import { readLegacyFolder } from '../legacy/read-legacy-folder';
import { upsertConversation } from './sqlite-conversation-store';
import type { SqliteDatabase } from './sqlite-database';
import { insertBundle } from './sqlite-evidence-store';
import { writeRequestRow } from './sqlite-ledger';

/** What the import of an old JSON data folder did; the composition root logs it (skipped files at warn level). */
export interface LegacyImportReport {
  /** `imported` now; `refused`: the database already had data; `finished-move`: imported earlier, folders moved now. */
  outcome: 'imported' | 'refused' | 'finished-move';
  /** ISO 8601 UTC of the import. */
  at?: string;
  /** Where the old folders went, relative to the data folder: `imported-json-<timestamp>`. */
  folder?: string;
  counts: { requests: number; auditRecords: number; conversations: number; evidenceBundles: number };
  /** Old files not imported (they stay in `folder`). */
  skipped: SkippedFile[];
  /** The imported chain as it was: a broken chain is imported unrepaired and reported here. */
  audit?: AuditVerdict;
  problems: string[];
}

const IMPORT_KEY = 'legacy_import';
const NO_COUNTS = { requests: 0, auditRecords: 0, conversations: 0, evidenceBundles: 0 };

/**
 * Imports an old JSON data folder (`requests/`, `audit/`, `conversations/`) into the database once, in one
 * transaction, then moves the folders to `imported-json-<timestamp>/`; the `meta` row records it, so a crash
 * between commit and move only finishes the move at the next start. Runs at every owner open (openSqliteStore
 * calls it); undefined when there is nothing to import. Unreadable old files never stop the start.
 */
export async function importLegacyData(database: SqliteDatabase, dir: string, now: Date): Promise<LegacyImportReport | undefined> {
  const folders = legacyFoldersIn(dir);
  if (folders.length === 0) return undefined;
  const earlier = readImportRecord(database);
  if (earlier?.folder) {
    return { ...earlier, outcome: 'finished-move', problems: await moveLegacyAside(dir, earlier.folder) };
  }
  if (holdsData(database)) {
    const problem = `${dir} holds the old JSON layout (${folders.join(', ')}) but the database already holds data, so nothing was imported; move those folders away to silence this`;
    return { outcome: 'refused', counts: NO_COUNTS, skipped: [], problems: [problem] };
  }
  const data = await readLegacyFolder(dir);
  const folder = importedFolderName(now);
  const report: LegacyImportReport = {
    outcome: 'imported',
    at: now.toISOString(),
    folder,
    counts: { requests: data.requests.length, auditRecords: data.audit.length, conversations: data.conversations.length, evidenceBundles: 0 },
    skipped: data.skipped,
    audit: verifyAudit(data.audit.map((a) => a.record), data.head ?? { seq: 0, hash: GENESIS_HASH }),
    problems: [],
  };
  database.transaction(() => {
    writeData(database, data, report);
    const { problems: _notStored, outcome: _alwaysImported, ...record } = report;
    database.run('INSERT INTO meta (key, value) VALUES (?, ?)', IMPORT_KEY, JSON.stringify(record));
  });
  report.problems.push(...(await moveLegacyAside(dir, folder)));
  return report;
}

function writeData(database: SqliteDatabase, data: LegacyData, report: LegacyImportReport): void {
  for (const { request, text } of data.requests) writeRequestRow(database, request, text);
  for (const { fileSeq, record, text } of data.audit) {
    // Keyed by the file's seq and stored as the file's text: the chain is imported exactly as the old store
    // listed it, so verification finds the same break, if any, at the same record.
    database.run(
      'INSERT INTO audit (seq, hash, request_id, image, version, action, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
      fileSeq,
      record.hash,
      record.requestId ?? null,
      record.image ?? null,
      record.version ?? null,
      record.action,
      text,
    );
  }
  if (data.head) database.run('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)', data.head.seq, data.head.hash);
  for (const record of data.conversations) upsertConversation(database, record);
  for (const { bundle, storedAt } of data.evidence) {
    try {
      splitBundle(bundle); // throws for a value canonical JSON cannot carry, before anything of it is written
    } catch (err) {
      report.skipped.push({ path: `conversations/ (evidence:${bundle.sha256})`, problem: `cannot be split into parts: ${(err as Error).message}` });
      continue;
    }
    insertBundle(database, bundle, storedAt);
    report.counts.evidenceBundles++;
  }
}

/** The import recorded in `meta`, if one ran. */
export function readImportRecord(database: SqliteDatabase): Omit<LegacyImportReport, 'outcome' | 'problems'> | undefined {
  const row = database.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', IMPORT_KEY);
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as Omit<LegacyImportReport, 'outcome' | 'problems'>;
  } catch {
    return { counts: NO_COUNTS, skipped: [] };
  }
}

function holdsData(database: SqliteDatabase): boolean {
  return ['requests', 'audit', 'conversations', 'evidence_bundles'].some((table) => database.get(`SELECT 1 AS found FROM ${table} LIMIT 1`) !== undefined);
}
