import { GENESIS_HASH, type AuditEntry, type AuditHead, type AuditRecord } from './audit-record';
import { hashAuditRecord } from './hash-record';

/**
 * Turns entries into the records that follow `head` (undefined: the chain is empty): consecutive seqs, each
 * linked to the one before. Stores call this inside their atomic unit, with the head they hold there.
 */
export function chainRecords(head: AuditHead | undefined, entries: readonly AuditEntry[]): AuditRecord[] {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return entries.map((entry) => {
    const body = { ...entry, seq: ++seq, prevHash };
    const record: AuditRecord = { ...body, hash: hashAuditRecord(body) };
    prevHash = record.hash;
    return record;
  });
}

/** The head after these records (or `head` itself when there are none). */
export function headAfter(head: AuditHead | undefined, records: readonly AuditRecord[]): AuditHead | undefined {
  const last = records.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : head;
}
