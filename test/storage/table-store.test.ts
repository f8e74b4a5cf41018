import { randomBytes } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import type { AuditRecord } from '../../src/audit/audit-record';
import { fromBodyColumns, toBodyColumns } from '../../src/storage/table/entity-body';
import { openTableStore, tableClientFromConnectionString } from '../../src/storage/table/table-store';
import { startAzuriteTable, type AzuriteTable } from '../helpers/azurite';
import { describeStoreConformance, type StoreHarness } from './store-conformance';

// One Azurite for the whole file; every test gets its own table.
let azurite: AzuriteTable;
beforeAll(async () => {
  azurite = await startAzuriteTable();
});
afterAll(() => azurite?.stop());

const rowKey = (seq: number) => `r${String(seq).padStart(12, '0')}`;

async function tableHarness(): Promise<StoreHarness> {
  const table = `t${randomBytes(6).toString('hex')}`;
  const client = () => tableClientFromConnectionString(azurite.connectionString, table);
  const raw: TableClient = client();
  const read = async (seq: number) => fromBodyColumns(await raw.getEntity('audit', rowKey(seq))) as AuditRecord;
  const write = (seq: number, record: AuditRecord) =>
    raw.upsertEntity({ partitionKey: 'audit', rowKey: rowKey(seq), schemaVersion: 2, ...toBodyColumns(JSON.stringify(record)) }, 'Replace');
  const harness: StoreHarness = {
    store: await openTableStore(client()),
    reopen: () => openTableStore(client()),
    tamper: {
      edit: async (seq, change) => void (await write(seq, change(await read(seq)))),
      remove: async (seq) => void (await raw.deleteEntity('audit', rowKey(seq))),
      swap: async (a, b) => {
        const [ra, rb] = [await read(a), await read(b)];
        await write(a, rb);
        await write(b, ra);
      },
      put: async (record) => void (await write(record.seq, record)),
    },
    async evidencePartCount() {
      let n = 0;
      // A part too large for one entity continues in `<hash>:1`, …: those rows are pieces, not parts.
      for await (const row of raw.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${'evidence-part'}`, select: ['RowKey'] } })) if (!row.rowKey?.includes(':')) n++;
      return n;
    },
    async cleanup() {
      await harness.store.close();
      await raw.deleteTable();
    },
  };
  return harness;
}

describeStoreConformance('table store (Azurite)', tableHarness, { concurrentInstances: true, evidenceParts: true });

describe('table store specifics', () => {
  it('splits large bodies over columns and refuses what cannot fit one entity', () => {
    expect(() => toBodyColumns('x'.repeat(30_000 * 15 + 1))).toThrow(/exceeds a table entity/);
    const columns = toBodyColumns(JSON.stringify({ a: 'é'.repeat(20_000), b: '𝄞' }));
    expect(columns['bodyChunks']).toBe(5);
    expect(Object.values(columns).every((v) => typeof v === 'number' || /^[\x00-\x7e]*$/.test(v))).toBe(true);
    expect(fromBodyColumns(columns)).toEqual({ a: 'é'.repeat(20_000), b: '𝄞' });
  });

  it('sends plain http only to loopback endpoints (Azurite)', async () => {
    const remote = 'DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;TableEndpoint=http://storage.invalid/a;';
    await expect(tableClientFromConnectionString(remote, 'x').createTable()).rejects.toThrow(/insecure|https/i);
  });
});
