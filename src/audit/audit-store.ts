import type { AuditEntry, AuditHead, AuditRecord } from './audit-record';

/** Narrows `AuditStore.list`; every given field must match. */
export interface AuditFilter {
  requestId?: string;
  /** `gallery/image`, compared case-insensitively. */
  image?: string;
  version?: string;
  /** Only records with `seq >= fromSeq`. */
  fromSeq?: number;
  /** Only records with `seq <= toSeq`. */
  toSeq?: number;
}

/**
 * The audit chain as a store keeps it. Appends go through the store because the store alone can place records
 * after its head atomically (and, for change requests, in the same unit as the request write: see
 * `ChangeRequestStore.commit`).
 */
export interface AuditStore {
  /** The last record's position and hash as the store keeps it; undefined when the chain is empty. */
  head(): Promise<AuditHead | undefined>;
  /** Records in chain order (by seq); `verifyAudit` checks that order. */
  list(filter?: AuditFilter): Promise<AuditRecord[]>;
  /**
   * Places the entries at the end of the chain, in order, as one atomic unit, and returns the stored records.
   * Concurrent appends queue (never spin); when the store cannot append within its time limit it throws
   * `StoreError` and nothing of this call is stored.
   */
  append(entries: readonly AuditEntry[]): Promise<AuditRecord[]>;
}

/** Shared by every store, so a filter means the same everywhere. */
export function auditMatches(record: AuditRecord, filter: AuditFilter = {}): boolean {
  if (filter.requestId !== undefined && record.requestId !== filter.requestId) return false;
  if (filter.image !== undefined && record.image !== filter.image.toLowerCase()) return false;
  if (filter.version !== undefined && record.version !== filter.version) return false;
  if (filter.fromSeq !== undefined && record.seq < filter.fromSeq) return false;
  if (filter.toSeq !== undefined && record.seq > filter.toSeq) return false;
  return true;
}
