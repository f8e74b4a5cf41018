import type { AuditVerdict } from './verify-audit';

const PROBLEM_WORDS = {
  edited: 'was changed after it was written',
  reordered: 'is out of order',
  removed: 'is missing',
  inserted: 'was added outside the chain',
  truncated: 'is gone: the log was cut back to before the record the anchor names',
  'anchor-mismatch': 'has another hash than the anchor names: the log was rewritten at or before it',
} as const;

/** The verdict in words, for chat and for `npm run audit:verify`. */
export function describeAuditVerdict(verdict: AuditVerdict, now: Date): string {
  const at = now.toISOString().replace(/\.\d+Z$/, 'Z');
  if (verdict.ok) {
    if (verdict.count === 0) return `Audit log intact: it is empty (checked ${at}).`;
    const anchor = verdict.anchor ? ` It still holds anchor #${verdict.anchor.seq} ${verdict.anchor.hash.slice(0, 16)}… and every record before it.` : '';
    return `Audit log intact: ${verdict.count} ${verdict.count === 1 ? 'record' : 'records'}, each linked to the one before; head #${verdict.head?.seq ?? verdict.count} ${verdict.head?.hash.slice(0, 16) ?? ''}… (checked ${at}).${anchor}`;
  }
  return `Audit log BROKEN: record #${verdict.seq} ${PROBLEM_WORDS[verdict.problem]}. Records from #${verdict.seq} on cannot be trusted; compare with a backup or an evidence bundle (checked ${at}).`;
}
