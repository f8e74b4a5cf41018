import type { ImageKey, ImageVersion, RegionReplication } from '../gallery/model';
import { regionKey } from '../gallery/region-names';
import { compareVersionNames } from '../gallery/version-number';
import { imageKeyText, type WatchEvent } from './watch-event';

/** One definition as the watcher last saw it: its versions (from the list) and each version's replication. */
export interface ImageObservation {
  image: ImageKey;
  versions: readonly ImageVersion[];
  /** Per version name: replication as last read with `$expand=ReplicationStatus`. */
  replication: ReadonlyMap<string, readonly RegionReplication[]>;
  /** Per `version|regionKey` of a Replicating region: since when its progress has not moved (as this process saw it). */
  stalls?: ReadonlyMap<string, Date>;
}

/** What turns an observation into facts beyond the observation itself. */
export interface FactRules {
  now: Date;
  /** A Replicating region whose progress has not moved for this long is "stuck" (REPLICATION_STUCK_MINUTES). */
  stuckAfterMs: number;
}

/**
 * The facts a subscription may be told about, as they stand now: every version that exists (`published`),
 * every region that reached Completed or Failed or has been stuck at one progress for `stuckAfterMs`
 * (`replication`; the progress is in the id, so each stall is announced once), and the version latest resolves to
 * (`latest`). Pure: the watcher compares these ids with the ones already delivered, so announcing a change
 * is "a fact whose id was never delivered", whatever happened in between (restarts included).
 */
export function currentFacts(o: ImageObservation, rules: FactRules): WatchEvent[] {
  const key = imageKeyText(o.image);
  const latest = latestOf(o.versions);
  const facts: WatchEvent[] = [];
  for (const v of o.versions) {
    facts.push({ id: `published|${key}/${v.version}`, kind: 'published', image: o.image, version: v.version, regions: v.targetRegions.map((r) => r.name), isLatest: v.version === latest, ...(latest ? { latestVersion: latest } : {}) });
  }
  for (const v of o.versions) {
    for (const r of o.replication.get(v.version) ?? []) {
      const since = o.stalls?.get(`${v.version}|${regionKey(r.region)}`);
      if (r.state === 'Replicating' && since && rules.now.getTime() - since.getTime() >= rules.stuckAfterMs) {
        const progress = r.progress ?? 'unknown';
        facts.push({ id: `replication|${key}/${v.version}|${regionKey(r.region)}|Stuck@${progress}`, kind: 'replication', image: o.image, version: v.version, region: r.region, stuck: { since: since.toISOString(), ...(r.progress === undefined ? {} : { progress: r.progress }) } });
      }
      if (r.state !== 'Completed' && r.state !== 'Failed') continue;
      const event: WatchEvent = { id: `replication|${key}/${v.version}|${regionKey(r.region)}|${r.state}`, kind: 'replication', image: o.image, version: v.version, region: r.region, state: r.state };
      if (r.details) event.details = r.details;
      facts.push(event);
    }
  }
  if (latest) facts.push({ id: `latest|${key}|${latest}`, kind: 'latest', image: o.image, version: latest });
  return facts;
}

/** What `latest` resolves to: the highest version not excluded from latest (one that failed to provision is not a candidate). */
export function latestOf(versions: readonly ImageVersion[]): string | undefined {
  return versions
    .filter((v) => !v.excludeFromLatest && v.provisioningState !== 'Failed')
    .map((v) => v.version)
    .sort(compareVersionNames)
    .at(-1);
}
