/**
 * Microsoft's REST examples (test/fixtures/arm-examples, copied verbatim; sources in its SOURCE.md), in the
 * SDK's shape, through the adapter's mapper and the status card: per example, what the model keeps and what a
 * reader of `image status` sees. Each row is a shape today's cards got wrong or left out (issue 11, point 1).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { imageStatusCard } from '../../../src/cards/image-status-card';
import { renderCard } from '../../../src/cards/render-card';
import { mapVersion } from '../../../src/gallery/arm/map-version';
import type { ImageVersion } from '../../../src/gallery/model';
import { replicasOf } from '../../../src/report/replica-storage';
import { demoGallery } from '../../fixtures/demo-gallery';
import { sdkShape } from '../../emulator/arm-examples';
import { cardText } from '../../helpers/validate-card';

const DIR = join(__dirname, '..', '..', 'fixtures', 'arm-examples');
const KEY = { subscriptionId: 'sub', resourceGroup: 'myResourceGroup', gallery: 'myGalleryName', image: 'myGalleryImageName' };

function exampleVersion(file: string): ImageVersion {
  const example = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { responses: Record<string, { body?: Record<string, unknown> }> };
  const body = (example.responses['200'] ?? example.responses['201'])!.body!;
  return mapVersion(sdkShape(body) as never, KEY, true);
}

function statusLines(v: ImageVersion): string[] {
  const b = demoGallery();
  const resolved = { kind: 'resolved' as const, image: b.port.images[0]!, gallery: b.port.galleries[0]! };
  return cardText(renderCard(imageStatusCard({ resolved, qualified: 'myGalleryName/myGalleryImageName', version: v, readAt: new Date('2026-11-23T12:00:00Z') })));
}

const VHD = 'https://gallerysourcencus.blob.core.windows.net/myvhds/Windows-Server-2012-R2-20171216-en.us-128GB.vhd';

test.each<[string, Partial<ImageVersion>, string[]]>([
  [
    '2026-03-03/GalleryImageVersion_Get_WithVhdAsSource.json',
    { sourceKind: 'VHD', sourceId: VHD },
    [`Built from: VHD ${VHD}`, 'OS disk: size not reported · ReadOnly caching · from the VHD above (storage account {storageAccount})'],
  ],
  [
    '2025-12-03/GalleryImageVersion_Create_WithVHD_UefiSettings.json',
    { sourceKind: 'VHD', uefi: { signatureTemplateNames: ['MicrosoftUefiCertificateAuthorityTemplate'], additionalSignatures: [{ kind: 'kek', type: 'sha256', values: 1 }, { kind: 'db', type: 'x509', values: 1 }, { kind: 'dbx', type: 'x509', values: 1 }] } },
    [`Built from: VHD ${VHD}`, 'UEFI keys: templates MicrosoftUefiCertificateAuthorityTemplate · additional kek 1 sha256, db 1 x509, dbx 1 x509'],
  ],
  [
    '2025-12-03/GalleryImageVersion_Get_WithSnapshotsAsSource.json',
    { sourceKind: 'snapshot' },
    ['Built from: snapshot {snapshotName}', 'Data disk (LUN 1): 10 GB · None caching · from snapshot {diskSnapshotName}'],
  ],
  [
    '2025-12-03/GalleryImageVersion_Get_WithValidationProfileAndReplicationStatus.json',
    {},
    [
      '✗ Validation LinuxSecurityBaseline (beta): Failed, 2018-01-01',
      '✓ Validation AzCertify (10.0.4): Succeeded, 2018-01-01',
      'Platform attributes: source_image_publisher=publishValue, source_image_offer=OfferValue, source_image_sku=SkuValue, source_image_version=1.0.0',
      'Encryption in West US: OS disk diskEncryptionSet myDiskEncryptionSet · data disk LUN 0 diskEncryptionSet myOtherDiskEncryptionSet · data disk LUN 1 diskEncryptionSet myDiskEncryptionSet',
      'Encryption elsewhere: platform-managed keys in East US',
    ],
  ],
  [
    '2025-12-03/GalleryImageVersion_Create_WithTargetExtendedLocations.json',
    {},
    ['Edge zone: West US · microsoftlosangeles1 (EdgeZone) · 1 replica · StandardSSD_LRS(default)', 'Replicas: 5 in 2 regions and 2 edge zones'],
  ],
  ['2025-12-03/GalleryImageVersion_Create_WithAdditionalReplicaSets.json', {}, ['Additional replica sets: West US +1 PremiumV2_LRS', 'Replicas: 4 in 2 regions']],
  ['2025-12-03/GalleryImageVersion_Update_RestoreSoftDeleted.json', { provisioningState: 'Updating' }, ['Provisioning: Updating']],
])('%s', (file, model, lines) => {
  const v = exampleVersion(file);
  expect(v).toMatchObject(model);
  const shown = statusLines(v);
  for (const line of lines) expect(shown.join("\n")).toContain(line);
});

test('replicas are counted over every region, additional replica set and edge zone', () => {
  // West US 1 + 1 PremiumV2 set, East US 2.
  expect(replicasOf(exampleVersion('2025-12-03/GalleryImageVersion_Create_WithAdditionalReplicaSets.json'))).toBe(4);
  // West US 1, East US 2, and one replica in each of the two edge zones.
  expect(replicasOf(exampleVersion('2025-12-03/GalleryImageVersion_Create_WithTargetExtendedLocations.json'))).toBe(5);
});
