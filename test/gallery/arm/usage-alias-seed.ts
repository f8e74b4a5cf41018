/**
 * The demo seed with gal_golden shared to the community and workloads that reference its images through the
 * direct shared gallery id and the community gallery id. The VMs are Microsoft's own examples
 * (VirtualMachine_Create_From{A,ACommunity}SharedGalleryImage, test/fixtures/usage-examples) with their names
 * and ids replaced by the demo's; scale sets use the spec's `virtualMachineProfile.storageProfile` shape.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoSeedDir } from '../../../emulator/seed-location';
import { readSeedDir } from '../../../emulator/seed-loader';
import type { SeedEntry } from '../../../emulator/start-emulator';

export const SUB = '11111111-2222-3333-4444-555555555555';
/** `identifier.uniqueName` as Azure generates it (`<subscription>-<GALLERY>`, Gallery_Get.json); the demo seed has it. */
export const GOLDEN_SHARED = `${SUB}-GAL_GOLDEN`;
export const STAGING_SHARED = `${SUB}-GAL_STAGING`;
/** A community public name: `publicNamePrefix` plus a generated id (CommunityGallery_Get.json's `prefix-xxxxx`). */
export const GOLDEN_PUBLIC = 'contoso-golden-1fb35c99-9f7d-4e54-9b12-bd35cf2602f7';

const EXAMPLES = join(__dirname, '../../fixtures/usage-examples');

function exampleVm(file: string, name: string, reference: Record<string, string>): SeedEntry {
  const body = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')).responses['200'].body;
  body.id = `/subscriptions/${SUB}/resourceGroups/rg-partners/providers/Microsoft.Compute/virtualMachines/${name}`;
  body.name = name;
  body.properties.storageProfile.imageReference = reference;
  body.properties.provisioningState = 'Succeeded';
  return { resource: body };
}

function scaleSet(name: string, reference: Record<string, string>): SeedEntry {
  return {
    resource: {
      id: `/subscriptions/${SUB}/resourceGroups/rg-partners/providers/Microsoft.Compute/virtualMachineScaleSets/${name}`,
      name,
      type: 'Microsoft.Compute/virtualMachineScaleSets',
      location: 'westeurope',
      properties: { virtualMachineProfile: { storageProfile: { imageReference: reference } }, provisioningState: 'Succeeded' },
    },
  };
}

/** gal_golden as a Community gallery (Gallery GET shape: `sharingProfile.communityGalleryInfo.publicNames`). */
function communityGolden(entry: SeedEntry): SeedEntry {
  const doc = entry.resource as { name?: string; properties?: Record<string, unknown> };
  if (doc.name !== 'gal_golden' || doc.properties === undefined) return entry;
  const sharingProfile = {
    permissions: 'Community',
    communityGalleryInfo: { publisherUri: 'https://contoso.example', publisherContact: 'images@contoso.example', eula: 'https://contoso.example/eula', publicNamePrefix: 'contoso-golden', communityGalleryEnabled: true, publicNames: [GOLDEN_PUBLIC] },
  };
  return { resource: { ...doc, properties: { ...doc.properties, sharingProfile } } };
}

/** Every alias shape the issue names, plus look-alikes that must not count. */
export function aliasSeed(): SeedEntry[] {
  return [
    ...readSeedDir(demoSeedDir()).map(communityGolden),
    scaleSet('vmss-partner-shared', { sharedGalleryImageId: `/SharedGalleries/${GOLDEN_SHARED}/Images/dispatch/Versions/2026.5.0` }),
    scaleSet('vmss-partner-community', { communityGalleryImageId: `/CommunityGalleries/${GOLDEN_PUBLIC}/Images/dispatch` }),
    exampleVm('VirtualMachine_Create_FromASharedGalleryImage.json', 'vm-partner-shared', { sharedGalleryImageId: `/sharedgalleries/${GOLDEN_SHARED.toLowerCase()}/images/dispatch/versions/latest` }),
    exampleVm('VirtualMachine_Create_FromACommunityGalleryImage.json', 'vm-partner-community', { communityGalleryImageId: `/CommunityGalleries/${GOLDEN_PUBLIC}/Images/DISPATCH/Versions/2026.05.0` }),
    // Same image name, another gallery's alias: staging's dispatch, not golden's.
    scaleSet('vmss-partner-staging', { sharedGalleryImageId: `/SharedGalleries/${STAGING_SHARED}/Images/dispatch/Versions/2026.5.0` }),
    // Another image of the same gallery whose name starts the same.
    scaleSet('vmss-partner-lookalike', { communityGalleryImageId: `/CommunityGalleries/${GOLDEN_PUBLIC}/Images/dispatch-v2/Versions/2026.5.0` }),
  ];
}
