/**
 * The Resource Graph query behind `usage`: every scale set and VM whose image reference is an image
 * definition or one of its versions — by its ARM id, or through the gallery's direct shared or community
 * gallery id — plus the gallery's own row, which carries those aliases. Versions are not filtered here: ids may
 * spell a version `2026.05.0` and Resource Graph compares text, so the adapter narrows to a version with numeric
 * comparison instead.
 */
import type { GalleryKey, ImageKey } from '../model';

const GALLERY_TYPE = 'microsoft.compute/galleries';

/** The gallery's ARM id. */
export function galleryId(gallery: GalleryKey): string {
  return `/subscriptions/${gallery.subscriptionId}/resourceGroups/${gallery.resourceGroup}/providers/Microsoft.Compute/galleries/${gallery.gallery}`;
}

/** The definition's ARM id, the form a scale set's image reference uses for "latest". */
export function definitionId(image: ImageKey): string {
  return `${galleryId(image)}/images/${image.image}`;
}

/** A KQL string literal: names cannot hold quotes or backslashes today, but a literal must never end early. */
export function kqlString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** True for the gallery's own row in the query's answer (Resource Graph lower-cases `type`). */
export function isGalleryRow(type: string | undefined): boolean {
  return type?.toLowerCase() === GALLERY_TYPE;
}

/** `properties.<path>` on a scale set (under its VM profile) or a VM, whichever the row is. */
const imageReference = (property: string): string =>
  `tostring(coalesce(properties.virtualMachineProfile.storageProfile.imageReference.${property}, properties.storageProfile.imageReference.${property}))`;

/**
 * The query text. `=~`, `startswith`, `endswith` and `contains` ignore case, as ARM ids do; the `/` after the
 * definition id keeps `images/dispatch` from matching `images/dispatch-v2`. A shared or community id names the
 * gallery by a generated alias (`/SharedGalleries/<uniqueName>/Images/<image>/Versions/<v>`), which only the
 * gallery's row knows, and KQL here has no join: so the query keeps every alias reference to an image of this
 * name and the gallery row, and the adapter keeps the references whose alias is the gallery's. Rows keep ARM's
 * id case, and `id` is projected so Resource Graph can page the result.
 */
export function usageQuery(image: ImageKey): string {
  const id = definitionId(image);
  const tail = kqlString(`/images/${image.image}`);
  const within = kqlString(`/images/${image.image}/`);
  return [
    'resources',
    `| where type in~ ('microsoft.compute/virtualmachinescalesets', 'microsoft.compute/virtualmachines', '${GALLERY_TYPE}')`,
    `| extend imageReferenceId = ${imageReference('id')}, sharedGalleryImageId = ${imageReference('sharedGalleryImageId')}, communityGalleryImageId = ${imageReference('communityGalleryImageId')}`,
    '| extend sharedGalleryName = tostring(properties.identifier.uniqueName), communityGalleryNames = properties.sharingProfile.communityGalleryInfo.publicNames',
    `| where (type =~ '${GALLERY_TYPE}' and id =~ ${kqlString(galleryId(image))})`,
    `    or imageReferenceId =~ ${kqlString(id)} or imageReferenceId startswith ${kqlString(`${id}/`)}`,
    `    or sharedGalleryImageId endswith ${tail} or sharedGalleryImageId contains ${within}`,
    `    or communityGalleryImageId endswith ${tail} or communityGalleryImageId contains ${within}`,
    '| project id, name, type, location, resourceGroup, subscriptionId, imageReferenceId, sharedGalleryImageId, communityGalleryImageId, sharedGalleryName, communityGalleryNames',
    '| order by name asc, id asc',
  ].join('\n');
}
