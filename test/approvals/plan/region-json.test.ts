/** Target regions as a request stores them: keys and additional replica sets survive the round trip; older records still read. */
import type { TargetRegion } from '../../../src/gallery/model';
import { regionsFromJson, regionsToJson } from '../../../src/approvals/plan/planned-fields';

const west: TargetRegion = {
  name: 'West US',
  regionalReplicaCount: 1,
  storageAccountType: 'Standard_LRS',
  excludeFromLatest: false,
  encryption: { osDiskEncryptionSetId: '/x/des', confidentialVMEncryptionType: 'EncryptedWithCmk', secureVMDiskEncryptionSetId: '/x/cvm-des', dataDisks: [{ lun: 1, diskEncryptionSetId: '/x/des-data' }] },
  additionalReplicaSets: [{ storageAccountType: 'PremiumV2_LRS', regionalReplicaCount: 2 }],
};

test('every field of a region survives the stored JSON, in ARM spelling', () => {
  const json = regionsToJson([west, { name: 'East US', excludeFromLatest: true }]);
  expect(json).toEqual([
    {
      name: 'West US',
      regionalReplicaCount: 1,
      storageAccountType: 'Standard_LRS',
      excludeFromLatest: false,
      encryption: { osDiskImage: { diskEncryptionSetId: '/x/des', securityProfile: { confidentialVMEncryptionType: 'EncryptedWithCmk', secureVMDiskEncryptionSetId: '/x/cvm-des' } }, dataDiskImages: [{ lun: 1, diskEncryptionSetId: '/x/des-data' }] },
      additionalReplicaSets: [{ storageAccountType: 'PremiumV2_LRS', regionalReplicaCount: 2 }],
    },
    { name: 'East US', excludeFromLatest: true },
  ]);
  expect(regionsFromJson(JSON.parse(JSON.stringify(json)))).toEqual([west, { name: 'East US', excludeFromLatest: true }]);
});

test('a region stored before keys were kept reads as before; a malformed key is refused, not guessed', () => {
  expect(regionsFromJson([{ name: 'West US', regionalReplicaCount: 1 }])).toEqual([{ name: 'West US', regionalReplicaCount: 1, excludeFromLatest: false }]);
  expect(regionsFromJson([{ name: 'West US', encryption: { osDiskImage: { diskEncryptionSetId: 7 } } }])).toBeUndefined();
  expect(regionsFromJson([{ name: 'West US', additionalReplicaSets: [{ regionalReplicaCount: '2' }] }])).toBeUndefined();
});
