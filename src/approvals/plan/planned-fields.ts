import type { ImageKey, ImageVersion } from '../../gallery/model';
import type { VersionTarget } from '../change-request';

/** The ARM property paths a plan may change; the card shows them and the executor reads them back. */
export const FIELD = {
  excludeFromLatest: 'publishingProfile.excludeFromLatest',
  targetRegions: 'publishingProfile.targetRegions',
  endOfLifeDate: 'publishingProfile.endOfLifeDate',
  sourceId: 'storageProfile.source.id',
  // A stage copy's storage and edge zones, copied from its source (see plan-promote-stage.ts).
  targetExtendedLocations: 'publishingProfile.targetExtendedLocations',
  replicaCount: 'publishingProfile.replicaCount',
  storageAccountType: 'publishingProfile.storageAccountType',
  storageAccountStrategy: 'publishingProfile.storageAccountStrategy',
} as const;

/**
 * The path a repair plans per region: ARM's `replicationStatus.summary[].state`, keyed by the region's name as
 * Azure shows it. Not a property anyone writes: a repair's update re-sends the target regions, and this is
 * the state it aims for (Failed → Completed), which the card shows and the read-back checks.
 */
export function replicationStateField(region: string): string {
  return `replicationStatus.summary[${region}].state`;
}

/** The region a `replicationStateField` path names, or undefined for any other path. */
export function regionOfReplicationField(field: string): string | undefined {
  return /^replicationStatus\.summary\[(.+)\]\.state$/.exec(field)?.[1];
}

/** The version a request is about, as the request records it. */
export function versionTargetOf(v: ImageVersion): VersionTarget {
  return { subscriptionId: v.subscriptionId, resourceGroup: v.resourceGroup, gallery: v.gallery, image: v.image, version: v.version };
}

/** The ARM id of a version of `image` (canonical casing). */
export function versionIdOf(image: ImageKey, version: string): string {
  return `/subscriptions/${image.subscriptionId}/resourceGroups/${image.resourceGroup}/providers/Microsoft.Compute/galleries/${image.gallery}/images/${image.image}/versions/${version}`;
}

/**
 * The ARM id a version is written at: where it was read (its key and name), not the `id` its body carries. A
 * body's id is not always canonical (Azure's own REST examples serve `/providers/…/locations/westus/Galleries/…`),
 * and a plan whose id does not parse as a version cannot be executed.
 */
export function versionAddress(v: ImageVersion): string {
  return versionIdOf(v, v.version);
}

export { edgeZonesFromJson, edgeZonesToJson, regionsFromJson, regionsToJson } from './region-json';
