import type { GalleryKey, ImageVersion } from '../../gallery/model';
import type { Stage } from '../../stages';
import type { FieldChange, Gate } from '../change-request';
import { galleryThatChanges } from '../gallery-that-changes';
import { sameId } from '../same-id';
import { endOfLifeGate, policyGate, replicationGate } from './common-gates';
import { planned, refuse, type PlanResult } from './plan-result';
import { edgeZonesToJson, FIELD, regionsToJson, versionAddress, versionIdOf, versionTargetOf } from './planned-fields';

/**
 * `promote <image> <version> to <stage>`: a PUT of the same version name into the stage's gallery (same
 * definition name), sourced from this version and excluded from latest: it becomes latest there only through a
 * later `promote … to latest`, once replicated. `version` must have been read with replication status; the
 * caller looked up whether the definition and the version exist in the target gallery.
 *
 * Only a stage name that is not configured is refused (there is no gallery to plan for); a stage that is not
 * the next one is a failing gate, shown with the reason. `targetGallery` says where the stage's gallery lives
 * when the caller knows it; by default it is in the source gallery's subscription and resource group.
 */
export function planPromoteStage(
  version: ImageVersion,
  stages: readonly Stage[],
  toStage: string,
  targetDefinitionExists: boolean,
  targetVersionExists: boolean,
  now: Date,
  targetGallery?: GalleryKey,
): PlanResult {
  const stage = stages.find((s) => sameId(s.name, toStage));
  if (stage === undefined) {
    const names = stages.map((s) => s.name).join(' → ') || '(none configured)';
    return refuse('unknown-stage', `There is no stage called ${toStage}. The stages are ${names}.`);
  }
  const target = { ...(targetGallery ?? { subscriptionId: version.subscriptionId, resourceGroup: version.resourceGroup }), gallery: stage.gallery, image: version.image };
  const current = stages.find((s) => sameId(s.gallery, version.gallery));
  const fields: FieldChange[] = [
    { field: FIELD.sourceId, before: null, after: versionAddress(version) },
    ...copiedPublishing(version),
    { field: FIELD.excludeFromLatest, before: null, after: true },
    // Only where the stage says so (see Stage.copyEndOfLife); without a date ARM leaves it unset (2025-12-03).
    ...(version.endOfLifeDate === undefined || stage.copyEndOfLife !== true ? [] : [{ field: FIELD.endOfLifeDate, before: null, after: version.endOfLifeDate.toISOString() }]),
  ];
  return planned({
    kind: 'promote-stage',
    target: versionTargetOf(version),
    toStage: stage.name,
    changes: [{ method: 'PUT', resourceId: versionIdOf(target, version.version), fields }],
    gates: [
      replicationGate(`Completed in every region of ${current?.name ?? version.gallery}`, version),
      nextStageGate(version, stages, stage),
      {
        name: `Image definition ${version.image} exists in ${stage.gallery}`,
        passed: targetDefinitionExists,
        ...(targetDefinitionExists ? {} : { detail: `Create the definition ${version.image} in ${stage.gallery} first, with the same OS, generation and publisher/offer/SKU.`, fix: `images ${stage.gallery}` }),
      },
      {
        name: `${version.version} not yet in ${stage.gallery}`,
        passed: !targetVersionExists,
        ...(targetVersionExists
          ? { detail: `${stage.gallery}/${version.image} already has version ${version.version}; a stage promotion never overwrites a version.`, fix: `versions ${stage.gallery}/${version.image}` }
          : {}),
      },
      endOfLifeGate(version, now),
      policyGate(version),
    ],
    warnings: [],
  });
}

function nextStageGate(version: ImageVersion, stages: readonly Stage[], stage: Stage): Gate {
  const name = `${stage.name} is the next stage`;
  const verdict = galleryThatChanges(stages, { kind: 'promote-stage', gallery: version.gallery, toStage: stage.name });
  if ('refused' in verdict) return { name, passed: false, detail: verdict.refused, fix: 'help promote' };
  const current = stages.find((s) => sameId(s.gallery, version.gallery));
  return { name, passed: true, detail: `${version.gallery} (${current?.name ?? 'its stage'}) → ${stage.gallery} (${stage.name}).` };
}

/**
 * What the copy keeps of its source's publishing profile: where and how it is stored. Every region with its
 * replicas, storage type, keys and additional replica sets; the edge zones (`targetExtendedLocations`) with
 * theirs; the default replica count, storage type and storage account strategy, which decide regions that name
 * none. Not kept: a region's exclusion from latest (the copy is excluded as a whole until `promote … to latest`;
 * the source's per-region exclusions were decisions about the source's rollout), the replication mode (Shallow
 * is for testing, and ARM never lets a version's mode change: the copy takes ARM's default, Full), the end of
 * life unless the stage copies it, and what is bound to the source itself (its disks, published date, safety
 * reports, replication state).
 */
function copiedPublishing(version: ImageVersion): FieldChange[] {
  const set = (field: string, value: string | number | undefined): FieldChange[] => (value === undefined ? [] : [{ field, before: null, after: value }]);
  const zones = version.extendedLocations ?? [];
  return [
    { field: FIELD.targetRegions, before: null, after: regionsToJson(version.targetRegions.map((r) => ({ ...r, excludeFromLatest: false }))) },
    ...(zones.length === 0 ? [] : [{ field: FIELD.targetExtendedLocations, before: null, after: edgeZonesToJson(zones) }]),
    ...set(FIELD.replicaCount, version.replicaCount),
    ...set(FIELD.storageAccountType, version.storageAccountType),
    ...set(FIELD.storageAccountStrategy, version.storageAccountStrategy),
  ];
}
