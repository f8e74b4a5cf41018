/**
 * One damaged Table row is isolated: reading it throws DamagedRecordError for that record alone, listings leave it
 * out, every other request keeps working, the damage is reported once, and a full check names every one.
 */
import { randomBytes } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { imageKeyOf, type ChangeRequest } from '../../src/approvals/change-request';
import { transition } from '../../src/approvals/transition';
import { createAuditLog } from '../../src/audit/audit-log';
import { DamagedRecordError, StoreError } from '../../src/errors';
import { conversationKeyHash } from '../../src/storage/conversation-key-hash';
import type { DamagedRecord, Store } from '../../src/storage/store';
import { openTableStore, tableClientFromConnectionString } from '../../src/storage/table/table-store';
import { startAzuriteTable, type AzuriteTable } from '../helpers/azurite';
import { adele, demoPolicy, latestPromotion, minutes, pendingRequest } from '../approvals/fixtures';
import { bundle, snapshot } from './conformance/bundle-fixtures';
import { create, entry, replace } from './conformance/fixtures';

let azurite: AzuriteTable;
let table: string;
let raw: TableClient;
let store: Store;
let reported: DamagedRecord[];
beforeAll(async () => {
  azurite = await startAzuriteTable();
});
afterAll(() => azurite?.stop());
beforeEach(async () => {
  table = `t${randomBytes(6).toString('hex')}`;
  raw = tableClientFromConnectionString(azurite.connectionString, table);
  reported = [];
  store = await openTableStore(tableClientFromConnectionString(azurite.connectionString, table), { onDamaged: (record) => reported.push(record) });
});

const healthy = pendingRequest(latestPromotion(), demoPolicy, 'CR-HEALTHY1');
const other = pendingRequest(latestPromotion(), demoPolicy, 'CR-OTHER001');
const image = imageKeyOf(healthy.target);
const listed = { revision: 1, state: 'pending', isOpen: true, sourceImage: image, scopeImage: image, createdAt: healthy.createdAt };
const largest = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`body${i}`, (i === 0 ? '{"id":"CR-HUGE0002","padding":"' : '') + 'x'.repeat(29_000)]));

/** Rows as a broken disk, a hand edit or another program could leave them: listed as open, about the healthy one's image. */
const DAMAGED: Array<[string, string, Record<string, unknown>, RegExp]> = [
  ['no body columns', 'CR-NOBODY01', {}, /has no body/],
  ['an empty body', 'CR-EMPTY001', { bodyChunks: 1, body0: '' }, /is empty/],
  ['garbage', 'CR-GARBAGE1', { bodyChunks: 1, body0: '{"id": "CR-GARBAGE1", "revis' }, /not valid JSON/],
  ['a body column missing', 'CR-MISSING1', { bodyChunks: 2, body0: '{"id":' }, /missing body1/],
  ['a claimed 50 MB body', 'CR-HUGE0001', { bodyChunks: 50_000_000, body0: '{' }, /claims 50000000 body columns/],
  ['the largest body a row holds, unterminated', 'CR-HUGE0002', { bodyChunks: 15, ...largest }, /not valid JSON/],
  ["another request's record", 'CR-SWAPPED1', { bodyChunks: 1, body0: JSON.stringify(other) }, /names another request/],
  ['a record of another shape', 'CR-SHAPE001', { bodyChunks: 1, body0: JSON.stringify({ id: 'CR-SHAPE001', revision: 1 }) }, /does not hold what GalleryOps writes/],
  ['a newer schema version', 'CR-NEWER001', { schemaVersion: 99, bodyChunks: 1, body0: JSON.stringify({ ...healthy, id: 'CR-NEWER001' }) }, /schema version 99/],
];

test.each(DAMAGED)('a request row with %s: its reads fail alone, listings and other requests carry on', async (_name, id, columns, problem) => {
  await create(store, healthy, [entry(1, { requestId: healthy.id })]);
  await raw.createEntity({ partitionKey: 'audit', rowKey: `cr:${id}`, ...listed, ...columns });

  const read = store.requests.get(id);
  await expect(read).rejects.toBeInstanceOf(DamagedRecordError);
  await expect(read).rejects.toMatchObject({ recordKey: `change request ${id}`, userMessage: expect.stringContaining("Tell the bot's operators") });
  expect((await store.requests.listOpen()).map((r) => r.id)).toEqual([healthy.id]);
  expect((await store.requests.listByImage(healthy.target.gallery, healthy.target.image)).map((r) => r.id)).toEqual([healthy.id]);

  const decided = transition((await store.requests.get(healthy.id)) as ChangeRequest, { type: 'reject', by: adele }, minutes(1), demoPolicy);
  expect(await replace(store, decided.request, 1, decided.auditEvents)).toMatchObject({ ok: true });
  expect(await create(store, other)).toMatchObject({ ok: true });
  expect((await store.requests.listOpen()).map((r) => r.id)).toEqual([other.id]);

  await store.requests.get(id).catch(() => undefined);
  expect(reported).toEqual([{ kind: 'request', key: id, problem: expect.stringMatching(problem) }]);
  expect(store.damaged()).toEqual(reported);
});

