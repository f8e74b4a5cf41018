import { imageKeyOf, isFinal, OPEN_STATES, type ChangeRequest } from '../../approvals/change-request';
import { changeRequestSchema } from '../../approvals/change-request-schema';
import { byCreation, SAFE_REQUEST_ID } from '../../approvals/request-order';
import type { ChangeRequestStore, CommitResult, RequestWrite } from '../../approvals/request-store';
import type { AuditEntry, AuditHead, AuditRecord } from '../../audit/audit-record';
import { auditRecordSchema } from '../../audit/audit-record-schema';
import { auditMatches, type AuditFilter, type AuditStore } from '../../audit/audit-store';
import { chainRecords } from '../../audit/chain-records';
import { DamagedRecordError, StoreError } from '../../errors';
import type { DamageRegister } from '../damage-register';
import { BODY_COLUMNS, decodeBody, packBody, type BodyColumns } from './sqlite-body';
import { claimFields, releaseClaims } from './sqlite-claims';
import type { SqliteDatabase } from './sqlite-database';

interface RequestRow extends BodyColumns {
  id: string;
  revision: number;
}

interface AuditRow extends BodyColumns {
  seq: number;
}

/**
 * Change requests and the audit chain in one database, so a request write and its audit records are one
 * transaction: both are stored or neither. The head row moves in the same transaction, and so do the claims on
 * the fields open requests set (see sqlite-claims.ts).
 */
