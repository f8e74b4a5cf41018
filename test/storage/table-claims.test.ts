/**
 * The Table store's claims beyond the conformance suite: open requests stored before claims existed claim their
 * fields when a writable store opens, a claim whose holder is closed blocks nothing, and a create whose answer
 * was lost holds its claims exactly when it was stored.
 */
import { randomBytes } from 'node:crypto';
import { RestError } from '@azure/core-rest-pipeline';
import { odata, TableClient, type TransactionAction } from '@azure/data-tables';
import type { ChangeRequest } from '../../src/approvals/change-request';
import { claimsOf } from '../../src/approvals/field-claims';
import { requestEntity } from '../../src/storage/table/ledger-attempt';
import { claimEntity } from '../../src/storage/table/ledger-claims';
import { openTableStore, tableClientFromConnectionString } from '../../src/storage/table/table-store';
import { startAzuriteTable, type AzuriteTable } from '../helpers/azurite';
import { minutes } from '../approvals/fixtures';
import { retire } from './conformance/claim-fixtures';
import { create, replace } from './conformance/fixtures';

let azurite: AzuriteTable;
beforeAll(async () => {
  azurite = await startAzuriteTable();
});
afterAll(() => azurite?.stop());

async function newTable(): Promise<{ table: string; raw: TableClient }> {
  const table = `t${randomBytes(6).toString('hex')}`;
  const raw = tableClientFromConnectionString(azurite.connectionString, table);
  await raw.createTable();
  return { table, raw };
}

/** Who holds each claim row, as stored. */
async function holders(raw: TableClient): Promise<string[]> {
  const out = new Set<string>();
  for await (const row of raw.listEntities({ queryOptions: { filter: odata`PartitionKey eq 'audit' and RowKey ge 'cl:' and RowKey lt 'cl;'` } })) out.add(String(row['holder']));
  return [...out].sort();
}

/** A request row as the ledger wrote it before claims existed: the row alone. */
const writeRowAlone = (raw: TableClient, r: ChangeRequest) => raw.createEntity(requestEntity(r));

test('open requests stored without claims claim their fields when a writable store opens; the older of two keeps a shared field', async () => {
  const { table, raw } = await newTable();
  const older = { ...retire('CR-OLDER001', '2026-12-31'), createdAt: minutes(-10).toISOString() };
  const younger = retire('CR-YOUNGER1', '2027-01-31');
  for (const r of [younger, older, { ...retire('CR-CLOSED01', '2027-02-28'), state: 'rejected' as const }]) await writeRowAlone(raw, r);

  const readOnly = await openTableStore(tableClientFromConnectionString(azurite.connectionString, table), { readOnly: true });
  expect(await holders(raw)).toEqual([]); // a CLI beside the bot writes nothing
  await readOnly.close();

  let store = await openTableStore(tableClientFromConnectionString(azurite.connectionString, table));
  expect(await holders(raw)).toEqual(['CR-OLDER001']);
  expect(await create(store, retire('CR-NEW00001', '2027-03-31'))).toMatchObject({ ok: false, reason: 'claimed', holder: 'CR-OLDER001' });
  expect((await store.requests.listOpen()).map((r) => r.id)).toEqual(['CR-OLDER001', 'CR-YOUNGER1']);

  // Once the older one closes (releasing its claims), the younger takes the field at the next open.
  expect(await replace(store, { ...older, revision: 2, state: 'cancelled' }, 1)).toMatchObject({ ok: true });
  expect(await holders(raw)).toEqual([]);
  await store.close();
  store = await openTableStore(tableClientFromConnectionString(azurite.connectionString, table));
  expect(await holders(raw)).toEqual(['CR-YOUNGER1']);
  expect(await create(store, retire('CR-NEW00001', '2027-03-31'))).toMatchObject({ ok: false, reason: 'claimed', holder: 'CR-YOUNGER1' });
  await store.close();
});

test('two instances opening at once on unclaimed open requests: each field gets one holder, and a new create is refused', async () => {
  const { table, raw } = await newTable();
  await writeRowAlone(raw, retire('CR-OLDER001'));
  const open = () => openTableStore(tableClientFromConnectionString(azurite.connectionString, table));
  const [a, b] = await Promise.all([open(), open()]);
  expect(await holders(raw)).toEqual(['CR-OLDER001']);
  expect(await create(b, retire('CR-NEW00001', '2027-03-31'))).toMatchObject({ ok: false, reason: 'claimed', holder: 'CR-OLDER001' });
  await Promise.all([a.close(), b.close()]);
});

test('a claim row left to a request that is closed (a hand edit) blocks nothing and is taken over', async () => {
  const { table, raw } = await newTable();
  const store = await openTableStore(tableClientFromConnectionString(azurite.connectionString, table));
  const closed = { ...retire('CR-CLOSED01'), state: 'cancelled' as const };
  await create(store, closed);
  for (const key of claimsOf({ ...closed, state: 'pending' })) await raw.createEntity(claimEntity(key, 'CR-CLOSED01'));
  expect(await create(store, retire('CR-SECOND01'))).toMatchObject({ ok: true });
  expect(await holders(raw)).toEqual(['CR-SECOND01']);
  await store.close();
});

test('a create whose answer was lost is told stored exactly when it was, and holds its claims exactly then', async () => {
  for (const fault of ['applied-then-lost', 'lost-before-sent'] as const) {
    const { table, raw } = await newTable();
    const real = tableClientFromConnectionString(azurite.connectionString, table);
    let faults = 1;
    const client = new Proxy(real, {
      get: (target, prop) => {
        if (prop !== 'submitTransaction') {
          const value = Reflect.get(target, prop);
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return async (actions: TransactionAction[]) => {
          if (faults-- <= 0) return target.submitTransaction(actions);
          if (fault === 'applied-then-lost') await target.submitTransaction(actions);
          throw new RestError('socket hang up', { code: 'ECONNRESET' });
        };
      },
    });
    const store = await openTableStore(client as TableClient);
    const first = retire('CR-FIRST001');
    expect(await create(store, first)).toMatchObject({ ok: true, request: { id: first.id } });
    expect(await holders(raw)).toEqual([first.id]);
    expect(await create(store, retire('CR-SECOND01', '2027-01-31'))).toMatchObject({ ok: false, reason: 'claimed', holder: first.id });
    await store.close();
  }
});
