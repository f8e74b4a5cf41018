import { UsageError } from '../errors';
import type { GalleryKey, ImageKey } from './model';

/**
 * Names may be qualified from the right: `image`, `gallery/image`, `resourceGroup/gallery/image`,
 * `subscription/resourceGroup/gallery/image`. The longer forms exist because the same gallery name can live
 * in several subscriptions or resource groups; the short forms are what people type.
 */
export function splitQualifiedName(input: string, maxParts: number): string[] {
  const parts = input.split('/');
  if (parts.length > maxParts || parts.some((p) => p.trim() === '')) {
    const forms = maxParts === 4 ? '`image`, `gallery/image` or `resourceGroup/gallery/image`' : '`gallery` or `resourceGroup/gallery`';
    throw new UsageError(`\`${input}\` is not a name I can read: use ${forms}.`);
  }
  return parts.map((p) => p.trim());
}

export function imagePath(k: ImageKey): string[] {
  return [k.subscriptionId, k.resourceGroup, k.gallery, k.image];
}

export function galleryPath(k: GalleryKey): string[] {
  return [k.subscriptionId, k.resourceGroup, k.gallery];
}

/** True when `parts` equals the end of `path`, ignoring case (ARM names are case-insensitive). */
export function matchesSuffix(path: readonly string[], parts: readonly string[]): boolean {
  const offset = path.length - parts.length;
  return offset >= 0 && parts.every((p, i) => p.toLowerCase() === path[offset + i]!.toLowerCase());
}

/** The shortest right-hand qualification of `path` (at least `minParts`) that no other path shares. */
export function shortestUnique(path: readonly string[], all: readonly (readonly string[])[], minParts: number): string {
  for (let n = minParts; n < path.length; n++) {
    const parts = path.slice(path.length - n);
    if (all.filter((p) => matchesSuffix(p, parts)).length === 1) return parts.join('/');
  }
  return path.join('/');
}

export function sameGallery(a: GalleryKey, b: GalleryKey): boolean {
  return galleryPath(a).every((p, i) => p.toLowerCase() === galleryPath(b)[i]!.toLowerCase());
}
