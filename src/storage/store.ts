import type { ChangeRequestStore } from '../approvals/request-store';
import type { AuditStore } from '../audit/audit-store';
import type { AuditVerdict } from '../audit/verify-audit';
import type { ConversationStore } from '../conversations/conversation-store';
import type { EvidenceStore } from '../evidence/evidence-store';
import type { DigestStore } from '../subscriptions/digest-store';
import type { SubscriptionStore } from '../subscriptions/subscription-store';

/** A stored record that could not be decoded; named in `store:check`, `/readyz` and an error-level log line. */
export interface DamagedRecord {
  kind: 'request' | 'audit' | 'conversation' | 'evidence' | 'subscription';
  /** The request id, audit seq, conversation key or bundle hash. */
  key: string;
  /** What is wrong, for operators (never shown to chat users). */
  problem: string;
}

/** What a full check of a store found (`npm run store:check`, and the check at start). */
export interface StoreCheckReport {
  /** Where the data is (a file path or a table), for messages. */
  location: string;
  /** The store could be opened and its schema is one this version understands. */
  readable: boolean;
  /** A write would succeed now (false for a read-only check). */
  writable: boolean | 'not-checked';
  /** Why the store cannot be used (readable false), or other store-wide problems. */
  problems: string[];
  damaged: DamagedRecord[];
  audit: AuditVerdict;
  counts: { requests: number; auditRecords: number; conversations: number; evidenceBundles: number };
}

/**
 * One storage backend: the embedded SQLite database (default, one instance) or Azure Table Storage (several
 * instances). Each core owns the port it uses; this aggregate is what the composition root opens and closes.
 */
export interface Store {
  requests: ChangeRequestStore;
  audit: AuditStore;
  conversations: ConversationStore;
  evidence: EvidenceStore;
  subscriptions: SubscriptionStore;
  /** Each subscription's last daily digest, beside its delivered ids. */
  digests: DigestStore;
  /** Damaged records met so far by ordinary reads (cheap; for `/readyz`). */
  damaged(): DamagedRecord[];
  /** Tells `listener` about each damaged record the first time the store meets it (the app logs it at error level). */
  onDamage(listener: DamageListener): void;
  /** Reads everything once: schema, every record, the audit chain, and (unless read-only) writability. */
  check(): Promise<StoreCheckReport>;
  /** Where the data is, e.g. `/srv/galleryops/.data/galleryops.db` or `Azure Table galleryops`. */
  readonly location: string;
  close(): Promise<void>;
}

/** Told about every damaged record the first time a store meets it (the composition root logs it at error level). */
export type DamageListener = (record: DamagedRecord) => void;