test('a corrupt audit row makes verify fail at that seq, without throwing; the rest of the log still reads and appends go on', async () => {
  await createAuditLog(store.audit).append(...[1, 2, 3, 4, 5].map((n) => entry(n, { requestId: n === 3 ? 'CR-3' : 'CR-X' })));
  await raw.updateEntity({ partitionKey: 'audit', rowKey: 'r000000000003', bodyChunks: 1, body0: 'garbage' }, 'Merge');
  expect(await createAuditLog(store.audit).verify()).toEqual({ ok: false, seq: 3, problem: 'removed' });
  expect((await store.audit.list({ requestId: 'CR-X' })).map((r) => r.seq)).toEqual([1, 2, 4, 5]);
  expect(store.damaged()).toEqual([{ kind: 'audit', key: '3', problem: 'the record is not valid JSON' }]);
  expect(await store.audit.append([entry(6)])).toMatchObject([{ seq: 6 }]);
});

test('a malformed head stops appends at once with a storage error naming it, instead of retrying until the time limit', async () => {
  await store.audit.append([entry(1)]);
  await raw.updateEntity({ partitionKey: 'audit', rowKey: 'head', seq: 'one' }, 'Merge');
  const started = Date.now();
  await expect(store.audit.append([entry(2)])).rejects.toThrow(StoreError);
  expect(Date.now() - started).toBeLessThan(1000);
  expect(store.damaged()).toEqual([expect.objectContaining({ kind: 'audit', key: 'head' })]);
  const report = await store.check();
  expect(report.problems).toEqual([expect.stringMatching(/audit head row is malformed/)]);
});

test('a full check names every damaged record: requests, audit, conversations and evidence', async () => {
  await create(store, healthy, [entry(1), entry(2)]);
  await raw.createEntity({ partitionKey: 'audit', rowKey: 'cr:CR-EMPTY001', ...listed, bodyChunks: 1, body0: '' });
  await raw.updateEntity({ partitionKey: 'audit', rowKey: 'r000000000002', bodyChunks: 1, body0: '{}' }, 'Merge');
  await store.conversations.put({ key: 'user:a', value: 1, updatedAt: minutes(0).toISOString() });
  await store.conversations.put({ key: 'user:b', value: 2, updatedAt: minutes(0).toISOString() });
  // user:b's row now holds user:a's record.
  const a = await raw.getEntity<Record<string, unknown>>('conversation', conversationKeyHash('user:a'));
  await raw.updateEntity({ partitionKey: 'conversation', rowKey: conversationKeyHash('user:b'), body0: a['body0'] }, 'Merge');
  const missingPart = bundle('1.0.0', [snapshot('a')]);
  const editedPart = bundle('2.0.0', [snapshot('b')]);
  await store.evidence.put(missingPart, minutes(0));
  await store.evidence.put(editedPart, minutes(0));
  for await (const part of raw.listEntities<Record<string, unknown>>({ queryOptions: { filter: "PartitionKey eq 'evidence-part'" } })) {
    const body = String(part['body0']);
    if (body.includes('"name":"a"')) await raw.deleteEntity('evidence-part', part.rowKey!);
    if (body.includes('"name":"b"')) await raw.updateEntity({ partitionKey: 'evidence-part', rowKey: part.rowKey!, body0: body.replace('"name":"b"', '"name":"c"') }, 'Merge');
  }

  const report = await store.check();
  expect(report).toMatchObject({ location: `Azure Table ${table}`, readable: true, writable: true, problems: [], audit: { ok: false, seq: 2 } });
  expect(report.counts).toEqual({ requests: 2, auditRecords: 2, conversations: 2, evidenceBundles: 2 });
  const named = report.damaged.map((d) => `${d.kind} ${d.key}`).sort();
  expect(named).toEqual(['audit 2', 'conversation user:a', `evidence ${editedPart.sha256}`, `evidence ${missingPart.sha256}`, 'request CR-EMPTY001'].sort());
  expect(await store.requests.get(healthy.id)).toMatchObject({ id: healthy.id });
  expect(await store.conversations.get('user:a')).toMatchObject({ value: 1 });
});

test('a read-only store writes nothing: commits and puts refuse, check reports writability not checked', async () => {
  await create(store, healthy, [entry(1)]);
  const readOnly = await openTableStore(tableClientFromConnectionString(azurite.connectionString, table), { readOnly: true });
  await expect(readOnly.requests.commit({ audit: [entry(2)] })).rejects.toThrow(/read-only/);
  await expect(readOnly.conversations.put({ key: 'k', value: 1, updatedAt: minutes(0).toISOString() })).rejects.toThrow(/read-only/);
  await expect(readOnly.evidence.put(bundle('1.0.0', [snapshot('a')]), minutes(0))).rejects.toThrow(/read-only/);
  const report = await readOnly.check();
  expect(report).toMatchObject({ readable: true, writable: 'not-checked', problems: [], audit: { ok: true, count: 1 }, counts: { requests: 1, auditRecords: 1 } });
  await expect(raw.getEntity('meta', 'check')).rejects.toMatchObject({ statusCode: 404 });
  await expect(openTableStore(tableClientFromConnectionString(azurite.connectionString, `t${randomBytes(6).toString('hex')}`), { readOnly: true })).rejects.toThrow(/does not exist/);
});
