import type { ChangeRequest } from '../approvals/change-request';
import { escapeMarkdown } from '../cards/escape-text';
import { requestTitle } from '../cards/request-title';
import { endSentence, lowerFirst } from '../cards/end-sentence';
import { failureSource } from '../approvals/failure-source';

/** The personal message that tells a requester how their request ended. */
export function requestOutcomeText(request: ChangeRequest): string {
  // "Your request CR-… to promote … (gal_golden)": the title already ends in the gallery's parentheses.
  const what = `${request.id} to ${escapeMarkdown(lowerFirst(requestTitle(request)))}`;
  switch (request.state) {
    case 'succeeded':
      return endSentence(`Your request ${what} was approved by ${names(request)} and carried out: ${escapeMarkdown(request.execution?.result?.summary ?? 'done')}`);
    case 'failed': {
      const message = escapeMarkdown(request.execution?.error?.message ?? 'unknown error');
      const source = failureSource(request.execution);
      if (source === 'gate') return endSentence(`Your request ${what} was approved by ${names(request)}, but GalleryOps stopped it before calling Azure: ${message}`);
      if (source === 'read-back') return endSentence(`Your request ${what} was approved by ${names(request)}, but reading the version back shows Azure did not make the change: ${message}`);
      return endSentence(`Your request ${what} was approved by ${names(request)}, but Azure refused the change: ${message}`);
    }
    case 'rejected': {
      const comment = request.rejection?.comment ? `: "${escapeMarkdown(request.rejection.comment)}"` : '';
      return endSentence(`Your request ${what} was rejected by ${escapeMarkdown(request.rejection?.by.name ?? 'an approver')}${comment}`);
    }
    case 'expired':
      return `Your request ${what} expired before it had enough approvals; ask again if it is still needed.`;
    case 'cancelled':
      return `Your request ${what} was cancelled.`;
    default:
      return `Your request ${what} is ${request.state}.`;
  }
}

/** The approvers' names, for a text. */
export function approvalsRequestText(request: ChangeRequest): string {
  const reason = request.reason ? ` because "${escapeMarkdown(request.reason)}"` : '';
  return `${endSentence(`${escapeMarkdown(request.requester.name)} asks for your approval of ${request.id}: ${escapeMarkdown(requestTitle(request))}${reason}`)} The card below has the details and the buttons.`;
}

function names(request: ChangeRequest): string {
  return request.approvals.map((a) => escapeMarkdown(a.by.name)).join(', ') || 'the approvers';
}
