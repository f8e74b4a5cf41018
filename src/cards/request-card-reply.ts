import { changeRequestCard, type ChangeRequestCardData } from './change-request-card';
import type { CardReply } from './reply';
import type { ChangeRequest } from '../approvals/change-request';
import { findRule } from '../approvals/find-rule';
import type { Policy } from '../approvals/policy';
import { mayDecide } from '../approvals/viewer-rights';

/** Who looks at a request card: decides whether they get the buttons. */
export type RequestViewer = { kind: 'everyone'; refreshUserIds?: string[] } | { kind: 'person'; aadObjectId?: string };

export interface RequestCardOptions {
  notice?: { text: string; tone: 'good' | 'warning' | 'attention' | 'default' };
  /** Marks the reply so the Teams layer records where the card was posted (and, when new, fans it out). */
  track?: { announce: boolean };
}

/** What the card of a request looks like for a viewer: the base card (buttons for everyone) or a personal view. */
export function requestCardReply(request: ChangeRequest, policy: Policy, now: Date, viewer: RequestViewer, options: RequestCardOptions = {}): CardReply<ChangeRequestCardData> {
  const rule = findRule(policy, request.scope);
  const approvers = rule?.approvers ?? [];
  const view = viewer.kind === 'everyone' ? 'base' : mayDecide(request, viewer.aadObjectId, policy) ? 'approver' : 'read-only';
  const card = changeRequestCard({
    request,
    approvers,
    allowSelfApproval: rule?.allowSelfApproval ?? false,
    now,
    view,
    ...(viewer.kind === 'everyone' && viewer.refreshUserIds ? { refreshUserIds: viewer.refreshUserIds } : {}),
    ...(options.notice ? { notice: options.notice } : {}),
  });
  return options.track ? { ...card, tracks: { requestId: request.id, announce: options.track.announce } } : card;
}
