import type { DigestFinding } from './digest-findings';
import type { DigestFindingRecord, DigestRecord } from './digest-store';

/** What changed since the previous digest. */
export interface DigestChanges {
  /** No previous digest: everything open is the baseline (shown as open, not as new). */
  first: boolean;
  /** The previous digest's local day, when there was one. */
  since?: string;
  added: DigestFinding[];
  resolved: DigestFindingRecord[];
  stillOpen: DigestFinding[];
}

/** Compares today's findings with the previous digest's, by key. Pure. */
export function diffDigest(previous: DigestRecord | undefined, current: readonly DigestFinding[]): DigestChanges {
  if (!previous) return { first: true, added: [], resolved: [], stillOpen: [...current] };
  const before = new Set(previous.findings.map((f) => f.key));
  const now = new Set(current.map((f) => f.key));
  return {
    first: false,
    since: previous.day,
    added: current.filter((f) => !before.has(f.key)),
    resolved: previous.findings.filter((f) => !now.has(f.key)),
    stillOpen: current.filter((f) => before.has(f.key)),
  };
}
