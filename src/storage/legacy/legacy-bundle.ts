import type { ConversationRecord } from '../../conversations/conversation-store';
import type { EvidenceBundle } from '../../evidence/evidence-bundle';
import type { Decoded } from '../decode-record';

/**
 * An evidence bundle the old store kept as the conversation record `evidence:<sha256>`. It is imported as it is:
 * a bundle whose content was edited still claims its hash, and evidence verification then says "altered"
 * (which is the point of keeping it). Only a value that cannot be stored under its key is skipped.
 */
export function readLegacyBundle(record: ConversationRecord): Decoded<{ bundle: EvidenceBundle; storedAt: string }> {
  const sha256 = record.key.slice('evidence:'.length);
  const value = record.value;
  if (!/^[0-9a-f]{64}$/.test(sha256)) return { ok: false, problem: 'an evidence key without a SHA-256' };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, problem: 'the evidence record holds no bundle' };
  if (value['sha256'] !== sha256) return { ok: false, problem: 'the bundle claims another hash than its key' };
  const subject = value['subject'];
  if (subject === null || typeof subject !== 'object' || Array.isArray(subject)) return { ok: false, problem: 'the bundle has no subject' };
  return { ok: true, value: { bundle: value as unknown as EvidenceBundle, storedAt: record.updatedAt } };
}
