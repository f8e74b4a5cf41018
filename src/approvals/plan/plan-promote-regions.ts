import type { ImageVersion, TargetRegion } from '../../gallery/model';
import { AZURE_REGIONS, findRegion, regionKey, type KnownRegion } from '../../gallery/region-names';
import { closestMatches } from '../../gallery/suggest';
import { endOfLifeGate, policyGate, replicationGate } from './common-gates';
import { planned, refuse, type PlanResult } from './plan-result';
import { FIELD, regionsToJson, versionAddress, versionTargetOf } from './planned-fields';

/**
 * `promote <image> <version> to <region>[,<region>…]`: add target regions. `regions` are as typed (display or
 * programmatic names); `knownRegions` (ARM's location list for the subscription, when the caller has it)
 * decides which names exist and how Azure shows them; without it, a built-in table does.
 *
 * Regions already targeted are noted on the card, not refused, when others are new; only a request that adds
 * nothing is refused. A name that is not a region is refused before anything is planned: ARM would reject
 * it only after approval.
 */
export function planPromoteRegions(version: ImageVersion, regions: readonly string[], now: Date, knownRegions: readonly KnownRegion[] = AZURE_REGIONS): PlanResult {
  const typed = regions.map((r) => r.trim()).filter((r) => r !== '');
  if (typed.length === 0) return refuse('no-regions', 'Name at least one region to add, e.g. `westus2` or `East US 2`.');

  const resolved: KnownRegion[] = [];
  for (const name of typed) {
    const region = findRegion(name, knownRegions);
    if (region === undefined) return refuse('unknown-region', unknownRegionMessage(name, knownRegions));
    if (!resolved.some((r) => regionKey(r.name) === regionKey(region.name))) resolved.push(region);
  }

  const current = new Set(version.targetRegions.map((t) => regionKey(t.name)));
  const isCurrent = (r: KnownRegion): boolean => current.has(regionKey(r.name)) || current.has(regionKey(r.displayName));
  const already = resolved.filter(isCurrent).map((r) => r.displayName);
  const added: TargetRegion[] = resolved.filter((r) => !isCurrent(r)).map((r) => newRegion(version, r.displayName));
  const label = `${version.gallery}/${version.image} ${version.version}`;
  if (added.length === 0) {
    return refuse('nothing-to-change', `${label} already replicates to ${already.join(', ')}; there is no region to add.`);
  }

  return planned({
    kind: 'promote-regions',
    target: versionTargetOf(version),
    changes: [
      {
        method: 'PATCH',
        resourceId: versionAddress(version),
        fields: [{ field: FIELD.targetRegions, before: regionsToJson(version.targetRegions), after: regionsToJson([...version.targetRegions, ...added]) }],
      },
    ],
    gates: [replicationGate('Existing regions Completed (none Failed)', version), endOfLifeGate(version, now), policyGate(version)],
    warnings: already.length === 0 ? [] : [`Already a target region, left as it is: ${already.join(', ')}.`],
  });
}

/** A new region gets the version's default replica count and storage type, and deploys as latest there. */
function newRegion(version: ImageVersion, displayName: string): TargetRegion {
  return {
    name: displayName,
    ...(version.replicaCount === undefined ? {} : { regionalReplicaCount: version.replicaCount }),
    ...(version.storageAccountType === undefined ? {} : { storageAccountType: version.storageAccountType }),
    excludeFromLatest: false,
  };
}

function unknownRegionMessage(name: string, known: readonly KnownRegion[]): string {
  // `eastus2 westus2` without a comma reads as one name; say how to list several.
  const words = name.split(/\s+/);
  if (words.length > 1 && words.every((w) => findRegion(w, known) !== undefined)) {
    return `${quoted(name)} is not one region. Separate regions with commas: ${quoted(words.join(', '))}.`;
  }
  const closest = closestMatches(regionKey(name), known.map((r) => r.name));
  return `${quoted(name)} is not an Azure region I know.${closest.length > 0 ? ` Did you mean ${closest.join(', ')}?` : ''}`;
}

/** Typed text inside a message: bounded and unable to close the code quote early. */
function quoted(text: string): string {
  const clean = text.replace(/`/g, '');
  return `\`${clean.slice(0, 60)}${clean.length > 60 ? '…' : ''}\``;
}
