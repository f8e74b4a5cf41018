import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangeRequest } from '../../approvals/change-request';
import type { AuditHead, AuditRecord } from '../../audit/audit-record';
import type { ConversationRecord } from '../../conversations/conversation-store';
import type { EvidenceBundle } from '../../evidence/evidence-bundle';

/**
 * The JSON-file layout GalleryOps used before the embedded database: `<dir>/requests/<id>.json`,
 * `<dir>/audit/<seq, 12 digits>.json` plus `head.json`, `<dir>/conversations/<sha256 of key>.json` (evidence
 * bundles among them under keys `evidence:<sha256>`), and a `.lock` file.
 */
export const LEGACY_FOLDERS = ['requests', 'audit', 'conversations'] as const;

/** The old store's lock file; moved aside with the folders so nothing of the old layout stays behind. */
export const LEGACY_LOCK_FILE = '.lock';

/** Where imported folders go: `<dir>/imported-json-<timestamp>/`. */
export function importedFolderName(at: Date): string {
  return `imported-json-${at.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}`;
}

/** The old layout's folders present in `dir`. */
export function legacyFoldersIn(dir: string): string[] {
  return LEGACY_FOLDERS.filter((name) => existsSync(join(dir, name)));
}

/** An old file that was not imported, and why (listed at start; the file stays in the imported folder). */
export interface SkippedFile {
  /** Relative to the data folder, e.g. `requests/CR-1.json`. */
  path: string;
  problem: string;
}

/** Everything readable in an old data folder. */
export interface LegacyData {
  /** Each request with the file's text, stored as it was. */
  requests: Array<{ request: ChangeRequest; text: string }>;
  /** Audit records keyed by the seq in their file name (as the old store listed them), with the file's text. */
  audit: Array<{ fileSeq: number; record: AuditRecord; text: string }>;
  /** The chain's head as the old store computed it: `head.json`, rolled forward over records that chain on. */
  head: AuditHead | undefined;
  conversations: ConversationRecord[];
  evidence: Array<{ bundle: EvidenceBundle; storedAt: string }>;
  skipped: SkippedFile[];
}
