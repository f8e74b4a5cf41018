/** What a write body gets back from ARM's answer: only fields of list elements, paired by LUN or name and zone. */
import { keepUnknownFields } from '../../../src/gallery/arm/keep-unknown-fields';
import type { JsonValue } from '../../../src/json-value';

const read: JsonValue = {
  properties: {
    publishingProfile: {
      replicaCount: 2,
      targetRegions: [{ name: 'East US', futureSetting: 'x', encryption: { dataDiskImages: [{ lun: 1, securityProfile: { type: 'cmk' } }, { lun: 0, diskEncryptionSetId: 'des0' }] } }],
      targetExtendedLocations: [
        { name: 'West US', extendedLocation: { name: 'zone-a' }, future: 'a' },
        { name: 'West US', extendedLocation: { name: 'zone-b' }, future: 'b' },
      ],
    },
    storageProfile: { osDiskImage: { sizeInGB: 30 } },
  },
};

test.each<[string, JsonValue, JsonValue]>([
  [
    'a region keeps unknown fields at any depth, data disks paired by LUN; objects outside lists are not filled',
    { properties: { publishingProfile: { targetRegions: [{ name: 'eastus', encryption: { dataDiskImages: [{ lun: 0, diskEncryptionSetId: 'des0' }, { lun: 1 }] } }] } } },
    { properties: { publishingProfile: { targetRegions: [{ name: 'eastus', futureSetting: 'x', encryption: { dataDiskImages: [{ lun: 0, diskEncryptionSetId: 'des0' }, { lun: 1, securityProfile: { type: 'cmk' } }] } }] } } },
  ],
  [
    'edge zones pair by region and zone; a region ARM does not have is sent as built',
    { properties: { publishingProfile: { targetRegions: [{ name: 'North Europe' }], targetExtendedLocations: [{ name: 'West US', extendedLocation: { name: 'zone-b' } }] } } },
    { properties: { publishingProfile: { targetRegions: [{ name: 'North Europe' }], targetExtendedLocations: [{ name: 'West US', extendedLocation: { name: 'zone-b' }, future: 'b' }] } } },
  ],
])('%s', (_name, sent, expected) => {
  expect(keepUnknownFields(sent, read)).toEqual(expected);
});
