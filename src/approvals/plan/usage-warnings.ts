import { parseImageReference, sameImage, sameVersion } from '../../gallery/image-reference';
import type { ImageVersion } from '../../gallery/model';
import type { UsageRef, VersionUsage } from '../../gallery/usage-port';

/** Names listed per warning; a card is not the place for a fleet inventory (`usage` is). */
const MAX_NAMED = 10;

/** The references of `usage` that pin `version` (pinned = true) or name its definition (pinned = false). */
export function referencesTo(usage: VersionUsage, version: ImageVersion, pinned: boolean): VersionUsage {
  const keep = (r: UsageRef): boolean => {
    const ref = parseImageReference(r.imageReferenceId);
    if (ref === undefined || !sameImage(ref, version)) return false;
    return pinned ? ref.version !== undefined && sameVersion(ref.version, version.version) : ref.version === undefined;
  };
  return { scaleSets: usage.scaleSets.filter(keep), vms: usage.vms.filter(keep) };
}

/** `Scale sets a (rg-a), b (rg-b) and VM c (rg-c)`, to start a sentence; empty when there are none. */
export function describeRefs(refs: VersionUsage): string {
  const group = (list: UsageRef[], one: string, many: string): string | undefined => {
    if (list.length === 0) return undefined;
    const named = list.slice(0, MAX_NAMED).map((r) => `${r.name} (${r.resourceGroup})`);
    const more = list.length > MAX_NAMED ? ` and ${list.length - MAX_NAMED} more` : '';
    return `${list.length === 1 ? one : many} ${named.join(', ')}${more}`;
  };
  const [scaleSets, vms] = [group(refs.scaleSets, 'scale set', 'scale sets'), group(refs.vms, 'VM', 'VMs')];
  // A comma keeps "… and 2 more, and VM x" from reading as one list.
  const text = scaleSets && vms ? `${scaleSets}${refs.scaleSets.length > MAX_NAMED ? ',' : ''} and ${vms}` : (scaleSets ?? vms ?? '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The verb agreeing with the references named: one resource or several. */
export function refVerb(refs: VersionUsage, one: string, many: string): string {
  return refs.scaleSets.length + refs.vms.length === 1 ? one : many;
}

export function isEmpty(refs: VersionUsage): boolean {
  return refs.scaleSets.length === 0 && refs.vms.length === 0;
}
