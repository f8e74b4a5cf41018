/**
 * Resource Graph's indexing delay in the emulator (`faults.graphLag`): a resource whose id matches is served by
 * ARM but left out of Resource Graph's answers until the rule is lifted, as a fresh write is in Azure.
 */
import type { RunningEmulator } from '../../emulator/start-emulator';
import { armRequest, API, DEMO_SUBSCRIPTION, startTestEmulator, versionPath } from './emulator-fixture';

const PATH = '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01';
const VERSIONS = "resources | where type =~ 'microsoft.compute/galleries/images/versions' and id contains '/images/callcenter-desktop/' | project id | order by id asc";
const LAGGING = versionPath('gal_golden', 'callcenter-desktop', '2026.6.0');

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ faults: { graphLag: { match: '/VERSIONS/2026\\.6\\.0$' } } });
});
afterAll(() => emu.close());

async function indexedIds(): Promise<string[]> {
  const res = await armRequest(emu, PATH, { method: 'POST', body: { subscriptions: [DEMO_SUBSCRIPTION], query: VERSIONS } });
  expect(res.status).toBe(200);
  return (res.json.data as { id: string }[]).map((r) => r.id.toLowerCase());
}

test('a lagging resource is in ARM but not in Resource Graph, until the lag is lifted', async () => {
  const before = await indexedIds();
  expect(before.length).toBeGreaterThan(0);
  expect(before).not.toContain(LAGGING.toLowerCase());
  expect((await armRequest(emu, `${LAGGING}?${API}`)).status).toBe(200);
  emu.setFaults({});
  const after = await indexedIds();
  expect(after).toEqual([...before, LAGGING.toLowerCase()].sort());
});

test('a lag rule with a pattern that is not a regular expression is refused when set', () => {
  expect(() => emu.setFaults({ graphLag: { match: '(' } })).toThrow();
});
