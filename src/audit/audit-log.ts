import type { AuditAnchor } from '../approvals/change-request';
import type { AuditEntry, AuditRecord } from './audit-record';
import { GENESIS_HASH } from './audit-record';
import type { AuditStore } from './audit-store';
import { checkAnchor, verifyAudit, type AuditVerdict } from './verify-audit';

/** The append-only, hash-chained audit log. */
export interface AuditLog {
  /** Places each entry at the end of the chain, in order, as one unit; returns the stored records. */
  append(...entries: AuditEntry[]): Promise<AuditRecord[]>;
  /**
   * Reads the whole chain and checks it against the stored head; with an anchor (a `seq:hash` a card or an
   * evidence bundle named), also that the chain still holds that record, which catches a cut-back tail.
   */
  verify(options?: { anchor?: AuditAnchor }): Promise<AuditVerdict>;
}

/** The log over a store; the store places records atomically (and queues concurrent appends). */
export function createAuditLog(store: AuditStore): AuditLog {
  return {
    async append(...entries) {
      return entries.length === 0 ? [] : store.append(entries);
    },
    async verify(options = {}) {
      // An append between reading the records and reading the head would make a record look inserted (or
      // missing), so read the head on both sides of the records and retry if it moved.
      for (let attempt = 1; ; attempt++) {
        const head = await store.head();
        const records = await store.list();
        const after = await store.head();
        if (after?.seq === head?.seq || attempt >= 10) {
          // No head with records present means the head was deleted: everything then counts as inserted.
          const verdict = verifyAudit(records, after ?? { seq: 0, hash: GENESIS_HASH });
          return options.anchor && verdict.ok ? checkAnchor(verdict, records, options.anchor) : verdict;
        }
      }
    },
  };
}
