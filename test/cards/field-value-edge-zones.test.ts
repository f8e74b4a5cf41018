/** A stage copy's request card names the edge zones it copies as edge zones, never as plain regions. */
import { edgeZonesToJson } from '../../src/approvals/plan/planned-fields';
import { fieldLabel, formatFieldValue } from '../../src/cards/field-value';

test('edge zones read as zones of their region, with replicas, storage and keys', () => {
  const zones = edgeZonesToJson([
    { region: 'West US', edgeZone: 'microsoftlosangeles1', type: 'EdgeZone', replicaCount: 1, storageAccountType: 'StandardSSD_LRS', encryption: { osDiskEncryptionSetId: '/subscriptions/s/x', dataDisks: [] } },
    { region: 'East US', edgeZone: 'microsoftnewyork1', type: 'EdgeZone', replicaCount: 2 },
  ]);
  expect(fieldLabel('publishingProfile.targetExtendedLocations')).toBe('Edge zones (publishingProfile.targetExtendedLocations)');
  expect(formatFieldValue(zones, 'not set')).toBe(
    '2 edge zones: microsoftlosangeles1 in West US (1 replica, StandardSSD_LRS, customer-managed keys), microsoftnewyork1 in East US (2 replicas)',
  );
});
