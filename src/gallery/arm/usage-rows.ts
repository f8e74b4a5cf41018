/**
 * Reads the rows of the `usage` query (see usage-query.ts) into references: the gallery's row gives its aliases,
 * and each scale set or VM row is kept when one of its image reference ids deploys the image.
 */
import { matchImageReference, sameVersion, type GalleryAliases, type ImageReferenceMatch } from '../image-reference';
import type { ImageKey } from '../model';
import type { UsageRef, VersionUsage } from '../usage-port';
import { definitionId, isGalleryRow } from './usage-query';

const RESOURCE_GROUP = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\//i;

type Row = Record<string, unknown>;

/** Every scale set and VM among `rows` deploying `image` (with `version`: that version, or latest), sorted by name. */
export function usageFromRows(rows: readonly unknown[], image: ImageKey, version: string | undefined): VersionUsage {
  const objects = rows.filter((r): r is Row => r !== null && typeof r === 'object' && !Array.isArray(r));
  // Without the gallery's row (not readable, or not in the subscriptions searched) no alias can be trusted:
  // only ARM ids are matched, rather than guessing that `/SharedGalleries/<x>` is this gallery.
  const galleryRow = objects.find((r) => isGalleryRow(text(r, 'type')));
  const aliases = galleryRow === undefined ? { communityGalleryNames: [] } : aliasesOf(galleryRow);
  const found = objects
    .filter((r) => !isGalleryRow(text(r, 'type')))
    .map((r) => deployment(r, image, version, aliases))
    .filter((d): d is Deployment => d !== undefined)
    .sort((a, b) => a.ref.name.localeCompare(b.ref.name) || a.ref.id.localeCompare(b.ref.id));
  return {
    scaleSets: found.filter((d) => d.isScaleSet).map((d) => d.ref),
    vms: found.filter((d) => !d.isScaleSet).map((d) => d.ref),
    ...(galleryRow === undefined ? {} : { aliases }),
  };
}

function text(row: Row, key: string): string | undefined {
  const value = row[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function aliasesOf(row: Row): GalleryAliases {
  const names = row['communityGalleryNames'];
  const sharedGalleryName = text(row, 'sharedGalleryName');
  return {
    ...(sharedGalleryName === undefined ? {} : { sharedGalleryName }),
    communityGalleryNames: Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string' && n !== '') : [],
  };
}

/** A row read as a reference, and which list it belongs in. */
interface Deployment {
  ref: UsageRef;
  isScaleSet: boolean;
}

/** A row as a reference, when it deploys `image` (the definition, or `version` when given); undefined otherwise. */
function deployment(row: Row, image: ImageKey, version: string | undefined, aliases: GalleryAliases): Deployment | undefined {
  const id = text(row, 'id');
  const ids = { id: text(row, 'imageReferenceId'), sharedGalleryImageId: text(row, 'sharedGalleryImageId'), communityGalleryImageId: text(row, 'communityGalleryImageId') };
  // The query matched loosely; matching again drops look-alikes (`…/images/x/other`, another gallery's alias).
  const match = matchImageReference(ids, image, aliases);
  if (id === undefined || match === undefined) return undefined;
  if (version !== undefined && match.version !== undefined && !sameVersion(match.version, version)) return undefined;
  const scope = RESOURCE_GROUP.exec(id);
  const location = text(row, 'location');
  const ref: UsageRef = {
    id,
    name: text(row, 'name') ?? id.split('/').pop() ?? id,
    // From the id, not the `resourceGroup` column: Resource Graph lower-cases that one.
    resourceGroup: scope?.[2] ?? text(row, 'resourceGroup') ?? '',
    subscriptionId: scope?.[1] ?? text(row, 'subscriptionId') ?? '',
    ...(location === undefined ? {} : { location }),
    imageReferenceId: galleryForm(match, image),
    ...(match.kind === 'id' ? {} : { referencedAs: { kind: match.kind, id: match.id } }),
    pinned: match.version !== undefined,
  };
  return { ref, isScaleSet: text(row, 'type')?.toLowerCase() === 'microsoft.compute/virtualmachinescalesets' };
}

/** ARM's own id when the reference used it; the equivalent definition or version id for an alias. */
function galleryForm(match: ImageReferenceMatch, image: ImageKey): string {
  if (match.kind === 'id') return match.id;
  return match.version === undefined ? definitionId(image) : `${definitionId(image)}/versions/${match.version}`;
}
