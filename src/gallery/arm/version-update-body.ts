/**
 * The bodies of GalleryOps' writes to a version. A PATCH that rewrites the target regions replaces ARM's whole
 * list, so each region in it must carry everything ARM has for it, not only what GalleryOps decides (replica
 * count, storage type, latest): its customer-managed keys (`encryption`) and `additionalReplicaSets` are sent as
 * ARM has them at the time of the write, and the profile's edge zones (`targetExtendedLocations`) and default
 * replica count go with them, as ARM has them. Properties the spec calls not updatable (`storageAccountType`,
 * `replicationMode`, `storageAccountStrategy`) are never sent: ARM keeps them, and may refuse a PATCH naming them.
 */
import type { GalleryImageVersion as SdkVersion, GalleryImageVersionUpdate } from '@azure/arm-compute';
import type { VersionPatch } from '../gallery-port';
import type { ExtendedLocationTarget, TargetRegion } from '../model';
import { regionKey } from '../region-names';
import { extendedLocationToArm, targetRegionToArm } from '../target-region-arm';

type SdkProfile = NonNullable<GalleryImageVersionUpdate['publishingProfile']>;
type SdkRegion = NonNullable<SdkProfile['targetRegions']>[number];

/**
 * A region as the SDK sends it. ARM always names a data disk's LUN; a key without one (never read from ARM) is
 * sent as it is and ARM says what is wrong, rather than GalleryOps guessing a LUN.
 */
export function toSdkRegion(region: TargetRegion): SdkRegion {
  return targetRegionToArm(region) as SdkRegion;
}

/** An edge zone as the SDK sends it. */
export function toSdkEdgeZone(zone: ExtendedLocationTarget): NonNullable<SdkProfile['targetExtendedLocations']>[number] {
  return extendedLocationToArm(zone) as NonNullable<SdkProfile['targetExtendedLocations']>[number];
}

/**
 * The planned regions over ARM's current ones: a region ARM has keeps its keys and additional replica sets
 * (GalleryOps never changes them, and a request stored before it kept them has none to offer); the planned
 * count, storage type and latest setting apply. A region ARM does not have (added, or re-added by a repair)
 * is written as planned, with the keys the plan carries.
 */
export function regionsForWrite(planned: readonly TargetRegion[], current: readonly SdkRegion[] | undefined): SdkRegion[] {
  const now = new Map((current ?? []).map((r) => [regionKey(r.name), r]));
  return planned.map((p) => {
    const fromPlan = toSdkRegion(p);
    const existing = now.get(regionKey(p.name));
    if (existing === undefined) return fromPlan;
    const { encryption: _keys, additionalReplicaSets: _sets, ...decided } = fromPlan;
    return { ...existing, ...decided, name: existing.name };
  });
}

/** The PATCH body for `patch`; `current` is the version as ARM has it now (read just before, when regions are rewritten). */
export function versionUpdateBody(patch: VersionPatch, current?: SdkVersion): GalleryImageVersionUpdate {
  const profile = current?.publishingProfile;
  return {
    publishingProfile: {
      ...(patch.excludeFromLatest === undefined ? {} : { excludeFromLatest: patch.excludeFromLatest }),
      ...(patch.endOfLifeDate === undefined ? {} : { endOfLifeDate: patch.endOfLifeDate }),
      ...(patch.targetRegions === undefined
        ? {}
        : {
            targetRegions: regionsForWrite(patch.targetRegions, profile?.targetRegions),
            ...(profile?.targetExtendedLocations === undefined ? {} : { targetExtendedLocations: profile.targetExtendedLocations }),
            ...(profile?.replicaCount === undefined ? {} : { replicaCount: profile.replicaCount }),
          }),
    },
  };
}
