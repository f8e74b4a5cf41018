import type { GalleryWriter } from './gallery-port';
import type { ImageKey } from './model';

/** What keeps copies of a definition's versions (the version index, the status and replication caches, the watcher). */
export interface ImageCaches {
  /** `version` is the one written (the watcher reads it directly: Resource Graph indexes writes late). */
  invalidateImage(image: ImageKey, version: string): void;
}

/**
 * The same gallery, whose writes forget what the caches hold of the definition once they end: the bot's own
 * promote, retire and repair must show at once in `versions` and `image status`. Forgotten whatever the
 * outcome, since a write that failed or whose answer was lost may still have changed the version.
 */
export function withIndexInvalidation<G extends GalleryWriter>(gallery: G, index: ImageCaches): G {
  // Everything else is the gallery's own (through the prototype, so a class instance works as well as a literal).
  const wrapped = Object.create(gallery) as G;
  const writes: GalleryWriter = {
    async updateVersion(image, version, patch, options) {
      try {
        return await gallery.updateVersion(image, version, patch, options);
      } finally {
        index.invalidateImage(image, version);
      }
    },
    async createVersion(image, version, spec, options) {
      try {
        return await gallery.createVersion(image, version, spec, options);
      } finally {
        index.invalidateImage(image, version);
      }
    },
  };
  return Object.assign(wrapped, writes);
}
