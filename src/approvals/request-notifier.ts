import type { ChangeRequest } from './change-request';

/**
 * Tells people about a request; implemented by the Teams layer (card updates, channel posts, personal
 * messages). Every method is best-effort: a chat that cannot be reached must never undo or block a decision,
 * so implementations log and swallow their own failures.
 */
export interface RequestNotifier {
  /** A new request's card is up where it was asked: post it in the approvals channel, tell the approvers. */
  requestCreated(request: ChangeRequest): Promise<void>;
  /** Something changed: re-render every posted copy of the card from the stored request. */
  requestChanged(requestId: string): Promise<void>;
  /** The request reached a final state: tell the requester how it ended. */
  requestFinished(request: ChangeRequest): Promise<void>;
}
