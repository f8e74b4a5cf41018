/**
 * Requests and audit records are stored deflated: an approval writes its request several times and six audit
 * records, and as text they were most of what the soak's data folder still grew by. Rows written as text by an
 * older GalleryOps read as they were, and the audit chain still verifies across both kinds of row.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { imageKeyOf } from '../../src/approvals/change-request';
import { createAuditLog } from '../../src/audit/audit-log';
import { chainRecords } from '../../src/audit/chain-records';
import { SCHEMA_STEPS } from '../../src/storage/sqlite/sqlite-schema';
import { DATABASE_FILE, openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { demoPolicy, latestPromotion, pendingRequest } from '../approvals/fixtures';
import { create, entry } from './conformance/fixtures';
import { tempDataDir, withRawDatabase } from './sqlite-harness';

let dir: string;
beforeEach(() => {
  dir = tempDataDir();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a request and its audit records are stored packed, smaller than their JSON, and read back the same', async () => {
  const store = await openSqliteStore(dir);
  try {
    const request = pendingRequest(latestPromotion(), demoPolicy, 'CR-PACKED01');
    await create(store, request, [entry(1, { requestId: request.id }), entry(2, { requestId: request.id })]);
    const rows = withRawDatabase(dir, (db) => [
      ...(db.prepare('SELECT body, action FROM audit').all() as Array<{ body: unknown; action: string }>),
      db.prepare('SELECT body, NULL AS action FROM requests').get() as { body: unknown; action: null },
    ]);
    for (const row of rows) expect(row.body).toBeInstanceOf(Uint8Array);
    const stored = rows.reduce((sum, row) => sum + (row.body as Uint8Array).length, 0);
    const records = await store.audit.list({ requestId: request.id });
    const asText = Buffer.byteLength(JSON.stringify(await store.requests.get(request.id))) + records.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0);
    expect(stored).toBeLessThan(asText * 0.75);
    // The store adds the audit anchor it chained the request to; everything else is as given.
    expect(await store.requests.get(request.id)).toEqual({ ...request, auditAnchor: { seq: 2, hash: records[1]!.hash } });
    expect(rows.filter((r) => r.action !== null).map((r) => r.action)).toEqual(records.map((r) => r.action));
    expect(await createAuditLog(store.audit).verify()).toMatchObject({ ok: true });
  } finally {
    await store.close();
  }
});

test('a database written as text by an older GalleryOps reads after the upgrade, and its chain verifies with packed records after it', async () => {
  const request = pendingRequest(latestPromotion(), demoPolicy, 'CR-OLDTEXT1');
  const old = chainRecords(undefined, [entry(1, { requestId: request.id }), entry(2)]);
  const db = new DatabaseSync(join(dir, DATABASE_FILE));
  for (const step of SCHEMA_STEPS.slice(0, 3)) db.exec(step);
  db.exec('PRAGMA user_version = 3');
  const image = imageKeyOf(request.target);
  db.prepare('INSERT INTO requests (id, revision, state, is_open, source_image, scope_image, created_at, body) VALUES (?, ?, ?, 1, ?, ?, ?, ?)').run(request.id, request.revision, request.state, image, image, request.createdAt, JSON.stringify(request));
  for (const r of old) db.prepare('INSERT INTO audit (seq, hash, request_id, body) VALUES (?, ?, ?, ?)').run(r.seq, r.hash, r.requestId ?? null, JSON.stringify(r));
  db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)').run(old[1]!.seq, old[1]!.hash);
  db.close();

  const store = await openSqliteStore(dir);
  try {
    expect(await store.requests.get(request.id)).toEqual(request);
    expect(withRawDatabase(dir, (raw) => (raw.prepare('SELECT action FROM audit ORDER BY seq').all() as Array<{ action: string }>).map((r) => r.action))).toEqual(old.map((r) => r.action));
    await createAuditLog(store.audit).append(entry(3));
    expect(await createAuditLog(store.audit).verify()).toMatchObject({ ok: true });
    expect((await store.audit.list({})).map((r) => r.seq)).toEqual([1, 2, 3]);
  } finally {
    await store.close();
  }
});
