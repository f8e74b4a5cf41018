/**
 * Table data written by the previous version keeps working. The v1 writer below reproduces, with raw TableClient
 * calls, exactly what that version stored (`git show 32ec20c:src/storage/table/table-request-store.ts` and
 * `table-audit-store.ts`): requests in partition `request` under their id, audit records and head in `audit`,
 * bodies over `body0…N` columns, no schema version anywhere.
 */
import { randomBytes } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { imageKeyOf, OPEN_STATES, type ChangeRequest } from '../../src/approvals/change-request';
import { transition } from '../../src/approvals/transition';
import type { AuditRecord } from '../../src/audit/audit-record';
import { createAuditLog } from '../../src/audit/audit-log';
import { chainRecords } from '../../src/audit/chain-records';
import { DamagedRecordError } from '../../src/errors';
import { conversationKeyHash } from '../../src/storage/conversation-key-hash';
import { openTableStore, tableClientFromConnectionString } from '../../src/storage/table/table-store';
import { startAzuriteTable, type AzuriteTable } from '../helpers/azurite';
import { adele, demoPolicy, latestPromotion, megan, minutes, pendingRequest, stagePromotion } from '../approvals/fixtures';

let azurite: AzuriteTable;
beforeAll(async () => {
  azurite = await startAzuriteTable();
});
afterAll(() => azurite?.stop());

/** The previous version's entity-body.ts, verbatim in behaviour. */
function v1Body(document: string): Record<string, string | number> {
  const json = document.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const chunks = Math.max(1, Math.ceil(json.length / 30_000));
  const columns: Record<string, string | number> = { bodyChunks: chunks };
  for (let i = 0; i < chunks; i++) columns[`body${i}`] = json.slice(i * 30_000, (i + 1) * 30_000);
  return columns;
}

/** The previous version's writes, one call each, as its stores made them. */
const v1 = {
  createRequest: (client: TableClient, r: ChangeRequest) =>
    client.createEntity({
      partitionKey: 'request', rowKey: r.id, revision: r.revision, state: r.state, isOpen: OPEN_STATES.includes(r.state),
      sourceImage: imageKeyOf(r.target), scopeImage: imageKeyOf(r.scope), createdAt: r.createdAt, ...v1Body(JSON.stringify(r)),
    }),
  async append(client: TableClient, record: AuditRecord) {
    const head = await client.getEntity('audit', 'head').catch(() => undefined);
    const headEntity = { partitionKey: 'audit', rowKey: 'head', seq: record.seq, hash: record.hash };
    const columns = { ...(record.requestId !== undefined ? { requestId: record.requestId } : {}), ...(record.image !== undefined ? { image: record.image } : {}) };
    await client.submitTransaction([
      ['create', { partitionKey: 'audit', rowKey: `r${String(record.seq).padStart(12, '0')}`, ...columns, ...v1Body(JSON.stringify(record)) }],
      head ? ['update', headEntity, 'Replace', { etag: head.etag }] : ['create', headEntity],
    ]);
  },
  putConversation: (client: TableClient, key: string, value: unknown) =>
    client.upsertEntity({ partitionKey: 'conversation', rowKey: conversationKeyHash(key), ...v1Body(JSON.stringify({ key, value, updatedAt: minutes(0).toISOString() })) }, 'Replace'),
};

const pending = pendingRequest(latestPromotion(megan), demoPolicy, 'CR-OLDPEND1');
const stage = { ...pendingRequest(stagePromotion(megan), demoPolicy, 'CR-OLDSTAG2'), createdAt: minutes(-5).toISOString() };
const rejected = transition(pendingRequest(latestPromotion(megan), demoPolicy, 'CR-OLDDONE3'), { type: 'reject', by: adele }, minutes(1), demoPolicy).request;

async function writeV1Table(): Promise<{ table: string; raw: TableClient; records: AuditRecord[] }> {
  const table = `t${randomBytes(6).toString('hex')}`;
  const raw = tableClientFromConnectionString(azurite.connectionString, table);
  await raw.createTable();
  for (const r of [pending, stage, rejected]) await v1.createRequest(raw, r);
  await raw.createEntity({ partitionKey: 'request', rowKey: 'CR-BROKEN01', revision: 1, isOpen: true, sourceImage: imageKeyOf(pending.target), bodyChunks: 1, body0: '{"id":"CR-BRO' });
  const records = chainRecords(undefined, [pending, stage, rejected].map((r, i) => ({ at: minutes(i).toISOString(), actor: { id: 'system', name: 'GalleryOps' }, action: 'request.created', requestId: r.id, image: imageKeyOf(r.target), version: r.target.version, details: { note: 'zürich ✓' } })));
  for (const record of records) await v1.append(raw, record);
  await v1.putConversation(raw, 'user:00000000-0000-0000-0000-000000000021', { conversation: { id: 'a:1' } });
  return { table, raw, records };
}

