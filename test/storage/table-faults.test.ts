import { randomBytes } from 'node:crypto';
import { RestError } from '@azure/core-rest-pipeline';
import { TableClient, type TransactionAction } from '@azure/data-tables';
import type { ChangeRequest } from '../../src/approvals/change-request';
import type { CommitResult } from '../../src/approvals/request-store';
import { transition } from '../../src/approvals/transition';
import type { AuditEntry } from '../../src/audit/audit-record';
import { createAuditLog } from '../../src/audit/audit-log';
import { StoreError, UserFacingError } from '../../src/errors';
import type { Store } from '../../src/storage/store';
import { openTableStore, tableClientFromConnectionString } from '../../src/storage/table/table-store';
import { startAzuriteTable, type AzuriteTable } from '../helpers/azurite';
import { adele, demoPolicy, minutes, pendingRequest } from '../approvals/fixtures';
import { onOwnVersion } from './conformance/claim-fixtures';

let azurite: AzuriteTable;
beforeAll(async () => {
  azurite = await startAzuriteTable();
});
afterAll(() => azurite?.stop());

const newTable = () => `t${randomBytes(6).toString('hex')}`;
const entry = (n: number): AuditEntry => ({ at: minutes(n).toISOString(), actor: { id: 'system', name: 'GalleryOps' }, action: 'test.entry', details: { n } });
const lostAnswer = () => new RestError('socket hang up', { code: 'ECONNRESET' });

type Fault = 'applied-then-lost' | 'applied-then-503' | 'lost-before-sent' | 'sent-late';
/** A TableClient whose next transactions fail as listed, the rest of the client untouched. */
function faultyClient(table: string, faults: Fault[]): { client: TableClient; late: Promise<unknown>[] } {
  const real = tableClientFromConnectionString(azurite.connectionString, table);
  const late: Promise<unknown>[] = [];
  let delayed: TransactionAction[] | undefined;
  const submit = async (actions: TransactionAction[]) => {
    // A transaction still on its way when its sender gave up arrives just before the sender's next one: the store
    // must have made sure it can no longer apply, or the retry would lose to it and be told "stale".
    if (delayed) late.push(real.submitTransaction(delayed).catch((err: unknown) => err));
    delayed = undefined;
    await Promise.all(late);
    const fault = faults.shift();
    if (fault === 'lost-before-sent') throw lostAnswer();
    if (fault === 'sent-late') {
      delayed = actions;
      throw new RestError('timed out', { code: 'ETIMEDOUT' });
    }
    const response = await real.submitTransaction(actions);
    if (fault === 'applied-then-lost') throw lostAnswer();
    if (fault === 'applied-then-503') throw new RestError('Server Busy', { statusCode: 503 });
    return response;
  };
  const client = new Proxy(real, {
    get: (target, prop) => (prop === 'submitTransaction' ? submit : typeof Reflect.get(target, prop) === 'function' ? Reflect.get(target, prop).bind(target) : Reflect.get(target, prop)),
  });
  return { client, late };
}

async function decide(store: Store, request: ChangeRequest): Promise<CommitResult> {
  const next = transition(request, { type: 'approve', by: adele }, minutes(1), demoPolicy);
  return store.requests.commit({ request: { replace: next.request, expectedRevision: request.revision }, audit: next.auditEvents });
}

/** The request's revision and its approval records agree: a decision is stored with its record, or neither is. */
async function expectConsistent(store: Store, id: string) {
  const request = await store.requests.get(id);
  const approvals = (await store.audit.list({ requestId: id })).filter((r) => r.action === 'request.approved');
  expect(approvals).toHaveLength(request?.approvals.length ?? 0);
  if (approvals.length > 0) expect(request?.auditAnchor).toMatchObject({ seq: approvals[0]!.seq });
  expect(await createAuditLog(store.audit).verify()).toMatchObject({ ok: true });
}

