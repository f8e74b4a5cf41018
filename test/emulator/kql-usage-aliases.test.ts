/**
 * The emulator evaluates the bot's own `usage` query (usage-query.ts) over scale sets and VMs that reference an
 * image by ARM id, direct shared gallery id or community gallery id, plus the gallery row that holds the aliases.
 */
import { runQuery, type KqlTable } from '../../emulator/resource-graph/kql-run';
import { usageQuery } from '../../src/gallery/arm/usage-query';

const IMAGE = { subscriptionId: 's1', resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch' };
const GALLERY = '/subscriptions/s1/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden';
const COLUMNS = ['id', 'name', 'type', 'location', 'resourceGroup', 'subscriptionId', 'properties'];

const vmss = (name: string, imageReference: object) => ({
  id: `/subscriptions/s1/resourceGroups/rg-w/providers/Microsoft.Compute/virtualMachineScaleSets/${name}`,
  name,
  type: 'microsoft.compute/virtualmachinescalesets',
  location: 'eastus2',
  resourceGroup: 'rg-w',
  subscriptionId: 's1',
  properties: { virtualMachineProfile: { storageProfile: { imageReference } } },
});
const vm = (name: string, imageReference: object) => ({
  ...vmss(name, {}),
  id: `/subscriptions/s1/resourceGroups/rg-w/providers/Microsoft.Compute/virtualMachines/${name}`,
  type: 'microsoft.compute/virtualmachines',
  properties: { storageProfile: { imageReference } },
});

const TABLE: KqlTable = {
  name: 'resources',
  columns: COLUMNS,
  rows: [
    {
      id: GALLERY,
      name: 'gal_golden',
      type: 'microsoft.compute/galleries',
      location: 'eastus2',
      resourceGroup: 'rg-images',
      subscriptionId: 's1',
      properties: { identifier: { uniqueName: 's1-GAL_GOLDEN' }, sharingProfile: { permissions: 'Community', communityGalleryInfo: { publicNames: ['golden-abc'] } } },
    },
    { ...vmss('gal_other', {}), id: `${GALLERY}-other`, type: 'microsoft.compute/galleries', properties: { identifier: { uniqueName: 's1-GAL_OTHER' } } },
    vmss('by-id', { id: `${GALLERY}/images/dispatch/versions/2026.5.0` }),
    vmss('by-shared', { sharedGalleryImageId: '/SharedGalleries/s1-GAL_GOLDEN/Images/dispatch/Versions/2026.5.0' }),
    vm('by-shared-latest', { sharedGalleryImageId: '/sharedgalleries/s1-gal_golden/images/DISPATCH' }),
    vm('by-community', { communityGalleryImageId: '/CommunityGalleries/golden-abc/Images/dispatch/Versions/latest' }),
    vmss('other-image', { sharedGalleryImageId: '/SharedGalleries/s1-GAL_GOLDEN/Images/dispatch-v2/Versions/1.0.0' }),
    vmss('platform', { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' }),
  ],
};

test('returns the gallery row with its aliases and every candidate reference, nothing else', () => {
  const result = runQuery(usageQuery(IMAGE), [TABLE]);
  expect(result.columns).toEqual([
    'id', 'name', 'type', 'location', 'resourceGroup', 'subscriptionId',
    'imageReferenceId', 'sharedGalleryImageId', 'communityGalleryImageId', 'sharedGalleryName', 'communityGalleryNames',
  ]);
  expect(result.rows.map((r) => r['name'])).toEqual(['by-community', 'by-id', 'by-shared', 'by-shared-latest', 'gal_golden']);
  const gallery = result.rows.find((r) => r['name'] === 'gal_golden')!;
  expect(gallery).toMatchObject({ sharedGalleryName: 's1-GAL_GOLDEN', communityGalleryNames: ['golden-abc'], imageReferenceId: '' });
  expect(result.rows.find((r) => r['name'] === 'by-shared')).toMatchObject({
    imageReferenceId: '',
    sharedGalleryImageId: '/SharedGalleries/s1-GAL_GOLDEN/Images/dispatch/Versions/2026.5.0',
    communityGalleryImageId: '',
    communityGalleryNames: null,
  });
});
