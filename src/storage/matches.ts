import type { ChangeRequest } from '../approvals/change-request';
import { imageKeyOf } from '../approvals/change-request';
import type { AuditRecord } from '../audit/audit-record';
import type { AuditFilter } from './store-port';

/**
 * Request ids arrive typed in chat and become file names or row keys: anything outside this alphabet cannot
 * name a stored request (and could escape a folder), so stores treat it as not found.
 */
export const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** Shared by both stores so "about this image" means the same everywhere. */
export function requestTouchesImage(request: ChangeRequest, gallery: string, image: string): boolean {
  const key = imageKeyOf({ gallery, image });
  return imageKeyOf(request.target) === key || imageKeyOf(request.scope) === key;
}

export function auditMatches(record: AuditRecord, filter: AuditFilter = {}): boolean {
  if (filter.requestId !== undefined && record.requestId !== filter.requestId) return false;
  if (filter.image !== undefined && record.image !== filter.image.toLowerCase()) return false;
  if (filter.version !== undefined && record.version !== filter.version) return false;
  return true;
}

/** Oldest first, ties by id, so listings are stable across stores. */
export function byCreation(a: ChangeRequest, b: ChangeRequest): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