export class SqliteLedger implements ChangeRequestStore, AuditStore {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly damage: DamageRegister,
  ) {}

  async get(id: string): Promise<ChangeRequest | undefined> {
    if (!SAFE_REQUEST_ID.test(id)) return undefined;
    const row = this.database.get<RequestRow>(`SELECT id, revision, ${BODY_COLUMNS} FROM requests WHERE id = ?`, id);
    if (!row) return undefined;
    const decoded = this.decodeRequest(row);
    if (!decoded) throw new DamagedRecordError(`change request ${id}`, this.problemOf(id));
    return decoded;
  }

  async commit(write: RequestWrite): Promise<CommitResult> {
    const request = write.request;
    if (request) {
      const id = 'create' in request ? request.create.id : request.replace.id;
      if (!SAFE_REQUEST_ID.test(id)) throw new StoreError(`refusing unsafe request id ${JSON.stringify(id)}`);
    }
    return this.database.transaction((): CommitResult => {
      if (request && 'create' in request) {
        if (this.database.get('SELECT 1 AS found FROM requests WHERE id = ?', request.create.id)) return { ok: false, reason: 'exists' };
        // Before any write: a refused create leaves nothing behind, records included.
        const claimed = claimFields(this.database, request.create);
        if (claimed) return { ok: false, reason: 'claimed', ...claimed };
      } else if (request) {
        const row = this.database.get<RequestRow>(`SELECT id, revision, ${BODY_COLUMNS} FROM requests WHERE id = ?`, request.replace.id);
        if (!row) return { ok: false, reason: 'not-found' };
        if (row.revision !== request.expectedRevision) {
          const current = this.decodeRequest(row);
          return { ok: false, reason: 'stale', ...(current ? { current } : {}) };
        }
      }
      const records = this.appendInTransaction(write.audit);
      if (!request) return { ok: true, records };
      const last = records.at(-1);
      const next = 'create' in request ? request.create : request.replace;
      const stored: ChangeRequest = last ? { ...next, auditAnchor: { seq: last.seq, hash: last.hash } } : next;
      if (isFinal(stored.state)) releaseClaims(this.database, stored.id);
      writeRequestRow(this.database, stored, JSON.stringify(stored));
      return { ok: true, records, request: stored };
    });
  }

  async listOpen(): Promise<ChangeRequest[]> {
    return this.decodeRequests(this.database.all<RequestRow>(`SELECT id, revision, ${BODY_COLUMNS} FROM requests WHERE is_open = 1 ORDER BY created_at, id`));
  }

  async listByImage(gallery: string, image: string): Promise<ChangeRequest[]> {
    const key = imageKeyOf({ gallery, image });
    return this.decodeRequests(this.database.all<RequestRow>(`SELECT id, revision, ${BODY_COLUMNS} FROM requests WHERE source_image = ? OR scope_image = ?`, key, key));
  }

  async head(): Promise<AuditHead | undefined> {
    return this.database.get<AuditHead>('SELECT seq, hash FROM audit_head WHERE id = 1');
  }

  async append(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    if (entries.length === 0) return [];
    return this.database.transaction(() => this.appendInTransaction(entries));
  }

  async list(filter: AuditFilter = {}): Promise<AuditRecord[]> {
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (filter.requestId !== undefined) (where.push('request_id = ?'), params.push(filter.requestId));
    if (filter.image !== undefined) (where.push('image = ?'), params.push(filter.image.toLowerCase()));
    if (filter.version !== undefined) (where.push('version = ?'), params.push(filter.version));
    if (filter.fromSeq !== undefined) (where.push('seq >= ?'), params.push(filter.fromSeq));
    if (filter.toSeq !== undefined) (where.push('seq <= ?'), params.push(filter.toSeq));
    const sql = `SELECT seq, ${BODY_COLUMNS} FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`;
    const out: AuditRecord[] = [];
    for (const row of this.database.all<AuditRow>(sql, ...params)) {
      const decoded = decodeBody(row, auditRecordSchema);
      if (!decoded.ok) {
        // Left out: `verifyAudit` then reports the chain broken at this seq, and store:check names it.
        this.damage.report({ kind: 'audit', key: String(row.seq), problem: decoded.problem });
        continue;
      }
      if (auditMatches(decoded.value, filter)) out.push(decoded.value);
    }
    return out;
  }

  /** Inside a transaction: chain the entries onto the stored head, insert them, move the head. */
  private appendInTransaction(entries: readonly AuditEntry[]): AuditRecord[] {
    if (entries.length === 0) return [];
    const head = this.database.get<AuditHead>('SELECT seq, hash FROM audit_head WHERE id = 1');
    const records = chainRecords(head, entries);
    for (const record of records) {
      this.database.run(
        'INSERT INTO audit (seq, hash, request_id, image, version, action, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
        record.seq,
        record.hash,
        record.requestId ?? null,
        record.image ?? null,
        record.version ?? null,
        record.action,
        packBody(JSON.stringify(record)),
      );
    }
    const last = records.at(-1)!;
    this.database.run('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash', last.seq, last.hash);
    return records;
  }

  private decodeRequests(rows: RequestRow[]): ChangeRequest[] {
    return rows.flatMap((row) => {
      const request = this.decodeRequest(row);
      return request ? [request] : [];
    }).sort(byCreation);
  }

  /** The request, or undefined after reporting the row as damaged. */
  private decodeRequest(row: RequestRow): ChangeRequest | undefined {
    const decoded = decodeBody(row, changeRequestSchema);
    if (decoded.ok && decoded.value.id === row.id && decoded.value.revision === row.revision) {
      this.damage.healed('request', row.id);
      return decoded.value;
    }
    const problem = decoded.ok ? 'the record names another request or revision than its row' : decoded.problem;
    this.damage.report({ kind: 'request', key: row.id, problem });
    return undefined;
  }

  private problemOf(id: string): string {
    return this.damage.list().find((d) => d.kind === 'request' && d.key === id)?.problem ?? 'unreadable';
  }
}

/**
 * Inside a transaction: stores one request row (insert or overwrite). The columns beside `body` are copies for
 * indexes and conditional writes; `body` is the JSON document itself, packed (the legacy import passes the old
 * file's text as it was).
 */
export function writeRequestRow(database: SqliteDatabase, request: ChangeRequest, body: string): void {
  database.run(
    `INSERT INTO requests (id, revision, state, is_open, source_image, scope_image, created_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, state = excluded.state, is_open = excluded.is_open,
       source_image = excluded.source_image, scope_image = excluded.scope_image, created_at = excluded.created_at, body = excluded.body`,
    request.id,
    request.revision,
    request.state,
    OPEN_STATES.includes(request.state) ? 1 : 0,
    imageKeyOf(request.target),
    imageKeyOf(request.scope),
    request.createdAt,
    packBody(body),
  );
}
