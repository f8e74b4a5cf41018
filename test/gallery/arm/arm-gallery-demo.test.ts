/** The ARM adapter reading the demo seed through the real SDK: what the bot's cards will show. */
import type { RunningEmulator } from '../../../emulator/start-emulator';
import { NotFoundError } from '../../../src/errors';
import { DEMO_SUBSCRIPTION, startTestEmulator } from '../../emulator/emulator-fixture';
import { adapterFor, GOLDEN, image } from './arm-fixture';

const NOW = new Date('2026-11-20T09:30:00.000Z');
const DAY = 86_400_000;
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ now: () => NOW, pageSize: 2 });
});
afterAll(() => emu.close());

test('listGalleries: gal_golden is Private, gal_staging is shared with groups', async () => {
  const { gallery, calls } = adapterFor(emu);
  const galleries = await gallery.listGalleries();
  expect(galleries.map((g) => [g.gallery, g.sharing])).toEqual([['gal_golden', 'Private'], ['gal_staging', 'Groups']]);
  expect(galleries[1]).toMatchObject({ subscriptionId: DEMO_SUBSCRIPTION, resourceGroup: 'rg-images', location: 'eastus2', sharedWith: ['22222222-3333-4444-5555-666666666666', '9f8e7d6c-5b4a-4321-8fed-cba987654321'] });
  expect(galleries[0]?.softDeleteEnabled).toBe(true);
  expect(calls.map((c) => new URL(c.url).pathname)).toEqual([`/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries`]);
});

test('overlapping scopes (subscription and one of its groups) list each gallery once', async () => {
  const { gallery, calls } = adapterFor(emu, { scopes: [{ subscriptionId: DEMO_SUBSCRIPTION }, { subscriptionId: DEMO_SUBSCRIPTION.toUpperCase(), resourceGroup: 'RG-IMAGES' }] });
  expect((await gallery.listGalleries()).map((g) => g.gallery)).toEqual(['gal_golden', 'gal_staging']);
  expect(calls.some((c) => c.url.includes(`/subscriptions/${DEMO_SUBSCRIPTION}/providers/Microsoft.Compute/galleries`))).toBe(true);
});

test('listImages(gal_golden): five definitions with their identifiers (across pages of 2)', async () => {
  const { gallery, calls } = adapterFor(emu);
  const images = await gallery.listImages(GOLDEN);
  expect(images.map((i) => i.image)).toEqual(['callcenter-desktop', 'gpu-analytics', 'dispatch', 'records', 'reporting']);
  expect(images[0]).toMatchObject({ osType: 'Windows', osState: 'Generalized', hyperVGeneration: 'V2', architecture: 'x64', publisher: 'ClearWave', offer: 'CallCenter', sku: 'win11-desktop' });
  expect(images[1]).toMatchObject({ osType: 'Linux', publisher: 'MedicaWorks', offer: 'Analytics', sku: 'ubuntu-gpu' });
  expect(images.slice(2).map((i) => `${i.publisher}/${i.offer}/${i.sku}`)).toEqual(['SentinelCounty/Dispatch/server', 'SentinelCounty/Records/server', 'SentinelCounty/Reporting/server']);
  expect(calls).toHaveLength(3);
});

test('listVersions: dates are relative to the emulator start', async () => {
  const { gallery } = adapterFor(emu);
  const versions = await gallery.listVersions(image('callcenter-desktop'));
  const byName = new Map(versions.map((v) => [v.version, v]));
  expect([...byName.keys()]).toEqual(['2026.3.0', '2026.4.0', '2026.5.0', '2026.6.0']);
  expect(byName.get('2026.3.0')?.endOfLifeDate).toEqual(new Date(NOW.getTime() - 10 * DAY));
  expect(byName.get('2026.3.0')?.publishedDate).toEqual(new Date(NOW.getTime() - 240 * DAY));
  expect(byName.get('2026.3.0')?.excludeFromLatest).toBe(true);
  expect(byName.get('2026.4.0')?.endOfLifeDate).toEqual(new Date(NOW.getTime() + 20 * DAY));
  expect(byName.get('2026.6.0')?.excludeFromLatest).toBe(true);
  expect(byName.get('2026.5.0')?.targetRegions.map((r) => r.name)).toEqual(['East US 2', 'West US 2', 'North Europe', 'West Europe', 'Southeast Asia']);
  expect(new Set(byName.get('2026.5.0')?.targetRegions.map((r) => r.storageAccountType))).toEqual(new Set(['Standard_ZRS', 'Standard_LRS']));
  expect(versions.every((v) => v.replication === undefined)).toBe(true);
});

