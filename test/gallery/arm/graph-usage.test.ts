/** The UsageReader through the real Resource Graph SDK against the emulator's demo seed (workloads in other groups). */
import { demoSeedDir } from '../../../emulator/seed-location';
import { readSeedDir } from '../../../emulator/seed-loader';
import type { RunningEmulator, SeedEntry } from '../../../emulator/start-emulator';
import { ThrottledError, UpstreamError } from '../../../src/errors';
import { createGraphUsage, staticTokenCredential, type ArmCall, type GraphUsageOptions } from '../../../src/gallery/arm';
import { definitionId, kqlString, usageQuery } from '../../../src/gallery/arm/usage-query';
import type { UsageReader } from '../../../src/gallery/usage-port';
import { DEMO_GROUP, DEMO_SUBSCRIPTION, startTestEmulator } from '../../emulator/emulator-fixture';
import { image } from './arm-fixture';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterEach(() => emu.setFaults({}));
afterAll(async () => {
  await emu.close();
});

function usageFor(options: Partial<GraphUsageOptions> = {}, on: RunningEmulator = emu): { usage: UsageReader; calls: ArmCall[] } {
  const calls: ArmCall[] = [];
  const usage = createGraphUsage({
    // A resource-group scope, as the demo configures: the workloads' own groups must still be searched.
    scopes: [{ subscriptionId: DEMO_SUBSCRIPTION, resourceGroup: DEMO_GROUP }],
    credential: staticTokenCredential(),
    endpoint: on.url,
    ca: on.ca,
    observer: (call) => calls.push(call),
    retryOptions: { maxRetries: 0 },
    ...options,
  });
  return { usage, calls };
}

const names = (refs: { name: string; pinned: boolean; resourceGroup: string }[]) => refs.map((r) => [r.name, r.resourceGroup, r.pinned ? 'pinned' : 'latest']);

test('vmss-dispatch-prod pins gal_golden/dispatch 2026.5.0 (its id spells the group RG-IMAGES)', async () => {
  const { usage } = usageFor();
  const found = await usage.findUsage(image('dispatch'), '2026.5.0');
  expect(names(found.scaleSets)).toEqual([['vmss-dispatch-prod', 'rg-dispatch-prod', 'pinned']]);
  expect(found.scaleSets[0]).toEqual({
    id: `/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/rg-dispatch-prod/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-dispatch-prod`,
    name: 'vmss-dispatch-prod',
    resourceGroup: 'rg-dispatch-prod',
    subscriptionId: DEMO_SUBSCRIPTION,
    location: 'eastus2',
    imageReferenceId: expect.stringMatching(/RG-IMAGES\/.*\/versions\/2026\.5\.0$/),
    pinned: true,
  });
  expect(found.vms).toEqual([]);
});

test('another dispatch version is not referenced by anyone', async () => {
  const found = await usageFor().usage.findUsage(image('dispatch'), '2026.5.1');
  expect(found).toMatchObject({ scaleSets: [], vms: [] });
});

test('vmss-callcenter references the callcenter-desktop definition (latest), so it shows for any of its versions', async () => {
  const { usage } = usageFor();
  expect(names((await usage.findUsage(image('callcenter-desktop'))).scaleSets)).toEqual([['vmss-callcenter', 'rg-callcenter', 'latest']]);
  expect(names((await usage.findUsage(image('callcenter-desktop'), '2026.5.0')).scaleSets)).toEqual([['vmss-callcenter', 'rg-callcenter', 'latest']]);
});

test('vm-analytics-01 pins gpu-analytics 1.0.0; the definition-wide lookup finds it too', async () => {
  const { usage } = usageFor();
  const pinned = await usage.findUsage(image('gpu-analytics'), '1.0.0');
  expect(names(pinned.vms)).toEqual([['vm-analytics-01', 'rg-analytics', 'pinned']]);
  expect(pinned.scaleSets).toEqual([]);
  expect(names((await usage.findUsage(image('gpu-analytics'))).vms)).toEqual([['vm-analytics-01', 'rg-analytics', 'pinned']]);
  expect((await usage.findUsage(image('gpu-analytics'), '1.2.0')).vms).toEqual([]);
});

test('names are compared without case, versions as numbers; other galleries with the same image name do not match', async () => {
  const { usage } = usageFor();
  const shouted = { subscriptionId: DEMO_SUBSCRIPTION.toUpperCase(), resourceGroup: 'RG-Images', gallery: 'GAL_GOLDEN', image: 'Dispatch' };
  expect(names((await usage.findUsage(shouted, '2026.05.0')).scaleSets)).toEqual([['vmss-dispatch-prod', 'rg-dispatch-prod', 'pinned']]);
  expect(await usage.findUsage({ ...image('dispatch'), gallery: 'gal_staging' })).toMatchObject({ scaleSets: [], vms: [] });
});

