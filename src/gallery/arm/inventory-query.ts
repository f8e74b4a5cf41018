/**
 * The Resource Graph queries behind `report` and `drift`: the galleries, definitions and versions in scope (the
 * `resources` table's rows for `microsoft.compute/galleries[/images[/versions]]`: id, name, type, location,
 * tags and the provider's `properties` — publishingProfile, storageProfile, safetyProfile, provisioningState —
 * never replication status, which only a version GET with `$expand=ReplicationStatus` has), and the scale sets
 * and VMs that deploy any gallery image. `id` is projected so Azure can page the results, and rows are ordered
 * by it so pages never overlap.
 */
import type { GalleryScope } from './arm-gallery';
import { kqlString } from './usage-query';

export const GALLERY_TYPES = ['microsoft.compute/galleries', 'microsoft.compute/galleries/images', 'microsoft.compute/galleries/images/versions'] as const;

/** `subscriptionId =~ 'x'`, or with a resource group `(subscriptionId =~ 'x' and resourceGroup =~ 'rg')`, or'ed. */
function scopeFilter(scopes: readonly GalleryScope[]): string {
  const one = (s: GalleryScope): string =>
    s.resourceGroup === undefined ? `subscriptionId =~ ${kqlString(s.subscriptionId)}` : `(subscriptionId =~ ${kqlString(s.subscriptionId)} and resourceGroup =~ ${kqlString(s.resourceGroup)})`;
  return scopes.map(one).join(' or ');
}

/** Every gallery, definition and version in the scopes. */
export function inventoryQuery(scopes: readonly GalleryScope[]): string {
  return [
    'resources',
    `| where type in~ (${GALLERY_TYPES.map((t) => `'${t}'`).join(', ')})`,
    `| where ${scopeFilter(scopes)}`,
    '| project id, name, type, location, resourceGroup, subscriptionId, tags, identity, properties',
    '| order by id asc',
  ].join('\n');
}

/** `properties.<path>` of a scale set's VM profile or of a VM, whichever the row is. */
const imageReference = (property: string): string =>
  `tostring(coalesce(properties.virtualMachineProfile.storageProfile.imageReference.${property}, properties.storageProfile.imageReference.${property}))`;

/**
 * Every scale set and VM that deploys a gallery image, by ARM id or by a direct shared or community gallery id
 * (the inventory's gallery rows carry those aliases). A fleet's size, not the galleries', sets its length.
 */
export function fleetQuery(): string {
  return [
    'resources',
    "| where type in~ ('microsoft.compute/virtualmachinescalesets', 'microsoft.compute/virtualmachines')",
    `| extend imageReferenceId = ${imageReference('id')}, sharedGalleryImageId = ${imageReference('sharedGalleryImageId')}, communityGalleryImageId = ${imageReference('communityGalleryImageId')}`,
    "| where imageReferenceId contains '/providers/Microsoft.Compute/galleries/' or isnotempty(sharedGalleryImageId) or isnotempty(communityGalleryImageId)",
    '| project id, name, type, location, resourceGroup, subscriptionId, imageReferenceId, sharedGalleryImageId, communityGalleryImageId',
    '| order by id asc',
  ].join('\n');
}
