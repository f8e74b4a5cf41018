/**
 * One damaged record is isolated: reading it throws DamagedRecordError for that record alone, listings leave it
 * out, every other request keeps working, the damage is reported once, and a full check names every one.
 */
import { packText, unpackText } from '../../src/storage/sqlite/packed-text';
import { rmSync } from 'node:fs';
import { imageKeyOf, type ChangeRequest } from '../../src/approvals/change-request';
import { createAuditLog } from '../../src/audit/audit-log';
import { DamagedRecordError } from '../../src/errors';
import type { DamagedRecord, Store } from '../../src/storage/store';
import { conversationKeyHash } from '../../src/storage/conversation-key-hash';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { adele, demoPolicy, latestPromotion, minutes, pendingRequest } from '../approvals/fixtures';
import { transition } from '../../src/approvals/transition';
import { create, entry, replace } from './conformance/fixtures';
import { bundle, snapshot } from './conformance/bundle-fixtures';
import { tempDataDir, withRawDatabase } from './sqlite-harness';

let dir: string;
let store: Store;
let reported: DamagedRecord[];
beforeEach(async () => {
  dir = tempDataDir();
  reported = [];
  store = await openSqliteStore(dir, { onDamaged: (record) => reported.push(record) });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const healthy = pendingRequest(latestPromotion(), demoPolicy, 'CR-HEALTHY1');
const other = pendingRequest(latestPromotion(), demoPolicy, 'CR-OTHER001');
const fiftyMegabytes = `{"id":"CR-HUGE0001","padding":"${'x'.repeat(50 * 1024 * 1024)}"}`;

/** A row as a broken disk, a hand edit or another program could leave it: listed as open, about the healthy one's image. */
function writeRow(id: string, body: string | Uint8Array, revision = 1): void {
  const image = imageKeyOf(healthy.target);
  withRawDatabase(dir, (db) =>
    db.prepare('INSERT INTO requests (id, revision, state, is_open, source_image, scope_image, created_at, body) VALUES (?, ?, ?, 1, ?, ?, ?, ?)')
      .run(id, revision, 'pending', image, image, healthy.createdAt, body),
  );
}

const DAMAGED: Array<[string, string, string | Uint8Array, RegExp]> = [
  ['an empty body', 'CR-EMPTY001', '', /is empty/],
  ['a packed body whose bytes are not deflate', 'CR-BADPACK1', Uint8Array.from([0xff, 0x00, 0x13, 0x37, 0x42]), /packed but cannot be unpacked/],
  ['a packed body that would unpack to gigabytes', 'CR-BOMB0001', packText(' '.repeat(7_000_000)), /packed but cannot be unpacked/],
  ['garbage', 'CR-GARBAGE1', '{"id": "CR-GARBAGE1", "revis', /not valid JSON/],
  ['a 50 MB body', 'CR-HUGE0001', fiftyMegabytes, /\d+ bytes long, more than GalleryOps ever writes/],
  ["another request's record", 'CR-SWAPPED1', JSON.stringify(other), /names another request/],
  ['a record of another shape', 'CR-SHAPE001', JSON.stringify({ id: 'CR-SHAPE001', revision: 1 }), /does not hold what GalleryOps writes/],
];

test.each(DAMAGED)('a request row with %s: its reads fail alone, listings and other requests carry on', async (_name, id, body, problem) => {
  await create(store, healthy, [entry(1, { requestId: healthy.id })]);
  writeRow(id, body);

  const read = store.requests.get(id);
  await expect(read).rejects.toBeInstanceOf(DamagedRecordError);
  await expect(read).rejects.toMatchObject({ recordKey: `change request ${id}`, userMessage: expect.stringContaining("Tell the bot's operators") });
  expect((await store.requests.listOpen()).map((r) => r.id)).toEqual([healthy.id]);
  expect((await store.requests.listByImage(healthy.target.gallery, healthy.target.image)).map((r) => r.id)).toEqual([healthy.id]);

  // Every other request keeps working: read, decided, listed.
  const decided = transition((await store.requests.get(healthy.id)) as ChangeRequest, { type: 'reject', by: adele }, minutes(1), demoPolicy);
  expect(await replace(store, decided.request, 1, decided.auditEvents)).toMatchObject({ ok: true });
  expect(await create(store, other)).toMatchObject({ ok: true });
  expect((await store.requests.listOpen()).map((r) => r.id)).toEqual([other.id]);

  // Reported once, however often it is met; named with what is wrong.
  await store.requests.get(id).catch(() => undefined);
  expect(reported).toEqual([{ kind: 'request', key: id, problem: expect.stringMatching(problem) }]);
  expect(store.damaged()).toEqual(reported);
});

test('a corrupt audit row makes verify fail at that seq, without throwing; the rest of the log still reads', async () => {
  await createAuditLog(store.audit).append(...[1, 2, 3, 4, 5].map((n) => entry(n, { requestId: n === 3 ? 'CR-3' : 'CR-X' })));
  withRawDatabase(dir, (db) => db.prepare("UPDATE audit SET body = 'garbage' WHERE seq = 3").run());
  expect(await createAuditLog(store.audit).verify()).toEqual({ ok: false, seq: 3, problem: 'removed' });
  expect((await store.audit.list({ requestId: 'CR-X' })).map((r) => r.seq)).toEqual([1, 2, 4, 5]);
  expect(store.damaged()).toEqual([{ kind: 'audit', key: '3', problem: 'the record is not valid JSON' }]);
});

test('a full check names every damaged record: requests, audit, conversations and evidence', async () => {
  await create(store, healthy, [entry(1), entry(2)]);
  writeRow('CR-EMPTY001', '');
  withRawDatabase(dir, (db) => db.prepare("UPDATE audit SET body = '{}' WHERE seq = 2").run());
  await store.conversations.put({ key: 'user:a', value: 1, updatedAt: minutes(0).toISOString() });
  await store.conversations.put({ key: 'user:b', value: 2, updatedAt: minutes(0).toISOString() });
  // user:b's row now holds user:a's record.
  withRawDatabase(dir, (db) => db.prepare('UPDATE conversations SET body = (SELECT body FROM conversations WHERE key = ?) WHERE key = ?').run(conversationKeyHash('user:a'), conversationKeyHash('user:b')));
  const missingPart = bundle('1.0.0', [snapshot('a')]);
  const editedPart = bundle('2.0.0', [snapshot('b')]);
  await store.evidence.put(missingPart, minutes(0));
  await store.evidence.put(editedPart, minutes(0));
  withRawDatabase(dir, (db) => {
    // Parts are stored deflated (packed-text.ts): unpack to find them, pack the edit back as the store would.
    for (const row of db.prepare('SELECT hash, body FROM evidence_parts').all() as Array<{ hash: string; body: unknown }>) {
      const text = unpackText(row.body) ?? '';
      if (text.includes('"name":"a"')) db.prepare('DELETE FROM evidence_parts WHERE hash = ?').run(row.hash);
      if (text.includes('"name":"b"')) db.prepare('UPDATE evidence_parts SET body = ? WHERE hash = ?').run(packText(text.replace('"name":"b"', '"name":"c"')), row.hash);
    }
  });

  const report = await store.check();
  expect(report).toMatchObject({ readable: true, writable: true, problems: [], audit: { ok: false, seq: 2 } });
  expect(report.counts).toEqual({ requests: 2, auditRecords: 2, conversations: 2, evidenceBundles: 2 });
  const named = report.damaged.map((d) => `${d.kind} ${d.key}`).sort();
  expect(named).toEqual(['audit 2', 'conversation user:a', `evidence ${editedPart.sha256}`, `evidence ${missingPart.sha256}`, 'request CR-EMPTY001'].sort());
  // Still answers for the healthy request, and for the conversation whose row is intact.
  expect(await store.requests.get(healthy.id)).toMatchObject({ id: healthy.id });
});
