import { createHash } from 'node:crypto';
import type { JsonValue } from '../json-value';
import type { AuditRecord } from './audit-record';
import { canonicalJson } from './canonical-json';

/** SHA-256 (hex) of the canonical JSON of the record without its `hash` field. */
export function hashAuditRecord(record: Omit<AuditRecord, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...rest } = record;
  return sha256Hex(canonicalJson(rest as unknown as JsonValue));
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
