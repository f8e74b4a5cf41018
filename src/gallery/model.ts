/**
 * The project's own view of Azure Compute Gallery resources.
 *
 * Everything outside the ARM adapter works with these types, never with `@azure/arm-compute` models, so the
 * SDK can change (it did: v25 is a regenerated, TypeSpec-based client) without touching commands or cards.
 */

/** Where a gallery lives: enough to address it with ARM. */
export interface GalleryKey {
  subscriptionId: string;
  resourceGroup: string;
  gallery: string;
}

/** An image definition's address. */
export interface ImageKey extends GalleryKey {
  image: string;
}

/** How far a gallery is shared; anything but `Private` is a finding for `report`. */
export type SharingMode = 'Private' | 'Groups' | 'Community' | string;

/** A gallery as listed in scope. */
export interface Gallery extends GalleryKey {
  id: string;
  location: string;
  description?: string;
  sharing: SharingMode;
  /** Subscription ids / tenant ids the gallery is shared with when `sharing` is `Groups`. */
  sharedWith: string[];
  softDeleteEnabled: boolean;
  provisioningState?: string;
  /** The rest of what ARM says about the gallery (identity, community info, sharing status); absent in fakes. */
  more?: GalleryMore;
}

/** Gallery fields no command decides on, kept so `image status` and `evidence` can show them. */
export interface GalleryMore {
  uniqueName?: string;
  identityType?: string;
  userAssignedIdentities: number;
  community?: { publisherUri?: string; publisherContact?: string; eula?: string; publicNamePrefix?: string; enabled?: boolean; publicNames: string[] };
  sharingState?: string;
  sharingRegions: { region: string; state?: string; details?: string }[];
}

/** An image definition (`Microsoft.Compute/galleries/images`). */
export interface ImageDefinition extends ImageKey {
  id: string;
  location: string;
  description?: string;
  osType: string;
  osState: string;
  hyperVGeneration?: string;
  architecture?: string;
  publisher: string;
  offer: string;
  sku: string;
  endOfLifeDate?: Date;
  provisioningState?: string;
  /** The rest of what ARM says about the definition; absent in fakes. */
  more?: ImageDefinitionMore;
}

/** Definition fields no command decides on, kept so `image status` and `evidence` can show them. */
export interface ImageDefinitionMore {
  eula?: string;
  privacyStatementUri?: string;
  releaseNoteUri?: string;
  /** `name=value` pairs, e.g. `SecurityType=TrustedLaunch`; `startsAtVersion` when the feature starts later. */
  features: { name: string; value?: string; startsAtVersion?: string }[];
  recommended?: { vCPUs?: { min?: number; max?: number }; memoryGB?: { min?: number; max?: number } };
  disallowedDiskTypes: string[];
  purchasePlan?: { name?: string; publisher?: string; product?: string };
  allowUpdateImage?: boolean;
}

/** Customer-managed keys of one region or edge zone (`encryption`). */
export interface ReplicaEncryption {
  osDiskEncryptionSetId?: string;
  confidentialVMEncryptionType?: string;
  secureVMDiskEncryptionSetId?: string;
  dataDisks: { lun?: number; diskEncryptionSetId?: string }[];
}

/** One entry of a version's publishing profile `targetRegions`. */
export interface TargetRegion {
  /** As Azure shows it (usually a display name such as "East US 2"). */
  name: string;
  regionalReplicaCount?: number;
  storageAccountType?: string;
  excludeFromLatest: boolean;
  /** Customer-managed keys in this region; absent: platform-managed keys. */
  encryption?: ReplicaEncryption;
  /** Extra replicas of another storage type in this region (e.g. Premium beside Standard). */
  additionalReplicaSets?: { storageAccountType?: string; regionalReplicaCount?: number }[];
}

/** One entry of `targetExtendedLocations`: replicas in an edge zone of a region. */
export interface ExtendedLocationTarget {
  /** The region the edge zone belongs to. */
  region: string;
  edgeZone?: string;
  type?: string;
  replicaCount?: number;
  storageAccountType?: string;
  encryption?: ReplicaEncryption;
}

/** One disk of the version (`storageProfile.osDiskImage` / `dataDiskImages`) and where it was built from. */
export interface DiskImage {
  /** `OS disk` or `data disk (LUN 1)`. */
  disk: string;
  sizeGB?: number;
  hostCaching?: string;
  /** A snapshot or managed disk id. */
  sourceId?: string;
  /** A VHD's blob URI, with `storageAccountId` naming the account it is in. */
  sourceUri?: string;
  storageAccountId?: string;
}

/** What ARM returns with `$expand=ValidationProfile`. */
export interface VersionValidation {
  executed: { type: string; status: string; version?: string; executedAt?: Date }[];
  platformAttributes: { name: string; value?: string }[];
  etag?: string;
}

/** `securityProfile.uefiSettings`: UEFI keys the image ships with. */
export interface UefiSettings {
  signatureTemplateNames: string[];
  /** Additional keys by kind (`pk`, `kek`, `db`, `dbx`): how many values of which type. */
  additionalSignatures: { kind: string; type?: string; values: number }[];
}

/** Replication state per region, as ARM reports it with `$expand=ReplicationStatus`. */
export type ReplicationState = 'Replicating' | 'Completed' | 'Failed' | 'Unknown';

export interface RegionReplication {
  region: string;
  state: ReplicationState;
  /** 0–100. */
  progress?: number;
  details?: string;
}

export interface PolicyViolation {
  category: string;
  details?: string;
}

/** An image version (`Microsoft.Compute/galleries/images/versions`). */
export interface ImageVersion extends ImageKey {
  id: string;
  /** `Major.Minor.Patch` as ARM names it. */
  version: string;
  location: string;
  provisioningState?: string;
  publishedDate?: Date;
  endOfLifeDate?: Date;
  /** Global `publishingProfile.excludeFromLatest`. */
  excludeFromLatest: boolean;
  replicaCount?: number;
  storageAccountType?: string;
  replicationMode?: string;
  targetRegions: TargetRegion[];
  /** The source's ARM id (managed image, VM, another gallery version, community image) or, built from disks, the OS disk's snapshot id or VHD URI. */
  sourceId?: string;
  /** What `sourceId` is, in words (`managed image`, `VM`, `VHD`, …), when known. */
  sourceKind?: string;
  /** OS and data disks with their own sources (VHD, snapshot); absent in fakes. */
  disks?: DiskImage[];
  /** Replicas in edge zones (`targetExtendedLocations`). */
  extendedLocations?: ExtendedLocationTarget[];
  /** `storageAccountStrategy`: how ARM picks the storage type when none is given. */
  storageAccountStrategy?: string;
  uefi?: UefiSettings;
  /** `restore`: set on a version restored from soft delete (the request that restored it). */
  restore?: boolean;
  /** Present only when read with `$expand=ValidationProfile`. */
  validation?: VersionValidation;

  osDiskSizeGB?: number;
  dataDiskSizesGB: number[];
  safety: {
    allowDeletionOfReplicatedLocations?: boolean;
    blockDeletionBeforeEndOfLife?: boolean;
    reportedForPolicyViolation?: boolean;
    policyViolations: PolicyViolation[];
  };
  /** Present only when read with replication status. */
  replication?: {
    aggregatedState: ReplicationState | string;
    regions: RegionReplication[];
  };
}
