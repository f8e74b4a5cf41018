import { odata, type TableClient } from '@azure/data-tables';
import { createAuditLog } from '../../audit/audit-log';
import type { AuditVerdict } from '../../audit/verify-audit';
import { conversationRecordSchema } from '../../conversations/conversation-record-schema';
import type { DamageRegister } from '../damage-register';
import type { StoreCheckReport } from '../store';
import { decodeEntity } from './decode-entity';
import type { LedgerReader } from './ledger-reader';
import type { TableLedger } from './table-ledger';
import type { TableEvidenceStore } from './table-evidence-store';
import { auditRange, CONVERSATIONS, LEGACY_REQUESTS, META, SCHEMA_VERSION } from './table-layout';

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
 * Reads everything once: every request and conversation row (each damaged one is reported), the audit chain
 * against its head, the evidence bundles, then (unless read-only) a harmless write to the `meta` partition.
 * A table that cannot be read at all comes back `readable: false` with the reason, never as an exception.
 */
export async function checkTableStore(parts: TableCheckParts): Promise<StoreCheckReport> {
  const { client, reader, ledger, evidence, damage } = parts;
  const problems: string[] = [];
  const counts = { requests: 0, auditRecords: 0, conversations: 0, evidenceBundles: 0 };
  let audit: AuditVerdict = { ok: true, count: 0 };
  try {
    const requests = await reader.requestRows();
    for (const [id, row] of requests) reader.decodeRequest(id, row);
    counts.requests = requests.size;
    const legacy = await reader.query(odata`PartitionKey eq ${LEGACY_REQUESTS}`, 'listing old-layout requests', ['RowKey']);
    if (legacy.length > 0) problems.push(`${legacy.length} change requests are still in the layout of an older GalleryOps; start the bot once (not read-only) to move them`);
    counts.auditRecords = (await reader.query(auditRange(), 'counting audit records', ['RowKey'])).length;
    const conversations = await reader.query(odata`PartitionKey eq ${CONVERSATIONS}`, 'listing conversation references');
    for (const row of conversations) {
      const decoded = decodeEntity(row, conversationRecordSchema);
      if (!decoded.ok) damage.report({ kind: 'conversation', key: `row ${row.rowKey!}`, problem: decoded.problem });
    }
    counts.conversations = conversations.length;
    counts.evidenceBundles = await evidence.count();
    audit = await createAuditLog(ledger).verify();
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

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
