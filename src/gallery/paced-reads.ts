import { ThrottledError } from '../errors';
import type { GalleryPort } from './gallery-port';
import type { ReadBudget } from './read-budget';

/** When Azure sends no Retry-After with a 429: wait this long before the next read. */
const DEFAULT_RETRY_AFTER_S = 10;

/**
 * The port with its version GETs paced by `budget`: each waits for its turn, and a 429 that outlasted the SDK's
 * own retries pauses the whole budget for Azure's Retry-After before this read is tried again (`retries` times).
 * Lists pass through: callers that pace use Resource Graph for those.
 */
export function pacedReads(port: GalleryPort, budget: ReadBudget, retries = 2): GalleryPort {
  return {
    listGalleries: (options) => port.listGalleries(options),
    listImages: (gallery, options) => port.listImages(gallery, options),
    listVersions: (image, options) => port.listVersions(image, options),
    async getVersion(image, version, options) {
      for (let attempt = 0; ; attempt++) {
        await budget.take();
        try {
          return await port.getVersion(image, version, options);
        } catch (err) {
          if (!(err instanceof ThrottledError) || attempt >= retries) throw err;
          budget.pauseFor((err.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S) * 1000);
        }
      }
    },
  };
}
