import type { JsonValue } from '../json-value';
import { SYSTEM_ACTOR, type AuditActor, type AuditEntry } from '../audit/audit-record';
import { imageKeyOf, type Actor, type ChangeRequest } from './change-request';
import type { Refusal } from './refusal';

/** The audit actor for a chat user, or the bot itself. */
export function auditActor(actor?: Actor): AuditActor {
  return actor ? { id: actor.aadObjectId, name: actor.name } : SYSTEM_ACTOR;
}

/** An audit entry about a request, stamped with the transition's clock. */
export function requestAudit(
  request: ChangeRequest,
  now: Date,
  actor: Actor | undefined,
  action: string,
  details: { [key: string]: JsonValue },
): AuditEntry {
  return {
    at: now.toISOString(),
    actor: auditActor(actor),
    action,
    requestId: request.id,
    image: imageKeyOf(request.target),
    version: request.target.version,
    details: { ...details, state: request.state, revision: request.revision },
  };
}

/** Every refusal is recorded: denied clicks are evidence too. */
export function refusalAudit(
  request: ChangeRequest,
  now: Date,
  actor: Actor | undefined,
  attempted: string,
  refusal: Refusal,
): AuditEntry {
  return requestAudit(request, now, actor, 'request.refused', { attempted, code: refusal.code, reason: refusal.reason });
}

/** Plain JSON copy of a typed value (interfaces are not assignable to JsonValue's index signature). */
export function asJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
}
