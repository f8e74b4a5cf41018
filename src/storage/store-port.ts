import type { ChangeRequest } from '../approvals/change-request';
import type { AuditHead, AuditRecord } from '../audit/audit-record';
import type { JsonValue } from '../json-value';

/** A conditional write lost: someone else wrote first. Re-read, re-apply the transition, try again (or stop). */
export interface Stale<T> {
  ok: false;
  reason: 'stale';
  /** What is stored now, when the store could read it cheaply. */
  current?: T;
}

export type CreateResult = { ok: true } | { ok: false; reason: 'exists' };
export type ReplaceResult = { ok: true } | Stale<ChangeRequest> | { ok: false; reason: 'not-found' };
export type AppendResult = { ok: true } | Stale<AuditHead>;

/** Change requests, with optimistic concurrency on `revision`. */
export interface ChangeRequestStore {
  get(id: string): Promise<ChangeRequest | undefined>;
  /** Stores a new request; refuses an id that exists (ids are random, so that is a collision to retry). */
  create(request: ChangeRequest): Promise<CreateResult>;
  /**
   * Compare-and-set: stores `next` only if the stored revision is still `expectedRevision`. Exactly one of
   * any number of concurrent calls with the same expected revision succeeds.
   */
  replace(next: ChangeRequest, expectedRevision: number): Promise<ReplaceResult>;
  /** Requests still pending, approved or executing, oldest first (for `pending`, expiry and crash recovery). */
  listOpen(): Promise<ChangeRequest[]>;
  /** Every request about `gallery/image`: as the source version, or as the gallery that changes (stage copies). */
  listByImage(gallery: string, image: string): Promise<ChangeRequest[]>;
}

/** The audit chain: records by sequence number plus the head every append is conditional on. */
export interface AuditStore {
  head(): Promise<AuditHead | undefined>;
  /**
   * Stores `record` (whose seq is head.seq + 1) and moves the head to it, atomically, only if the head is
   * still `expected` (`undefined`: the chain is empty).
   */
  append(record: AuditRecord, expected: AuditHead | undefined): Promise<AppendResult>;
  /** Records in the order the store keeps them (by seq); `verifyAudit` checks that order. */
  list(filter?: AuditFilter): Promise<AuditRecord[]>;
}

/** Narrows `AuditStore.list`; every given field must match. */
export interface AuditFilter {
  requestId?: string;
  /** `gallery/image`, compared case-insensitively. */
  image?: string;
  version?: string;
}

/**
 * Where the bot can reach someone later: a Bot Framework conversation reference (or a member's Teams id),
 * stored as JSON under a key such as `user:<aadObjectId>`, `channel:<channelId>` or `member:<aadObjectId>`.
 */
export interface ConversationRecord {
  key: string;
  value: JsonValue;
  /** ISO 8601 UTC. */
  updatedAt: string;
}

/** Proactive-message addresses. Last write wins: a newer reference is always the better one. */
export interface ConversationStore {
  put(record: ConversationRecord): Promise<void>;
  get(key: string): Promise<ConversationRecord | undefined>;
}

/** One storage backend: the file store (default, one instance) or Azure Table Storage (several instances). */
export interface Store {
  requests: ChangeRequestStore;
  audit: AuditStore;
  conversations: ConversationStore;
  close(): Promise<void>;
}
