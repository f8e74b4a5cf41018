import type { CallOptions } from './gallery-port';
import type { AliasKind, GalleryAliases } from './image-reference';
import type { ImageKey } from './model';

/** A scale set or VM whose image reference names a gallery definition or one of its versions. */
export interface UsageRef {
  /** The scale set's or VM's ARM id. */
  id: string;
  name: string;
  resourceGroup: string;
  subscriptionId: string;
  /** Region as ARM names it (`eastus2`), when the reader knows it. */
  location?: string;
  /**
   * The gallery image id it deploys: `storageProfile.imageReference.id` as ARM returned it (its letter case
   * varies), or, for a reference through a shared or community gallery id, the equivalent ARM id of the
   * definition or version, so that every reader of references compares one form.
   */
  imageReferenceId: string;
  /** Set when the reference names the gallery by an alias: which property, and its value as ARM returned it. */
  referencedAs?: { kind: AliasKind; id: string };
  /** True when it names a version; false when it names the definition, i.e. gets "latest" at deployment. */
  pinned: boolean;
}

/** Who deploys from an image: scale sets (their model) and single VMs. */
export interface VersionUsage {
  scaleSets: UsageRef[];
  vms: UsageRef[];
  /**
   * The gallery's aliases shared and community ids were matched against, as the reader found them (absent: it
   * could not read them, and only ARM ids were matched), so evidence can say exactly what was looked for.
   */
  aliases?: GalleryAliases;
}

/**
 * Finds the scale sets and VMs that reference an image definition. With `version`: the ones pinned to that
 * version plus the ones referencing the definition (latest); without: every reference to the definition or
 * any of its versions. A reference counts by the gallery image id (`imageReference.id`), the direct shared
 * gallery id (`sharedGalleryImageId`) or the community gallery id (`communityGalleryImageId`), compared without
 * letter case. Answered by one Azure Resource Graph query across the configured subscriptions.
 */
export interface UsageReader {
  findUsage(image: ImageKey, version?: string, options?: CallOptions): Promise<VersionUsage>;
}
