import type { ChangeRequest } from './change-request';
import { sameId } from './same-id';

/**
 * Approvals that count toward `requiredApprovals`: one per person, and not the requester's own unless the
 * policy allows self-approval. Computed from the record, never trusted from a stored counter.
 */
export function countedApprovals(request: ChangeRequest, allowSelfApproval: boolean): number {
  const people = new Set<string>();
  for (const a of request.approvals) {
    if (!allowSelfApproval && sameId(a.by.aadObjectId, request.requester.aadObjectId)) continue;
    people.add(a.by.aadObjectId.toLowerCase());
  }
  return people.size;
}
