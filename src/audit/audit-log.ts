import type { AuditStore } from '../storage/store-port';
import { GENESIS_HASH, type AuditEntry, type AuditRecord } from './audit-record';
import { hashAuditRecord } from './hash-record';
import { StoreError } from '../storage/store-error';
import { verifyAudit, type AuditVerdict } from './verify-audit';

/** Retry settings for appends that lose the race for the head to another instance. */
export interface AuditLogOptions {
  maxAttempts?: number;
  /** Waits between attempts; injectable so tests do not sleep. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** The append-only, hash-chained audit log. */
export interface AuditLog {
  /** Places each entry at the end of the chain, in order; returns the stored records. */
  append(...entries: AuditEntry[]): Promise<AuditRecord[]>;
  /** Reads the whole chain and checks it against the stored head. */
  verify(): Promise<AuditVerdict>;
}

/**
 * Appends are conditional on the head: read head → build record seq+1 chained to it → write only if the
 * head is unchanged. Losing to another instance just means building the record again on the new head.
 */
export function createAuditLog(store: AuditStore, options: AuditLogOptions = {}): AuditLog {
  const maxAttempts = options.maxAttempts ?? 50;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;

  async function appendOne(entry: AuditEntry): Promise<AuditRecord> {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const head = await store.head();
      const body = { ...entry, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH };
      const record: AuditRecord = { ...body, hash: hashAuditRecord(body) };
      const result = await store.append(record, head);
      if (result.ok) return record;
      // Jittered, growing pause so racing instances stop colliding in lockstep.
      await sleep(Math.min(50, 2 * attempt) * random());
    }
    throw new StoreError(`audit append lost the race for the chain head ${maxAttempts} times`);
  }

  return {
    async append(...entries) {
      const out: AuditRecord[] = [];
      for (const entry of entries) out.push(await appendOne(entry));
      return out;
    },
    async verify() {
      // An append between reading the records and reading the head would make a record look inserted (or
      // missing), so read the head on both sides of the records and retry if it moved.
      for (let attempt = 1; ; attempt++) {
        const head = await store.head();
        const records = await store.list();
        const after = await store.head();
        if (after?.seq === head?.seq || attempt >= 10) {
          // No head with records present means the head was deleted: everything then counts as inserted.
          return verifyAudit(records, after ?? { seq: 0, hash: GENESIS_HASH });
        }
      }
    },
  };
}
