import type { ChangeRequest } from '../approvals/change-request';
import type { GalleryKey } from '../gallery/model';
import { regionOfReplicationField } from '../approvals/plan/planned-fields';
import { diffRegions, regionEntries } from './field-value';

/** Added regions named in a title before it says "and N more". */
const TITLE_REGIONS = 3;

/**
 * What the request will do, in words: `Promote dispatch 2026.6.0 to production (gal_golden)`,
 * `Retire callcenter-desktop 2026.4.0 (gal_golden)`. The gallery in parentheses is the one that changes
 * (for a stage promotion, the next stage's). Not escaped: the caller escapes.
 */
export function requestTitle(request: ChangeRequest): string {
  const { image, version } = request.target;
  const where = `(${request.scope.gallery})`;
  switch (request.kind) {
    case 'promote-latest':
      return `Promote ${image} ${version} to latest ${where}`;
    case 'promote-stage':
      return `Promote ${image} ${version} to ${request.toStage ?? 'the next stage'} ${where}`;
    case 'promote-regions':
      return `Promote ${image} ${version} to ${addedRegions(request)} ${where}`;
    case 'retire':
      return `Retire ${image} ${version} ${where}`;
    case 'repair':
      return `Repair replication of ${image} ${version} in ${repairedRegions(request).join(', ') || 'its Failed regions'} ${where}`;
  }
}

/** The regions a repair re-drives, as Azure names them (`Central US`). */
export function repairedRegions(request: ChangeRequest): string[] {
  return request.changes.flatMap((c) => c.fields.map((f) => regionOfReplicationField(f.field)).filter((r): r is string => r !== undefined));
}

/** `East US 2, Central US`: the regions a region promotion adds (the first few, then how many more). */
export function addedRegions(request: ChangeRequest): string {
  for (const change of request.changes) {
    for (const f of change.fields) {
      const after = regionEntries(f.after);
      if (!after) continue;
      const { added } = diffRegions(regionEntries(f.before) ?? [], after);
      if (added.length === 0) continue;
      const shown = added.slice(0, TITLE_REGIONS).join(', ');
      const more = added.length - TITLE_REGIONS;
      return more > 0 ? `${shown} and ${more} more ${more === 1 ? 'region' : 'regions'}` : shown;
    }
  }
  return 'more regions';
}

const GALLERY_IN_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/galleries\/([^/]+)/i;

/**
 * The gallery the request changes, with its subscription and resource group. A stage promotion writes into
 * another gallery (possibly another resource group), which only the planned resource id names.
 */
export function changedGallery(request: ChangeRequest): GalleryKey {
  for (const change of request.changes) {
    const m = GALLERY_IN_ID.exec(change.resourceId);
    if (m && m[3]!.toLowerCase() === request.scope.gallery.toLowerCase()) {
      return { subscriptionId: m[1]!, resourceGroup: m[2]!, gallery: m[3]! };
    }
  }
  const { subscriptionId, resourceGroup } = request.target;
  return { subscriptionId, resourceGroup, gallery: request.scope.gallery };
}
