/** The emulator's Resource Graph endpoint over HTTPS: request shape, api-version, paging, scoping and refusals. */
import type { RunningEmulator } from '../../emulator/start-emulator';
import { usageQuery } from '../../src/gallery/arm/usage-query';
import { aliasSeed, GOLDEN_PUBLIC } from '../gallery/arm/usage-alias-seed';
import { armRequest, DEMO_SUBSCRIPTION, startTestEmulator, type RawResponse } from './emulator-fixture';

const PATH = '/providers/Microsoft.ResourceGraph/resources';
const WORKLOADS = "resources | where type in~ ('microsoft.compute/virtualmachinescalesets', 'microsoft.compute/virtualmachines') | project id, name, type, resourceGroup | order by name asc";

let emu: RunningEmulator;
let paged: RunningEmulator;
beforeAll(async () => {
  [emu, paged] = await Promise.all([startTestEmulator(), startTestEmulator({ graphPageSize: 1 })]);
});
afterAll(() => Promise.all([emu.close(), paged.close()]));

function graph(body: unknown, options: { apiVersion?: string | null; on?: RunningEmulator; method?: string } = {}): Promise<RawResponse> {
  const version = options.apiVersion === undefined ? '2024-04-01' : options.apiVersion;
  return armRequest(options.on ?? emu, version === null ? PATH : `${PATH}?api-version=${version}`, { method: options.method ?? 'POST', body });
}

test('evaluates the query over the seeded scale sets and VMs, as ARG rows', async () => {
  const res = await graph({ subscriptions: [DEMO_SUBSCRIPTION], query: WORKLOADS });
  expect(res.status).toBe(200);
  expect(res.json).toMatchObject({ totalRecords: 3, count: 3, resultTruncated: 'false' });
  expect(res.json.$skipToken).toBeUndefined();
  expect(res.json.data).toEqual([
    {
      id: `/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/rg-analytics/providers/Microsoft.Compute/virtualMachines/vm-analytics-01`,
      name: 'vm-analytics-01',
      type: 'microsoft.compute/virtualmachines',
      resourceGroup: 'rg-analytics',
    },
    expect.objectContaining({ name: 'vmss-callcenter', type: 'microsoft.compute/virtualmachinescalesets' }),
    expect.objectContaining({ name: 'vmss-dispatch-prod', resourceGroup: 'rg-dispatch-prod' }),
  ]);
});

test('image references are filtered through property paths, ignoring the letter case of ids', async () => {
  const version = `/subscriptions/${DEMO_SUBSCRIPTION}/resourcegroups/rg-images/providers/microsoft.compute/galleries/GAL_GOLDEN/images/dispatch/versions/2026.5.0`;
  const res = await graph({
    subscriptions: [DEMO_SUBSCRIPTION.toUpperCase()],
    query: `resources | where properties.virtualMachineProfile.storageProfile.imageReference.id =~ '${version}' | project id, name, location, imageId = tostring(properties.virtualMachineProfile.storageProfile.imageReference.id)`,
  });
  expect(res.status).toBe(200);
  expect(res.json.data).toEqual([expect.objectContaining({ name: 'vmss-dispatch-prod', location: 'eastus2', imageId: expect.stringContaining('/RG-IMAGES/') })]);
});

test('only the subscriptions named are searched; without any, every subscription', async () => {
  expect((await graph({ subscriptions: ['99999999-0000-0000-0000-000000000000'], query: WORKLOADS })).json).toMatchObject({ totalRecords: 0, data: [] });
  expect((await graph({ query: WORKLOADS })).json.totalRecords).toBe(3);
});

test('galleries, definitions and versions are rows too, so the type filter matters', async () => {
  const res = await graph({ subscriptions: [DEMO_SUBSCRIPTION], query: "resources | where type =~ 'Microsoft.Compute/galleries' | project id, name | order by name asc" });
  expect(res.json.data.map((r: { name: string }) => r.name)).toEqual(['gal_golden', 'gal_staging']);
});

describe('paging', () => {
  test('with a page size of 1, $skipToken walks every row exactly once', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await graph({ subscriptions: [DEMO_SUBSCRIPTION], query: WORKLOADS, options: { $top: 1000, ...(token ? { $skipToken: token } : {}) } }, { on: paged });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ totalRecords: 3, count: 1 });
      seen.push(...res.json.data.map((r: { name: string }) => r.name));
      token = res.json.$skipToken;
      pages += 1;
    } while (token !== undefined && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(['vm-analytics-01', 'vmss-callcenter', 'vmss-dispatch-prod']);
  });

  test('$top and $skip pick a window', async () => {
    const res = await graph({ subscriptions: [DEMO_SUBSCRIPTION], query: WORKLOADS, options: { $top: 1, $skip: 1 } });
    expect(res.json.data.map((r: { name: string }) => r.name)).toEqual(['vmss-callcenter']);
    expect(typeof res.json.$skipToken).toBe('string');
  });

  test('a $skipToken is refused with another query or other subscriptions', async () => {
    const first = await graph({ subscriptions: [DEMO_SUBSCRIPTION], query: WORKLOADS }, { on: paged });
    const token = first.json.$skipToken as string;
    const other = await graph({ subscriptions: [DEMO_SUBSCRIPTION], query: `${WORKLOADS} | limit 2`, options: { $skipToken: token } }, { on: paged });
    expect(other.status).toBe(400);
    expect(other.json.error.code).toBe('BadRequest');
    const garbage = await graph({ subscriptions: [DEMO_SUBSCRIPTION], query: WORKLOADS, options: { $skipToken: 'not-a-token' } }, { on: paged });
    expect(garbage.status).toBe(400);
  });

  test('results without an id column cannot be resumed: the first page is marked truncated', async () => {
    const res = await graph({ subscriptions: [DEMO_SUBSCRIPTION], query: 'resources | project name' }, { on: paged });
    expect(res.json).toMatchObject({ count: 1, resultTruncated: 'true' });
    expect(res.json.$skipToken).toBeUndefined();
  });
});

