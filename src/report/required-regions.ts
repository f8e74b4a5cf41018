import type { DesiredState } from '../drift/desired-state';
import type { ImageDefinition, ImageVersion } from '../gallery/model';
import { galleryPath, matchesSuffix } from '../gallery/qualified-name';
import { findRegion, regionKey } from '../gallery/region-names';

/** A region every version before its end of life should be in, and why. */
export interface RequiredRegion {
  /** Compared form (`eastus2`). */
  key: string;
  /** As Azure shows it (`East US 2`). */
  displayName: string;
  source: 'latest' | 'desired state';
}

/**
 * The definition's required regions: where its latest version is (what "latest" deployments expect to find),
 * plus the desired-state file's regions for it. A version missing one cannot be deployed there by pin.
 */
export function requiredRegions(definition: ImageDefinition, latest: ImageVersion | undefined, desired: DesiredState | undefined): RequiredRegion[] {
  const out = new Map<string, RequiredRegion>();
  for (const r of latest?.targetRegions ?? []) out.set(regionKey(r.name), { key: regionKey(r.name), displayName: r.name, source: 'latest' });
  for (const g of desired?.galleries ?? []) {
    if (!matchesSuffix(galleryPath(definition), g.name.split('/'))) continue;
    const def = g.definitions.find((d) => d.image.toLowerCase() === definition.image.toLowerCase());
    for (const r of def?.regions ?? []) {
      const key = regionKey(r.name);
      if (!out.has(key)) out.set(key, { key, displayName: findRegion(r.name)?.displayName ?? r.displayName, source: 'desired state' });
    }
  }
  return [...out.values()];
}
