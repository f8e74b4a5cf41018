import type { ImageVersion, TargetRegion } from '../gallery/model';

/**
 * What ARM applies when a target region leaves a field out: the version's global replica count and storage
 * type (and ARM's own defaults when those are absent too).
 */
export function effectiveReplicas(version: ImageVersion, region: TargetRegion): number {
  return region.regionalReplicaCount ?? version.replicaCount ?? 1;
}

export function effectiveStorage(version: ImageVersion, region: TargetRegion): string {
  return region.storageAccountType ?? version.storageAccountType ?? 'Standard_LRS';
}

/** OS disk plus data disks, in GB; undefined when ARM did not say how large the OS disk is. */
export function versionSizeGB(version: ImageVersion): number | undefined {
  if (version.osDiskSizeGB === undefined) return undefined;
  return version.osDiskSizeGB + version.dataDiskSizesGB.reduce((a, b) => a + b, 0);
}
