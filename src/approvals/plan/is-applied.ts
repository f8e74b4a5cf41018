import { sameArmId } from '../../gallery/image-reference';
import type { ImageVersion, ReplicationState, TargetRegion } from '../../gallery/model';
import { regionKey } from '../../gallery/region-names';
import { sameUtcDay } from '../../utc-day';
import type { ChangeRequest } from '../change-request';
import { decodeChange } from './decode-change';
import { versionAddress } from './planned-fields';

/**
 * Whether ARM's actual version already shows the request's target state: used after a crash to tell "done"
 * from "re-send". Regions compare by normalised name (ARM answers `East US 2` for `eastus2`), end-of-life
 * dates by UTC day (ARM may echo a date at another precision), ids without letter case (the version's
 * address, where it was read, as the plan recorded it).
 *
 * Regions: every planned region is there with its planned settings and none the plan dropped came back;
 * a region someone else added meanwhile does not make the request unapplied. A version whose provisioning
 * has not succeeded (still Updating, or Failed) is not applied: the caller polls or re-sends.
 */
export function isApplied(request: Pick<ChangeRequest, 'id' | 'changes'>, actual: ImageVersion | undefined): boolean {
  const { after, removedRegions } = decodeChange(request);
  if (actual === undefined || !sameArmId(versionAddress(actual), request.changes[0]!.resourceId)) return false;
  if (actual.provisioningState !== undefined && actual.provisioningState !== 'Succeeded') return false;
  // A repair is done when every repaired region is Completed (the version must have been read with its status).
  if (after.repairRegions) return after.repairRegions.every((region) => replicationStateIn(actual, region) === 'Completed');
  if (after.excludeFromLatest !== undefined && actual.excludeFromLatest !== after.excludeFromLatest) return false;
  if (after.endOfLifeDate !== undefined && (actual.endOfLifeDate === undefined || !sameUtcDay(actual.endOfLifeDate, after.endOfLifeDate))) return false;
  if (after.sourceId !== undefined && (actual.sourceId === undefined || !sameArmId(actual.sourceId, after.sourceId))) return false;
  if (after.targetRegions !== undefined) {
    const present = new Map(actual.targetRegions.map((r) => [regionKey(r.name), r]));
    if (!after.targetRegions.every((planned) => sameSettings(planned, present.get(regionKey(planned.name))))) return false;
    if (removedRegions.some((name) => present.has(regionKey(name)))) return false;
  }
  return true;
}

/** Settings the plan left unset (ARM fills defaults) are not compared. */
function sameSettings(planned: TargetRegion, actual: TargetRegion | undefined): boolean {
  if (actual === undefined) return false;
  if (planned.regionalReplicaCount !== undefined && actual.regionalReplicaCount !== planned.regionalReplicaCount) return false;
  if (planned.storageAccountType !== undefined && actual.storageAccountType?.toLowerCase() !== planned.storageAccountType.toLowerCase()) return false;
  return actual.excludeFromLatest === planned.excludeFromLatest;
}

/**
 * The repaired regions still Replicating in `actual`: while there are any, a repair's outcome is not known yet
 * (empty for any other change).
 */
export function stillReplicating(request: Pick<ChangeRequest, 'id' | 'changes'>, actual: ImageVersion): string[] {
  const { after } = decodeChange(request);
  return (after.repairRegions ?? []).filter((region) => replicationStateIn(actual, region) === 'Replicating');
}

/** A region's replication state as read (undefined: not read with status, or not a target region now). */
export function replicationStateIn(actual: ImageVersion, region: string): ReplicationState | undefined {
  return actual.replication?.regions.find((r) => regionKey(r.region) === regionKey(region))?.state;
}
