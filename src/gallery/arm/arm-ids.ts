/** ARM ids vary in letter case (`resourceGroups` vs `resourcegroups`, `RG-IMAGES`): parse and compare without case. */

const GALLERY_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/galleries\/([^/]+)/i;

/** Subscription, resource group and gallery named by a gallery (or nested) id. */
export function parseGalleryId(id: string | undefined): { subscriptionId: string; resourceGroup: string; gallery: string } | undefined {
  const match = id === undefined ? null : GALLERY_ID.exec(id);
  if (match === null) return undefined;
  const [, subscriptionId, resourceGroup, gallery] = match;
  if (subscriptionId === undefined || resourceGroup === undefined || gallery === undefined) return undefined;
  return { subscriptionId, resourceGroup, gallery };
}

/** The last path segment of an id (a resource's name), for replies that omit `name`. */
export function lastSegment(id: string | undefined): string | undefined {
  const segment = id?.split('/').filter((s) => s !== '').pop();
  return segment === undefined || segment === '' ? undefined : segment;
}

/** The canonical ARM id (and URL path) of a version of `image`. */
export function versionArmId(image: { subscriptionId: string; resourceGroup: string; gallery: string; image: string }, version: string): string {
  return `/subscriptions/${image.subscriptionId}/resourceGroups/${image.resourceGroup}/providers/Microsoft.Compute/galleries/${image.gallery}/images/${image.image}/versions/${version}`;
}
