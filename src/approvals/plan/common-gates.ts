import type { ImageVersion, RegionReplication, TargetRegion } from '../../gallery/model';
import { regionKey } from '../../gallery/region-names';
import { failedValidations, validationName } from '../../gallery/version-state';
import { isoDay, isPastEndOfLife, utcDaysBetween } from '../../utc-day';
import type { Gate } from '../change-request';

/** Every promotion is gated on these two; retirement is not (retiring a bad version is the point). */
export function endOfLifeGate(v: ImageVersion, now: Date): Gate {
  const name = 'Not past end of life';
  if (v.endOfLifeDate === undefined) return { name, passed: true, detail: 'No end-of-life date is set.' };
  const days = utcDaysBetween(now, v.endOfLifeDate);
  const when = days === 0 ? 'today' : days > 0 ? `in ${plural(days, 'day')}` : `${plural(-days, 'day')} ago`;
  const passed = !isPastEndOfLife(v.endOfLifeDate, now);
  // Nothing makes a version younger: pick a newer one.
  return { name, passed, detail: `End of life ${isoDay(v.endOfLifeDate)} (${when}).`, ...(passed ? {} : { fix: `versions ${v.gallery}/${v.image}` }) };
}

export function policyGate(v: ImageVersion): Gate {
  const name = 'No policy violations';
  const fix = `image status ${v.gallery}/${v.image} ${v.version}`;
  const found = v.safety.policyViolations.map((p) => (p.details ? `${p.category}: ${p.details}` : p.category));
  if (found.length > 0) return { name, passed: false, detail: `Azure reports ${found.join('; ')}.`, fix };
  if (v.safety.reportedForPolicyViolation === true) return { name, passed: false, detail: 'Azure reports the version for a policy violation.', fix };
  // A failed validation (e.g. a security baseline) is Azure's safety verdict too: it stops a promotion the same way.
  const failed = failedValidations(v).map(validationName);
  if (failed.length > 0) return { name, passed: false, detail: `Azure's validation failed: ${failed.join(', ')}.`, fix };
  return { name, passed: true };
}

/**
 * Replication is Completed in every given target region. Regions Azure gave no status for count as not
 * Completed: a gate must never pass on missing evidence.
 */
export function replicationGate(name: string, v: ImageVersion, regions: readonly TargetRegion[] = v.targetRegions): Gate {
  if (v.replication === undefined) return { name, passed: false, detail: 'The replication status was not read, so completion cannot be shown.' };
  const status = new Map(v.replication.regions.map((r) => [regionKey(r.region), r]));
  const pending = regions.map((t) => ({ region: t.name, found: status.get(regionKey(t.name)) })).filter((r) => r.found?.state !== 'Completed');
  if (pending.length === 0) return { name, passed: true, detail: `Completed in ${regions.length === 1 ? 'its region' : `all ${regions.length} regions`}: ${regions.map((r) => r.name).join(', ')}.` };
  const detail = `Not Completed: ${pending.map((p) => regionState(p.region, p.found)).join('; ')}.`;
  // Replication in progress completes by itself: the request may be approved ahead and run then. A Failed
  // region (or one Azure gives no status for) does not: it needs the replication re-driven first.
  if (pending.every((p) => p.found?.state === 'Replicating')) {
    const now = (p: (typeof pending)[number]) => (p.found?.progress === undefined ? '' : ` (${p.found.progress} % now)`);
    const waitsFor =
      pending.length === 1
        ? `${pending[0]!.region} finishes replicating${now(pending[0]!)}`
        : `${joinAnd(pending.map((p) => `${p.region}${now(p)}`))} finish replicating`;
    return { name, passed: false, detail, waitsFor };
  }
  const failed = pending.some((p) => p.found?.state === 'Failed');
  return { name, passed: false, detail, ...(failed ? { fix: `repair ${v.gallery}/${v.image} ${v.version}` } : { fix: `image status ${v.gallery}/${v.image} ${v.version}` }) };
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** `Southeast Asia Replicating 40 %`, `Central US Failed 35 % (disk copy timed out)`. */
function regionState(region: string, r: RegionReplication | undefined): string {
  if (r === undefined) return `${region} (no status reported)`;
  const progress = r.progress === undefined ? '' : ` ${r.progress} %`;
  const details = r.state === 'Failed' && r.details ? ` (${r.details.replace(/\.+$/, '')})` : '';
  return `${region} ${r.state}${progress}${details}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
