import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangeRequest } from '../../../src/approvals/change-request';
import type { AuditHead, AuditRecord } from '../../../src/audit/audit-record';
import type { ConversationRecord } from '../../../src/conversations/conversation-store';
import type { EvidenceBundle } from '../../../src/evidence/evidence-bundle';
import type { JsonValue } from '../../../src/json-value';
import { conversationKeyHash } from '../../../src/storage/conversation-key-hash';

/** What a data folder of the JSON-file store held. */
export interface OldData {
  requests?: ChangeRequest[];
  audit?: AuditRecord[];
  /** `head.json`; omitted: the head of the last record; null: no head file. */
  head?: AuditHead | null;
  conversations?: ConversationRecord[];
  /** Kept by the old store as conversation records `evidence:<sha256>`. */
  evidence?: Array<{ bundle: EvidenceBundle; at: Date }>;
}

/**
 * Writes `data` the way the old JSON-file store did (git show 2d982c7~1:src/storage/file/): one compact JSON
 * file per request (`requests/<id>.json`), per audit record (`audit/<seq, 12 digits>.json`) plus `head.json`,
 * and per conversation key (`conversations/<sha256 of the key's UTF-16>.json`).
 */
export function writeOldLayout(dir: string, data: OldData): void {
  for (const folder of ['requests', 'audit', 'conversations']) mkdirSync(join(dir, folder), { recursive: true });
  for (const request of data.requests ?? []) writeFileSync(join(dir, 'requests', `${request.id}.json`), JSON.stringify(request));
  const audit = data.audit ?? [];
  for (const record of audit) writeFileSync(oldAuditPath(dir, record.seq), JSON.stringify(record));
  const last = audit.at(-1);
  const head = data.head === undefined ? (last ? { seq: last.seq, hash: last.hash } : null) : data.head;
  if (head) writeFileSync(join(dir, 'audit', 'head.json'), JSON.stringify(head));
  const evidence = (data.evidence ?? []).map(({ bundle, at }): ConversationRecord => ({ key: `evidence:${bundle.sha256}`, value: bundle as unknown as JsonValue, updatedAt: at.toISOString() }));
  for (const record of [...(data.conversations ?? []), ...evidence]) {
    writeFileSync(oldConversationPath(dir, record.key), JSON.stringify({ key: record.key, value: record.value, updatedAt: record.updatedAt }));
  }
}

export const oldAuditPath = (dir: string, seq: number): string => join(dir, 'audit', `${String(seq).padStart(12, '0')}.json`);
export const oldConversationPath = (dir: string, key: string): string => join(dir, 'conversations', `${conversationKeyHash(key)}.json`);
