/**
 * Gallery image versions in the emulator's Resource Graph: the row shape Microsoft documents for the `resources`
 * table (the resource as a GET without `$expand` returns it: no replication status, no validations profile),
 * ids where the resource is, and paging that continues the result set it started.
 */
import { readSeedDir } from '../../emulator/seed-loader';
import { demoSeedDir } from '../../emulator/seed-location';
import type { RunningEmulator } from '../../emulator/start-emulator';
import { inventoryQuery } from '../../src/gallery/arm/inventory-query';
import { armRequest, DEMO_SUBSCRIPTION, startTestEmulator } from './emulator-fixture';

const PATH = '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01';
const VERSIONS = "resources | where type =~ 'microsoft.compute/galleries/images/versions' | project id, name, type, location, properties | order by id asc";
const graph = (on: RunningEmulator, body: unknown) => armRequest(on, PATH, { method: 'POST', body });

let emu: RunningEmulator;
beforeAll(async () => {
  // The demo, with validation results on dispatch 2026.5.1 (a GET shows them only with $expand=ValidationProfile).
  const seed = readSeedDir(demoSeedDir());
  const failed = seed.find((e) => String((e.resource as { id?: string }).id).endsWith('/images/dispatch/versions/2026.5.1'))!.resource as { properties: Record<string, unknown> };
  failed.properties['validationsProfile'] = { executedValidations: [{ type: 'LinuxSecurityBaseline', status: 'Failed', version: 'beta' }] };
  emu = await startTestEmulator({ graphPageSize: 5, seed });
});
afterAll(() => emu.close());

test("a version row carries publishing, storage and safety profiles and the provisioning state, never $expand's parts", async () => {
  const res = await graph(emu, { subscriptions: [DEMO_SUBSCRIPTION], query: VERSIONS.replace('| project', "and id endswith '/gal_golden/images/dispatch/versions/2026.5.1' | project") });
  const rows = res.json.data as { id: string; name: string; type: string; properties: Record<string, unknown> }[];
  expect(rows).toHaveLength(1);
  const dispatch = rows[0]!;
  expect(dispatch.type).toBe('microsoft.compute/galleries/images/versions');
  expect(Object.keys(dispatch.properties).sort()).toEqual(['provisioningState', 'publishingProfile', 'safetyProfile', 'storageProfile']);
  // Replication status is only ever in a GET with $expand=ReplicationStatus (the seed has dispatch 2026.5.1 Failed).
  expect(JSON.stringify(rows)).not.toMatch(/replicationStatus|validationsProfile/);
  const get = await armRequest(emu, `${dispatch.id}?api-version=2025-12-03&$expand=ReplicationStatus`);
  expect(get.json.properties.replicationStatus.aggregatedState).not.toBe('Completed');
  const validated = await armRequest(emu, `${dispatch.id}?api-version=2025-12-03&$expand=ValidationProfile`);
  expect(validated.json.properties.validationsProfile.executedValidations[0].status).toBe('Failed');
});

test('pages continue the result set they started, even when the gallery changes in between', async () => {
  const first = await graph(emu, { subscriptions: [DEMO_SUBSCRIPTION], query: inventoryQuery([{ subscriptionId: DEMO_SUBSCRIPTION }]) });
  expect(first.json.count).toBe(5);
  const total = first.json.totalRecords as number;
  // A new version arrives after the first page: it sorts before every callcenter-desktop version the first page
  // ended in, and would shift every later page by one.
  const images = `/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/rg-images/providers/Microsoft.Compute`;
  const added = `${images}/galleries/gal_golden/images/callcenter-desktop/versions/1.0.0`;
  const body = { location: 'eastus2', properties: { publishingProfile: { targetRegions: [{ name: 'East US 2' }] }, storageProfile: { source: { id: `${images}/images/img-x` } } } };
  expect((await armRequest(emu, `${added}?api-version=2025-12-03`, { method: 'PUT', body })).status).toBeLessThan(300);
  const ids: string[] = first.json.data.map((r: { id: string }) => r.id);
  for (let token = first.json.$skipToken as string | undefined; token !== undefined; ) {
    const page = await graph(emu, { subscriptions: [DEMO_SUBSCRIPTION], query: inventoryQuery([{ subscriptionId: DEMO_SUBSCRIPTION }]), options: { $skipToken: token } });
    ids.push(...page.json.data.map((r: { id: string }) => r.id));
    token = page.json.$skipToken;
  }
  expect(ids).toHaveLength(total);
  expect(new Set(ids).size).toBe(total);
  expect(ids).not.toContain(added);
  // A new query sees it.
  const again = await graph(emu, { subscriptions: [DEMO_SUBSCRIPTION], query: inventoryQuery([{ subscriptionId: DEMO_SUBSCRIPTION }]) });
  expect(again.json.totalRecords).toBe(total + 1);
});
