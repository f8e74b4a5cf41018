/**
 * What the emulator's PATCH keeps of a version's regions, as Microsoft's GalleryImageVersion_Update example
 * answers: a listed region without its keys or additional replica sets keeps them; a region added back after a
 * removal has only what the request gives it; edge zones are replaced as sent; other profile fields stay.
 */
import { buildVersionForPatch } from '../../emulator/version-writes';
import type { JsonObject } from '../../emulator/json';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- ARM documents

const keys = { osDiskImage: { diskEncryptionSetId: '/x/des-westus' }, dataDiskImages: [{ lun: 0, diskEncryptionSetId: '/x/des-westus-data' }] };
const edge = [{ name: 'West US', extendedLocation: { name: 'microsoftlosangeles1', type: 'EdgeZone' }, extendedLocationReplicaCount: 1 }];
const existing = {
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i/versions/1.0.0',
  location: 'West US',
  properties: {
    publishingProfile: {
      targetRegions: [
        { name: 'West US', regionalReplicaCount: 1, storageAccountType: 'Standard_LRS', encryption: keys, excludeFromLatest: false, additionalReplicaSets: [{ storageAccountType: 'PremiumV2_LRS', regionalReplicaCount: 1 }] },
        { name: 'East US', regionalReplicaCount: 2, storageAccountType: 'Standard_ZRS', encryption: keys, excludeFromLatest: false },
      ],
      targetExtendedLocations: edge,
      replicaCount: 1,
      storageAccountType: 'Standard_LRS',
      replicationMode: 'Full',
    },
    provisioningState: 'Succeeded',
  },
} as unknown as JsonObject;

const profileOf = (doc: JsonObject): Json => (doc as Json)['properties']['publishingProfile'];

test('a region listed without its keys keeps them, as do its additional replica sets; the profile keeps what the PATCH does not name', () => {
  const patched = profileOf(buildVersionForPatch(existing, { properties: { publishingProfile: { targetRegions: [{ name: 'West US', regionalReplicaCount: 1 }, { name: 'East US', regionalReplicaCount: 2 }] } } }));
  expect(patched['targetRegions']).toEqual(profileOf(existing)['targetRegions']);
  expect(patched).toMatchObject({ targetExtendedLocations: edge, replicaCount: 1, storageAccountType: 'Standard_LRS', replicationMode: 'Full' });
});

test('a region added back after its removal has only what the request gives it; edge zones are whatever the PATCH lists', () => {
  const removed = buildVersionForPatch(existing, { properties: { publishingProfile: { targetRegions: [{ name: 'West US' }] } } });
  const back = profileOf(buildVersionForPatch(removed, { properties: { publishingProfile: { targetRegions: [{ name: 'West US' }, { name: 'East US', regionalReplicaCount: 2 }], targetExtendedLocations: [] } } }));
  expect(back['targetRegions'][1]).toEqual({ name: 'East US', regionalReplicaCount: 2, storageAccountType: 'Standard_LRS', excludeFromLatest: false });
  expect(back['targetRegions'][0]['encryption']).toEqual(keys);
  expect(back['targetExtendedLocations']).toEqual([]);
});
