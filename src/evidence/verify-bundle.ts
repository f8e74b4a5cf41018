import { verifyAudit } from '../audit/verify-audit';
import type { JsonValue } from '../json-value';
import type { AuditStore } from '../audit/audit-store';
import type { EvidenceStore } from './evidence-store';
import { recomputeBundleHash } from './seal-bundle';

/** Whether the bundle's anchor (the audit head it recorded) is still in today's chain. */
export type AnchorCheck =
  | { kind: 'empty-log' }
  | { kind: 'present'; seq: number }
  /** Today's log has no record with that seq: the log was cut back. */
  | { kind: 'missing'; seq: number }
  /** The record with that seq has another hash: the log was rewritten at or before it. */
  | { kind: 'rewritten'; seq: number }
  | { kind: 'unreadable' };

/** What `evidence verify` found. */
export type BundleVerdict =
  | { kind: 'unknown'; hash: string }
  | { kind: 'altered'; hash: string; recomputed?: string }
  | {
      kind: 'intact';
      hash: string;
      subject: string;
      generatedAt: string;
      recordCount: number;
      anchor: AnchorCheck;
      /** Seqs of the bundle's audit records that today's log no longer holds unchanged. */
      changedRecords: number[];
      /** Today's chain, checked link by link. */
      chainIntact: boolean;
    };

export interface VerifyBundleDeps {
  bundles: Pick<EvidenceStore, 'get'>;
  audit: Pick<AuditStore, 'list' | 'head'>;
}

/**
 * Looks a bundle up by hash and recomputes its hash from what is stored. An intact bundle is then compared with
 * today's audit log: its head and its records must still be there with the same hashes, which catches a log
 * rewritten since (re-hashing a chain from an edit onwards fools `audit verify`, not an earlier bundle).
 */
export async function verifyStoredBundle(hash: string, deps: VerifyBundleDeps): Promise<BundleVerdict> {
  const stored = await deps.bundles.get(hash);
  if (stored === undefined) return { kind: 'unknown', hash };
  const recomputed = recomputeBundleHash(stored);
  const obj = asObject(stored);
  if (recomputed !== hash || obj?.['sha256'] !== hash) return { kind: 'altered', hash, ...(recomputed ? { recomputed } : {}) };

  const today = await deps.audit.list();
  const head = await deps.audit.head();
  const bySeq = new Map(today.map((r) => [r.seq, r.hash]));
  const recorded = Array.isArray(obj['auditRecords']) ? obj['auditRecords'] : [];
  const changedRecords = recorded
    .map(asObject)
    .filter((r): r is { [key: string]: JsonValue } => r !== undefined)
    .filter((r) => typeof r['seq'] !== 'number' || bySeq.get(r['seq']) !== r['hash'])
    .map((r) => (typeof r['seq'] === 'number' ? r['seq'] : 0));
  return {
    kind: 'intact',
    hash,
    subject: describeSubject(obj['subject']),
    generatedAt: typeof obj['generatedAt'] === 'string' ? obj['generatedAt'] : 'an unknown time',
    recordCount: recorded.length,
    anchor: checkAnchor(obj['auditHead'], bySeq),
    changedRecords,
    chainIntact: verifyAudit(today, head).ok,
  };
}

function checkAnchor(anchor: JsonValue | undefined, bySeq: Map<number, string>): AnchorCheck {
  if (anchor === null) return { kind: 'empty-log' };
  const a = asObject(anchor ?? null);
  if (!a || typeof a['seq'] !== 'number' || typeof a['hash'] !== 'string') return { kind: 'unreadable' };
  const seq = a['seq'];
  if (seq === 0) return { kind: 'empty-log' };
  const now = bySeq.get(seq);
  if (now === undefined) return { kind: 'missing', seq };
  return now === a['hash'] ? { kind: 'present', seq } : { kind: 'rewritten', seq };
}

function describeSubject(subject: JsonValue | undefined): string {
  const s = asObject(subject ?? null);
  const part = (k: string): string => (typeof s?.[k] === 'string' ? (s[k] as string) : '?');
  return `${part('gallery')}/${part('image')} ${part('version')}`;
}

function asObject(value: JsonValue): { [key: string]: JsonValue } | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
