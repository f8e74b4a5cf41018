import type { ExtendedLocationTarget, Gallery, GalleryKey, ImageDefinition, ImageKey, ImageVersion, TargetRegion } from './model';

/**
 * What the rest of GalleryOps needs from Azure Compute Gallery. The ARM adapter implements it against Azure or
 * the emulator; unit tests implement it in memory. Every method may throw the typed errors of `../errors`.
 */
export interface GalleryPort {
  /** Every gallery in the configured scopes. */
  listGalleries(options?: CallOptions): Promise<Gallery[]>;
  /** Every image definition in one gallery. */
  listImages(gallery: GalleryKey, options?: CallOptions): Promise<ImageDefinition[]>;
  /** Every version of one definition (without replication status: ARM's list cannot expand it). */
  listVersions(image: ImageKey, options?: CallOptions): Promise<ImageVersion[]>;
  /**
   * One version. `withReplication` is the full read: ARM is asked for `$expand=ReplicationStatus,ValidationProfile`
   * in the same GET, so replication and validation results (a safety finding when failed) come together.
   */
  getVersion(image: ImageKey, version: string, options?: CallOptions & { withReplication?: boolean }): Promise<ImageVersion>;
}

/** Per-call options, after the Azure SDK guidelines. */
export interface CallOptions {
  abortSignal?: AbortSignal;
}

/** Changes `updateVersion` can make; `targetRegions` replaces the whole list. */
export interface VersionPatch {
  excludeFromLatest?: boolean;
  targetRegions?: TargetRegion[];
  endOfLifeDate?: Date;
}

/** What `createVersion` needs: the new version copies `sourceVersionId` (e.g. the staging gallery's version). */
export interface NewVersion {
  sourceVersionId: string;
  targetRegions: TargetRegion[];
  excludeFromLatest: boolean;
  endOfLifeDate?: Date;
  /** Edge zones, with their keys (a stage copy keeps its source's). */
  targetExtendedLocations?: ExtendedLocationTarget[];
  /** Defaults for regions that name none (a stage copy keeps its source's). */
  replicaCount?: number;
  storageAccountType?: string;
  storageAccountStrategy?: string;
  /** Default: the definition's location. */
  location?: string;
}

/** Options of the writes: long-running operations whose id the caller may want to record. */
export interface WriteOptions extends CallOptions {
  /** Told the operation's status URL once ARM has accepted the write (for the request card and the audit). */
  onOperation?: (operation: string) => void;
}

/**
 * The writes approved change requests make. Each waits for ARM's long-running operation. A write ARM refused
 * outright throws the typed error of the refusal; once ARM may have accepted it (the operation was accepted
 * and then could not be followed, or the answer was lost or was a 409 from an operation already running) it
 * throws `OutcomeUnknownError`: only reading the version back can tell what happened.
 */
export interface GalleryWriter {
  updateVersion(image: ImageKey, version: string, patch: VersionPatch, options?: WriteOptions): Promise<ImageVersion>;
  createVersion(image: ImageKey, version: string, spec: NewVersion, options?: WriteOptions): Promise<ImageVersion>;
}
