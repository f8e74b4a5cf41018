import type { Actor, ChangeRequest } from './change-request';
import type { Policy } from './policy';
import type { Refusal } from './refusal';
import { authorize } from './authorize';
import { countedApprovals } from './approval-count';
import { refusalAudit, requestAudit } from './request-audit';
import { sameId } from './same-id';
import { stateRefusal } from './state-refusal';
import { type TransitionResult, accepted, advance, refusedWith } from './transition-result';

/** Longest reject comment kept; the rest is cut so one click cannot bloat every store and audit record. */
export const MAX_COMMENT_LENGTH = 1000;

function refuse(request: ChangeRequest, by: Actor | undefined, attempted: string, refusal: Refusal, now: Date): TransitionResult {
  return refusedWith(request, refusal, [refusalAudit(request, now, by, attempted, refusal)]);
}

/** Rights come from the policy as it is now, so removing an approver takes effect on open requests too. */
function approverRefusal(request: ChangeRequest, by: Actor, policy: Policy): Refusal | { allowSelfApproval: boolean } {
  const verdict = authorize(policy, { ...request.scope, actor: by.aadObjectId, role: 'approve' });
  if (!verdict.allowed) return { code: verdict.code, reason: verdict.reason };
  return { allowSelfApproval: verdict.rule.allowSelfApproval };
}

export function approve(request: ChangeRequest, by: Actor, now: Date, policy: Policy): TransitionResult {
  if (request.state !== 'pending') return refuse(request, by, 'approve', stateRefusal(request), now);
  const rights = approverRefusal(request, by, policy);
  if ('code' in rights) return refuse(request, by, 'approve', rights, now);
  if (!rights.allowSelfApproval && sameId(by.aadObjectId, request.requester.aadObjectId)) {
    const reason = `You asked for request ${request.id}, so someone else has to approve it.`;
    return refuse(request, by, 'approve', { code: 'self-approval', reason }, now);
  }
  if (request.approvals.some((a) => sameId(a.by.aadObjectId, by.aadObjectId))) {
    const reason = `Your approval of request ${request.id} is already counted (${request.approvals.length} of ${request.requiredApprovals}).`;
    return refuse(request, by, 'approve', { code: 'already-approved', reason }, now);
  }
  const at = now.toISOString();
  const withApproval = { ...request, approvals: [...request.approvals, { by, at }] };
  const counted = countedApprovals(withApproval, rights.allowSelfApproval);
  const next = advance(withApproval, counted >= request.requiredApprovals ? { state: 'approved', approvedAt: at } : {});
  return accepted(next, [requestAudit(next, now, by, 'request.approved', { approvals: counted, required: next.requiredApprovals })]);
}

export function reject(
  request: ChangeRequest,
  by: Actor,
  comment: string | undefined,
  now: Date,
  policy: Policy,
): TransitionResult {
  if (request.state !== 'pending') return refuse(request, by, 'reject', stateRefusal(request), now);
  const rights = approverRefusal(request, by, policy);
  if ('code' in rights) return refuse(request, by, 'reject', rights, now);
  const text = comment?.trim().slice(0, MAX_COMMENT_LENGTH);
  const rejection = { by, at: now.toISOString(), ...(text ? { comment: text } : {}) };
  const next = advance(request, { state: 'rejected', rejection });
  return accepted(next, [requestAudit(next, now, by, 'request.rejected', text ? { comment: text } : {})]);
}

export function cancel(request: ChangeRequest, by: Actor, now: Date): TransitionResult {
  // Approved ahead and still waiting for its gates: nothing has been sent to Azure, so the requester may still withdraw it.
  const waitingAhead = request.state === 'approved' && request.execution === undefined && request.waiting !== undefined;
  if (request.state !== 'pending' && !waitingAhead) return refuse(request, by, 'cancel', stateRefusal(request), now);
  if (!sameId(by.aadObjectId, request.requester.aadObjectId)) {
    const reason = `Only ${request.requester.name}, who asked for request ${request.id}, can cancel it.`;
    return refuse(request, by, 'cancel', { code: 'not-requester', reason }, now);
  }
  const next = advance(request, { state: 'cancelled', cancellation: { by, at: now.toISOString() } });
  return accepted(next, [requestAudit(next, now, by, 'request.cancelled', {})]);
}

/** Moves a due request (pending, or approved ahead and still waiting) to `expired`; callers check state and deadline. */
export function expire(request: ChangeRequest, now: Date): TransitionResult {
  const next = advance(request, { state: 'expired', expiredAt: now.toISOString() });
  const details: { [key: string]: string } = { expiresAt: request.expiresAt };
  if (request.state === 'approved' && request.waiting) details['waitedFor'] = request.waiting.for;
  return accepted(next, [requestAudit(next, now, undefined, 'request.expired', details)]);
}
