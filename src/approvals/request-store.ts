import type { AuditEntry, AuditRecord } from '../audit/audit-record';
import type { ChangeRequest } from './change-request';

/** What one atomic unit writes: at most one request, plus audit entries chained after the head. */
export interface RequestWrite {
  /**
   * `create`: a new request (refused when its id exists), stored with the claims on every field it sets (see
   * `claimsOf`), or refused when an open request holds one. `replace`: compare-and-set, stored only if the
   * stored revision is still `expectedRevision`; a replace into a final state releases the request's claims in
   * the same unit. Absent: the unit only appends audit entries.
   */
  request?: { create: ChangeRequest } | { replace: ChangeRequest; expectedRevision: number };
  /** Appended in order, in the same unit: both the request write and every record are stored, or nothing is. */
  audit: readonly AuditEntry[];
}

/**
 * The unit's outcome. On success `request` is what was stored: the written request stamped with
 * `auditAnchor`, the last record of this unit (when it had any), so a card can name the record it rests on.
 */
export type CommitResult =
  | { ok: true; records: AuditRecord[]; request?: ChangeRequest }
  | { ok: false; reason: 'stale'; current?: ChangeRequest }
  | { ok: false; reason: 'exists' }
  /** A create refused because the open request `holder` already sets `field` (a claim key, see `claimKey`). */
  | { ok: false; reason: 'claimed'; holder: string; field: string }
  | { ok: false; reason: 'not-found' };

/**
 * Change requests, with optimistic concurrency on `revision`, written together with their audit records.
 * Reads of a record that cannot be decoded throw `DamagedRecordError` for that record alone; listings leave
 * damaged records out (the store reports them), so one bad record never hides every other request.
 */
export interface ChangeRequestStore {
  get(id: string): Promise<ChangeRequest | undefined>;
  /**
   * The only write. Exactly one of any number of concurrent commits replacing the same revision succeeds.
   * When the store cannot complete the unit within its time limit (contention, outage) it throws `StoreError`
   * and nothing of the unit is stored.
   */
  commit(write: RequestWrite): Promise<CommitResult>;
  /** Requests still pending, approved or executing, oldest first (for `pending`, expiry and crash recovery). */
  listOpen(): Promise<ChangeRequest[]>;
  /** Every request about `gallery/image`: as the source version, or as the gallery that changes (stage copies). */
  listByImage(gallery: string, image: string): Promise<ChangeRequest[]>;
}
