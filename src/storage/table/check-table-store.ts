import { odata, type TableClient } from '@azure/data-tables';
import { createAuditLog } from '../../audit/audit-log';
import { verifyAudit, type AuditVerdict } from '../../audit/verify-audit';
import { conversationRecordSchema } from '../../conversations/conversation-record-schema';
import { recomputeBundleHash } from '../../evidence/seal-bundle';
import { conversationKeyHash } from '../conversation-key-hash';
import type { DamageRegister } from '../damage-register';
import type { StoreCheckReport } from '../store';
import { decodeEntity } from './decode-entity';
import type { LedgerReader, Row } from './ledger-reader';
import type { TableLedger } from './table-ledger';
import type { TableEvidenceStore } from './table-evidence-store';
import { LedgerDamagedError } from './table-errors';
import { auditRange, BUNDLES, CONVERSATIONS, LEGACY_REQUESTS, META, SCHEMA_VERSION } from './table-layout';

/** What `check` needs of an open Table store. */
export interface TableCheckParts {
  client: TableClient;
  reader: LedgerReader;
  ledger: TableLedger;
  evidence: TableEvidenceStore;
  damage: DamageRegister;
  readOnly: boolean;
  location: string;
}

/**
 * Reads everything once: every request, the audit chain against its head, every conversation reference and
 * evidence bundle (each damaged one is reported as an ordinary read would), then, unless read-only, a harmless
 * write to the `meta` partition. A table that cannot be read comes back `readable: false` with the reason.
 */
export async function checkTableStore(parts: TableCheckParts): Promise<StoreCheckReport> {
  const { client, reader, ledger, evidence, damage } = parts;
  const problems: string[] = [];
  const counts = { requests: 0, auditRecords: 0, conversations: 0, evidenceBundles: 0 };
  let audit: AuditVerdict = { ok: true, count: 0 };
  try {
    const seen: Row[] = [];
    const requests = await reader.requestRows();
    for (const [id, row] of requests) reader.decodeRequest(id, row);
    counts.requests = requests.size;
    const legacy = await reader.query(odata`PartitionKey eq ${LEGACY_REQUESTS}`, 'listing old-layout requests', ['RowKey']);
    if (legacy.length > 0) problems.push(`${legacy.length} change requests are still in the layout of an older GalleryOps; start the bot once (not read-only) to move them`);
    const records = await reader.query(auditRange(), 'counting audit records', ['RowKey', 'schemaVersion']);
    counts.auditRecords = records.length;
    audit = await verifyLedger(ledger, problems);
    const conversations = await reader.query(odata`PartitionKey eq ${CONVERSATIONS}`, 'listing conversation references');
    checkConversations(conversations, damage);
    counts.conversations = conversations.length;
    const bundles = await reader.query(odata`PartitionKey eq ${BUNDLES}`, 'listing evidence bundles', ['RowKey', 'schemaVersion']);
    counts.evidenceBundles = bundles.length;
    for (const { rowKey } of bundles) {
      const bundle = await evidence.get(rowKey!);
      // get() reports a bundle it cannot reassemble; one that reassembles to other content was edited.
      if (bundle !== null && bundle !== undefined && recomputeBundleHash(bundle) !== rowKey) {
        damage.report({ kind: 'evidence', key: rowKey!, problem: 'the bundle no longer hashes to its name: its content was changed' });
      }
    }
    seen.push(...requests.values(), ...records, ...conversations, ...bundles);
    const newer = seen.filter((row) => typeof row['schemaVersion'] === 'number' && row['schemaVersion'] > SCHEMA_VERSION).length;
    if (newer > 0) problems.push(`${newer} rows were written by a newer GalleryOps (schema version above ${SCHEMA_VERSION}); run that version`);
  } catch (err) {
    return { location: parts.location, readable: false, writable: 'not-checked', problems: [...problems, describe(err)], damaged: damage.list(), audit, counts };
  }
  let writable: boolean | 'not-checked' = 'not-checked';
  if (!parts.readOnly) {
    try {
      await client.upsertEntity({ partitionKey: META, rowKey: 'check', checkedAt: new Date().toISOString(), schemaVersion: SCHEMA_VERSION }, 'Replace');
      writable = true;
    } catch (err) {
      writable = false;
      problems.push(`cannot write: ${describe(err)}`);
    }
  }
  return { location: parts.location, readable: true, writable, problems, damaged: damage.list(), audit, counts };
}

/** The chain against its head; a malformed head is a problem of its own (and already in the damage list). */
async function verifyLedger(ledger: TableLedger, problems: string[]): Promise<AuditVerdict> {
  try {
    return await createAuditLog(ledger).verify();
  } catch (err) {
    if (!(err instanceof LedgerDamagedError)) throw err;
    problems.push(err.message);
    return verifyAudit(await ledger.list());
  }
}

/** Rows are keyed by the key's hash, so only the record itself can name a damaged one (or its hash, when unreadable). */
function checkConversations(rows: Row[], damage: DamageRegister): void {
  for (const row of rows) {
    const decoded = decodeEntity(row, conversationRecordSchema);
    if (!decoded.ok) damage.report({ kind: 'conversation', key: `#${row.rowKey!.slice(0, 16)}`, problem: decoded.problem });
    else if (conversationKeyHash(decoded.value.key) !== row.rowKey) damage.report({ kind: 'conversation', key: decoded.value.key, problem: 'the record sits under another key' });
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
