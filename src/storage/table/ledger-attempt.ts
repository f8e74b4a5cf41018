import { randomUUID } from 'node:crypto';
import type { TransactionAction } from '@azure/data-tables';
import { imageKeyOf, OPEN_STATES, type ChangeRequest } from '../../approvals/change-request';
import type { CommitResult, RequestWrite } from '../../approvals/request-store';
import { GENESIS_HASH, type AuditHead, type AuditRecord } from '../../audit/audit-record';
import { chainRecords, headAfter } from '../../audit/chain-records';
import { StoreError } from '../../errors';
import { toBodyColumns } from './entity-body';
import { claimActions, type ClaimPlan } from './ledger-claims';
import type { Row } from './ledger-reader';
import { auditRowKey, HEAD_ROW, LEDGER, requestRowKey, SCHEMA_VERSION } from './table-layout';

/** Table Storage's limits for one entity-group transaction. */
export const MAX_ENTITIES = 100;
/** 4 MiB less room for the multipart envelope; `entityBytes` over-counts each operation's headers. */
export const MAX_BYTES = 3_800_000;

/** One caller's unit waiting in (or taken from) the writer queue. */
export interface Job {
  write: RequestWrite;
  /** Epoch ms after which the caller is told "busy" (checked between attempts, once the last one is settled). */
  deadline: number;
  resolve(result: CommitResult): void;
  reject(err: unknown): void;
}

/**
 * One transaction as sent: its actions, what must still hold for it to apply (the head's ETag; a request's ETag
 * or absence), and what each job gets back if it did. Every attempt is conditional, so of two attempts made on
 * the same observation at most one can ever apply: that is what makes a lost answer resolvable by reading back.
 */
export interface Attempt {
  /**
   * Written as a column on every row of the attempt, so reading back tells this attempt from another with the
   * same content (the same person's double click, decided at the same millisecond by two instances).
   */
  unit: string;
  actions: TransactionAction[];
  /** Set when the unit writes the head: the ETag it was read with, or null when the head did not exist. */
  headEtag?: string | null;
  /** Set for a request written without the head: its ETag (replace), or null (create). */
  request?: { id: string; etag: string };
  records: AuditRecord[];
  results: Array<{ job: Job; result: CommitResult & { ok: true } }>;
}

/**
 * Builds the attempt for `jobs` (one request unit, or a group of audit-only units) on what was just read;
 * `claims`: what the request unit does to claim rows (see `planClaims`).
 */
export function buildAttempt(jobs: readonly Job[], headRow: Row | undefined, head: AuditHead | undefined, requestRow: Row | undefined, claims?: ClaimPlan): Attempt {
  const records = chainRecords(head, jobs.flatMap((job) => job.write.audit));
  const unit = randomUUID();
  const actions: TransactionAction[] = [];
  const results: Attempt['results'] = [];
  let offset = 0;
  for (const job of jobs) {
    const own = records.slice(offset, (offset += job.write.audit.length));
    const write = job.write.request;
    if (!write) {
      results.push({ job, result: { ok: true, records: own } });
      continue;
    }
    const next = 'create' in write ? write.create : write.replace;
    const last = own.at(-1);
    const stored: ChangeRequest = last ? { ...next, auditAnchor: { seq: last.seq, hash: last.hash } } : next;
    const entity = { ...requestEntity(stored), unit };
    actions.push('create' in write ? ['create', entity] : ['update', entity, 'Replace', { etag: requestRow?.etag ?? '*' }]);
    if (claims) actions.push(...claimActions(claims, stored.id, unit));
    results.push({ job, result: { ok: true, records: own, request: stored } });
  }
  for (const record of records) actions.push(['create', { ...auditEntity(record), unit }]);
  const attempt: Attempt = { unit, actions, records, results };
  const creates = jobs.some((job) => job.write.request && 'create' in job.write.request);
  // A create carries the head's condition even without records, so a lost answer can be settled by fencing the head.
  if (records.length > 0 || creates) {
    const next = headAfter(head, records) ?? { seq: 0, hash: GENESIS_HASH };
    const headEntity = { partitionKey: LEDGER, rowKey: HEAD_ROW, seq: next.seq, hash: next.hash, schemaVersion: SCHEMA_VERSION };
    actions.push(headRow ? ['update', headEntity, 'Replace', { etag: headRow.etag }] : ['create', headEntity]);
    attempt.headEtag = headRow?.etag ?? null;
  } else if (requestRow) {
    // Heartbeats and card bookkeeping write the request alone: they never contend for the head.
    attempt.request = { id: results[0]!.result.request!.id, etag: requestRow.etag };
  }
  checkLimits(actions);
  return attempt;
}

/** Refuses a unit one transaction cannot carry. GalleryOps writes at most a handful of records per unit. */
function checkLimits(actions: TransactionAction[]): void {
  const bytes = actions.reduce((sum, [, entity]) => sum + entityBytes(entity as Record<string, unknown>), 0);
  if (actions.length > MAX_ENTITIES || bytes > MAX_BYTES) {
    throw new StoreError(`a unit of ${actions.length} entities and about ${bytes} bytes exceeds one Table transaction (${MAX_ENTITIES} entities, 4 MiB); GalleryOps never writes such a unit`);
  }
}

/** An entity's share of a transaction: its JSON (ASCII, see `toBodyColumns`) plus the operation's headers. */
export function entityBytes(entity: Record<string, unknown>): number {
  return JSON.stringify(entity).length + 400;
}

/** Whether a group can take one more job without passing the limits (an estimate before building). */
export function fitsGroup(entities: number, bytes: number, write: RequestWrite): { fits: boolean; entities: number; bytes: number } {
  const more = write.audit.length;
  const moreBytes = write.audit.reduce((sum, entry) => sum + escapedLength(JSON.stringify(entry)) * 2 + 800, 0);
  return { fits: entities + more <= MAX_ENTITIES - 1 && bytes + moreBytes <= MAX_BYTES, entities: entities + more, bytes: bytes + moreBytes };
}

function escapedLength(json: string): number {
  let n = json.length;
  for (let i = 0; i < json.length; i++) if (json.charCodeAt(i) > 0x7e) n += 5;
  return n;
}

/** A request as a ledger row: the document, plus copies of what listings filter on. */
export function requestEntity(request: ChangeRequest): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  return {
    partitionKey: LEDGER,
    rowKey: requestRowKey(request.id),
    schemaVersion: SCHEMA_VERSION,
    revision: request.revision,
    state: request.state,
    isOpen: OPEN_STATES.includes(request.state),
    sourceImage: imageKeyOf(request.target),
    scopeImage: imageKeyOf(request.scope),
    createdAt: request.createdAt,
    ...toBodyColumns(JSON.stringify(request)),
  };
}

/** An audit record as a ledger row; request, image and version are copied out so `history` filters on the server. */
function auditEntity(record: AuditRecord): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  return {
    partitionKey: LEDGER,
    rowKey: auditRowKey(record.seq),
    schemaVersion: SCHEMA_VERSION,
    ...(record.requestId !== undefined ? { requestId: record.requestId } : {}),
    ...(record.image !== undefined ? { image: record.image } : {}),
    ...(record.version !== undefined ? { version: record.version } : {}),
    ...toBodyColumns(JSON.stringify(record)),
  };
}
