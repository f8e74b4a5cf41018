/**
 * Which fields each gallery api-version knows. ARM serialises a resource with the model of the api-version asked
 * for, so a field added later is simply absent from an older version's answer; this table drives the same for
 * the emulator. Each `since` is the first stable api-version whose spec defines the field, read in
 * Azure/azure-rest-api-specs (Microsoft.Compute GalleryRP/stable/<v>/gallery.json up to 2023-07-03, GalleryRP.json
 * from 2024-03-03, Compute/stable/2026-03-03/GalleryRP.json):
 * - 2021-07-01 has no GalleryImage architecture, no targetExtendedLocations, no OS disk encryption securityProfile
 *   (confidential VM) and, in the gallery, neither sharingStatus nor sharingProfile.communityGalleryInfo;
 *   2021-10-01 has all of them.
 * - 2022-01-03 has no TargetRegion.excludeFromLatest, no storageProfile.source.communityGalleryImageId, no
 *   GalleryDiskImageSource.storageAccountId and no image-version safetyProfile (nor has 2021-10-01); 2022-03-03 has
 *   all four, with reportedForPolicyViolation / policyViolations.
 * - 2022-03-03 has no image-version securityProfile; 2022-08-03 has it (uefiSettings), still without
 *   storageProfile.source.virtualMachineId; 2023-07-03's safety profile has no blockDeletionBeforeEndOfLife.
 * - 2024-03-03 adds safetyProfile.blockDeletionBeforeEndOfLife, restore, validationsProfile and
 *   TargetRegion.additionalReplicaSets; its publishing profile has no storageAccountStrategy.
 * - storageAccountStrategy first appears with 2025-03-03 (GalleryImageVersion_Create_WithStorageAccountStrategy).
 * - 2026-03-03 adds the read-only imageMetadataProfiles.
 * - Gallery identity and GalleryImage allowUpdateImage first appear with 2024-03-03 (Gallery_Create_WithManagedIdentity,
 *   GalleryImage_UpdateFeatures; neither exists for 2023-07-03).
 * - virtualMachineId (capture from a VM) is taken as 2023-07-03: 2022-08-03's GalleryArtifactVersionFullSource has
 *   only id and communityGalleryImageId, and GalleryImageVersion_Create_WithVmAsSource names it for 2023-07-03.
 * Fields present in every accepted version (replicationStatus, targetExtendedLocations, replicationMode …) are
 * not listed. A path segment `[]` walks every element of an array.
 */
import type { ResourceKind } from './arm-route';
import { isObject } from './json';

/** One field and the first api-version that serves it. */
export interface FieldIntroduction {
  kind: ResourceKind;
  path: string[];
  since: string;
}

const at = (kind: ResourceKind, dotted: string, since: string): FieldIntroduction => ({ kind, path: dotted.split('.'), since });

export const FIELD_INTRODUCTIONS: readonly FieldIntroduction[] = [
  at('version', 'properties.publishingProfile.targetExtendedLocations', '2021-10-01'),
  at('version', 'properties.publishingProfile.targetRegions.[].encryption.osDiskImage.securityProfile', '2021-10-01'),
  at('version', 'properties.safetyProfile', '2022-03-03'),
  at('version', 'properties.safetyProfile.reportedForPolicyViolation', '2022-03-03'),
  at('version', 'properties.safetyProfile.policyViolations', '2022-03-03'),
  at('version', 'properties.publishingProfile.targetRegions.[].excludeFromLatest', '2022-03-03'),
  at('version', 'properties.storageProfile.source.communityGalleryImageId', '2022-03-03'),
  at('version', 'properties.storageProfile.osDiskImage.source.storageAccountId', '2022-03-03'),
  at('version', 'properties.storageProfile.dataDiskImages.[].source.storageAccountId', '2022-03-03'),
  at('version', 'properties.securityProfile', '2022-08-03'),
  at('version', 'properties.storageProfile.source.virtualMachineId', '2023-07-03'),
  at('version', 'properties.safetyProfile.blockDeletionBeforeEndOfLife', '2024-03-03'),
  at('version', 'properties.restore', '2024-03-03'),
  at('version', 'properties.validationsProfile', '2024-03-03'),
  at('version', 'properties.publishingProfile.targetRegions.[].additionalReplicaSets', '2024-03-03'),
  at('version', 'properties.publishingProfile.storageAccountStrategy', '2025-03-03'),
  at('version', 'properties.imageMetadataProfiles', '2026-03-03'),
  at('image', 'properties.architecture', '2021-10-01'),
  at('image', 'properties.allowUpdateImage', '2024-03-03'),
  at('gallery', 'properties.sharingStatus', '2021-10-01'),
  at('gallery', 'properties.sharingProfile.communityGalleryInfo', '2021-10-01'),
  at('gallery', 'identity', '2024-03-03'),
];

function omitAt(value: unknown, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (head === '[]') {
    if (Array.isArray(value)) for (const item of value) omitAt(item, rest);
    return;
  }
  if (!isObject(value)) return;
  if (rest.length === 0) delete value[head];
  else omitAt(value[head], rest);
}

/** Removes, in place, every field of `doc` (a resource of `kind`) that `apiVersion` does not know yet. */
export function omitNewerFields(doc: unknown, kind: ResourceKind, apiVersion: string): void {
  for (const field of FIELD_INTRODUCTIONS) {
    if (field.kind === kind && apiVersion < field.since) omitAt(doc, field.path);
  }
}

/** Whether `apiVersion` serves the field at `dotted` of `kind` (true for fields the table does not list). */
export function servesField(kind: ResourceKind, dotted: string, apiVersion: string): boolean {
  const field = FIELD_INTRODUCTIONS.find((f) => f.kind === kind && f.path.join('.') === dotted);
  return field === undefined || apiVersion >= field.since;
}
