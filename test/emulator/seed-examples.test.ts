/** Seeding from Microsoft's REST example files as published, and the per-api-version field table, without HTTP. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { omitNewerFields } from '../../emulator/api-fields';
import { addressFromId } from '../../emulator/arm-route';
import { ResourceStore } from '../../emulator/resource-store';
import { DEFAULT_EXAMPLE_SUBSCRIPTION } from '../../emulator/rest-example';
import { loadSeed } from '../../emulator/seed-loader';
import { EXAMPLES_DIR } from './arm-examples';

const raw = (file: string): unknown => JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8'));
const now = new Date('2026-12-01T00:00:00Z');
const at = (path: string) => addressFromId(path)!;
const base = `/subscriptions/${DEFAULT_EXAMPLE_SUBSCRIPTION}/resourceGroups/myResourceGroup/providers/Microsoft.Compute/galleries/myGalleryName`;

describe('REST example files as seeds', () => {
  test('a list example seeds every item where the parameters put it, with stand-in parents', () => {
    const store = new ResourceStore();
    loadSeed(store, [{ resource: raw('2025-12-03/GalleryImage_ListByGallery.json') }], { now });
    const images = store.listChildren(at(base));
    expect(images.map((i) => i.address.names[1])).toEqual(['myGalleryImageName']);
    expect(store.get(at(base))?.doc).toMatchObject({ name: 'myGalleryName', type: 'Microsoft.Compute/galleries', properties: { provisioningState: 'Succeeded' } });
  });

  test('a version example with a non-canonical id is served at its parameters path; its seeded replication stays beside it', () => {
    const store = new ResourceStore();
    loadSeed(store, [{ resource: raw('2025-12-03/GalleryImageVersion_Get_WithReplicationStatus.json') }], { now });
    const version = store.get(at(`${base}/images/myGalleryImageName/versions/1.0.0`));
    expect(version?.replication?.map((r) => `${r.region} ${r.state}`)).toEqual(['West US Completed', 'East US Completed']);
    expect((version?.doc['properties'] as Record<string, unknown>)['replicationStatus']).toBeUndefined();
    expect(store.get(at(`${base}/images/myGalleryImageName`))).toBeDefined();
  });

  test('the loader\'s placeholders win over the default subscription; a real parent given later wins over a stand-in', () => {
    const store = new ResourceStore();
    const sub = '0d5c2a71-6b3e-4f0e-9a6c-5e1d2c3b4a59';
    loadSeed(store, [{ resource: raw('2025-12-03/GalleryImage_Get.json') }, { resource: raw('2025-12-03/Gallery_Get.json') }], { now, placeholders: { '{subscription-id}': sub } });
    const gallery = store.get(at(`/subscriptions/${sub}/resourceGroups/myResourceGroup/providers/Microsoft.Compute/galleries/myGalleryName`));
    expect((gallery?.doc['properties'] as Record<string, unknown>)['description']).toBe('This is the gallery description.');
  });

  test('a delete example holds no resource and seeds nothing', () => {
    const store = new ResourceStore();
    loadSeed(store, [{ resource: raw('2026-03-03/GalleryImageVersion_Delete.json') }], { now });
    expect(store.all()).toEqual([]);
  });
});

describe('fields per api-version', () => {
  const version = () => ({
    properties: {
      publishingProfile: { targetRegions: [{ name: 'West US', excludeFromLatest: true, additionalReplicaSets: [{ storageAccountType: 'PremiumV2_LRS', regionalReplicaCount: 1 }] }], storageAccountStrategy: 'PreferStandard_ZRS' },
      storageProfile: { source: { id: 'x', virtualMachineId: 'vm', communityGalleryImageId: 'c' }, osDiskImage: { source: { uri: 'u', storageAccountId: 's' } } },
      safetyProfile: { allowDeletionOfReplicatedLocations: false, blockDeletionBeforeEndOfLife: true },
      securityProfile: { uefiSettings: {} },
      restore: false,
      imageMetadataProfiles: [{ type: 'x' }],
    },
  });

  test.each([
    ['2021-07-01', { publishingProfile: { targetRegions: [{ name: 'West US' }] }, storageProfile: { source: { id: 'x' }, osDiskImage: { source: { uri: 'u' } } } }],
    ['2023-07-03', {
      publishingProfile: { targetRegions: [{ name: 'West US', excludeFromLatest: true }] },
      storageProfile: { source: { id: 'x', virtualMachineId: 'vm', communityGalleryImageId: 'c' }, osDiskImage: { source: { uri: 'u', storageAccountId: 's' } } },
      safetyProfile: { allowDeletionOfReplicatedLocations: false },
      securityProfile: { uefiSettings: {} },
    }],
    ['2025-12-03', { ...version().properties, imageMetadataProfiles: undefined }],
    ['2026-03-03', version().properties],
  ])('an image version at %s', (apiVersion, expected) => {
    const doc = version();
    omitNewerFields(doc, 'version', apiVersion);
    expect(doc.properties).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  test.each([['2022-03-03', false], ['2022-08-03', true]])('UEFI settings (securityProfile) at %s: %s', (apiVersion, served) => {
    const doc = version();
    omitNewerFields(doc, 'version', apiVersion);
    expect('securityProfile' in doc.properties).toBe(served);
  });

  test('a 2021-07-01 gallery has neither sharing status nor community info; its definition no architecture', () => {
    const gallery = { properties: { sharingProfile: { permissions: 'Community', communityGalleryInfo: { publicNamePrefix: 'p' } }, sharingStatus: { aggregatedState: 'Succeeded' } } };
    omitNewerFields(gallery, 'gallery', '2021-07-01');
    expect(gallery).toEqual({ properties: { sharingProfile: { permissions: 'Community' } } });
    const image = { properties: { architecture: 'Arm64' } };
    omitNewerFields(image, 'image', '2021-10-01');
    expect(image.properties.architecture).toBe('Arm64');
    omitNewerFields(image, 'image', '2021-07-01');
    expect(image.properties).toEqual({});
  });

  test('gallery identity and definition allowUpdateImage arrive with 2024-03-03', () => {
    const gallery = { identity: { type: 'SystemAssigned' }, properties: {} };
    omitNewerFields(gallery, 'gallery', '2023-07-03');
    expect(gallery).toEqual({ properties: {} });
    const image = { properties: { allowUpdateImage: true, osType: 'Linux' } };
    omitNewerFields(image, 'image', '2024-03-03');
    expect(image.properties.allowUpdateImage).toBe(true);
    omitNewerFields(image, 'image', '2023-07-03');
    expect(image.properties).toEqual({ osType: 'Linux' });
  });
});