describe('Table data of the previous version', () => {
  it('is moved once when two new instances open it at the same time, and every request, record and reference reads back', async () => {
    const { table, raw, records } = await writeV1Table();
    const client = () => tableClientFromConnectionString(azurite.connectionString, table);
    const [a, b] = await Promise.all([openTableStore(client()), openTableStore(client())]);

    let left = 0;
    for await (const _ of raw.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${'request'}` } })) left++;
    expect(left).toBe(0);
    for (const r of [pending, stage, rejected]) {
      expect(await a.requests.get(r.id)).toEqual(r);
      expect(await b.requests.get(r.id)).toEqual(r);
      expect(await raw.getEntity('audit', `cr:${r.id}`)).toMatchObject({ schemaVersion: 2, revision: r.revision });
    }
    expect((await a.requests.listOpen()).map((r) => r.id)).toEqual([stage.id, pending.id]);
    expect((await b.requests.listByImage('gal_golden', 'callcenter-desktop')).map((r) => r.id)).toEqual([rejected.id, pending.id]);
    expect((await a.requests.listByImage('gal_golden', 'dispatch')).map((r) => r.id)).toEqual([stage.id]);
    // A damaged old row moves as it was and is isolated from its new place.
    await expect(a.requests.get('CR-BROKEN01')).rejects.toBeInstanceOf(DamagedRecordError);
    expect(a.damaged()).toEqual([expect.objectContaining({ kind: 'request', key: 'CR-BROKEN01' })]);

    expect(await a.audit.list()).toEqual(records);
    expect(await a.audit.head()).toEqual({ seq: 3, hash: records[2]!.hash });
    expect(await a.conversations.get('user:00000000-0000-0000-0000-000000000021')).toMatchObject({ value: { conversation: { id: 'a:1' } } });

    // The chain continues from the old head, in one unit with the decision.
    const approved = transition(pending, { type: 'approve', by: adele }, minutes(2), demoPolicy);
    const committed = await b.requests.commit({ request: { replace: approved.request, expectedRevision: 1 }, audit: approved.auditEvents });
    expect(committed).toMatchObject({ ok: true, records: [{ seq: 4, prevHash: records[2]!.hash }] });
    expect(await a.requests.get(pending.id)).toEqual(committed.ok && committed.request);
    expect(await createAuditLog(a.audit).verify()).toMatchObject({ ok: true, count: 3 + approved.auditEvents.length });
    expect(await raw.getEntity('audit', 'head')).toMatchObject({ schemaVersion: 2, seq: 3 + approved.auditEvents.length });

    // Opening again finds nothing left to move and changes nothing.
    const c = await openTableStore(client());
    expect(await c.requests.get(pending.id)).toEqual(committed.ok && committed.request);
    const report = await c.check();
    expect(report).toMatchObject({ readable: true, writable: true, problems: [], counts: { requests: 4, auditRecords: 3 + approved.auditEvents.length, conversations: 1 } });
  });

  it('is read where it is by a read-only store before any bot has moved it, and check says what to do', async () => {
    const { table, raw } = await writeV1Table();
    const store = await openTableStore(tableClientFromConnectionString(azurite.connectionString, table), { readOnly: true });
    expect(await store.requests.get(pending.id)).toEqual(pending);
    expect((await store.requests.listOpen()).map((r) => r.id)).toEqual([stage.id, pending.id]);
    expect(await createAuditLog(store.audit).verify()).toMatchObject({ ok: true, count: 3 });
    const report = await store.check();
    expect(report.writable).toBe('not-checked');
    expect(report.problems).toEqual([expect.stringMatching(/4 change requests are still in the layout of an older GalleryOps; start the bot once/)]);
    // Read-only means read-only: the rows stay where they were.
    expect(await raw.getEntity('request', pending.id)).toMatchObject({ revision: 1 });
  });
});
