import type { Gallery, GalleryKey, ImageDefinition, ImageKey, ImageVersion } from './model';

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
  /** One version; `withReplication` asks ARM for `$expand=ReplicationStatus` in the same GET. */
  getVersion(image: ImageKey, version: string, options?: CallOptions & { withReplication?: boolean }): Promise<ImageVersion>;
}

/** Per-call options, after the Azure SDK guidelines. */
export interface CallOptions {
  abortSignal?: AbortSignal;
}
