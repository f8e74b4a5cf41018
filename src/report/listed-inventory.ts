import type { GalleryPort } from '../gallery/gallery-port';
import type { FleetUsage, GalleryInventory, InventoryReader } from '../gallery/inventory-port';
import type { Gallery, ImageDefinition, ImageKey } from '../gallery/model';
import { mapLimit } from '../gallery/name-snapshot';
import type { UsageReader, VersionUsage } from '../gallery/usage-port';
import { describeReadError } from './describe-read-error';

/** List calls in flight at once: quick, and far below ARM's read budget. */
const CONCURRENCY = 8;

const keyOf = (k: ImageKey): string => [k.subscriptionId, k.resourceGroup, k.gallery, k.image].join('/').toLowerCase();

/**
 * The inventory through the gallery port's lists (one per gallery and per definition, paged by ARM): what the
 * in-memory fakes and a port without Resource Graph offer. Its cost grows with the versions of each definition
 * (ARM pages lists), which is why the ARM adapter answers from Resource Graph instead. A list that fails is
 * named in `problems` and skipped.
 */
export function listedInventory(gallery: GalleryPort, usage?: UsageReader): InventoryReader {
  return {
    async readInventory(): Promise<GalleryInventory> {
      const problems: string[] = [];
      const galleries = await gallery.listGalleries();
      const definitions = (
        await mapLimit(galleries, CONCURRENCY, async (g) => {
          try {
            return await gallery.listImages(g);
          } catch (err) {
            problems.push(`Could not list the definitions of ${g.gallery}: ${describeReadError(err)}`);
            return [];
          }
        })
      ).flat();
      const listed = await mapLimit(definitions, CONCURRENCY, async (d) => {
        try {
          return { definition: d, versions: await gallery.listVersions(d) };
        } catch (err) {
          problems.push(`Could not list the versions of ${d.gallery}/${d.image}: ${describeReadError(err)}`);
          return undefined;
        }
      });
      // A definition whose versions could not be listed is left out rather than reported as empty.
      const read = listed.filter((l) => l !== undefined);
      return { galleries, definitions: read.map((l) => l.definition), versions: read.flatMap((l) => l.versions), problems };
    },

    async readFleetUsage(_galleries: readonly Gallery[], definitions: readonly ImageDefinition[]): Promise<FleetUsage> {
      const found = new Map<string, VersionUsage>();
      const problems: string[] = [];
      if (usage) {
        // One question per definition; a definition whose answer failed stays unknown.
        await mapLimit(definitions, CONCURRENCY, async (d) => {
          try {
            found.set(keyOf(d), await usage.findUsage(d));
          } catch (err) {
            problems.push(`Could not read who runs ${d.gallery}/${d.image}: ${describeReadError(err)}`);
          }
        });
      }
      return { checked: usage !== undefined, problems, of: (image) => found.get(keyOf(image)) };
    },
  };
}

/** The port's own inventory when it has one (the ARM adapter reads Resource Graph), else its lists. */
export function inventoryOf(gallery: GalleryPort, usage?: UsageReader): InventoryReader {
  return isInventoryReader(gallery) ? gallery : listedInventory(gallery, usage);
}

/** True for a port that reads its inventory itself (the ARM adapter, from Resource Graph). */
export function isInventoryReader(port: GalleryPort): port is GalleryPort & InventoryReader {
  const candidate = port as Partial<InventoryReader>;
  return typeof candidate.readInventory === 'function' && typeof candidate.readFleetUsage === 'function';
}
