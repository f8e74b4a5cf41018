import type { AuditAnchor } from '../approvals/change-request';
import { MIN_ANCHOR_HASH_CHARS } from './verify-audit';

/**
 * `42:3f9a1c2b4d5e6f70…` (also `#42:…`) as cards and bundles print it: a record number and at least 16 hex
 * characters of its hash. Anything else is undefined: a shorter prefix could be matched by a forged record.
 */
export function parseAnchor(text: string): AuditAnchor | undefined {
  const m = /^#?(\d{1,15}):([0-9a-f]+)…?$/i.exec(text.trim());
  if (!m) return undefined;
  const seq = Number(m[1]);
  const hash = m[2]!.toLowerCase();
  if (seq < 1 || hash.length < MIN_ANCHOR_HASH_CHARS || hash.length > 64) return undefined;
  return { seq, hash };
}
