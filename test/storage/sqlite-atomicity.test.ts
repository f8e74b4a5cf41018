/**
 * One transaction per unit in the embedded store: a failure after part of the unit was written (here forced by
 * a trigger, as a full disk or an I/O error would) leaves nothing of it, request, records and head alike.
 */
import { rmSync } from 'node:fs';
import { createAuditLog } from '../../src/audit/audit-log';
import { StoreError } from '../../src/errors';
import type { Store } from '../../src/storage/store';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { transition } from '../../src/approvals/transition';
import { adele, demoPolicy, minutes, pendingRequest } from '../approvals/fixtures';
import { create, entry, replace } from './conformance/fixtures';
import { tempDataDir, withRawDatabase } from './sqlite-harness';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = tempDataDir();
  store = await openSqliteStore(dir);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const failWhen = (table: 'audit' | 'requests', when: string) =>
  withRawDatabase(dir, (db) => db.exec(`CREATE TRIGGER fail_${table} BEFORE ${table === 'audit' ? 'INSERT' : 'UPDATE'} ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END`));

test.each([
  ["the unit's second audit record", () => failWhen('audit', 'NEW.seq = 3')],
  ['the request write, after its records', () => failWhen('requests', "NEW.state <> 'pending' OR NEW.revision > 1")],
])('a write failing at %s stores nothing of the unit', async (_name, arm) => {
  const r = pendingRequest();
  await create(store, r, [entry(1, { requestId: r.id })]);
  const before = { request: await store.requests.get(r.id), head: await store.audit.head(), records: await store.audit.list() };
  arm();
  const decided = transition(r, { type: 'approve', by: adele }, minutes(1), demoPolicy);
  const unit = replace(store, decided.request, 1, [...decided.auditEvents, entry(2, { requestId: r.id })]);
  await expect(unit).rejects.toBeInstanceOf(StoreError);
  await expect(unit).rejects.toThrow(/rolled back: disk full \(simulated\)/);
  expect({ request: await store.requests.get(r.id), head: await store.audit.head(), records: await store.audit.list() }).toEqual(before);
  expect(await createAuditLog(store.audit).verify()).toMatchObject({ ok: true, count: 1 });
});
