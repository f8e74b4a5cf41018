import type { ImageKey } from './model';
import { parseVersion } from './version-number';

/** What a gallery image id names: a definition (`version` absent, meaning latest) or one version. */
export interface GalleryImageReference extends ImageKey {
  version?: string;
}

// ARM ids vary in letter case (`resourcegroups`, `RG-IMAGES`), so the literal segments match in any case.
const IMAGE_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/galleries\/([^/]+)\/images\/([^/]+)(?:\/versions\/([^/]+))?\/*$/i;

/**
 * Reads a definition or version id. `versions/latest` reads as the definition, which is what it deploys.
 * Shared and community gallery ids (`/SharedGalleries/…`) are not ARM resource ids of the gallery and give
 * undefined: `matchImageReference` matches them through the gallery's aliases.
 */
export function parseImageReference(id: string | undefined): GalleryImageReference | undefined {
  const match = id === undefined ? null : IMAGE_ID.exec(id.trim());
  if (match === null) return undefined;
  const [, subscriptionId, resourceGroup, gallery, image, version] = match;
  if (subscriptionId === undefined || resourceGroup === undefined || gallery === undefined || image === undefined) return undefined;
  const key = { subscriptionId, resourceGroup, gallery, image };
  return version === undefined || version.toLowerCase() === 'latest' ? key : { ...key, version };
}

/** The form used to compare ids: lower case, no trailing slash. */
export function normaliseArmId(id: string): string {
  return id.trim().replace(/\/+$/, '').toLowerCase();
}

/** ARM ids compare without letter case and trailing slashes. */
export function sameArmId(a: string, b: string): boolean {
  return normaliseArmId(a) === normaliseArmId(b);
}

/** True when both name the same definition (subscription, resource group, gallery, image; any case). */
export function sameImage(a: ImageKey, b: ImageKey): boolean {
  const key = (k: ImageKey): string => [k.subscriptionId, k.resourceGroup, k.gallery, k.image].join('/').toLowerCase();
  return key(a) === key(b);
}

/** Version names compare as numbers where they parse (`2026.05.0` is `2026.5.0`), as text otherwise. */
export function sameVersion(a: string, b: string): boolean {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  return pa && pb ? pa.every((part, i) => part === pb[i]) : a.toLowerCase() === b.toLowerCase();
}

/** How a scale set or VM names its gallery image: ARM id, direct shared gallery id, or community gallery id. */
export type ReferenceKind = 'id' | AliasKind;

/** The id properties that name the gallery by an alias rather than by its ARM id. */
export type AliasKind = 'sharedGalleryImageId' | 'communityGalleryImageId';

/** The three id properties of an `imageReference` (a scale set's or VM's); ARM sets one of them. */
export interface ImageReferenceIds {
  id?: string;
  sharedGalleryImageId?: string;
  communityGalleryImageId?: string;
}

/**
 * The names other tenants use for a gallery: `identifier.uniqueName` for direct sharing
 * (`/SharedGalleries/<uniqueName>/…`) and `sharingProfile.communityGalleryInfo.publicNames` for the community
 * (`/CommunityGalleries/<publicName>/…`). Azure generates both; they cannot be derived from the gallery's name.
 */
export interface GalleryAliases {
  sharedGalleryName?: string;
  communityGalleryNames: readonly string[];
}

/** What a matching reference names: the definition (`version` absent: latest) or one version, and how. */
export interface ImageReferenceMatch {
  version?: string;
  kind: ReferenceKind;
  /** The id exactly as ARM returned it. */
  id: string;
}

// Microsoft's examples spell these `/SharedGalleries/…/Images/…/Versions/…` (VirtualMachine_Create_FromASharedGalleryImage,
// …FromACommunityGalleryImage); Azure's docs and deployed resources also use lower case: any case matches.
const SHARED_ID = /^\/SharedGalleries\/([^/]+)\/Images\/([^/]+)(?:\/Versions\/([^/]+))?\/*$/i;
const COMMUNITY_ID = /^\/CommunityGalleries\/([^/]+)\/Images\/([^/]+)(?:\/Versions\/([^/]+))?\/*$/i;

/** Reads a shared or community gallery image id; `Versions/latest` and no version both mean latest. */
export function parseSharedImageReference(id: string | undefined, kind: AliasKind): { galleryName: string; image: string; version?: string } | undefined {
  const match = id === undefined ? null : (kind === 'sharedGalleryImageId' ? SHARED_ID : COMMUNITY_ID).exec(id.trim());
  if (match === null) return undefined;
  const [, galleryName, image, version] = match;
  if (galleryName === undefined || image === undefined) return undefined;
  return version === undefined || version.toLowerCase() === 'latest' ? { galleryName, image } : { galleryName, image, version };
}

/**
 * Whether an image reference deploys `image`, by any of its three ids (compared without letter case), and which
 * version it names. Shared and community ids name the gallery by an alias, so they match only through `aliases`.
 */
export function matchImageReference(ids: ImageReferenceIds, image: ImageKey, aliases: GalleryAliases): ImageReferenceMatch | undefined {
  const byId = parseImageReference(ids.id);
  if (ids.id !== undefined && byId !== undefined && sameImage(byId, image)) return withVersion({ kind: 'id', id: ids.id }, byId.version);
  const names: [AliasKind, readonly string[]][] = [
    ['sharedGalleryImageId', aliases.sharedGalleryName === undefined ? [] : [aliases.sharedGalleryName]],
    ['communityGalleryImageId', aliases.communityGalleryNames],
  ];
  for (const [kind, galleryNames] of names) {
    const id = ids[kind];
    const parsed = parseSharedImageReference(id, kind);
    if (id === undefined || parsed === undefined || parsed.image.toLowerCase() !== image.image.toLowerCase()) continue;
    if (galleryNames.some((name) => name.toLowerCase() === parsed.galleryName.toLowerCase())) return withVersion({ kind, id }, parsed.version);
  }
  return undefined;
}

function withVersion(match: ImageReferenceMatch, version: string | undefined): ImageReferenceMatch {
  return version === undefined ? match : { ...match, version };
}
