import { changeRequestSchema } from '../../approvals/change-request-schema';
import { claimsOf } from '../../approvals/field-claims';
import type { ChangeRequest } from '../../approvals/change-request';
import { BODY_COLUMNS, decodeBody, type BodyColumns } from './sqlite-body';
import type { SqliteDatabase } from './sqlite-database';

/**
 * Inside a transaction: the open request holding `key`, if any. A claim counts only while its holder is open:
 * releases happen in the same transaction as the move to a final state, so a claim of a closed request can only
 * come from a hand edit, and it must not block a field for ever.
 */
function openHolder(database: SqliteDatabase, key: string): string | undefined {
  return database.get<{ request_id: string }>(
    'SELECT c.request_id FROM claims c JOIN requests r ON r.id = c.request_id WHERE c.key = ? AND r.is_open = 1',
    key,
  )?.request_id;
}

/** Inside a transaction: takes `key` for `id` unless another open request holds it; 1 when a row changed. */
function take(database: SqliteDatabase, key: string, id: string): number {
  return database.run(
    `INSERT INTO claims (key, request_id) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET request_id = excluded.request_id
     WHERE NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = claims.request_id AND r.is_open = 1)`,
    key,
    id,
  );
}

/**
 * Inside the transaction that creates `request`: the first of its fields another open request holds, or
 * undefined after taking them all. Checked before anything is written, so a refused create writes nothing.
 */
export function claimFields(database: SqliteDatabase, request: ChangeRequest): { holder: string; field: string } | undefined {
  const keys = claimsOf(request);
  for (const key of keys) {
    const holder = openHolder(database, key);
    if (holder !== undefined && holder !== request.id) return { holder, field: key };
  }
  for (const key of keys) take(database, key, request.id);
  return undefined;
}

/** Inside the transaction that moves request `id` to a final state. */
export function releaseClaims(database: SqliteDatabase, id: string): void {
  database.run('DELETE FROM claims WHERE request_id = ?', id);
}

/**
 * Claims what open requests do not hold yet: the fields of requests stored before schema step 2, and of those
 * the import of an old JSON data folder brought in. Runs when the owner opens the database, before any commit.
 * Where two such requests set the same field, the older keeps it (the other stays listed and may be decided;
 * it takes the field at a later open, once the older one has closed). Damaged rows are skipped: their fields
 * cannot be known, and reading them names them. Returns how many claims were taken.
 */
export function claimOpenRequests(database: SqliteDatabase): number {
  return database.transaction(() => {
    const rows = database.all<BodyColumns & { id: string }>(`SELECT id, ${BODY_COLUMNS} FROM requests WHERE is_open = 1 ORDER BY created_at, id`);
    let taken = 0;
    for (const row of rows) {
      const decoded = decodeBody(row, changeRequestSchema);
      if (!decoded.ok || decoded.value.id !== row.id) continue;
      for (const key of claimsOf(decoded.value)) taken += take(database, key, row.id);
    }
    return taken;
  });
}
