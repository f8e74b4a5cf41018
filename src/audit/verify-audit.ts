import type { AuditAnchor } from '../approvals/change-request';
import { GENESIS_HASH, type AuditHead, type AuditRecord } from './audit-record';
import { hashAuditRecord } from './hash-record';

/** How the chain was broken, at the first record where it shows. */
export type AuditProblem = 'edited' | 'reordered' | 'removed' | 'inserted' | 'truncated' | 'anchor-mismatch';

export type AuditVerdict =
  /** `anchor`: the record an anchor named is still in the chain, with that hash. */
  | { ok: true; count: number; head?: AuditHead; anchor?: AuditAnchor }
  | { ok: false; seq: number; problem: AuditProblem };

/** Shortest hash prefix an anchor may give: 16 hex digits (64 bits) cannot be matched by a forged record. */
export const MIN_ANCHOR_HASH_CHARS = 16;

/**
 * An intact chain checked against an anchor (`seq:hash` a card or bundle named earlier): the record must still be
 * there, with a hash that starts with the anchor's. A chain cut back before the anchor looks intact on its own
 * (its head was cut back too); only an anchor kept elsewhere shows it.
 */
export function checkAnchor(verdict: AuditVerdict & { ok: true }, records: readonly AuditRecord[], anchor: AuditAnchor): AuditVerdict {
  const record = records.find((r) => r.seq === anchor.seq);
  if (!record) return { ok: false, seq: anchor.seq, problem: 'truncated' };
  if (!record.hash.startsWith(anchor.hash.toLowerCase())) return { ok: false, seq: anchor.seq, problem: 'anchor-mismatch' };
  return { ...verdict, anchor: { seq: record.seq, hash: record.hash } };
}

/**
 * Checks records in stored order against their hashes, their sequence and each other's links. With the
 * stored head it also catches records removed from, or added past, the end. A chain rewritten from the
 * edit onwards (every hash recomputed, head included) cannot be told apart from an honest one: the hash
 * chain proves nothing changed *silently*; anchoring the head elsewhere (evidence bundles) covers the rest.
 */
export function verifyAudit(records: readonly AuditRecord[], head?: AuditHead): AuditVerdict {
  const seen = new Set<number>();
  const remaining = new Set(records.map((r) => r.seq));
  let expected = 1;
  let prevHash = GENESIS_HASH;
  for (const record of records) {
    if (seen.has(record.seq)) return { ok: false, seq: record.seq, problem: 'inserted' };
    if (head && record.seq > head.seq) return { ok: false, seq: record.seq, problem: 'inserted' };
    if (hashAuditRecord(record) !== record.hash) return { ok: false, seq: record.seq, problem: 'edited' };
    if (record.seq < expected) return { ok: false, seq: record.seq, problem: 'reordered' };
    if (record.seq > expected) {
      // The missing record either turns up later (out of order) or is gone.
      return { ok: false, seq: expected, problem: remaining.has(expected) ? 'reordered' : 'removed' };
    }
    // Sequence is right and the record's own hash is right, yet it does not link: the previous record was
    // edited and re-hashed (or this one was forged in its place).
    if (record.prevHash !== prevHash) return { ok: false, seq: Math.max(1, record.seq - 1), problem: 'edited' };
    seen.add(record.seq);
    remaining.delete(record.seq);
    prevHash = record.hash;
    expected++;
  }
  if (head && head.seq > records.length) return { ok: false, seq: expected, problem: 'removed' };
  if (head && head.seq > 0 && head.hash !== prevHash) return { ok: false, seq: head.seq, problem: 'edited' };
  const last = records.at(-1);
  return { ok: true, count: records.length, ...(last ? { head: { seq: last.seq, hash: last.hash } } : {}) };
}
