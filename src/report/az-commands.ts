import type { GalleryKey, ImageKey } from '../gallery/model';

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

/** A new replica count for the target region at `index` in ARM's list (the order a GET returns). */
export interface AzReplicaCount {
  index: number;
  replicas: number;
}

/**
 * Sets replica counts and nothing else: `--set` makes az read the version and write it back whole, so every
 * region keeps its customer-managed keys, additional replica sets and latest setting. (`--target-regions`
 * would rebuild the list from `region=replicas=storage` and drop them.) Quoted: `[0]` is a glob to a shell.
 */
export function azSetRegionReplicas(image: ImageKey, version: string, counts: readonly AzReplicaCount[]): string {
  const sets = counts.map((c) => `--set 'publishingProfile.targetRegions[${c.index}].regionalReplicaCount=${c.replicas}'`).join(' ');
  return `az sig image-version update ${versionArgs(image, version)} ${sets}`;
}

/** Sets a version's end-of-life date (YYYY-MM-DD). */
export function azSetEndOfLife(image: ImageKey, version: string, day: string): string {
  return `az sig image-version update ${versionArgs(image, version)} --end-of-life-date ${day}`;
}

/** Creates a missing definition; publisher, offer and SKU are the owner's to choose. */
export function azCreateDefinition(gallery: GalleryKey, image: string): string {
  return `az sig image-definition create --resource-group ${q(gallery.resourceGroup)} --gallery-name ${q(gallery.gallery)} --gallery-image-definition ${q(image)} --subscription ${q(gallery.subscriptionId)} --publisher <publisher> --offer <offer> --sku <sku> --os-type <Linux|Windows>`;
}
