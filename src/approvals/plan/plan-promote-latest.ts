import type { ImageVersion } from '../../gallery/model';
import { endOfLifeGate, policyGate, replicationGate } from './common-gates';
import { latestMove } from './latest-move';
import { planned, refuse, type PlanResult } from './plan-result';
import { FIELD, versionAddress, versionTargetOf } from './planned-fields';

/**
 * `promote <image> <version> to latest`: clear the global `excludeFromLatest`. `version` must have been read
 * with replication status; `allVersions` (the definition's versions, this one included) say what latest is now
 * and becomes, which the card leads with. Without them (an older caller) the plan claims nothing about latest.
 *
 * A version that is not excluded is refused rather than planned as a no-op: an approval round for a change
 * that changes nothing would only confuse approvers, and the person asking most likely expected the version
 * to be latest already — the message says why it may still not be (a higher version is eligible too).
 */
export function planPromoteLatest(version: ImageVersion, now: Date, allVersions: readonly ImageVersion[] = []): PlanResult {
  const label = `${version.gallery}/${version.image} ${version.version}`;
  if (!version.excludeFromLatest) {
    return refuse(
      'nothing-to-change',
      `${label} is already eligible for latest (it is not excluded), so there is nothing to promote. "latest" is the highest eligible version: if this one is not latest, a higher version is eligible too.`,
    );
  }
  const excludedRegions = version.targetRegions.filter((r) => r.excludeFromLatest).map((r) => r.name);
  return planned({
    kind: 'promote-latest',
    target: versionTargetOf(version),
    changes: [{ method: 'PATCH', resourceId: versionAddress(version), fields: [{ field: FIELD.excludeFromLatest, before: true, after: false }] }],
    gates: [replicationGate('Completed in every target region', version), endOfLifeGate(version, now), policyGate(version)],
    // Per-region exclusions are a separate, deliberate setting; promoting to latest leaves them alone but says so.
    warnings: excludedRegions.length === 0 ? [] : [`Stays excluded from latest in ${excludedRegions.join(', ')} (a per-region setting this request does not change).`],
    ...(allVersions.length ? { latest: latestMove(allVersions, version, false) } : {}),
  });
}