test('getVersion(dispatch 2026.5.1, withReplication): centralus Failed, eastus2 Completed, in ONE ARM call expanding replication and validation', async () => {
  const { gallery, calls } = adapterFor(emu);
  const version = await gallery.getVersion(image('dispatch'), '2026.5.1', { withReplication: true });
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ method: 'GET', status: 200 });
  expect(new URL(calls[0]!.url).searchParams.get('$expand')).toBe('ReplicationStatus,ValidationProfile');
  expect(version.replication?.aggregatedState).toBe('Failed');
  const regions = new Map(version.replication?.regions.map((r) => [r.region.replace(/\s/g, '').toLowerCase(), r]));
  expect(regions.get('centralus')).toMatchObject({ state: 'Failed', details: expect.stringContaining('centralus') });
  expect(regions.get('eastus2')).toMatchObject({ state: 'Completed', progress: 100 });
  expect(version.publishedDate).toEqual(new Date(NOW.getTime() - 3 * DAY));
  expect(version.excludeFromLatest).toBe(false);
});

test('callcenter-desktop 2026.6.0 is still replicating to Southeast Asia at 40 %', async () => {
  const { gallery } = adapterFor(emu);
  const version = await gallery.getVersion(image('callcenter-desktop'), '2026.6.0', { withReplication: true });
  expect(version.replication?.regions.find((r) => r.region === 'Southeast Asia')).toEqual({ region: 'Southeast Asia', state: 'Replicating', progress: 40 });
  expect(version.replication?.regions.filter((r) => r.state === 'Completed')).toHaveLength(4);
});

test('gpu-analytics 1.0.0: past end of life, a policy violation, built from a VM, with a data disk', async () => {
  const { gallery } = adapterFor(emu);
  const version = await gallery.getVersion(image('gpu-analytics'), '1.0.0');
  expect(version.replication).toBeUndefined();
  expect(version.endOfLifeDate!.getTime()).toBeLessThan(NOW.getTime());
  expect(version.safety.reportedForPolicyViolation).toBe(true);
  expect(version.safety.policyViolations).toEqual([{ category: 'ImageFlaggedUnsafe', details: expect.stringContaining('CVE-') }]);
  expect(version.sourceId).toMatch(/\/virtualMachines\/vm-build-gpu-analytics$/);
  expect(version.osDiskSizeGB).toBe(64);
  expect(version.dataDiskSizesGB).toEqual([256]);
});

test('a missing version is a NotFoundError that names it', async () => {
  const { gallery } = adapterFor(emu);
  const error = await gallery.getVersion(image('dispatch'), '2026.9.9').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NotFoundError);
  expect((error as NotFoundError).userMessage).toBe('Azure says image version dispatch 2026.9.9 in gallery gal_golden does not exist (HTTP 404 ResourceNotFound).');
});

test('gal_staging/dispatch 2026.6.0 is Completed in both regions', async () => {
  const { gallery } = adapterFor(emu);
  const version = await gallery.getVersion(image('dispatch', { ...GOLDEN, gallery: 'gal_staging' }), '2026.6.0', { withReplication: true });
  expect(version.replication?.aggregatedState).toBe('Completed');
  expect(version.replication?.regions.map((r) => r.region)).toEqual(['East US 2', 'Central US']);
});
