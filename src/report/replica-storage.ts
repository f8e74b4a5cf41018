import type { ImageVersion } from '../gallery/model';
import { regionKey } from '../gallery/region-names';
import type { DefinitionSnapshot, StorageEntry } from './report-types';
import { effectiveReplicas, versionSizeGB } from './version-facts';

/** What each definition's replicas take up (size × replicas, over regions and versions), largest first. */
export function replicaStorage(definitions: readonly DefinitionSnapshot[]): StorageEntry[] {
  return definitions
    .map(({ definition: d, versions }) => {
      const regions = new Set<string>();
      let replicas = 0;
      let sizeGB = 0;
      let unsizedVersions = 0;
      for (const v of versions) {
        const count = replicasOf(v);
        replicas += count;
        for (const r of v.targetRegions) regions.add(regionKey(r.name));
        const size = versionSizeGB(v);
        if (size === undefined) unsizedVersions += 1;
        else sizeGB += size * count;
      }
      return {
        subscriptionId: d.subscriptionId,
        resourceGroup: d.resourceGroup,
        gallery: d.gallery,
        image: d.image,
        versions: versions.length,
        replicas,
        regions: regions.size,
        sizeGB,
        unsizedVersions,
      };
    })
    .sort((a, b) => b.sizeGB - a.sizeGB || b.replicas - a.replicas || `${a.gallery}/${a.image}`.localeCompare(`${b.gallery}/${b.image}`));
}

/**
 * Replicas of one version: every target region's own count (or the profile's default), its additional replica
 * sets (another storage type beside the main one), and the replicas in edge zones (`targetExtendedLocations`).
 * Leaving any of these out under-counts what the version takes up.
 */
export function replicasOf(v: ImageVersion): number {
  const regional = v.targetRegions.reduce(
    (sum, r) => sum + effectiveReplicas(v, r) + (r.additionalReplicaSets ?? []).reduce((n, a) => n + (a.regionalReplicaCount ?? 1), 0),
    0,
  );
  // ARM's default for an edge zone without a count is one replica.
  const edge = (v.extendedLocations ?? []).reduce((sum, e) => sum + (e.replicaCount ?? 1), 0);
  return regional + edge;
}
