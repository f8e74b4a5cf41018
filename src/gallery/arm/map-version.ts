/** SDK image-version model → the project's ImageVersion (flattened SDK shape, Dates, optional everything). */
import type { GalleryImageVersion as SdkVersion } from '@azure/arm-compute';
import type { ImageKey, ImageVersion, RegionReplication, ReplicationState } from '../model';
import { lastSegment, versionArmId } from './arm-ids';
import { MalformedReplyError, validDate } from './map-gallery';
import { targetRegionFromArm } from '../target-region-arm';
import { mapDisks, mapExtendedLocations, mapSource, mapUefi, mapValidation } from './map-version-parts';

const STATES: readonly string[] = ['Replicating', 'Completed', 'Failed'];

function replicationState(value: string | undefined): ReplicationState {
  return value !== undefined && STATES.includes(value) ? (value as ReplicationState) : 'Unknown';
}

/**
 * `withReplication`: the full read (`$expand=ReplicationStatus,ValidationProfile`), so a missing replication
 * status is reported as Unknown and missing validation results as none run. Lists expand nothing: there
 * validation stays undefined (not read).
 */
export function mapVersion(sdk: SdkVersion, image: ImageKey, withReplication: boolean): ImageVersion {
  const name = sdk.name ?? lastSegment(sdk.id);
  if (name === undefined) throw new MalformedReplyError(`image version without a name in ${image.gallery}/${image.image}`);
  const profile = sdk.publishingProfile;
  const storage = sdk.storageProfile;
  const safety = sdk.safetyProfile;
  const targetRegions = (profile?.targetRegions ?? []).map(targetRegionFromArm);
  const disks = mapDisks(storage);
  // A full read asked for the validation profile: ARM sending none means no validation ran, not "not read".
  const validation = mapValidation(sdk.validationsProfile) ?? (withReplication ? { executed: [], platformAttributes: [] } : undefined);
  const uefi = mapUefi(sdk.securityProfile);
  const version: ImageVersion = {
    ...image,
    id: sdk.id ?? versionArmId(image, name),
    version: name,
    location: sdk.location ?? '',
    provisioningState: sdk.provisioningState,
    publishedDate: validDate(profile?.publishedDate),
    endOfLifeDate: validDate(profile?.endOfLifeDate),
    excludeFromLatest: profile?.excludeFromLatest ?? false,
    replicaCount: profile?.replicaCount,
    storageAccountType: profile?.storageAccountType,
    replicationMode: profile?.replicationMode,
    targetRegions,
    ...mapSource(storage, disks),
    disks,
    extendedLocations: mapExtendedLocations(profile),
    ...(profile?.storageAccountStrategy ? { storageAccountStrategy: profile.storageAccountStrategy } : {}),
    ...(uefi ? { uefi } : {}),
    ...(sdk.restore === undefined ? {} : { restore: sdk.restore }),
    ...(validation ? { validation } : {}),
    osDiskSizeGB: storage?.osDiskImage?.sizeInGB,
    dataDiskSizesGB: (storage?.dataDiskImages ?? []).map((d) => d.sizeInGB).filter((n): n is number => typeof n === 'number'),
    safety: {
      allowDeletionOfReplicatedLocations: safety?.allowDeletionOfReplicatedLocations,
      blockDeletionBeforeEndOfLife: safety?.blockDeletionBeforeEndOfLife,
      reportedForPolicyViolation: safety?.reportedForPolicyViolation,
      policyViolations: (safety?.policyViolations ?? []).map((v) => ({ category: v.category ?? 'Other', details: v.details })),
    },
  };
  const status = sdk.replicationStatus;
  if (status !== undefined) {
    const regions: RegionReplication[] = (status.summary ?? []).map((r) => ({
      region: r.region ?? '',
      state: replicationState(r.state),
      progress: r.progress,
      details: r.details === '' ? undefined : r.details,
    }));
    version.replication = { aggregatedState: status.aggregatedState ?? 'Unknown', regions };
  } else if (withReplication) {
    version.replication = { aggregatedState: 'Unknown', regions: targetRegions.map((r) => ({ region: r.name, state: 'Unknown' })) };
  }
  return version;
}
