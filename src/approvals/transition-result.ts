import type { AuditEntry } from '../audit/audit-record';
import type { ChangeRequest } from './change-request';
import type { Refusal } from './refusal';

/**
 * The outcome of one event. When `changed` is true the caller must persist `request` with a conditional
 * write on the revision it read (even for a refusal: a lazily expired request is refused *and* changed), and
 * append `auditEvents` in order.
 */
export type TransitionResult =
  | { ok: true; request: ChangeRequest; changed: boolean; auditEvents: AuditEntry[] }
  | { ok: false; refused: Refusal; request: ChangeRequest; changed: boolean; auditEvents: AuditEntry[] };

/** The request after a successful transition: same content plus the patch, one revision later. */
export function advance(request: ChangeRequest, patch: Partial<ChangeRequest>): ChangeRequest {
  return { ...request, ...patch, revision: request.revision + 1 };
}

export function accepted(request: ChangeRequest, auditEvents: AuditEntry[]): TransitionResult {
  return { ok: true, request, changed: true, auditEvents };
}

export function refusedWith(request: ChangeRequest, refused: Refusal, auditEvents: AuditEntry[]): TransitionResult {
  return { ok: false, refused, request, changed: false, auditEvents };
}
