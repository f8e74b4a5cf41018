import type { AuditVerdict } from './verify-audit';

const PROBLEM_WORDS = {
  edited: 'was changed after it was written',
  reordered: 'is out of order',
  removed: 'is missing',
  inserted: 'was added outside the chain',
} as const;

/** The verdict in words, for chat and for `npm run audit:verify`. */
export function describeAuditVerdict(verdict: AuditVerdict, now: Date): string {
  const at = now.toISOString().replace(/\.\d+Z$/, 'Z');
  if (verdict.ok) {
    if (verdict.count === 0) return `Audit log intact: it is empty (checked ${at}).`;
    return `Audit log intact: ${verdict.count} records, each linked to the one before; head #${verdict.head?.seq ?? verdict.count} ${verdict.head?.hash.slice(0, 16) ?? ''}… (checked ${at}).`;
  }
  return `Audit log BROKEN: record #${verdict.seq} ${PROBLEM_WORDS[verdict.problem]}. Records from #${verdict.seq} on cannot be trusted; compare with a backup or an evidence bundle (checked ${at}).`;
}
