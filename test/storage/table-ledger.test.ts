import { randomBytes } from 'node:crypto';
import type { ChangeRequest } from '../../src/approvals/change-request';
import { transition } from '../../src/approvals/transition';
import type { AuditEntry } from '../../src/audit/audit-record';
import { createAuditLog } from '../../src/audit/audit-log';
import { StoreError } from '../../src/errors';
import type { Store } from '../../src/storage/store';
import { openTableStore, tableClientFromConnectionString } from '../../src/storage/table/table-store';
import { startAzuriteTable, type AzuriteTable } from '../helpers/azurite';
import { adele, alex, demoPolicy, minutes, patti, pendingRequest } from '../approvals/fixtures';

let azurite: AzuriteTable;
beforeAll(async () => {
  azurite = await startAzuriteTable();
});
afterAll(() => azurite?.stop());

const client = (table: string) => tableClientFromConnectionString(azurite.connectionString, table);
const newTable = () => `t${randomBytes(6).toString('hex')}`;
const entry = (n: number, actor = 'system'): AuditEntry => ({ at: minutes(n).toISOString(), actor: { id: actor, name: actor }, action: 'test.entry', details: { n } });

async function created(store: Store, request: ChangeRequest = pendingRequest()): Promise<ChangeRequest> {
  const result = await store.requests.commit({ request: { create: request }, audit: [entry(0)] });
  if (!result.ok || !result.request) throw new Error('create failed');
  return result.request;
}

