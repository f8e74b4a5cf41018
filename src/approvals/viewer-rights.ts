import { authorize } from './authorize';
import type { ChangeRequest } from './change-request';
import type { Policy } from './policy';
import { sameId } from './same-id';

/**
 * Whether this person would be allowed to approve (or reject) the request right now: it decides which view
 * of the card they get. The server checks again on the click; this only chooses what to show.
 */
export function mayDecide(request: ChangeRequest, aadObjectId: string | undefined, policy: Policy): boolean {
  if (request.state !== 'pending' || !aadObjectId) return false;
  const verdict = authorize(policy, { ...request.scope, actor: aadObjectId, role: 'approve' });
  if (!verdict.allowed) return false;
  if (!verdict.rule.allowSelfApproval && sameId(aadObjectId, request.requester.aadObjectId)) return false;
  return !request.approvals.some((a) => sameId(a.by.aadObjectId, aadObjectId));
}
