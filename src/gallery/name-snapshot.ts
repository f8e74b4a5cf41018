import type { GalleryPort } from './gallery-port';
import type { Gallery, ImageDefinition } from './model';

/** Every gallery in scope with its image definitions, as read at one moment. */
export interface NameSnapshot {
  galleries: readonly Gallery[];
  images: readonly ImageDefinition[];
  readAt: Date;
}

/** At most this many listImages calls at once: enough to be quick, few enough to stay far from ARM's limits. */
const CONCURRENCY = 8;

/** Reads the snapshot with one listGalleries call plus one listImages call per gallery. */
export async function loadNameSnapshot(port: GalleryPort, now: () => Date): Promise<NameSnapshot> {
  const galleries = await port.listGalleries();
  const perGallery = await mapLimit(galleries, CONCURRENCY, (g) => port.listImages(g));
  return { galleries, images: perGallery.flat(), readAt: now() };
}

/** Like Promise.all over `items.map(fn)`, with at most `limit` calls in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
