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

/** Replicas of one version over all its target regions. */
function replicasOf(v: ImageVersion): number {
  return v.targetRegions.reduce((sum, r) => sum + effectiveReplicas(v, r), 0);
}
