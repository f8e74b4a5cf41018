import type { GalleryPort } from '../gallery/gallery-port';
import type { ImageKey, ImageVersion } from '../gallery/model';
import { mapLimit } from '../gallery/name-snapshot';
import { groupVersions } from '../report/read-report-snapshot';
import { isInventoryReader } from '../report/listed-inventory';
import type { ScopeTest } from './scope-test';

/** One definition someone watches, with the versions the inventory lists under it. */
export interface ListedDefinition {
  image: ImageKey;
  versions: ImageVersion[];
}

/**
 * The definitions that any of `scopes` covers, each with its versions, in one inventory read: Resource Graph
 * pages (every subscription in scope, 1,000 rows a page, whatever the number of versions) when the port reads
 * its inventory itself (the ARM adapter); else ARM lists, one per gallery touched and per definition covered
 * (in-memory fakes). Resource Graph answers for every gallery in the configured subscriptions: only what
 * someone watches is kept.
 */
export async function listInScope(gallery: GalleryPort, scopes: readonly ScopeTest[]): Promise<ListedDefinition[]> {
  const covered = (k: ImageKey) => scopes.some((s) => s.covers(k));
  if (isInventoryReader(gallery)) {
    const inventory = await gallery.readInventory();
    return groupVersions(inventory.definitions.filter(covered), inventory.versions).map(({ definition, versions }) => ({ image: definition, versions }));
  }
  const galleries = (await gallery.listGalleries()).filter((g) => scopes.some((s) => s.touchesGallery(g)));
  const images = (await mapLimit(galleries, 4, (g) => gallery.listImages(g))).flat().filter(covered);
  return mapLimit(images, 4, async (image) => ({ image, versions: await gallery.listVersions(image) }));
}
