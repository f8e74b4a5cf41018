import { odata, type TableClient, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import type { AuditHead, AuditRecord } from '../../audit/audit-record';
import { auditRecordSchema } from '../../audit/audit-record-schema';
import { auditMatches } from '../matches';
import { StoreError } from '../store-error';
import type { AppendResult, AuditFilter, AuditStore } from '../store-port';
import { toBodyColumns } from './entity-body';
import { parseEntity } from './parse-entity';
import { isConflict, isNotFound, storeFailure } from './table-errors';

const PARTITION = 'audit';
const HEAD = 'head';
type Row = Record<string, unknown>;

/** Row keys sort as numbers (`r000000000042`), so the service returns records in chain order. */
const rowKeyOf = (seq: number) => `r${String(seq).padStart(12, '0')}`;

/**
 * Records and the head share a partition, so an append is one entity-group transaction: insert the record
 * and replace the head with the ETag read (or insert it, for the first record). Two instances racing for
 * the same seq: one transaction commits, the other gets 409/412 and nothing of it is stored.
 */
export class TableAuditStore implements AuditStore {
  constructor(private readonly client: TableClient) {}

  async head(): Promise<AuditHead | undefined> {
    const row = await this.readHead();
    return row ? headOf(row) : undefined;
  }

  async append(record: AuditRecord, expected: AuditHead | undefined): Promise<AppendResult> {
    const row = await this.readHead();
    const current = row ? headOf(row) : undefined;
    if (current?.seq !== expected?.seq || current?.hash !== expected?.hash) {
      return { ok: false, reason: 'stale', ...(current ? { current } : {}) };
    }
    const head = { partitionKey: PARTITION, rowKey: HEAD, seq: record.seq, hash: record.hash };
    const actions: TransactionAction[] = [
      ['create', { partitionKey: PARTITION, rowKey: rowKeyOf(record.seq), ...indexColumns(record), ...toBodyColumns(JSON.stringify(record)) }],
      row ? ['update', head, 'Replace', { etag: row.etag }] : ['create', head],
    ];
    try {
      await this.client.submitTransaction(actions);
      return { ok: true };
    } catch (err) {
      if (isConflict(err)) return { ok: false, reason: 'stale' };
      throw storeFailure('appending to the audit log', err);
    }
  }

  async list(filter?: AuditFilter): Promise<AuditRecord[]> {
    let query = odata`PartitionKey eq ${PARTITION} and RowKey ge 'r' and RowKey lt 's'`;
    if (filter?.requestId !== undefined) query += ` and ${odata`requestId eq ${filter.requestId}`}`;
    if (filter?.image !== undefined) query += ` and ${odata`image eq ${filter.image.toLowerCase()}`}`;
    const out: AuditRecord[] = [];
    try {
      for await (const row of this.client.listEntities<Row>({ queryOptions: { filter: query } })) {
        const record = parseEntity(row, auditRecordSchema);
        if (auditMatches(record, filter)) out.push(record);
      }
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw storeFailure('listing the audit log', err);
    }
    return out;
  }

  private async readHead(): Promise<TableEntityResult<Row> | undefined> {
    try {
      return await this.client.getEntity<Row>(PARTITION, HEAD);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw storeFailure('reading the audit head', err);
    }
  }
}

function headOf(row: Row): AuditHead {
  const { seq, hash } = row;
  if (typeof seq !== 'number' || typeof hash !== 'string') throw new StoreError('audit head row is malformed');
  return { seq, hash };
}

/** Copied out of the body so `history` filters on the server. */
function indexColumns(record: AuditRecord): Record<string, string> {
  const columns: Record<string, string> = {};
  if (record.requestId !== undefined) columns['requestId'] = record.requestId;
  if (record.image !== undefined) columns['image'] = record.image;
  return columns;
}
