import { imageKeyOf, type ChangeRequest } from './change-request';

/**
 * Request ids arrive typed in chat and become keys in a store: anything outside this alphabet cannot name a
 * stored request, so stores treat it as not found.
 */
export const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** Shared by every store so "about this image" means the same everywhere. */
export function requestTouchesImage(request: ChangeRequest, gallery: string, image: string): boolean {
  const key = imageKeyOf({ gallery, image });
  return imageKeyOf(request.target) === key || imageKeyOf(request.scope) === key;
}

/** Oldest first, ties by id, so listings are stable across stores. */
export function byCreation(a: ChangeRequest, b: ChangeRequest): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
