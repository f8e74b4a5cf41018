/**
 * What the embedded database holds, read from outside while the bot runs (a read-only connection, as the
 * project's CLIs open it): rows and bytes per table, the bytes counted from SQLite's own page map (`dbstat`,
 * the table's pages plus its indexes' pages), and the free pages. Used by the soak to say what grows.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface TableSize {
  rows: number;
  /** Pages of the table and its indexes × page size. */
  bytes: number;
}

export interface DbSnapshot {
  tables: Record<string, TableSize>;
  freeBytes: number;
  /** Audit records by action (e.g. request.refused), the evidence bundles' distinct subjects. */
  auditActions: Record<string, number>;
  evidenceSubjects: number;
}

/** The database file the embedded store keeps in its folder (src/storage/sqlite/sqlite-store.ts: DATABASE_FILE). */
export const DATABASE_FILE = 'galleryops.db';

export function snapshotDb(dataDir: string): DbSnapshot | undefined {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return undefined;
  const db = new DatabaseSync(file, { readOnly: true, timeout: 5000 });
  try {
    const owners = new Map<string, string>();
    for (const row of db.prepare(`SELECT name, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index')`).all() as Array<{ name: string; tbl_name: string }>) owners.set(row.name, row.tbl_name);
    const tables: Record<string, TableSize> = {};
    for (const [name, table] of owners) if (name === table && !name.startsWith('sqlite_')) tables[name] = { rows: (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n, bytes: 0 };
    for (const row of db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all() as Array<{ name: string; bytes: number }>) {
      const table = owners.get(row.name) ?? row.name;
      (tables[table] ??= { rows: 0, bytes: 0 }).bytes += row.bytes;
    }
    const pageSize = (db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size;
    const free = (db.prepare('PRAGMA freelist_count').get() as { freelist_count: number }).freelist_count;
    const auditActions: Record<string, number> = {};
    if (tables['audit']) {
      for (const row of db.prepare(`SELECT action, COUNT(*) AS n FROM audit GROUP BY 1`).all() as Array<{ action: string | null; n: number }>) auditActions[row.action ?? '?'] = row.n;
    }
    const evidenceSubjects = tables['evidence_bundles'] ? (db.prepare('SELECT COUNT(DISTINCT subject) AS n FROM evidence_bundles').get() as { n: number }).n : 0;
    return { tables, freeBytes: free * pageSize, auditActions, evidenceSubjects };
  } finally {
    db.close();
  }
}