test('one Resource Graph query for every subscription, however many scopes name it', async () => {
  const { usage, calls } = usageFor({ scopes: [{ subscriptionId: DEMO_SUBSCRIPTION }, { subscriptionId: DEMO_SUBSCRIPTION, resourceGroup: DEMO_GROUP }] });
  await usage.findUsage(image('dispatch'));
  expect(calls.map((c) => `${c.method} ${new URL(c.url).pathname} ${c.status}`)).toEqual(['POST /providers/Microsoft.ResourceGraph/resources 200']);
});

/** A scale set or VM document for the seed, referencing `imageId`. */
function workload(kind: 'vmss' | 'vm', name: string, imageId: string, subscriptionId = DEMO_SUBSCRIPTION): SeedEntry {
  const type = kind === 'vmss' ? 'virtualMachineScaleSets' : 'virtualMachines';
  const storageProfile = { imageReference: { id: imageId } };
  return {
    resource: {
      id: `/subscriptions/${subscriptionId}/resourceGroups/rg-more/providers/Microsoft.Compute/${type}/${name}`,
      name,
      type: `Microsoft.Compute/${type}`,
      location: 'centralus',
      properties: kind === 'vmss' ? { virtualMachineProfile: { storageProfile } } : { storageProfile },
    },
  };
}

test('with one row per page, $skipToken is followed to the end: every reference, one request per page', async () => {
  const dispatch = definitionId(image('dispatch'));
  const paged = await startTestEmulator({
    graphPageSize: 1,
    seed: [
      ...readSeedDir(demoSeedDir()),
      workload('vmss', 'vmss-dispatch-dr', `${dispatch}/versions/latest`),
      workload('vm', 'vm-dispatch-jump', `${dispatch.toLowerCase()}/versions/2026.05.0`),
      workload('vmss', 'vmss-dispatch-canary', `${dispatch}/versions/2026.5.1`),
      workload('vmss', 'vmss-dispatch-v2', `${dispatch}-v2/versions/2026.5.0`),
      workload('vmss', 'vmss-elsewhere', `${dispatch}/versions/2026.5.0`, '99999999-0000-0000-0000-000000000000'),
    ],
  });
  try {
    const { usage, calls } = usageFor({ scopes: [{ subscriptionId: DEMO_SUBSCRIPTION }] }, paged);
    const all = await usage.findUsage(image('dispatch'));
    expect(names(all.scaleSets)).toEqual([
      ['vmss-dispatch-canary', 'rg-more', 'pinned'],
      ['vmss-dispatch-dr', 'rg-more', 'latest'],
      ['vmss-dispatch-prod', 'rg-dispatch-prod', 'pinned'],
    ]);
    expect(names(all.vms)).toEqual([['vm-dispatch-jump', 'rg-more', 'pinned']]);
    // Four references and the gallery's own row (it carries the shared and community aliases): five pages.
    expect(calls.map((c) => `${c.method} ${c.status}`)).toEqual(Array(5).fill('POST 200'));

    const one = await usage.findUsage(image('dispatch'), '2026.5.0');
    expect([...names(one.scaleSets), ...names(one.vms)]).toEqual([
      ['vmss-dispatch-dr', 'rg-more', 'latest'],
      ['vmss-dispatch-prod', 'rg-dispatch-prod', 'pinned'],
      ['vm-dispatch-jump', 'rg-more', 'pinned'],
    ]);
  } finally {
    await paged.close();
  }
});

test('the query names the definition as an escaped KQL literal, matching its versions only after a slash', () => {
  expect(kqlString("it's a \\ test")).toBe("'it\\'s a \\\\ test'");
  const query = usageQuery(image('dispatch'));
  expect(query).toContain(`imageReferenceId =~ '${definitionId(image('dispatch'))}'`);
  expect(query).toContain(`imageReferenceId startswith '${definitionId(image('dispatch'))}/'`);
  expect(query).toMatch(/\| project id, /);
});

describe('failures become typed errors', () => {
  test('a Resource Graph outage (503) is an UpstreamError naming Resource Graph', async () => {
    emu.setFaults({ serverError: { status: 503, match: 'ResourceGraph' } });
    const error = await usageFor().usage.findUsage(image('dispatch')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).userMessage).toMatch(/Resource Graph.*HTTP 503/);
  });

  test('throttling is a ThrottledError', async () => {
    emu.setFaults({ throttle: { match: 'ResourceGraph', retryAfterSeconds: 0 } });
    await expect(usageFor().usage.findUsage(image('dispatch'))).rejects.toBeInstanceOf(ThrottledError);
  });

  test('a reply that is not JSON is an UpstreamError, not a crash', async () => {
    emu.setFaults({ malformed: { match: 'ResourceGraph' } });
    await expect(usageFor().usage.findUsage(image('dispatch'))).rejects.toBeInstanceOf(UpstreamError);
  });
});
