/**
 * `$expand` on an image version GET. ARM adds the expensive, read-only parts only when asked: `ReplicationStatus`
 * (every accepted version) and `ValidationProfile` (validationsProfile, 2024-03-03 on). The spec's enum
 * (ReplicationStatusTypes, 2025-12-03) lists only ReplicationStatus and UefiSettings, but Microsoft's own example
 * GalleryImageVersion_Get_WithValidationProfileAndReplicationStatus asks `ValidationProfile,ReplicationStatus` and
 * gets both, so the value is read as a comma list, matched case-insensitively like ARM's enums. `UefiSettings` is
 * accepted, but no example shows what it changes, so securityProfile is served as stored either way.
 */
import { servesField } from './api-fields';

/** What an image version answer includes besides the stored document. */
export interface VersionExpansion {
  replicationStatus: boolean;
  validationsProfile: boolean;
  /** Asked for (from 2022-08-03, where securityProfile exists); the stored uefiSettings are served either way. */
  uefiSettings: boolean;
}

export const NO_EXPANSION: VersionExpansion = { replicationStatus: false, validationsProfile: false, uefiSettings: false };

/** Reads `$expand` for an image version GET at `apiVersion`. */
export function versionExpansion(expand: string | null, apiVersion: string): VersionExpansion {
  const asked = new Set((expand ?? '').split(',').map((e) => e.trim().toLowerCase()).filter((e) => e !== ''));
  return {
    replicationStatus: asked.has('replicationstatus'),
    validationsProfile: asked.has('validationprofile') && servesField('version', 'properties.validationsProfile', apiVersion),
    uefiSettings: asked.has('uefisettings') && servesField('version', 'properties.securityProfile', apiVersion),
  };
}
