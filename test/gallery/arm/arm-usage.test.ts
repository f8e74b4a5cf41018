/** The UsageReader through the real SDK against the emulator's demo seed (scale sets and VMs in other groups). */
import type { RunningEmulator } from '../../../emulator/start-emulator';
import { NotFoundError, UpstreamError } from '../../../src/errors';
import { createArmUsage, staticTokenCredential, type ArmCall, type ArmUsageOptions } from '../../../src/gallery/arm';
import type { UsageReader } from '../../../src/gallery/usage-port';
import { DEMO_GROUP, DEMO_SUBSCRIPTION, startTestEmulator } from '../../emulator/emulator-fixture';
import { image } from './arm-fixture';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});

function usageFor(options: Partial<ArmUsageOptions> = {}): { usage: UsageReader; calls: ArmCall[] } {
  const calls: ArmCall[] = [];
  const usage = createArmUsage({
    // A resource-group scope, as the demo configures: the workloads' own groups must still be searched.
    scopes: [{ subscriptionId: DEMO_SUBSCRIPTION, resourceGroup: DEMO_GROUP }],
    credential: staticTokenCredential(),
    endpoint: emu.url,
    ca: emu.ca,
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
  expect(found.scaleSets[0]).toMatchObject({
    id: `/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/rg-dispatch-prod/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-dispatch-prod`,
    subscriptionId: DEMO_SUBSCRIPTION,
    imageReferenceId: expect.stringMatching(/RG-IMAGES\/.*\/versions\/2026\.5\.0$/),
  });
  expect(found.vms).toEqual([]);
});

test('another dispatch version is not referenced by anyone', async () => {
  const found = await usageFor().usage.findUsage(image('dispatch'), '2026.5.1');
  expect(found).toEqual({ scaleSets: [], vms: [] });
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

test('names are compared without case; other galleries with the same image name do not match', async () => {
  const { usage } = usageFor();
  const shouted = { subscriptionId: DEMO_SUBSCRIPTION.toUpperCase(), resourceGroup: 'RG-Images', gallery: 'GAL_GOLDEN', image: 'Dispatch' };
  expect(names((await usage.findUsage(shouted, '2026.05.0')).scaleSets)).toEqual([['vmss-dispatch-prod', 'rg-dispatch-prod', 'pinned']]);
  expect(await usage.findUsage({ ...image('dispatch'), gallery: 'gal_staging' })).toEqual({ scaleSets: [], vms: [] });
});

test('one list of scale sets and one of VMs per subscription, however many scopes name it', async () => {
  const { usage, calls } = usageFor({ scopes: [{ subscriptionId: DEMO_SUBSCRIPTION }, { subscriptionId: DEMO_SUBSCRIPTION, resourceGroup: DEMO_GROUP }] });
  await usage.findUsage(image('dispatch'));
  expect(calls.map((c) => `${c.method} ${new URL(c.url).pathname} ${c.status}`).sort()).toEqual([
    `GET /subscriptions/${DEMO_SUBSCRIPTION}/providers/Microsoft.Compute/virtualMachineScaleSets 200`,
    `GET /subscriptions/${DEMO_SUBSCRIPTION}/providers/Microsoft.Compute/virtualMachines 200`,
  ]);
});

test('paged lists are followed to the end', async () => {
  const paged = await startTestEmulator({ pageSize: 1 });
  try {
    const usage = createArmUsage({ scopes: [{ subscriptionId: DEMO_SUBSCRIPTION }], credential: staticTokenCredential(), endpoint: paged.url, ca: paged.ca });
    expect(names((await usage.findUsage(image('callcenter-desktop'))).scaleSets)).toEqual([['vmss-callcenter', 'rg-callcenter', 'latest']]);
  } finally {
    await paged.close();
  }
});

test('ARM errors become typed errors naming the subscription', async () => {
  const missing = '99999999-0000-0000-0000-000000000000';
  const error = await usageFor({ scopes: [{ subscriptionId: missing }] }).usage.findUsage(image('dispatch')).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NotFoundError);
  expect((error as NotFoundError).userMessage).toContain(`subscription ${missing}`);
  emu.setFaults({ serverError: { status: 503, match: 'virtualMachines\\?' } });
  try {
    await expect(usageFor().usage.findUsage(image('dispatch'))).rejects.toBeInstanceOf(UpstreamError);
  } finally {
    emu.setFaults({});
  }
});
