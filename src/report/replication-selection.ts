import type { ImageVersion } from '../gallery/model';
import type { VersionUsage } from '../gallery/usage-port';
import { isEmpty, referencesTo } from '../approvals/plan/usage-warnings';
import { isProvisioned } from '../gallery/version-state';
import { isPastEndOfLife, utcDaysBetween } from '../utc-day';

/** Why a version's replication is worth one GET in a report. */
export type ReadReason = 'latest' | 'in use' | 'recent' | 'not provisioned' | 'not completed';

/** One definition's versions and what decides which of them are read. */
export interface SelectionInput {
  versions: readonly ImageVersion[];
  latest: ImageVersion | undefined;
  /** Who deploys from the definition; undefined when unknown (then "in use" cannot select anything). */
  usage: VersionUsage | undefined;
  now: Date;
  /** Versions published within this many days are read. */
  replicationDays: number;
  lastNotCompleted: (v: ImageVersion) => boolean;
}

/**
 * The versions whose replication a report reads, with the first reason for each: the latest (what deploys by
 * default), versions scale sets or VMs pin, versions published in the last `replicationDays` (still settling),
 * versions whose provisioning state is not Succeeded (Creating, Updating, Failed: the inventory says so for
 * free, and their replication is not final) and versions not Completed when last read. Versions past end of life are not read (their finding is the end
 * of life). Everything else is old, unused and was fine, so thousands of versions cost no GETs.
 */
export function selectReplicationReads(input: SelectionInput): Map<ImageVersion, ReadReason> {
  const out = new Map<ImageVersion, ReadReason>();
  for (const v of input.versions) {
    if (isPastEndOfLife(v.endOfLifeDate, input.now)) continue;
    const reason = reasonFor(v, input);
    if (reason) out.set(v, reason);
  }
  return out;
}

function reasonFor(v: ImageVersion, input: SelectionInput): ReadReason | undefined {
  if (v === input.latest) return 'latest';
  if (input.usage && !isEmpty(referencesTo(input.usage, v, true))) return 'in use';
  // No published date (a version still being created): as new as it gets.
  if (!v.publishedDate || utcDaysBetween(v.publishedDate, input.now) <= input.replicationDays) return 'recent';
  if (!isProvisioned(v)) return 'not provisioned';
  if (input.lastNotCompleted(v)) return 'not completed';
  return undefined;
}

