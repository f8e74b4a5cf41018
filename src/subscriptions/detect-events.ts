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
}

/**
 * The facts a subscription may be told about, as they stand now: every version that exists (`published`),
 * every region that reached Completed or Failed (`replication`), and the version latest resolves to
 * (`latest`). Pure: the watcher compares these ids with the ones already delivered, so announcing a change
 * is "a fact whose id was never delivered", whatever happened in between (restarts included).
 */
export function currentFacts(o: ImageObservation): WatchEvent[] {
  const key = imageKeyText(o.image);
  const latest = latestOf(o.versions);
  const facts: WatchEvent[] = [];
  for (const v of o.versions) {
    facts.push({ id: `published|${key}/${v.version}`, kind: 'published', image: o.image, version: v.version, regions: v.targetRegions.map((r) => r.name), isLatest: v.version === latest });
  }
  for (const v of o.versions) {
    for (const r of o.replication.get(v.version) ?? []) {
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
