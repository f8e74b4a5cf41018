/**
 * The embedded store's claims beyond the conformance suite: open requests stored before claims existed (schema
 * version 1) claim their fields at the owner's open, and a claim whose holder is no longer open blocks nothing.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { imageKeyOf, type ChangeRequest } from '../../src/approvals/change-request';
import { DATABASE_FILE, openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { SCHEMA_STEPS, SCHEMA_VERSION } from '../../src/storage/sqlite/sqlite-schema';
import type { Store } from '../../src/storage/store';
import { minutes } from '../approvals/fixtures';
import { retire } from './conformance/claim-fixtures';
import { create, replace } from './conformance/fixtures';
import { tempDataDir, withRawDatabase } from './sqlite-harness';

let dir: string;
let store: Store | undefined;
beforeEach(() => {
  dir = tempDataDir();
});
afterEach(async () => {
  await store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A database as GalleryOps wrote it before claims existed: schema version 1, requests only. */
function versionOneDatabase(requests: ChangeRequest[]): void {
  const db = new DatabaseSync(join(dir, DATABASE_FILE));
  db.exec(SCHEMA_STEPS[0]!);
  db.exec('PRAGMA user_version = 1');
  for (const r of requests) {
    db.prepare('INSERT INTO requests (id, revision, state, is_open, source_image, scope_image, created_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(r.id, r.revision, r.state, r.state === 'pending' ? 1 : 0, imageKeyOf(r.target), imageKeyOf(r.scope), r.createdAt, JSON.stringify(r));
  }
  db.close();
}

const holders = () => withRawDatabase(dir, (db) => (db.prepare('SELECT DISTINCT request_id FROM claims ORDER BY request_id').all() as Array<{ request_id: string }>).map((r) => r.request_id));

test('open requests of a version 1 database claim their fields when the owner opens it; the older of two keeps a shared field', async () => {
  const older = { ...retire('CR-OLDER001', '2026-12-31'), createdAt: minutes(-10).toISOString() };
  const younger = retire('CR-YOUNGER1', '2027-01-31');
  const closed = { ...retire('CR-CLOSED01', '2027-02-28'), state: 'rejected' as const };
  versionOneDatabase([older, younger, closed]);

  store = await openSqliteStore(dir);
  expect(withRawDatabase(dir, (db) => (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version)).toBe(SCHEMA_VERSION);
  expect(holders()).toEqual(['CR-OLDER001']);
  expect(await create(store, retire('CR-NEW00001', '2027-03-31'))).toMatchObject({ ok: false, reason: 'claimed', holder: 'CR-OLDER001' });

  // Both stay listed and decidable; once the older one closes, the younger takes the field at the next open.
  expect((await store.requests.listOpen()).map((r) => r.id)).toEqual(['CR-OLDER001', 'CR-YOUNGER1']);
  expect(await replace(store, { ...older, revision: 2, state: 'cancelled' }, 1)).toMatchObject({ ok: true });
  await store.close();
  store = await openSqliteStore(dir);
  expect(holders()).toEqual(['CR-YOUNGER1']);
  expect(await create(store, retire('CR-NEW00001', '2027-03-31'))).toMatchObject({ ok: false, reason: 'claimed', holder: 'CR-YOUNGER1' });
});

test('a claim left to a request that is no longer open (a hand edit) blocks nothing', async () => {
  store = await openSqliteStore(dir);
  await create(store, { ...retire('CR-CLOSED01'), state: 'cancelled' });
  withRawDatabase(dir, (db) => {
    for (const field of ['publishingProfile.excludeFromLatest', 'publishingProfile.endOfLifeDate']) {
      db.prepare('INSERT INTO claims (key, request_id) VALUES (?, ?)').run(`${retire('x').changes[0]!.resourceId.toLowerCase()}#${field}`, 'CR-CLOSED01');
    }
    db.prepare('INSERT INTO claims (key, request_id) VALUES (?, ?)').run('/gone#field', 'CR-MISSING1');
  });
  expect(await create(store, retire('CR-SECOND01'))).toMatchObject({ ok: true });
  expect(holders()).toEqual(['CR-MISSING1', 'CR-SECOND01']);
});
