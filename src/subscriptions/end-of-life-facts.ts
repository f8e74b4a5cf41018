import { sameVersion } from '../gallery/image-reference';
import type { UsageRef, VersionUsage } from '../gallery/usage-port';
import { isoDay, utcDaysBetween } from '../utc-day';
import { latestOf, type ImageObservation } from './detect-events';
import { imageKeyText, type WatchEvent } from './watch-event';

/** Whether any version of the definition ends its life within the largest threshold (and has not yet). */
export function hasVersionNearEndOfLife(o: ImageObservation, thresholds: readonly number[], now: Date): boolean {
  const widest = Math.max(0, ...thresholds);
  return o.versions.some((v) => {
    const days = v.endOfLifeDate ? utcDaysBetween(now, v.endOfLifeDate) : -1;
    return days >= 1 && days <= widest;
  });
}

/**
 * `eol` facts: each version in use (a scale set or VM pinned to it, or deploying the definition while latest
 * resolves to it) whose end of life is within a threshold of EOL_ALERT_DAYS, named by the smallest threshold
 * it is within. The id holds the end-of-life day and the threshold: each threshold is announced once per
 * version, and a moved end of life starts over. A version whose end of life is today or past is `report`'s
 * business (the cards say "in N days", never "0 days").
 */
export function endOfLifeFacts(o: ImageObservation, usage: VersionUsage, thresholds: readonly number[], now: Date): WatchEvent[] {
  const refs: { ref: UsageRef; kind: string }[] = [...usage.scaleSets.map((ref) => ({ ref, kind: 'scale set' })), ...usage.vms.map((ref) => ({ ref, kind: 'VM' }))];
  const latest = latestOf(o.versions);
  const facts: WatchEvent[] = [];
  for (const v of o.versions) {
    if (!v.endOfLifeDate) continue;
    const daysLeft = utcDaysBetween(now, v.endOfLifeDate);
    const threshold = [...thresholds].sort((a, b) => a - b).find((t) => daysLeft >= 1 && daysLeft <= t);
    if (threshold === undefined) continue;
    const users = refs.filter(({ ref }) => (ref.pinned ? sameVersion(pinnedVersion(ref), v.version) : v.version === latest));
    if (users.length === 0) continue;
    facts.push({
      id: `eol|${imageKeyText(o.image)}/${v.version}|${isoDay(v.endOfLifeDate)}|${threshold}`,
      kind: 'eol',
      image: o.image,
      version: v.version,
      endOfLife: {
        date: v.endOfLifeDate.toISOString(),
        daysLeft,
        threshold,
        usedBy: users.map(({ ref, kind }) => `${ref.name} (${kind}${ref.pinned ? '' : ', as latest'})`),
      },
    });
  }
  return facts;
}

/** The version a pinned reference names: the last segment of `…/versions/<version>`. */
function pinnedVersion(ref: UsageRef): string {
  return ref.imageReferenceId.split('/').at(-1) ?? '';
}
