/**
 * The table of examples: which gallery, definition and version files are read together, and the facts that
 * cannot be derived from the data (see arm-example-card-facts.ts for the derived ones and for `PENDING`).
 * Version examples sit beside the plain gallery and definition; gallery and definition examples beside the
 * plain version; the shapes built from the spec share one row with the VHD + UEFI example.
 */
import type { ExampleRow } from './arm-example-card-facts';

const ex = (file: string): string => `2025-12-03/${file}.json`;
const ex26 = (file: string): string => `2026-03-03/${file}.json`;
const spec = (file: string): string => `from-spec/${file}.json`;
const BASE = { gallery: ex('Gallery_Get'), definition: ex('GalleryImage_Get') };
const BASE_VERSION = ex('GalleryImageVersion_Get');

export const ROWS: ExampleRow[] = [
  {
    name: 'GalleryImageVersion_Get (managed image, encryption, policy violation; a VM deploys it by its direct-shared id)',
    set: { ...BASE, versions: [BASE_VERSION], vms: [{ file: '2025-04-01/VirtualMachine_Create_FromASharedGalleryImage.json', name: 'myVMFromSharedGallery', via: 'shared' }] },
    facts: [
      { on: 'usage', kind: 'usage-shared-id', shows: /myVMFromSharedGallery/, what: 'the VM deploying it through sharedGalleryImageId' },
      { on: 'evidence', kind: 'usage-shared-id', shows: /myVMFromSharedGallery/, what: 'who runs it: the VM deploying it through sharedGalleryImageId' },
    ],
  },
  ...[
    'GalleryImageVersion_Get_WithReplicationStatus',
    'GalleryImageVersion_Get_WithSnapshotsAsSource',
    'GalleryImageVersion_Get_WithValidationProfile',
    'GalleryImageVersion_Get_WithValidationProfileAndReplicationStatus',
    'GalleryImageVersion_Create_WithShallowReplicationMode',
    'GalleryImageVersion_Create_WithTargetExtendedLocations',
    'GalleryImageVersion_Create_WithVHD_UefiSettings',
    'GalleryImageVersion_Create_WithCommunityImageVersionAsSource',
    'GalleryImageVersion_Create_WithImageVersionAsSource',
    'GalleryImageVersion_Create_WithVmAsSource',
    'GalleryImageVersion_Create_WithAdditionalReplicaSets',
    'GalleryImageVersion_Create_WithStorageAccountStrategy',
    'GalleryImageVersion_Update_RestoreSoftDeleted',
  ].map((file) => ({ name: file, set: { ...BASE, versions: [ex(file)] } })),
  ...['GalleryImageVersion_Create', 'GalleryImageVersion_Get_WithVhdAsSource', 'GalleryImageVersion_Create_WithCVMDataDiskEncryption', 'GalleryImageVersion_Get_WithImageMetadataProfiles'].map((file) => ({
    name: `${file} (2026-03-03)`,
    set: { ...BASE, versions: [ex26(file)] },
  })),
  {
    name: 'Gallery_Create (body id names another gallery)',
    set: { gallery: ex('Gallery_Create'), definition: BASE.definition, versions: [BASE_VERSION] },
  },
  {
    name: 'Gallery_Create_SoftDeletionEnabled',
    set: { gallery: ex('Gallery_Create_SoftDeletionEnabled'), definition: BASE.definition, versions: [BASE_VERSION] },
    facts: [{ on: 'evidence', kind: 'gallery-soft-delete', shows: /soft[- ]delet[^\n]*(on|enabled|yes)|(on|enabled|yes)[^\n]*soft[- ]delet/i, what: 'the gallery has soft delete on' }],
  },
  {
    name: 'Gallery_Create_WithManagedIdentity',
    set: { gallery: ex('Gallery_Create_WithManagedIdentity'), definition: BASE.definition, versions: [BASE_VERSION] },
    facts: [{ on: 'evidence', kind: 'gallery-identity', shows: /SystemAssigned, UserAssigned|system[- ]assigned[^\n]*user[- ]assigned/i, what: 'the gallery identity (system- and user-assigned)' }],
  },
  {
    name: 'Gallery_Get_WithSelectPermissions (shared with groups)',
    set: { gallery: ex('Gallery_Get_WithSelectPermissions'), definition: BASE.definition, versions: [BASE_VERSION] },
    facts: [
      { on: 'galleries', kind: 'gallery-sharing', shows: /Groups/, what: 'sharing: Groups' },
      { on: 'evidence', kind: 'gallery-shared-with', shows: /34a4ab42-0d72-47d9-bd1a-aed207386dac/, what: 'a subscription it is shared with' },
      { on: 'evidence', kind: 'gallery-shared-with', shows: /c24c76aa-8897-4027-9b03-8f7928b54ff6/, what: 'the tenant it is shared with' },
    ],
  },
  {
    name: 'CommunityGallery_Create',
    set: { gallery: ex('CommunityGallery_Create'), definition: BASE.definition, versions: [BASE_VERSION] },
    facts: [
      { on: 'galleries', kind: 'gallery-sharing', shows: /Community/, what: 'sharing: Community' },
      { on: 'evidence', kind: 'gallery-community-info', shows: /PirPublic/, what: 'the community public name prefix' },
      { on: 'evidence', kind: 'gallery-community-info', shows: /pir@microsoft\.com/, what: 'the community publisher contact' },
    ],
  },
  {
    name: 'GalleryImage_Create (definition Updating)',
    set: { gallery: BASE.gallery, definition: ex('GalleryImage_Create'), versions: [BASE_VERSION] },
    facts: [{ on: 'images', kind: 'definition-provisioning', shows: /Updating/, what: 'the definition is Updating' }],
  },
  {
    name: 'GalleryImage_UpdateFeatures (Trusted Launch, no id in body)',
    set: { gallery: BASE.gallery, definition: ex('GalleryImage_UpdateFeatures'), versions: [BASE_VERSION] },
    facts: [
      { on: 'images', kind: 'definition-security-type-in-list', shows: /Trusted ?Launch/i, what: 'security type Trusted Launch' },
      { on: 'evidence', kind: 'definition-security-type', shows: /Trusted ?Launch/i, what: 'security type Trusted Launch' },
      { on: 'evidence', kind: 'definition-features', shows: /2\.0\.0/, what: 'the feature starts at version 2.0.0' },
    ],
  },
  {
    name: 'from spec: community gallery with soft delete, Trusted Launch Arm64 definition, failed / creating / region-excluded versions beside the VHD+UEFI example',
    set: {
      gallery: spec('Gallery_Get_CommunityWithSoftDelete'),
      definition: spec('GalleryImage_Get_TrustedLaunchArm64'),
      versions: [ex('GalleryImageVersion_Create_WithVHD_UefiSettings'), spec('GalleryImageVersion_Get_ProvisioningFailed'), spec('GalleryImageVersion_Get_Creating'), spec('GalleryImageVersion_Get_RegionExcludedFromLatest')],
      vms: [{ file: '2026-04-01/VirtualMachine_Create_FromACommunityGalleryImage.json', name: 'myVMFromCommunityGallery', via: 'community' }],
    },
    facts: [
      { on: 'usage', kind: 'usage-community-id', shows: /myVMFromCommunityGallery/, what: 'the VM deploying it through communityGalleryImageId' },
      { on: 'evidence', kind: 'usage-community-id', shows: /myVMFromCommunityGallery/, what: 'who runs it: the VM deploying it through communityGalleryImageId' },
      { on: 'galleries', kind: 'gallery-sharing', shows: /Community/, what: 'sharing: Community' },
      { on: 'evidence', kind: 'gallery-soft-delete', shows: /soft[- ]delet[^\n]*(on|enabled|yes)|(on|enabled|yes)[^\n]*soft[- ]delet/i, what: 'the gallery has soft delete on' },
      { on: 'evidence', kind: 'gallery-community-info', shows: /PirPublic-1a2b3c4d/, what: 'the community public name' },
      { on: 'images', kind: 'definition-architecture', shows: /Arm64/, what: 'architecture Arm64' },
      { on: 'images', kind: 'definition-end-of-life', shows: /2099-12-31/, what: 'definition end of life 2099-12-31' },
      { on: 'images', kind: 'definition-security-type-in-list', shows: /Trusted ?Launch/i, what: 'security type Trusted Launch' },
      { on: 'evidence', kind: 'definition-security-type', shows: /Trusted ?Launch/i, what: 'security type Trusted Launch' },
      { on: 'evidence', kind: 'definition-features', shows: /NVMe/, what: 'disk controller types feature' },
      { on: 'evidence', kind: 'definition-plan', shows: /myPlanProduct/, what: 'the purchase plan' },
    ],
  },
];

