/**
 * Evidence in Table Storage: parts kept once by content hash, and a prune that cannot take a part from under a
 * bundle being stored at the same moment (the scan and the ETag-guarded delete described in the store).
 */
import { randomBytes } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { bundleMatchesHash } from '../../src/evidence/seal-bundle';
import { openTableStore, tableClientFromConnectionString } from '../../src/storage/table/table-store';
import { startAzuriteTable, type AzuriteTable } from '../helpers/azurite';
import { minutes } from '../approvals/fixtures';
import { bundle, partsOf, snapshot } from './conformance/bundle-fixtures';

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