test('resultFormat table answers columns and rows', async () => {
  const res = await graph({ subscriptions: [DEMO_SUBSCRIPTION], query: `${WORKLOADS} | limit 1`, options: { resultFormat: 'table' } });
  expect(res.json.data).toEqual({
    columns: [
      { name: 'id', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'type', type: 'string' },
      { name: 'resourceGroup', type: 'string' },
    ],
    rows: [[expect.stringContaining('vm-analytics-01'), 'vm-analytics-01', 'microsoft.compute/virtualmachines', 'rg-analytics']],
  });
});

describe('refusals are ARM error bodies, never a crash', () => {
  test.each<[string, unknown, RegExp]>([
    ['an operator outside the subset', { query: 'resources | summarize count() by type' }, /^unsupported query: .*summarize/],
    ['a function outside the subset', { query: "resources | where strcat(name, 'x') == 'a'" }, /^unsupported query: .*strcat/],
    ['an unknown column', { query: "resources | where nope == 'x'" }, /^invalid query: .*nope/],
    ['no query', { subscriptions: [DEMO_SUBSCRIPTION] }, /query/],
    ['a body that is not an object', ['resources'], /JSON object/],
    ['management groups', { managementGroups: ['mg1'], query: 'resources' }, /^unsupported query: .*management groups/],
    ['$top over 1000', { query: 'resources', options: { $top: 5000 } }, /\$top/],
    ['an unknown result format', { query: 'resources', options: { resultFormat: 'csv' } }, /resultFormat/],
  ])('%s → 400 BadRequest', async (_case, body, message) => {
    const res = await graph(body);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('BadRequest');
    expect(res.json.error.message).toMatch(message);
  });

  test.each([
    ['2021-03-01', 200],
    ['2022-10-01', 200],
    ['2024-04-01', 200],
    ['2020-04-01-preview', 400],
    ['2019-04-01', 400],
  ])('api-version %s → %i', async (version, status) => {
    expect((await graph({ query: 'resources | limit 1' }, { apiVersion: version })).status).toBe(status);
  });

  test('a missing api-version is ARM’s MissingApiVersionParameter; GET is not allowed', async () => {
    expect((await graph({ query: 'resources' }, { apiVersion: null })).json.error.code).toBe('MissingApiVersionParameter');
    expect((await graph(undefined, { method: 'GET' })).status).toBe(405);
  });
});

describe("the bot's usage query over HTTPS, with shared and community gallery references", () => {
  let aliases: RunningEmulator;
  beforeAll(async () => {
    aliases = await startTestEmulator({ seed: aliasSeed() });
  });
  afterAll(() => aliases.close());

  test('both result formats carry the alias columns, the gallery row with its public names included', async () => {
    const query = usageQuery({ subscriptionId: DEMO_SUBSCRIPTION, resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch' });
    const rows = await graph({ subscriptions: [DEMO_SUBSCRIPTION], query }, { on: aliases });
    expect(rows.status).toBe(200);
    const byName = new Map<string, Record<string, unknown>>(rows.json.data.map((r: Record<string, unknown>) => [r['name'], r]));
    expect([...byName.keys()].sort()).toEqual(['gal_golden', 'vm-partner-community', 'vm-partner-shared', 'vmss-dispatch-prod', 'vmss-partner-community', 'vmss-partner-shared', 'vmss-partner-staging']);
    // dispatch-v2 never matches `/images/dispatch/`; staging's alias does, and only the adapter can tell it apart.
    expect(byName.get('gal_golden')).toMatchObject({ sharedGalleryName: `${DEMO_SUBSCRIPTION}-GAL_GOLDEN`, communityGalleryNames: [GOLDEN_PUBLIC] });
    expect(byName.get('vm-partner-shared')).toMatchObject({ type: 'microsoft.compute/virtualmachines', sharedGalleryImageId: expect.stringMatching(/^\/sharedgalleries\//) });

    const table = await graph({ subscriptions: [DEMO_SUBSCRIPTION], query, options: { resultFormat: 'table' } }, { on: aliases });
    expect(table.json.data.columns).toContainEqual({ name: 'communityGalleryNames', type: 'object' });
    expect(table.json.data.rows).toHaveLength(7);
  });
});
