import type { ChangeRequest } from '../../approvals/change-request';
import { SAFE_REQUEST_ID } from '../../approvals/request-order';
import type { ChangeRequestStore, CommitResult, RequestWrite } from '../../approvals/request-store';
import type { AuditEntry, AuditHead, AuditRecord } from '../../audit/audit-record';
import type { AuditFilter, AuditStore } from '../../audit/audit-store';
import { DamagedRecordError, StoreError } from '../../errors';
import type { DamageRegister } from '../damage-register';
import type { LedgerReader } from './ledger-reader';
import type { LedgerWriter } from './ledger-writer';

/**
 * Change requests and the audit chain in one partition (`audit`), so a request write and its audit records
 * are one entity-group transaction: both are stored or neither. Reads go straight to the service; writes go
 * through this process's one `LedgerWriter`. Without a writer the ledger is read-only (CLIs beside the bot).
 */
export class TableLedger implements ChangeRequestStore, AuditStore {
  constructor(
    private readonly reader: LedgerReader,
    private readonly writer: LedgerWriter | undefined,
    private readonly damage: DamageRegister,
  ) {}

  async get(id: string): Promise<ChangeRequest | undefined> {
    if (!SAFE_REQUEST_ID.test(id)) return undefined;
    const row = await this.reader.requestRow(id);
    if (!row) return undefined;
    const request = this.reader.decodeRequest(id, row);
    if (request) return request;
    const problem = this.damage.list().find((d) => d.kind === 'request' && d.key === id)?.problem ?? 'unreadable';
    throw new DamagedRecordError(`change request ${id}`, problem);
  }

  async commit(write: RequestWrite): Promise<CommitResult> {
    const request = write.request;
    if (request) {
      const id = 'create' in request ? request.create.id : request.replace.id;
      if (!SAFE_REQUEST_ID.test(id)) throw new StoreError(`refusing unsafe request id ${JSON.stringify(id)}`);
    }
    if (!request && write.audit.length === 0) return { ok: true, records: [] };
    if (!this.writer) throw new StoreError('the Table store is open read-only');
    return this.writer.commit(write);
  }

  listOpen(): Promise<ChangeRequest[]> {
    return this.reader.listOpen();
  }

  listByImage(gallery: string, image: string): Promise<ChangeRequest[]> {
    return this.reader.listByImage(gallery, image);
  }

  async head(): Promise<AuditHead | undefined> {
    return this.reader.headOf(await this.reader.headRow());
  }

  list(filter?: AuditFilter): Promise<AuditRecord[]> {
    return this.reader.listAudit(filter);
  }

  async append(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    if (entries.length === 0) return [];
    const result = await this.commit({ audit: entries });
    // An audit-only unit has no condition but the head, which the writer retries: it cannot come back refused.
    if (!result.ok) throw new StoreError(`an audit append came back ${result.reason}`);
    return result.records;
  }

  /** Waits for queued commits (at close). */
  async idle(): Promise<void> {
    await this.writer?.idle();
  }
}
