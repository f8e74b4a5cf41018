import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import { imageKeyOf, OPEN_STATES, type ChangeRequest } from '../../approvals/change-request';
import { changeRequestSchema } from '../../approvals/change-request-schema';
import { byCreation, requestTouchesImage } from '../../approvals/request-order';
import type { AuditHead, AuditRecord } from '../../audit/audit-record';
import { auditRecordSchema } from '../../audit/audit-record-schema';
import { auditMatches, type AuditFilter } from '../../audit/audit-store';
import type { DamageRegister } from '../damage-register';
import { decodeEntity, schemaVersionOf } from './decode-entity';
import { auditRange, auditRowKey, claimRowKey, HEAD_ROW, LEDGER, LEGACY_REQUESTS, REQUEST_RANGE, requestRowKey } from './table-layout';
import { isNotFound, LedgerDamagedError, storeFailure } from './table-errors';

export type Row = TableEntityResult<Record<string, unknown>>;

/** Options for one read: the writer bounds its reads by the caller's time limit. */
export interface ReadOptions {
  abortSignal?: AbortSignal;
}

/**
 * The read side of the ledger partition. Damaged rows are reported to the register and left out of listings;
 * reading one request that is damaged is the caller's business (`TableLedger.get` throws for it).
 * `legacy`: a read-only store on a table no writable store has migrated yet also reads version 1's partition.
 */
export class LedgerReader {
  constructor(
    private readonly client: TableClient,
    private readonly damage: DamageRegister,
    private readonly legacy: boolean,
  ) {}

  /** The raw row of one request (for its ETag), or undefined. */
  async requestRow(id: string, options: ReadOptions = {}): Promise<Row | undefined> {
    const row = await this.row(LEDGER, requestRowKey(id), 'reading a request', options);
    return row ?? (this.legacy ? this.row(LEGACY_REQUESTS, id, 'reading a request', options) : undefined);
  }

  /** The claim row on a field (its `holder` column names the request), or undefined when nobody claims it. */
  claimRow(key: string, options: ReadOptions = {}): Promise<Row | undefined> {
    return this.row(LEDGER, claimRowKey(key), 'reading a claim', options);
  }

  /** The request a row holds, or undefined after reporting the row as damaged. */
  decodeRequest(id: string, row: Record<string, unknown>): ChangeRequest | undefined {
    const decoded = decodeEntity(row, changeRequestSchema);
    if (decoded.ok && decoded.value.id === id && decoded.value.revision === row['revision']) {
      this.damage.healed('request', id);
      return decoded.value;
    }
    const problem = decoded.ok ? 'the record names another request or revision than its row' : decoded.problem;
    this.damage.report({ kind: 'request', key: id, problem });
    return undefined;
  }

  /** Every request row (damaged ones included), keyed by id: `check` and listings start here. */
  async requestRows(extraFilter?: string): Promise<Map<string, Row>> {
    const rows = new Map<string, Row>();
    const filter = extraFilter ? `${REQUEST_RANGE} and ${extraFilter}` : REQUEST_RANGE;
    for (const row of await this.query(filter, 'listing requests')) rows.set(row.rowKey!.slice('cr:'.length), row);
    if (this.legacy) {
      const legacyFilter = odata`PartitionKey eq ${LEGACY_REQUESTS}` + (extraFilter ? ` and ${extraFilter}` : '');
      for (const row of await this.query(legacyFilter, 'listing requests')) if (!rows.has(row.rowKey!)) rows.set(row.rowKey!, row);
    }
    return rows;
  }

  /** Open requests, oldest first. The column narrows on the server; the decoded state decides. */
  async listOpen(): Promise<ChangeRequest[]> {
    const requests = this.decodeAll(await this.requestRows('isOpen eq true'));
    return requests.filter((r) => OPEN_STATES.includes(r.state));
  }

  async listByImage(gallery: string, image: string): Promise<ChangeRequest[]> {
    const key = imageKeyOf({ gallery, image });
    const requests = this.decodeAll(await this.requestRows(odata`(sourceImage eq ${key} or scopeImage eq ${key})`));
    return requests.filter((r) => requestTouchesImage(r, gallery, image));
  }

  /** The head row as stored (with its ETag), or undefined when the chain has never been written. */
  headRow(options: ReadOptions = {}): Promise<Row | undefined> {
    return this.row(LEDGER, HEAD_ROW, 'reading the audit head', options);
  }

  /** A head row's position; seq 0 is an empty chain (a head written to fence a lost first append). */
  headOf(row: Row | undefined): AuditHead | undefined {
    if (!row) return undefined;
    const { seq, hash } = row;
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0 || typeof hash !== 'string' || schemaVersionOf(row) === undefined) {
      const problem = 'the audit head row is malformed; no record can be appended after it';
      this.damage.report({ kind: 'audit', key: HEAD_ROW, problem });
      throw new LedgerDamagedError(`${problem} (run npm run store:check)`);
    }
    return seq === 0 ? undefined : { seq, hash };
  }

  async auditRow(seq: number, options: ReadOptions = {}): Promise<Row | undefined> {
    return this.row(LEDGER, auditRowKey(seq), 'reading an audit record', options);
  }

  async listAudit(filter: AuditFilter = {}): Promise<AuditRecord[]> {
    let query = auditRange(filter.fromSeq, filter.toSeq);
    // Copied into columns when written, so `history` narrows on the server; the decoded record decides.
    if (filter.requestId !== undefined) query += ` and ${odata`requestId eq ${filter.requestId}`}`;
    if (filter.image !== undefined) query += ` and ${odata`image eq ${filter.image.toLowerCase()}`}`;
    const out: AuditRecord[] = [];
    for (const row of await this.query(query, 'listing the audit log')) {
      const decoded = decodeEntity(row, auditRecordSchema);
      if (!decoded.ok) {
        // Left out: `verifyAudit` then reports the chain broken at this seq, and store:check names it.
        this.damage.report({ kind: 'audit', key: String(Number(row.rowKey!.slice(1))), problem: decoded.problem });
        continue;
      }
      if (auditMatches(decoded.value, filter)) out.push(decoded.value);
    }
    return out;
  }

  /** Every row a filter matches (the SDK follows continuation tokens). */
  async query(filter: string, what: string, select?: string[]): Promise<Row[]> {
    const rows: Row[] = [];
    try {
      for await (const row of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter, ...(select ? { select } : {}) } })) rows.push(row);
    } catch (err) {
      throw storeFailure(what, err);
    }
    return rows;
  }

  private decodeAll(rows: Map<string, Row>): ChangeRequest[] {
    return [...rows].flatMap(([id, row]) => {
      const request = this.decodeRequest(id, row);
      return request ? [request] : [];
    }).sort(byCreation);
  }

  private async row(partition: string, rowKey: string, what: string, options: ReadOptions): Promise<Row | undefined> {
    try {
      return await this.client.getEntity<Record<string, unknown>>(partition, rowKey, options);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw storeFailure(what, err);
    }
  }
}
