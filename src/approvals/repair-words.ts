import type { RegionReplication } from '../gallery/model';
import type { RepairPlan } from './repair-replication';

/** How a watched region ended: its status as last read (undefined: no longer a target region). */
export type RegionOutcome = RegionReplication | undefined;

/** `Central US`, `Central US and West US 2`, `Central US, West US 2 and Japan East`. */
export function describeRegions(regions: readonly string[]): string {
  return regions.length <= 1 ? (regions[0] ?? '') : `${regions.slice(0, -1).join(', ')} and ${regions.at(-1)}`;
}

/** What a repair did, for the card and the outcome message. */
export function successSummary(plan: RepairPlan, readded: readonly string[]): string {
  const label = `${plan.image.gallery}/${plan.image.image} ${plan.version}`;
  const retried = plan.regions.filter((r) => !readded.includes(r));
  const parts = [
    ...(retried.length > 0 ? [`${describeRegions(retried)} Completed after Azure retried the replication (an update with the unchanged target regions)`] : []),
    ...(readded.length > 0 ? [`${describeRegions(readded)} Completed after ${readded.length === 1 ? 'it was' : 'they were'} removed from the target regions and added back (Azure's retry had left ${readded.length === 1 ? 'it' : 'them'} Failed)`] : []),
  ];
  return `${label}: ${parts.join('; ')}.`;
}

/** Why a repair failed, region by region, in Azure's words; regions that did complete are named too. */
export function failureMessage(plan: RepairPlan, outcome: ReadonlyMap<string, RegionOutcome>, readded: readonly string[], home: (region: string) => boolean): string {
  const sentences = plan.regions.map((region) => {
    const r = outcome.get(region);
    if (r?.state === 'Completed') return `${region} is Completed.`;
    if (r === undefined) return `${region} is no longer a target region of ${plan.version} (the version was changed meanwhile).`;
    const azure = r.details ? `: ${r.details.replace(/\.+$/, '')}` : '';
    if (r.state !== 'Failed') return `${region} is ${r.state}${azure}.`;
    if (readded.includes(region)) return `${region} Failed again after it was removed from the target regions and added back${azure}.`;
    if (home(region)) {
      return `${region} is still Failed after Azure retried it${azure}. It is the gallery's home region (where ${plan.version} lives), which GalleryOps never removes from the target regions: ask Azure support, or publish a new version.`;
    }
    return `${region} is still Failed after Azure retried it${azure}.`;
  });
  return sentences.join(' ');
}