describe('Table ledger under injected faults: stored work is reported stored, and nothing else', () => {
  it.each<Fault>(['applied-then-lost', 'applied-then-503', 'lost-before-sent', 'sent-late'])('a decision whose transaction was %s is stored exactly once, with its record, and reported stored', async (fault) => {
    const table = newTable();
    const setup = await openTableStore(tableClientFromConnectionString(azurite.connectionString, table));
    const created = await setup.requests.commit({ request: { create: pendingRequest() }, audit: [entry(0)] });
    const request = (created.ok && created.request) as ChangeRequest;
    const { client, late } = faultyClient(table, [fault]);
    const store = await openTableStore(client);
    const result = await decide(store, request);
    expect(result).toMatchObject({ ok: true, request: { revision: 2, approvals: [{ by: adele }] } });
    // The delayed original arrives after the store fenced it off: refused, so the decision is stored once.
    for (const outcome of await Promise.all(late)) expect(outcome).toMatchObject({ statusCode: 412 });
    expect(await store.requests.get(request.id)).toEqual(result.ok && result.request);
    await expectConsistent(store, request.id);
    expect(await store.audit.head()).toMatchObject({ seq: 2 });
  });

  it('a heartbeat-like write (request only) whose answer was lost is reported stored', async () => {
    const table = newTable();
    const setup = await openTableStore(tableClientFromConnectionString(azurite.connectionString, table));
    const created = await setup.requests.commit({ request: { create: pendingRequest() }, audit: [entry(0)] });
    const request = (created.ok && created.request) as ChangeRequest;
    const store = await openTableStore(faultyClient(table, ['applied-then-lost']).client);
    const next = { ...request, revision: 2, reason: 'bookkeeping' };
    expect(await store.requests.commit({ request: { replace: next, expectedRevision: 1 }, audit: [] })).toMatchObject({ ok: true, request: next });
    expect(await store.requests.get(request.id)).toEqual(next);
    expect(await store.audit.head()).toMatchObject({ seq: 1 });
  });

  it('the SDK re-sending a transaction whose answer it lost (then meeting 412) is recognised as our own write', async () => {
    const table = newTable();
    const client = TableClient.fromConnectionString(azurite.connectionString, table, { allowInsecureConnection: true, retryOptions: { retryDelayInMs: 10 } });
    let lose = 1;
    client.pipeline.addPolicy(
      {
        name: 'lose-first-batch-answer',
        async sendRequest(request, next) {
          const response = await next(request);
          if (request.method === 'POST' && request.url.includes('$batch') && lose-- > 0) throw new RestError('socket hang up', { code: 'ECONNRESET', request });
          return response;
        },
      },
      { afterPhase: 'Retry' },
    );
    const store = await openTableStore(client);
    const records = await store.audit.append([entry(1), entry(2)]);
    expect(records.map((r) => r.seq)).toEqual([1, 2]);
    expect(lose).toBeLessThan(0);
    expect(await store.audit.list()).toEqual(records);
  });

  it('20 decisions through a client that loses or delays every other transaction: each one both-or-neither, and told the truth', async () => {
    const table = newTable();
    const setup = await openTableStore(tableClientFromConnectionString(azurite.connectionString, table));
    const requests: ChangeRequest[] = [];
    for (let i = 0; i < 20; i++) {
      const created = await setup.requests.commit({ request: { create: onOwnVersion(pendingRequest(undefined, undefined, `CR-FAULT${String(i).padStart(3, '0')}`)) }, audit: [entry(i)] });
      requests.push((created.ok && created.request) as ChangeRequest);
    }
    const cycle: Fault[] = ['applied-then-lost', 'lost-before-sent', 'applied-then-503', 'sent-late'];
    const { client, late } = faultyClient(table, Array.from({ length: 40 }, (_, i) => (i % 2 ? cycle[(i >> 1) % 4]! : (undefined as unknown as Fault))));
    const store = await openTableStore(client, { appendTimeoutMs: 3000 });
    const other = await openTableStore(tableClientFromConnectionString(azurite.connectionString, table));
    // The faulty instance and a healthy one decide the same requests at once.
    const outcomes = await Promise.all(requests.flatMap((r) => [decide(store, r).catch((e: unknown) => e), decide(other, r).catch((e: unknown) => e)]));
    for (const outcome of await Promise.all(late)) expect(outcome).toMatchObject({ statusCode: 412 });
    for (let i = 0; i < requests.length; i++) {
      const id = requests[i]!.id;
      const [mine, theirs] = [outcomes[2 * i], outcomes[2 * i + 1]];
      const stored = (await store.requests.get(id))!;
      const okCount = [mine, theirs].filter((o) => !(o instanceof Error) && (o as CommitResult).ok).length;
      expect(okCount).toBe(1);
      expect(stored.revision).toBe(2);
      const winner = [mine, theirs].find((o) => !(o instanceof Error) && (o as CommitResult).ok) as CommitResult & { ok: true };
      expect(stored).toEqual(winner.request);
      for (const o of [mine, theirs]) if (o instanceof Error) expect(o).toBeInstanceOf(StoreError);
      await expectConsistent(store, id);
    }
    expect(await store.audit.head()).toMatchObject({ seq: 40 });
  });

  it('when storage stops answering after a lost answer, the caller is told the outcome is unknown, not "nothing changed"', async () => {
    const table = newTable();
    const real = tableClientFromConnectionString(azurite.connectionString, table);
    await (await openTableStore(real)).audit.append([entry(0)]);
    let down = false;
    const client = new Proxy(real, {
      get(target, prop) {
        if (prop === 'submitTransaction') return async (actions: TransactionAction[]) => {
          await target.submitTransaction(actions);
          down = true;
          throw lostAnswer();
        };
        if (prop === 'getEntity' || prop === 'updateEntity') return async (...args: unknown[]) => {
          if (down) throw lostAnswer();
          return (Reflect.get(target, prop) as (...a: unknown[]) => unknown).apply(target, args);
        };
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const store = await openTableStore(client, { appendTimeoutMs: 300 });
    const failure = await store.audit.append([entry(1)]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UserFacingError);
    expect(failure).not.toBeInstanceOf(StoreError);
    expect((failure as UserFacingError).userMessage).toMatch(/cannot tell yet whether it was recorded/);
  });
});
