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
}

/** One entry of a version's publishing profile `targetRegions`. */
export interface TargetRegion {
  /** As Azure shows it (usually a display name such as "East US 2"). */
  name: string;
  regionalReplicaCount?: number;
  storageAccountType?: string;
  excludeFromLatest: boolean;
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
  /** The source's ARM id (managed image, VM, snapshot, another gallery version) or URI. */
  sourceId?: string;
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
