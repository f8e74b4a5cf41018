/**
 * Resource Graph rows of gallery resources → the project's types. A row is the ARM resource with its
 * `properties` nested and dates as text; the SDK models are flattened with dates as `Date`s. So a row is
 * first put in the SDK's shape, then read by the same mappers as an ARM list, and the two paths cannot drift.
 */
import type { Gallery as SdkGallery, GalleryImage as SdkImage, GalleryImageVersion as SdkVersion } from '@azure/arm-compute';
import { parseImageReference } from '../image-reference';
import type { GalleryInventory } from '../inventory-port';
import { mapGallery, mapImage } from './map-gallery';
import { mapVersion } from './map-version';
import { GALLERY_TYPES } from './inventory-query';

type Row = Record<string, unknown>;

const isObject = (v: unknown): v is Row => v !== null && typeof v === 'object' && !Array.isArray(v);
/** Resource Graph reports an absent dynamic column as null; the SDK leaves it undefined. */
const orUndefined = (v: unknown): unknown => (v === null ? undefined : v);
const toDate = (v: unknown): Date | undefined => (typeof v === 'string' && v !== '' ? new Date(v) : undefined);

/** The row as the SDK would have deserialized the same resource from an ARM GET. */
function sdkShape(row: Row): Row {
  const properties = isObject(row['properties']) ? row['properties'] : {};
  return {
    ...properties,
    id: orUndefined(row['id']),
    name: orUndefined(row['name']),
    type: orUndefined(row['type']),
    location: orUndefined(row['location']),
    tags: orUndefined(row['tags']),
    identity: orUndefined(row['identity']),
  };
}

function versionShape(row: Row): SdkVersion {
  const flat = sdkShape(row);
  const profile = flat['publishingProfile'];
  if (isObject(profile)) flat['publishingProfile'] = { ...profile, publishedDate: toDate(profile['publishedDate']), endOfLifeDate: toDate(profile['endOfLifeDate']) };
  return flat as unknown as SdkVersion;
}

function imageShape(row: Row): SdkImage {
  const flat = sdkShape(row);
  flat['endOfLifeDate'] = toDate(flat['endOfLifeDate']);
  return flat as unknown as SdkImage;
}

/**
 * Sorts the rows into galleries, definitions and versions. A row whose id does not name a gallery resource, or
 * that a mapper refuses, is skipped and named in `problems`: the rest of the inventory is still worth a report.
 */
export function inventoryFromRows(rows: readonly unknown[]): GalleryInventory {
  const inventory: GalleryInventory = { galleries: [], definitions: [], versions: [], problems: [] };
  for (const row of rows) {
    if (!isObject(row)) continue;
    const type = typeof row['type'] === 'string' ? row['type'].toLowerCase() : '';
    const id = typeof row['id'] === 'string' ? row['id'] : '';
    try {
      if (type === GALLERY_TYPES[0]) {
        const key = /^\/subscriptions\/([^/]+)\//i.exec(id);
        inventory.galleries.push(mapGallery(sdkShape(row) as unknown as SdkGallery, { subscriptionId: key?.[1] ?? '' }));
        continue;
      }
      const ref = parseImageReference(id);
      if (ref === undefined) throw new Error('not a gallery image id');
      const { version, ...image } = ref;
      if (type === GALLERY_TYPES[1] && version === undefined) {
        const { image: _name, ...gallery } = image;
        inventory.definitions.push(mapImage(imageShape(row), gallery));
      } else if (type === GALLERY_TYPES[2] && version !== undefined) {
        inventory.versions.push(mapVersion(versionShape(row), image, false));
      }
    } catch {
      inventory.problems.push(`Azure Resource Graph returned a ${type || 'resource'} GalleryOps could not read (${id || 'no id'}); it is not in the report.`);
    }
  }
  return inventory;
}
