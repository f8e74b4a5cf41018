import type { ChangeRequest } from './change-request';
import type { Policy } from './policy';
import type { RequestEvent } from './request-event';
import { refusalAudit } from './request-audit';
import { approve, cancel, expire, reject } from './transition-decisions';
import {
  alreadyApplied,
  armOperationStarted,
  executionFailed,
  executionProgress,
  executionSucceeded,
  gateFailed,
  outcomeOverdue,
  outcomeUnknown,
  reconcile,
  startExecution,
} from './transition-execution';
import { type TransitionResult, advance, refusedWith } from './transition-result';
import { stateRefusal } from './state-refusal';

/**
 * The change-request state machine: pure, so every rule of "who may do what, when" is tested from tables.
 *
 *   pending ──approve (enough)──► approved ──startExecution──► executing ──► succeeded | failed
 *      │                                                         ↺ reconcile "not applied": re-send
 *      │                                                         ↺ outcome unknown: checking Azure, then
 *      │                                                           reconcile "applied" / "not applied" ends it
 *      └── reject / cancel / expire ──► rejected | cancelled | expired
 *
 * A request past `expiresAt` that has not started executing (pending, or approved ahead and still waiting) is
 * expired before any event is applied, so a late click is refused even if no sweeper ran.
 */
export function transition(request: ChangeRequest, event: RequestEvent, now: Date, policy: Policy): TransitionResult {
  if (event.type === 'cardPosted') return cardPosted(request, event.card);
  if (event.type === 'heartbeat') return heartbeat(request, now);
  if (isDue(request, now)) {
    const expired = expire(request, now);
    if (event.type === 'expire') return expired;
    const after = apply(expired.request, event, now, policy);
    return { ...after, changed: true, auditEvents: [...expired.auditEvents, ...after.auditEvents] };
  }
  return apply(request, event, now, policy);
}

function apply(request: ChangeRequest, event: Exclude<RequestEvent, { type: 'cardPosted' | 'heartbeat' }>, now: Date, policy: Policy): TransitionResult {
  switch (event.type) {
    case 'approve':
      return approve(request, event.by, now, policy);
    case 'reject':
      return reject(request, event.by, event.comment, now, policy);
    case 'cancel':
      return cancel(request, event.by, now);
    case 'expire':
      return notDue(request, now);
    case 'startExecution':
      return startExecution(request, now, policy, event.owner);
    case 'armOperationStarted':
      return armOperationStarted(request, event.operation, now);
    case 'executionSucceeded':
      return executionSucceeded(request, event.result, now);
    case 'executionFailed':
      return executionFailed(request, event.error, now);
    case 'reconcile':
      return reconcile(request, event.actual, now, event.owner);
    case 'outcomeUnknown':
      return outcomeUnknown(request, event.reason, event.armFailure, now);
    case 'gateFailed':
      return gateFailed(request, event.error, now, event.gates);
    case 'alreadyApplied':
      return alreadyApplied(request, event.summary, now);
    case 'gatesWaiting':
      return gatesWaiting(request, event.for, now);
    case 'outcomeOverdue':
      return outcomeOverdue(request, event.checkCommand, now);
    case 'executionProgress':
      return executionProgress(request, event.text, event.write, now);
  }
}

/**
 * Past its deadline and not started: pending, or approved ahead and still waiting for its gates. An approved
 * request that is not waiting is about to start (or was left by a crash) and is carried out as approved.
 */
export function isDue(request: ChangeRequest, now: Date): boolean {
  const notStarted = request.state === 'pending' || (request.state === 'approved' && request.execution === undefined && request.waiting !== undefined);
  return notStarted && now.getTime() >= Date.parse(request.expiresAt);
}

/** A re-check says what an approved-ahead request still waits for; written only when that changed. */
function gatesWaiting(request: ChangeRequest, waitsFor: string, now: Date): TransitionResult {
  if (request.state !== 'pending' && request.state !== 'approved') return { ok: true, request, changed: false, auditEvents: [] };
  if (request.waiting?.for === waitsFor) return { ok: true, request, changed: false, auditEvents: [] };
  return { ok: true, request: advance(request, { waiting: { for: waitsFor, checkedAt: now.toISOString() } }), changed: true, auditEvents: [] };
}

/** An explicit expire before the deadline (the lazy path above handles the due case). */
function notDue(request: ChangeRequest, now: Date): TransitionResult {
  const refusal =
    request.state === 'pending' || (request.state === 'approved' && request.execution === undefined && request.waiting !== undefined)
      ? { code: 'not-due' as const, reason: `Request ${request.id} does not expire before ${request.expiresAt}.` }
      : stateRefusal(request);
  return refusedWith(request, refusal, [refusalAudit(request, now, undefined, 'expire', refusal)]);
}

/** Liveness of the executing instance: bookkeeping, not audited; ignored unless the request is executing. */
function heartbeat(request: ChangeRequest, now: Date): TransitionResult {
  if (request.state !== 'executing' || !request.execution) return { ok: true, request, changed: false, auditEvents: [] };
  return { ok: true, request: advance(request, { execution: { ...request.execution, heartbeatAt: now.toISOString() } }), changed: true, auditEvents: [] };
}

/** Remembering where a card was posted is bookkeeping, not a decision: allowed in any state, not audited. */
function cardPosted(request: ChangeRequest, card: ChangeRequest['cards'][number]): TransitionResult {
  const known = request.cards.some((c) => c.conversationId === card.conversationId && c.activityId === card.activityId);
  if (known) return { ok: true, request, changed: false, auditEvents: [] };
  return { ok: true, request: advance(request, { cards: [...request.cards, card] }), changed: true, auditEvents: [] };
}
