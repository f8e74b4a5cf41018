import { describeAuditVerdict } from '../../src/audit/describe-verdict';
import type { DamagedRecord, StoreCheckReport } from '../../src/storage/store';

/** Exit codes of `npm run store:check`. */
export const STORE_CHECK_EXIT = { intact: 0, damaged: 1, unreadable: 2 } as const;

/** Intact only when nothing at all was found: every damaged record, a broken chain or a store-wide problem counts. */
export function storeCheckExitCode(report: StoreCheckReport): number {
  if (!report.readable) return STORE_CHECK_EXIT.unreadable;
  const damaged = report.damaged.length > 0 || !report.audit.ok || report.problems.length > 0 || report.writable === false;
  return damaged ? STORE_CHECK_EXIT.damaged : STORE_CHECK_EXIT.intact;
}

const KIND_WORDS: Record<DamagedRecord['kind'], (key: string) => string> = {
  request: (key) => `change request ${key}`,
  audit: (key) => `audit record #${key}`,
  conversation: (key) => `conversation reference ${key}`,
  evidence: (key) => `evidence bundle ${key}`,
  subscription: (key) => `subscription ${key}`,
};

/** The report as operators read it: where, how much, what is damaged, the chain's verdict, and what to do. */
export function storeCheckText(report: StoreCheckReport, now: Date): string {
  const { counts } = report;
  const lines = [
    `Store: ${report.location} (${report.writable === 'not-checked' ? 'read-only check' : report.writable ? 'writable' : 'NOT writable'})`,
    `Records: ${counts.requests} change requests, ${counts.auditRecords} audit records, ${counts.conversations} conversation references, ${counts.evidenceBundles} evidence bundles`,
    describeAuditVerdict(report.audit, now),
  ];
  if (report.damaged.length > 0) {
    lines.push(`Damaged records (${report.damaged.length}):`);
    for (const d of report.damaged) lines.push(`  - ${KIND_WORDS[d.kind](d.key)}: ${d.problem}`);
  }
  if (report.problems.length > 0) {
    lines.push(`Problems (${report.problems.length}):`);
    for (const p of report.problems) lines.push(`  - ${p}`);
  }
  const code = storeCheckExitCode(report);
  lines.push(
    code === STORE_CHECK_EXIT.intact
      ? 'Result: intact.'
      : 'Result: DAMAGED. The bot keeps serving every other record; restore the records named above from a backup (see the README, storage section).',
  );
  return lines.join('\n');
}
