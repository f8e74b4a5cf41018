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
 * undefined: matching them needs the gallery's unique name.
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
