/**
 * Evidence in Table Storage: parts kept once by content hash, a prune that cannot take a part from under a
 * bundle being stored at the same moment (the scan and the ETag-guarded delete described in the store), and
 * ARM's verbatim answers beyond one entity's 1 MiB continued over several, never cut short.
 */
import { randomBytes } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { bundleMatchesHash } from '../../src/evidence/seal-bundle';
import { openTableStore, tableClientFromConnectionString } from '../../src/storage/table/table-store';
import { startAzuriteTable, type AzuriteTable } from '../helpers/azurite';
import { minutes } from '../approvals/fixtures';
import { armResponse, bundle, partsOf, snapshot } from './conformance/bundle-fixtures';
import { canonicalJson } from '../../src/audit/canonical-json';
import { splitBundle } from '../../src/evidence/bundle-parts';
import type { EvidenceBundle } from '../../src/evidence/evidence-bundle';
import type { JsonValue } from '../../src/json-value';

let azurite: AzuriteTable;
beforeAll(async () => {
  azurite = await startAzuriteTable();
});
afterAll(() => azurite?.stop());

const newTable = () => `t${randomBytes(6).toString('hex')}`;

it('a bundle stored while a prune runs keeps the part the prune found unreferenced a moment before', async () => {
  const table = newTable();
  const real = tableClientFromConnectionString(azurite.connectionString, table);
  const old = bundle('1.0.0', [snapshot('shared')]);
  const fresh = bundle('2.0.0', [snapshot('shared')]);
  const shared = [...partsOf(old)].filter((hash) => partsOf(fresh).has(hash));
  expect(shared.length).toBeGreaterThan(0);
  let putDuringPrune: Promise<void> | undefined;
  // The prune has listed the parts and scanned the bundles; just before its first delete, another caller stores
  // a bundle sharing a part: its skeleton comes after the scan, its parts after the listing.
  const client = new Proxy(real, {
    get(target, prop) {
      if (prop === 'deleteEntity') return async (partition: string, rowKey: string, options?: { etag?: string }) => {
        if (partition === 'evidence-part' && !putDuringPrune) await (putDuringPrune = store.evidence.put(fresh, minutes(100)));
        return target.deleteEntity(partition, rowKey, options);
      };
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as TableClient;
  const store = await openTableStore(client);
  await store.evidence.put(old, minutes(0));

  const pruned = await store.evidence.prune(minutes(50), () => false);
  expect(putDuringPrune).toBeDefined();
  expect(pruned.bundles).toBe(1);
  expect(await store.evidence.get(old.sha256)).toBeUndefined();
  const back = await store.evidence.get(fresh.sha256);
  expect(back).not.toBeNull();
  expect(bundleMatchesHash(back!, fresh.sha256)).toBe(true);
  expect(store.damaged()).toEqual([]);
  // Nothing refers to the old bundle's own parts any more: the next prune takes them, and keeps the shared ones.
  await store.evidence.prune(minutes(50), () => false);
  expect(bundleMatchesHash((await store.evidence.get(fresh.sha256))!, fresh.sha256)).toBe(true);
  for (const hash of shared) expect(await real.getEntity('evidence-part', hash)).toMatchObject({ schemaVersion: 2 });
});

it('writes the schema version on every entity it stores', async () => {
  const table = newTable();
  const raw: TableClient = tableClientFromConnectionString(azurite.connectionString, table);
  const store = await openTableStore(tableClientFromConnectionString(azurite.connectionString, table));
  await store.requests.commit({ audit: [{ at: minutes(0).toISOString(), actor: { id: 'system', name: 'GalleryOps' }, action: 'test.entry', details: {} }] });
  await store.conversations.put({ key: 'user:a', value: 1, updatedAt: minutes(0).toISOString() });
  await store.evidence.put(bundle('1.0.0', [snapshot('a')]), minutes(0));
  await store.check();
  let entities = 0;
  for await (const entity of raw.listEntities<Record<string, unknown>>()) {
    entities++;
    expect({ row: `${entity.partitionKey}/${entity.rowKey}`, schemaVersion: entity['schemaVersion'] }).toEqual({ row: `${entity.partitionKey}/${entity.rowKey}`, schemaVersion: 2 });
  }
  expect(entities).toBeGreaterThan(5);
});

describe("ARM's verbatim answers larger than an entity", () => {
  const huge = armResponse('{"name":"huge","properties":{"ratio":1.0}}', 1_100_000);
  const withHuge = (tag: string) => bundle('3.0.0', [{ ...snapshot('3.0.0'), verbatim: { responses: [huge] } }], tag);
  const pieceRows = async (raw: TableClient, hash: string): Promise<Array<Record<string, unknown>>> => {
    const rows: Array<Record<string, unknown>> = [];
    for await (const row of raw.listEntities<Record<string, unknown>>({ queryOptions: { filter: `PartitionKey eq 'evidence-part' and RowKey ge '${hash}' and RowKey lt '${hash};'` } })) rows.push(row);
    return rows;
  };
  const hugePart = (b: EvidenceBundle): string => splitBundle(b).parts.find((p) => p.json.includes('"padding'))!.hash;

  it('continue over several entities, each within Table limits, and come back byte for byte', async () => {
    const raw = tableClientFromConnectionString(azurite.connectionString, newTable());
    const store = await openTableStore(raw);
    const b = withHuge('x');
    await store.evidence.put(b, minutes(0));
    const rows = await pieceRows(raw, hugePart(b));
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.find((r) => r.rowKey === hugePart(b))).toMatchObject({ pieces: rows.length });
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) if (typeof value === 'string') expect({ column, units: value.length <= 32 * 1024 }).toEqual({ column, units: true });
      // Table Storage counts a string at 2 bytes per UTF-16 unit toward an entity's 1 MiB.
      const bytes = Object.values(row).reduce<number>((sum, v) => sum + (typeof v === 'string' ? v.length * 2 : 8), 0);
      expect(bytes).toBeLessThan(1024 * 1024);
    }
    const got = (await store.evidence.get(b.sha256)) as unknown as EvidenceBundle;
    const verbatim = got.snapshots[0]!.verbatim;
    expect('responses' in verbatim && Buffer.from(verbatim.responses[0]!.body!, 'utf8').equals(Buffer.from(huge.body!, 'utf8'))).toBe(true);
    expect(canonicalJson(got as unknown as JsonValue)).toBe(canonicalJson(b as unknown as JsonValue));
  });

  it('a lost piece or a forged piece count makes the bundle damaged (never a shortened answer)', async () => {
    const raw = tableClientFromConnectionString(azurite.connectionString, newTable());
    const store = await openTableStore(raw);
    const lost = withHuge('lost');
    await store.evidence.put(lost, minutes(0));
    const hash = hugePart(lost);
    await raw.deleteEntity('evidence-part', `${hash}:1`);
    expect(await store.evidence.get(lost.sha256)).toBeNull();
    await store.evidence.put(withHuge('again'), minutes(0));
    await raw.updateEntity({ partitionKey: 'evidence-part', rowKey: hash, pieces: 50_000_000 }, 'Merge');
    expect(await store.evidence.get(withHuge('again').sha256)).toBeNull();
    expect(store.damaged().map((d) => d.key)).toEqual(expect.arrayContaining([lost.sha256, withHuge('again').sha256]));
  });

  it('prune removes every piece of a part nothing refers to, and counts it once', async () => {
    const raw = tableClientFromConnectionString(azurite.connectionString, newTable());
    const store = await openTableStore(raw);
    const b = withHuge('pruned');
    await store.evidence.put(b, minutes(0));
    const result = await store.evidence.prune(minutes(10), () => false);
    expect(result).toEqual({ bundles: 1, parts: partsOf(b).size });
    expect(await pieceRows(raw, hugePart(b))).toEqual([]);
  });
});