describe('Table ledger: one partition, one transaction per unit', () => {
  it('two instances deciding one request at once: exactly one decision and exactly its audit record are stored', async () => {
    const table = newTable();
    const [a, b] = [await openTableStore(client(table)), await openTableStore(client(table))];
    const request = await created(a);
    const decide = (store: Store, by: typeof adele) => {
      const next = transition(request, { type: 'approve', by }, minutes(1), demoPolicy);
      return store.requests.commit({ request: { replace: next.request, expectedRevision: request.revision }, audit: next.auditEvents });
    };
    const results = await Promise.all([decide(a, adele), decide(b, patti), decide(a, alex), decide(b, adele)]);
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === 'stale')).toHaveLength(3);
    const stored = await b.requests.get(request.id);
    const winner = winners[0]!;
    expect(stored).toEqual(winner.ok && winner.request);
    // The stored revision names the one record of its unit, and the log holds that decision once.
    const approvals = (await a.audit.list({ requestId: request.id })).filter((r) => r.action !== 'test.entry');
    expect(approvals).toHaveLength(1);
    expect(stored?.auditAnchor).toEqual({ seq: approvals[0]!.seq, hash: approvals[0]!.hash });
    expect(await createAuditLog(b.audit).verify()).toMatchObject({ ok: true, count: 2 });
  });

  it('2 instances × 50 concurrent audit appends: one intact chain of 100, nobody told "busy"', async () => {
    const table = newTable();
    const [a, b] = [await openTableStore(client(table)), await openTableStore(client(table))];
    const appends = Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).audit.append([entry(i, `writer-${i}`)]));
    const records = (await Promise.all(appends)).flat();
    expect(new Set(records.map((r) => r.seq)).size).toBe(100);
    const verdict = await createAuditLog(a.audit).verify();
    expect(verdict).toMatchObject({ ok: true, count: 100, head: { seq: 100 } });
    const stored = await a.audit.list();
    expect(stored.map((r) => r.actor.id).sort()).toEqual(Array.from({ length: 100 }, (_, i) => `writer-${i}`).sort());
  });

  it('two instances under sustained load take turns: both keep committing and nobody is told "busy"', async () => {
    const table = newTable();
    const stores = [await openTableStore(client(table)), await openTableStore(client(table))];
    const committed = [0, 0];
    const until = Date.now() + 1500;
    // Closed loop, as under a load test: each caller appends again as soon as its last append returns.
    await Promise.all(stores.flatMap((store, i) => Array.from({ length: 10 }, async (_, c) => {
      for (let n = 0; Date.now() < until; n++) {
        await store.audit.append([entry(n, `writer-${i}-${c}`)]);
        committed[i]!++;
      }
    })));
    const total = committed[0]! + committed[1]!;
    expect(Math.min(...committed)).toBeGreaterThan(total * 0.2);
    expect(await createAuditLog(stores[0]!.audit).verify()).toMatchObject({ ok: true, count: total });
  });

  it('a commit that cannot get the head within appendTimeoutMs throws StoreError and stores nothing', async () => {
    const table = newTable();
    const busy = await openTableStore(client(table));
    await busy.audit.append([entry(0)]);
    // Another writer moves the head right after every read of it the patient makes, so no read is current when
    // used, every time. (Writers racing the patient in a loop, as this test had, left a window: on a quiet moment
    // the patient's read-then-write could land between two of theirs, and it then committed in time.)
    const raw = client(table);
    const patientClient = client(table);
    const read = patientClient.getEntity.bind(patientClient);
    patientClient.getEntity = (async (partitionKey: string, rowKey: string, options?: object) => {
      const row = await read(partitionKey, rowKey, options);
      if (rowKey === 'head') await raw.updateEntity({ partitionKey, rowKey }, 'Merge');
      return row;
    }) as typeof patientClient.getEntity;
    const patient = await openTableStore(patientClient, { appendTimeoutMs: 300 });
    const started = Date.now();
    const failure = await patient.audit.append([entry(1, 'too-late')]).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).userMessage).toBe('GalleryOps could not record this in time (storage is busy); nothing was changed. Try again in a minute.');
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await busy.audit.list()).map((r) => r.actor.id)).toEqual(['system']);
    expect(await createAuditLog(busy.audit).verify()).toMatchObject({ ok: true, count: 1 });
  });

  it('a request written without audit entries leaves the head alone; a request unit too large for one transaction is refused', async () => {
    const table = newTable();
    const store = await openTableStore(client(table));
    const request = await created(store);
    const raw = client(table);
    const headBefore = await raw.getEntity('audit', 'head');
    const next = { ...request, revision: 2, cards: [{ conversationId: 'c', activityId: 'a', serviceUrl: 'https://x' }] };
    expect(await store.requests.commit({ request: { replace: next, expectedRevision: 1 }, audit: [] })).toMatchObject({ ok: true, records: [] });
    expect((await raw.getEntity('audit', 'head')).etag).toBe(headBefore.etag);
    expect((await store.requests.get(request.id))?.cards).toHaveLength(1);
    const tooMany = Array.from({ length: 99 }, (_, i) => entry(i));
    await expect(store.requests.commit({ request: { replace: { ...next, revision: 3 }, expectedRevision: 2 }, audit: tooMany })).rejects.toThrow(/exceeds one Table transaction/);
    expect((await store.requests.get(request.id))?.revision).toBe(2);
    expect((await store.audit.head())?.seq).toBe(1);
  });

  it('create, exists, not-found and stale answer like the embedded store', async () => {
    const store = await openTableStore(client(newTable()));
    const request = await created(store);
    expect(await store.requests.commit({ request: { create: pendingRequest() }, audit: [entry(1)] })).toEqual({ ok: false, reason: 'exists' });
    expect(await store.requests.commit({ request: { replace: { ...request, id: 'CR-NONE0001' }, expectedRevision: 1 }, audit: [] })).toEqual({ ok: false, reason: 'not-found' });
    const stale = await store.requests.commit({ request: { replace: { ...request, revision: 5 }, expectedRevision: 4 }, audit: [entry(2)] });
    expect(stale).toEqual({ ok: false, reason: 'stale', current: request });
    expect((await store.audit.head())?.seq).toBe(1);
    expect(await store.requests.listOpen()).toEqual([request]);
    expect(await store.requests.listByImage('GAL_GOLDEN', 'callcenter-desktop')).toEqual([request]);
    expect(await store.requests.listByImage('gal_golden', 'other')).toEqual([]);
  });
});
