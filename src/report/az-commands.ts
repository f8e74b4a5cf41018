import type { GalleryKey, ImageKey } from '../gallery/model';
import { regionKey } from '../gallery/region-names';

/**
 * `az` command lines for fixes GalleryOps has no command for (sharing, replica counts, deletion). Names are
 * single-quoted for POSIX shells; ARM names cannot contain a quote, so no escaping is needed.
 */

const q = (s: string): string => (/^[\w.-]+$/.test(s) ? s : `'${s.replace(/'/g, '')}'`);

function versionArgs(image: ImageKey, version: string): string {
  return `--resource-group ${q(image.resourceGroup)} --gallery-name ${q(image.gallery)} --gallery-image-definition ${q(image.image)} --gallery-image-version ${q(version)} --subscription ${q(image.subscriptionId)}`;
}

/** Makes a gallery Private again (removes every subscription, tenant and community share). */
export function azShareReset(gallery: GalleryKey): string {
  return `az sig share reset --resource-group ${q(gallery.resourceGroup)} --gallery-name ${q(gallery.gallery)} --subscription ${q(gallery.subscriptionId)}`;
}

/** Deletes a version (after its end of life, when nothing runs it). */
export function azDeleteVersion(image: ImageKey, version: string): string {
  return `az sig image-version delete ${versionArgs(image, version)}`;
}

/** One target region as `az … --target-regions` spells it: `region=replicas=storage`. */
export interface AzTargetRegion {
  name: string;
  replicas: number;
  storageAccountType: string;
}

/** Replaces a version's target regions (`az` sends the whole list, so every region is named). */
export function azSetTargetRegions(image: ImageKey, version: string, regions: readonly AzTargetRegion[]): string {
  const list = regions.map((r) => `${regionKey(r.name)}=${r.replicas}=${r.storageAccountType}`).join(' ');
  return `az sig image-version update ${versionArgs(image, version)} --target-regions ${list}`;
}

/** Sets a version's end-of-life date (YYYY-MM-DD). */
export function azSetEndOfLife(image: ImageKey, version: string, day: string): string {
  return `az sig image-version update ${versionArgs(image, version)} --end-of-life-date ${day}`;
}

/** Creates a missing definition; publisher, offer and SKU are the owner's to choose. */
export function azCreateDefinition(gallery: GalleryKey, image: string): string {
  return `az sig image-definition create --resource-group ${q(gallery.resourceGroup)} --gallery-name ${q(gallery.gallery)} --gallery-image-definition ${q(image)} --subscription ${q(gallery.subscriptionId)} --publisher <publisher> --offer <offer> --sku <sku> --os-type <Linux|Windows>`;
}
