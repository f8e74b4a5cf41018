/**
 * A target region in ARM's own words (`publishingProfile.targetRegions[]` of the REST body, which the SDK model
 * mirrors field for field) and the project's `TargetRegion`. Writes go through here, so a region written back
 * carries everything ARM said about it: its customer-managed keys and additional replica sets as well as its
 * replica count, storage type and latest setting. Dropping the keys of a region that is written back (a repair
 * removing and re-adding it, a stage copy) would leave its replicas on platform-managed keys.
 */
import type { ExtendedLocationTarget, ReplicaEncryption, TargetRegion } from './model';

/** `encryption` of a region or edge zone, as ARM spells it. */
export interface ArmEncryption {
  osDiskImage?: { diskEncryptionSetId?: string; securityProfile?: { confidentialVMEncryptionType?: string; secureVMDiskEncryptionSetId?: string } };
  dataDiskImages?: { lun?: number; diskEncryptionSetId?: string }[];
}

/** One `targetRegions` entry, as ARM spells it; unset values are left out. */
export interface ArmTargetRegion {
  name: string;
  regionalReplicaCount?: number;
  storageAccountType?: string;
  excludeFromLatest: boolean;
  encryption?: ArmEncryption;
  additionalReplicaSets?: { storageAccountType?: string; regionalReplicaCount?: number }[];
}

/** Keeps only the keys whose value is set, so a body never sends `null` where ARM had nothing. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function encryptionToArm(e: ReplicaEncryption): ArmEncryption {
  const security = defined({ confidentialVMEncryptionType: e.confidentialVMEncryptionType, secureVMDiskEncryptionSetId: e.secureVMDiskEncryptionSetId });
  const os = defined({ diskEncryptionSetId: e.osDiskEncryptionSetId, securityProfile: Object.keys(security).length ? security : undefined });
  return defined({
    osDiskImage: Object.keys(os).length ? os : undefined,
    dataDiskImages: e.dataDisks.length ? e.dataDisks.map((d) => defined({ lun: d.lun, diskEncryptionSetId: d.diskEncryptionSetId })) : undefined,
  });
}

export function encryptionFromArm(e: ArmEncryption): ReplicaEncryption {
  const os = e.osDiskImage;
  return {
    osDiskEncryptionSetId: os?.diskEncryptionSetId,
    confidentialVMEncryptionType: os?.securityProfile?.confidentialVMEncryptionType,
    secureVMDiskEncryptionSetId: os?.securityProfile?.secureVMDiskEncryptionSetId,
    dataDisks: (e.dataDiskImages ?? []).map((d) => ({ lun: d.lun, diskEncryptionSetId: d.diskEncryptionSetId })),
  };
}

export function targetRegionToArm(r: TargetRegion): ArmTargetRegion {
  return defined({
    name: r.name,
    regionalReplicaCount: r.regionalReplicaCount,
    storageAccountType: r.storageAccountType,
    excludeFromLatest: r.excludeFromLatest,
    encryption: r.encryption ? encryptionToArm(r.encryption) : undefined,
    additionalReplicaSets: r.additionalReplicaSets?.map((a) => defined({ storageAccountType: a.storageAccountType, regionalReplicaCount: a.regionalReplicaCount })),
  });
}

export function targetRegionFromArm(r: Omit<ArmTargetRegion, 'excludeFromLatest'> & { excludeFromLatest?: boolean }): TargetRegion {
  return {
    name: r.name,
    regionalReplicaCount: r.regionalReplicaCount,
    storageAccountType: r.storageAccountType,
    excludeFromLatest: r.excludeFromLatest ?? false,
    ...(r.encryption ? { encryption: encryptionFromArm(r.encryption) } : {}),
    ...(r.additionalReplicaSets?.length ? { additionalReplicaSets: r.additionalReplicaSets.map((a) => ({ storageAccountType: a.storageAccountType, regionalReplicaCount: a.regionalReplicaCount })) } : {}),
  };
}

/** One `targetExtendedLocations` entry (an edge zone of a region), as ARM spells it; unset values are left out. */
export interface ArmExtendedLocation {
  name: string;
  extendedLocation?: { name?: string; type?: string };
  extendedLocationReplicaCount?: number;
  storageAccountType?: string;
  encryption?: ArmEncryption;
}

export function extendedLocationToArm(e: ExtendedLocationTarget): ArmExtendedLocation {
  const zone = defined({ name: e.edgeZone, type: e.type });
  return defined({
    name: e.region,
    extendedLocation: Object.keys(zone).length ? zone : undefined,
    extendedLocationReplicaCount: e.replicaCount,
    storageAccountType: e.storageAccountType,
    encryption: e.encryption ? encryptionToArm(e.encryption) : undefined,
  });
}

export function extendedLocationFromArm(e: ArmExtendedLocation): ExtendedLocationTarget {
  return defined({
    region: e.name,
    edgeZone: e.extendedLocation?.name,
    type: e.extendedLocation?.type,
    replicaCount: e.extendedLocationReplicaCount,
    storageAccountType: e.storageAccountType,
    encryption: e.encryption ? encryptionFromArm(e.encryption) : undefined,
  });
}
