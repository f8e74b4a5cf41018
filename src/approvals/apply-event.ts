import { StoreError } from '../errors';
import type { AuditEntry } from '../audit/audit-record';
import type { Policy } from './policy';
import type { RequestEvent } from './request-event';
import { eventActor } from './request-event';
import { auditActor } from './request-audit';
import type { ChangeRequestStore } from './request-store';
import { transition } from './transition';
import type { TransitionResult } from './transition-result';
import type { UnknownIdRefusals } from './unknown-id-refusals';

/** What `applyEvent` needs; the composition root passes the real store, policy and clock. */
export interface ApplyDeps {
  requests: ChangeRequestStore;
  policy: Policy;
  now: () => Date;
  /** Coalesces one person's refusals for unknown ids; absent: each is recorded on its own. */
  unknownIds?: UnknownIdRefusals;
  /** Lost compare-and-set races before giving up (each retry re-reads and re-decides). */
  maxAttempts?: number;
}

/** A transition's outcome, or an event on a request id that does not exist. */
export type ApplyOutcome = TransitionResult | { ok: false; refused: { code: 'not-found'; reason: string }; changed: false };

/**
 * Read → transition → one atomic commit of the new revision and its audit records. When another click, retry
 * or instance wrote first, the event is decided again on what is stored now (so a second approve of a decided
 * request is refused, and only one caller ever moves a request to `executing`). The log never claims a
 * decision that lost the race, and no decision is stored without its record: they are one unit. A store that
 * cannot commit in time throws `StoreError`, and then nothing of this event was stored.
 */
export async function applyEvent(deps: ApplyDeps, requestId: string, event: RequestEvent): Promise<ApplyOutcome> {
  const maxAttempts = deps.maxAttempts ?? 20;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await deps.requests.get(requestId);
    const now = deps.now();
    if (!current) return recordNotFound(deps, requestId, event, now);
    const result = transition(current, event, now, deps.policy);
    if (!result.changed && result.auditEvents.length === 0) return result;
    const committed = await deps.requests.commit({
      ...(result.changed ? { request: { replace: result.request, expectedRevision: current.revision } } : {}),
      audit: result.auditEvents,
    });
    if (committed.ok) return { ...result, request: committed.request ?? result.request };
    if (committed.reason === 'stale') continue;
    return recordNotFound(deps, requestId, event, now);
  }
  throw new StoreError(`request ${requestId} kept changing under ${maxAttempts} attempts to apply ${event.type}`);
}

/** Refuses, and audits, an event on a request that does not exist (or an id that cannot name one). */
export async function recordNotFound(deps: Pick<ApplyDeps, 'requests' | 'unknownIds'>, requestId: string, event: RequestEvent, now: Date): Promise<ApplyOutcome> {
  const refused = { code: 'not-found' as const, reason: `There is no change request ${requestId}. \`pending\` lists the open ones.` };
  const entry: AuditEntry = {
    at: now.toISOString(),
    actor: auditActor(eventActor(event)),
    action: 'request.refused',
    details: { attempted: event.type, code: refused.code, reason: refused.reason, requestId },
  };
  if (deps.unknownIds) await deps.unknownIds.refuse(entry, requestId, now);
  else await deps.requests.commit({ audit: [entry] });
  return { ok: false, refused, changed: false };
}
