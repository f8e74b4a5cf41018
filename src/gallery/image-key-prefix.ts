import type { ImageKey } from './model';

/**
 * The lower-case key prefix of a definition's entries in per-version caches (ARM ids compare without case); the
 * trailing slash keeps `dispatch` from matching `dispatch-gpu`. A version's key is the prefix plus its name.
 */
export function imageKeyPrefix(image: ImageKey): string {
  return `${[image.subscriptionId, image.resourceGroup, image.gallery, image.image].join('/').toLowerCase()}/`;
}
