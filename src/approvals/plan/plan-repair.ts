import type { ImageVersion, RegionReplication, TargetRegion } from '../../gallery/model';
import { findRegion, regionKey } from '../../gallery/region-names';
import type { Gate } from '../change-request';
import { planned, refuse, type PlanResult } from './plan-result';
import { replicationStateField, versionAddress, versionTargetOf } from './planned-fields';

/** The gate that holds a repair back while another region copies; it passes by itself (approve ahead). */
export const NONE_REPLICATING_GATE = 'No other region replicating now';

/**
 * `repair <image> <version> [in <region>[,…]]`: re-drive the replication of Failed regions — all of them, or
 * the ones named (each must be a target region that is Failed now). `version` must have been read with its
 * replication status.
 *
 * The change planned per region is its replication state, Failed → Completed; how it is carried out (Azure's
 * retry through an update with the unchanged target regions, then remove and add back) is the executor's, and
 * the card's warnings say what the fallback means for the region. A region that is not Failed is refused in
 * words rather than planned: an approval round for a region that is fine would only confuse.
 */
export function planRepair(version: ImageVersion, typed: readonly string[] | undefined): PlanResult {
  const label = `${version.gallery}/${version.image} ${version.version}`;
  const status = new Map((version.replication?.regions ?? []).map((r) => [regionKey(r.region), r]));
  const stateOf = (t: TargetRegion) => status.get(regionKey(t.name));
  if (version.replication === undefined) return refuse('nothing-to-change', `The replication status of ${label} could not be read, so there is no Failed region to repair.`);

  let chosen: TargetRegion[];
  if (typed !== undefined && typed.length > 0) {
    chosen = [];
    for (const name of typed) {
      const target = targetNamed(version.targetRegions, name);
      if (target === undefined) {
        return refuse('region-not-failed', `${quoted(name)} is not a target region of ${label}; it replicates to ${version.targetRegions.map((t) => t.name).join(', ')}.`);
      }
      if (!chosen.includes(target)) chosen.push(target);
    }
    const fine = chosen.filter((t) => stateOf(t)?.state !== 'Failed');
    if (fine.length > 0) {
      const what = fine.map((t) => `${t.name} is ${describeState(stateOf(t))}`).join('; ');
      return refuse('region-not-failed', `${what}, not Failed: there is nothing to repair there. \`image status ${version.gallery}/${version.image} ${version.version}\` shows every region.`);
    }
  } else {
    chosen = version.targetRegions.filter((t) => stateOf(t)?.state === 'Failed');
    if (chosen.length === 0) {
      const all = version.targetRegions.map((t) => `${t.name} ${describeState(stateOf(t))}`).join(', ');
      return refuse('nothing-to-change', `${label} has no Failed region (${all}); there is nothing to repair.`);
    }
  }

  const home = (t: TargetRegion): boolean => version.location !== '' && regionKey(t.name) === regionKey(version.location);
  const warnings = chosen.map((t) =>
    home(t)
      ? `${t.name} is the gallery's home region (where ${version.version} lives): GalleryOps only asks Azure to retry it, and never removes it.`
      : `If Azure's retry leaves ${t.name} Failed, GalleryOps removes ${t.name} from the target regions and adds it back (two more updates): ${t.name} has no replica of ${version.version} in between.`,
  );
  return planned({
    kind: 'repair',
    target: versionTargetOf(version),
    changes: [{ method: 'PATCH', resourceId: versionAddress(version), fields: chosen.map((t) => ({ field: replicationStateField(t.name), before: 'Failed', after: 'Completed' })) }],
    gates: [versionGate(version), failedGate(chosen, stateOf), othersGate(version, chosen, stateOf)],
    warnings,
  });
}

/** The target region a typed name means: by the name Azure shows, or through the region table (`centralus` = `Central US`). */
function targetNamed(targets: readonly TargetRegion[], typed: string): TargetRegion | undefined {
  const known = findRegion(typed);
  const keys = new Set([regionKey(typed), ...(known ? [regionKey(known.name), regionKey(known.displayName)] : [])]);
  return targets.find((t) => keys.has(regionKey(t.name)));
}

/** The version is there and no other operation is changing it (ARM would refuse the update with a 409). */
function versionGate(v: ImageVersion): Gate {
  const name = 'Version exists, no operation running';
  const state = v.provisioningState ?? 'Succeeded';
  if (state === 'Creating' || state === 'Updating') return { name, passed: false, detail: `${v.version} is ${state}.`, waitsFor: `${v.version} finishes ${state === 'Creating' ? 'being created' : 'updating'}` };
  if (state === 'Deleting') return { name, passed: false, detail: `${v.version} is being deleted.`, fix: `versions ${v.gallery}/${v.image}` };
  return { name, passed: true, detail: `Provisioning ${state}.` };
}

function failedGate(chosen: readonly TargetRegion[], stateOf: (t: TargetRegion) => RegionReplication | undefined): Gate {
  return { name: 'Regions to repair are Failed', passed: true, detail: `${chosen.map((t) => `${t.name} ${describeState(stateOf(t))}`).join('; ')}.` };
}

/**
 * Re-sending the target regions while another region still copies would make the repair's watch mistake that
 * copy for its own and could disturb it; replication in progress ends by itself, so the request may wait.
 */
function othersGate(v: ImageVersion, chosen: readonly TargetRegion[], stateOf: (t: TargetRegion) => RegionReplication | undefined): Gate {
  const busy = v.targetRegions.filter((t) => !chosen.includes(t) && stateOf(t)?.state === 'Replicating');
  if (busy.length === 0) return { name: NONE_REPLICATING_GATE, passed: true, detail: 'No other target region is replicating.' };
  const now = (t: TargetRegion) => (stateOf(t)?.progress === undefined ? '' : ` (${stateOf(t)?.progress} % now)`);
  const names = busy.map((t) => `${t.name}${now(t)}`);
  return {
    name: NONE_REPLICATING_GATE,
    passed: false,
    detail: `Replicating: ${names.join(', ')}.`,
    waitsFor: `${names.join(' and ')} ${busy.length === 1 ? 'finishes' : 'finish'} replicating`,
  };
}

/** `Failed 62 % (Azure's words)`, `Replicating 35 %`, `Completed`, `without a status`. */
function describeState(r: RegionReplication | undefined): string {
  if (r === undefined) return 'without a reported status';
  const progress = r.progress === undefined || r.state === 'Completed' ? '' : ` ${r.progress} %`;
  const details = r.state === 'Failed' && r.details ? ` (${r.details.replace(/\.+$/, '')})` : '';
  return `${r.state}${progress}${details}`;
}

/** Typed text inside a message: bounded and unable to close the code quote early. */
function quoted(text: string): string {
  const clean = text.replace(/`/g, '');
  return `\`${clean.slice(0, 60)}${clean.length > 60 ? '…' : ''}\``;
}
