import type { GalleryPort } from '../gallery/gallery-port';
import type { ImageDefinition, ImageVersion } from '../gallery/model';
import { mapLimit } from '../gallery/name-snapshot';
import { galleryPath, matchesSuffix } from '../gallery/qualified-name';
import { describeReadError } from '../report/describe-read-error';
import { isInventoryReader } from '../report/listed-inventory';
import type { InventoryReader } from '../gallery/inventory-port';
import type { DesiredState } from './desired-state';
import type { DriftSnapshot } from './drift-types';

const CONCURRENCY = 8;

/**
 * The ARM adapter's inventory (Resource Graph pages) instead of a list per gallery and definition: the cost no
 * longer grows with the versions of the definitions the file names.
 */
async function fromInventory(inventory: InventoryReader, desired: DesiredState, now: () => Date): Promise<DriftSnapshot> {
  const found = await inventory.readInventory();
  const named = (g: { gallery: string; resourceGroup: string; subscriptionId: string }) => desired.galleries.some((d) => matchesSuffix(galleryPath(g), d.name.split('/')));
  const images = new Map<string, ImageDefinition[]>();
  for (const g of found.galleries.filter(named)) images.set(g.id.toLowerCase(), found.definitions.filter((d) => d.id.toLowerCase().startsWith(`${g.id.toLowerCase()}/images/`)));
  const versions = new Map<string, ImageVersion[]>();
  for (const d of found.definitions) versions.set(d.id.toLowerCase(), []);
  for (const v of found.versions) versions.get(v.id.toLowerCase().replace(/\/versions\/[^/]+$/, ''))?.push(v);
  return { galleries: found.galleries, images, versions, readAt: now(), problems: found.problems };
}

/**
 * Reads what `drift` compares. The ARM adapter answers from its Resource Graph inventory; a port without one (the
 * in-memory fakes) costs one listGalleries, one listImages per gallery the desired state names and one
 * listVersions per definition it names. No replication status is needed (target regions are in the list).
 * A failed read is recorded as a problem and that part is skipped, never reported as a difference.
 */
export async function readDriftSnapshot(gallery: GalleryPort, desired: DesiredState, now: () => Date): Promise<DriftSnapshot> {
  if (isInventoryReader(gallery)) return fromInventory(gallery, desired, now);
  const problems: string[] = [];
  const galleries = await gallery.listGalleries();
  const wanted = galleries.filter((g) => desired.galleries.some((d) => matchesSuffix(galleryPath(g), d.name.split('/'))));
  const images = new Map<string, ImageDefinition[]>();
  await mapLimit(wanted, CONCURRENCY, async (g) => {
    try {
      images.set(g.id.toLowerCase(), await gallery.listImages(g));
    } catch (err) {
      problems.push(`Could not list the definitions of ${g.gallery}: ${describeReadError(err)}`);
    }
  });
  const named = wanted.flatMap((g) => {
    const want = desired.galleries.filter((d) => matchesSuffix(galleryPath(g), d.name.split('/')));
    const names = new Set(want.flatMap((d) => d.definitions.map((x) => x.image.toLowerCase())));
    return (images.get(g.id.toLowerCase()) ?? []).filter((i) => names.has(i.image.toLowerCase()));
  });
  const versions = new Map<string, ImageVersion[]>();
  await mapLimit(named, CONCURRENCY, async (i) => {
    try {
      versions.set(i.id.toLowerCase(), await gallery.listVersions(i));
    } catch (err) {
      problems.push(`Could not list the versions of ${i.gallery}/${i.image}: ${describeReadError(err)}`);
    }
  });
  return { galleries, images, versions, readAt: now(), problems };
}
