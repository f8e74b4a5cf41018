/**
 * The PATCH bodies the ARM adapter builds: a rewrite of the target regions keeps what ARM has for each region
 * (keys, additional replica sets) even when the request was stored without them, and sends the edge zones
 * with it; a change of latest or end of life sends only that (re-sending the regions would re-drive Failed ones).
 */
import type { GalleryImageVersion } from '@azure/arm-compute';
import { versionUpdateBody } from '../../../src/gallery/arm/version-update-body';

const keys = (set: string) => ({ osDiskImage: { diskEncryptionSetId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/${set}` }, dataDiskImages: [{ lun: 0, diskEncryptionSetId: `/x/${set}-data` }] });
const edgeZones = [{ name: 'West US', extendedLocation: { name: 'microsoftlosangeles1', type: 'EdgeZone' }, extendedLocationReplicaCount: 1, encryption: keys('des-edge') }];
const current: GalleryImageVersion = {
  location: 'West US',
  publishingProfile: {
    targetRegions: [
      { name: 'West US', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false, encryption: keys('des-westus'), additionalReplicaSets: [{ storageAccountType: 'PremiumV2_LRS', regionalReplicaCount: 1 }] },
      { name: 'East US', regionalReplicaCount: 2, storageAccountType: 'Standard_ZRS', excludeFromLatest: false },
    ],
    targetExtendedLocations: edgeZones,
    replicaCount: 1,
    storageAccountType: 'Standard_LRS',
    replicationMode: 'Full',
  },
} as GalleryImageVersion;

test('a request stored without keys still writes each existing region with the keys ARM has; a new region as planned', () => {
  const body = versionUpdateBody(
    {
      targetRegions: [
        { name: 'westus', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', excludeFromLatest: false },
        { name: 'East US', regionalReplicaCount: 2, storageAccountType: 'Standard_ZRS', excludeFromLatest: true },
        { name: 'North Europe', regionalReplicaCount: 1, excludeFromLatest: false },
      ],
    },
    current,
  );
  expect(body.publishingProfile).toEqual({
    targetRegions: [
      current.publishingProfile!.targetRegions![0],
      { ...current.publishingProfile!.targetRegions![1], excludeFromLatest: true },
      { name: 'North Europe', regionalReplicaCount: 1, excludeFromLatest: false },
    ],
    targetExtendedLocations: edgeZones,
    replicaCount: 1,
  });
  // Not updatable: never named, so ARM cannot refuse the PATCH for them.
  expect(body.publishingProfile).not.toHaveProperty('storageAccountType');
  expect(body.publishingProfile).not.toHaveProperty('replicationMode');
});

test('a region ARM no longer has (removed by a repair, now added back) is written with the keys the plan carries', () => {
  const westOnly = { ...current, publishingProfile: { ...current.publishingProfile, targetRegions: [current.publishingProfile!.targetRegions![0]!] } } as GalleryImageVersion;
  const eastKeys = { osDiskEncryptionSetId: '/x/des-eastus', dataDisks: [{ lun: 0, diskEncryptionSetId: '/x/des-eastus-data' }] };
  const body = versionUpdateBody({ targetRegions: [{ name: 'West US', excludeFromLatest: false }, { name: 'East US', regionalReplicaCount: 2, excludeFromLatest: false, encryption: eastKeys }] }, westOnly);
  expect(body.publishingProfile!.targetRegions![1]).toEqual({
    name: 'East US',
    regionalReplicaCount: 2,
    excludeFromLatest: false,
    encryption: { osDiskImage: { diskEncryptionSetId: '/x/des-eastus' }, dataDiskImages: [{ lun: 0, diskEncryptionSetId: '/x/des-eastus-data' }] },
  });
});

test('retiring sends only the exclusion and the end of life, never the regions', () => {
  const eol = new Date('2027-01-01T00:00:00Z');
  expect(versionUpdateBody({ excludeFromLatest: true, endOfLifeDate: eol })).toEqual({ publishingProfile: { excludeFromLatest: true, endOfLifeDate: eol } });
});
