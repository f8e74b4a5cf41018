import type { AuditLog } from '../audit/audit-log';
import { StoreError } from '../storage/store-error';
import type { ChangeRequestStore } from '../storage/store-port';
import type { Policy } from './policy';
import type { RequestEvent } from './request-event';
import { eventActor } from './request-event';
import { auditActor } from './request-audit';
import { transition } from './transition';
import type { TransitionResult } from './transition-result';

/** What `applyEvent` needs; the composition root passes the real store, log, policy and clock. */
export interface ApplyDeps {
  requests: ChangeRequestStore;
  audit: AuditLog;
  policy: Policy;
  now: () => Date;
  /** Lost compare-and-set races before giving up (each retry re-reads and re-decides). */
  maxAttempts?: number;
}

/** A transition's outcome, or a click on a request id that does not exist. */
export type ApplyOutcome = TransitionResult | { ok: false; refused: { code: 'not-found'; reason: string }; changed: false };

/**
 * Read → transition → conditional write → audit, for one event on a stored request. When another click,
 * retry or instance wrote first, the event is decided again on what is stored now (so a second approve of
 * a decided request is refused, and only one caller ever moves a request to `executing`). Audit records
 * are appended after the write succeeds: the log never claims a decision that lost the race.
 */
export async function applyEvent(deps: ApplyDeps, requestId: string, event: RequestEvent): Promise<ApplyOutcome> {
  const maxAttempts = deps.maxAttempts ?? 20;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await deps.requests.get(requestId);
    const now = deps.now();
    if (!current) return recordNotFound(deps, requestId, event, now);
    const result = transition(current, event, now, deps.policy);
    if (result.changed) {
      const write = await deps.requests.replace(result.request, current.revision);
      if (!write.ok && write.reason === 'stale') continue;
      if (!write.ok) return recordNotFound(deps, requestId, event, now);
    }
    await deps.audit.append(...result.auditEvents);
    return result;
  }
  throw new StoreError(`request ${requestId} kept changing under ${maxAttempts} attempts to apply ${event.type}`);
}

/** Refuses, and audits, an event on a request that does not exist (or an id that cannot name one). */
export async function recordNotFound(deps: Pick<ApplyDeps, 'audit'>, requestId: string, event: RequestEvent, now: Date): Promise<ApplyOutcome> {
  const refused = { code: 'not-found' as const, reason: `There is no change request ${requestId}. \`pending\` lists the open ones.` };
  await deps.audit.append({
    at: now.toISOString(),
    actor: auditActor(eventActor(event)),
    action: 'request.refused',
    details: { attempted: event.type, code: refused.code, reason: refused.reason, requestId },
  });
  return { ok: false, refused, changed: false };
}
