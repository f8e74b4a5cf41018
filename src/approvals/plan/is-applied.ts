import { sameArmId } from '../../gallery/image-reference';
import type { ImageVersion, TargetRegion } from '../../gallery/model';
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
