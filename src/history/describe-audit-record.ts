import type { AuditRecord } from '../audit/audit-record';
import type { JsonValue } from '../json-value';

/** An audit record in words, for `history`. */
export interface AuditRecordWords {
  /** What happened: `Approved (1 of 1 approvals)`. */
  what: string;
  /** The reason, comment or error the record carries, labelled (`Comment: …`); empty when none. */
  note: string;
  /** True for refusals and failures: shown in the attention colour. */
  bad: boolean;
}

const KINDS: Record<string, string> = {
  'promote-latest': 'promote to latest',
  'promote-regions': 'promote to more regions',
  'promote-stage': 'promote to the next stage',
  retire: 'retire',
  repair: 'repair replication',
};

const ATTEMPTS: Record<string, string> = {
  create: 'Request refused',
  approve: 'Approval refused',
  reject: 'Rejection refused',
  cancel: 'Cancellation refused',
  expire: 'Expiry refused',
  startExecution: 'Execution refused',
};

/** Describes any record; an action this version of the bot does not know is shown by its name. */
export function describeAuditRecord(record: AuditRecord): AuditRecordWords {
  const d = record.details;
  const note = noteOf(d);
  switch (record.action) {
    case 'request.created': {
      const kind = KINDS[text(d.kind) ?? ''] ?? text(d.kind) ?? 'change';
      const stage = text(d.toStage);
      return { what: `Request created: ${stage && d.kind === 'promote-stage' ? `promote to ${stage}` : kind}`, note, bad: false };
    }
    case 'request.approved': {
      const of = typeof d.approvals === 'number' && typeof d.required === 'number' ? ` (${d.approvals} of ${d.required} ${d.required === 1 ? 'approval' : 'approvals'})` : '';
      return { what: `Approved${of}`, note, bad: false };
    }
    case 'request.rejected':
      return { what: 'Rejected', note, bad: true };
    case 'request.cancelled':
      return { what: 'Cancelled by the requester', note, bad: false };
    case 'request.expired':
      return { what: 'Expired without enough approvals', note, bad: true };
    case 'request.refused':
      return { what: ATTEMPTS[text(d.attempted) ?? ''] ?? `Refused (${text(d.attempted) ?? 'unknown action'})`, note, bad: true };
    case 'execution.started':
      return { what: 'Execution started', note, bad: false };
    case 'execution.operation':
      return { what: 'Azure accepted the change and is carrying it out', note, bad: false };
    case 'arm.write':
      return { what: `ARM write: ${text(d.method) ?? 'change'} ${shortResource(text(d.resourceId))}${fieldsOf(d.fields)}`, note, bad: false };
    case 'execution.succeeded':
      return { what: 'Succeeded', note: note || (text(d.summary) ? `Result: ${text(d.summary)}` : ''), bad: false };
    case 'execution.failed':
      return { what: `Failed${text(d.code) ? ` (${text(d.code)})` : ''}`, note, bad: true };
    case 'execution.reconciled':
      return { what: `Reconciled with Azure after a restart: ${text(d.outcome) ?? 'checked'}`, note, bad: d.outcome === 'failed' };
    default:
      return { what: record.action, note, bad: false };
  }
}

const NOTE_LABELS: ReadonlyArray<[key: string, label: string]> = [
  ['comment', 'Comment'],
  ['reason', 'Reason'],
  ['message', 'Error'],
  ['error', 'Error'],
];

/** A reason, comment or error message the record carries (requests, rejections, refusals, failures). */
function noteOf(d: { [key: string]: JsonValue }): string {
  for (const [key, label] of NOTE_LABELS) {
    const value = d[key];
    if (typeof value === 'string' && value.trim() !== '') return `${label}: ${value.trim()}`;
    if (value && typeof value === 'object' && !Array.isArray(value) && typeof value.message === 'string') return `${label}: ${value.message}`;
  }
  return '';
}

function text(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** `gal_golden/dispatch/2026.6.0` from a version's ARM id. */
function shortResource(id: string | undefined): string {
  const m = id ? /\/galleries\/([^/]+)\/images\/([^/]+)\/versions\/([^/]+)/i.exec(id) : null;
  return m ? `${m[1]}/${m[2]}/${m[3]}` : (id ?? '');
}

/** ` (publishingProfile.excludeFromLatest, publishingProfile.endOfLifeDate)`. */
function fieldsOf(fields: JsonValue | undefined): string {
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return '';
  const names = Object.keys(fields);
  return names.length ? ` (${names.join(', ')})` : '';
}
