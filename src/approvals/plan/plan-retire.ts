import { sameVersion } from '../../gallery/image-reference';
import type { ImageVersion } from '../../gallery/model';
import type { VersionUsage } from '../../gallery/usage-port';
import { latestVersion } from '../../gallery/version-match';
import { isoDay, isPastEndOfLife, sameUtcDay, startOfUtcDay } from '../../utc-day';
import type { FieldChange, Gate } from '../change-request';
import { latestMove } from './latest-move';
import { planned, refuse, type PlanResult } from './plan-result';
import { FIELD, versionAddress, versionTargetOf } from './planned-fields';
import { describeRefs, isEmpty, referencesTo, refVerb } from './usage-warnings';

/**
 * `retire <image> <version> [on <date>]`: exclude from latest now and set the end of life to `on` (a UTC day;
 * today when absent). `allVersions` are the definition's versions (this one included), `usage` the scale sets
 * and VMs referencing the definition or this version.
 *
 * Unsafe means this request takes away the last version eligible for latest (not excluded, not past end of
 * life): retiring a version that is already excluded changes nothing about latest and is never unsafe.
 * Without `on`, an end of life already earlier than today is kept (retiring must not extend a life); an
 * explicit later date does extend it, with a warning.
 */
export function planRetire(version: ImageVersion, allVersions: readonly ImageVersion[], usage: VersionUsage, on: Date | undefined, now: Date): PlanResult {
  const today = startOfUtcDay(now);
  const label = `${version.gallery}/${version.image} ${version.version}`;
  if (on !== undefined && startOfUtcDay(on) < today) {
    return refuse('date-in-past', `${isoDay(on)} is in the past; retire on today (${isoDay(today)}) or a later date.`);
  }
  const date = startOfUtcDay(on ?? now);
  const fields: FieldChange[] = [];
  const warnings: string[] = [];
  if (!version.excludeFromLatest) fields.push({ field: FIELD.excludeFromLatest, before: false, after: true });

  const eol = version.endOfLifeDate;
  if (eol !== undefined && on === undefined && eol < date) {
    warnings.push(`Keeps its earlier end of life, ${isoDay(eol)}.`);
  } else if (eol === undefined || !sameUtcDay(eol, date)) {
    fields.push({ field: FIELD.endOfLifeDate, before: eol === undefined ? null : eol.toISOString(), after: date.toISOString() });
    if (eol !== undefined && eol < date) warnings.push(`This moves the end of life later, from ${isoDay(eol)} to ${isoDay(date)}.`);
  }
  if (fields.length === 0) {
    return refuse('nothing-to-change', `${label} is already retired: excluded from latest, end of life ${isoDay(eol ?? date)}.`);
  }

  const others = allVersions.filter((v) => !sameVersion(v.version, version.version));
  const eligible = others.filter((v) => !v.excludeFromLatest && !isPastEndOfLife(v.endOfLifeDate, now));
  const unsafe = !version.excludeFromLatest && eligible.length === 0;
  const latestNow = latestVersion(allVersions);
  const latestAfter = latestVersion(others);
  const isLatest = latestNow !== undefined && sameVersion(latestNow.version, version.version);

  if (isLatest && latestAfter !== undefined && isPastEndOfLife(latestAfter.endOfLifeDate, now)) {
    warnings.push(`After retirement, latest is ${latestAfter.version}, which is past its end of life (${isoDay(latestAfter.endOfLifeDate as Date)}).`);
  }
  const pinned = referencesTo(usage, version, true);
  if (!isEmpty(pinned)) warnings.push(`${describeRefs(pinned)} still ${refVerb(pinned, 'references', 'reference')} ${version.version} explicitly.`);
  const viaLatest = referencesTo(usage, version, false);
  if (isLatest && !isEmpty(viaLatest)) {
    const next = latestAfter === undefined ? 'no version would be left for them to get' : `new instances will get ${latestAfter.version}`;
    warnings.push(`${describeRefs(viaLatest)} ${refVerb(viaLatest, 'references', 'reference')} ${version.image} (latest), which is ${version.version} today; ${next}.`);
  }

  return planned({
    kind: 'retire',
    target: versionTargetOf(version),
    changes: [{ method: 'PATCH', resourceId: versionAddress(version), fields }],
    gates: [latestGate(version, eligible, latestNow, latestAfter, unsafe)],
    warnings,
    unsafeRetirement: unsafe,
    latest: latestMove(allVersions, version, true),
  });
}

/** The retirement gate that fails for an unsafe retirement (a policy may allow that: `allowUnsafeRetirement`). */
export const LATEST_STAYS_GATE = 'Another version stays eligible for latest';

function latestGate(version: ImageVersion, eligible: ImageVersion[], latestNow: ImageVersion | undefined, latestAfter: ImageVersion | undefined, unsafe: boolean): Gate {
  const name = LATEST_STAYS_GATE;
  if (unsafe) {
    return { name, passed: false, detail: `No other version of ${version.image} is eligible for latest (every other one is excluded or past end of life).` };
  }
  if (version.excludeFromLatest) {
    return { name, passed: true, detail: `${version.version} is already excluded from latest${latestNow ? `; latest stays ${latestNow.version}` : ''}.` };
  }
  const moves = latestNow !== undefined && sameVersion(latestNow.version, version.version);
  const after = latestAfter?.version ?? eligible[0]?.version ?? 'none';
  return { name, passed: true, detail: moves ? `Latest moves from ${version.version} to ${after}.` : `Latest stays ${after}.` };
}
