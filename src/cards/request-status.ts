import type { ChangeRequest, Execution, RequestState } from '../approvals/change-request';
import { escapeMarkdown } from './escape-text';
import { formatMoment } from './relative-time';

type Color = 'default' | 'accent' | 'good' | 'warning' | 'attention';
type Fact = { title: string; value: string };

/** The state badge: a coloured box with one word, and a line saying what it means right now. */
export interface StatusView {
  label: string;
  /** TextBlock colour of the label. */
  color: Color;
  /** Container style of the badge box. */
  style: 'emphasis' | 'accent' | 'good' | 'warning' | 'attention';
}

/** What happened after the decision (or instead of one): the Azure operation, a rejection, a cancellation. */
export interface OutcomeView {
  title: string;
  text: string;
  color: Color;
  facts: Fact[];
}

const BADGES: Record<RequestState, StatusView> = {
  pending: { label: 'PENDING', color: 'accent', style: 'accent' },
  approved: { label: 'APPROVED', color: 'good', style: 'good' },
  executing: { label: 'EXECUTING', color: 'warning', style: 'warning' },
  succeeded: { label: 'SUCCEEDED', color: 'good', style: 'good' },
  failed: { label: 'FAILED', color: 'attention', style: 'attention' },
  rejected: { label: 'REJECTED', color: 'attention', style: 'attention' },
  cancelled: { label: 'CANCELLED', color: 'default', style: 'emphasis' },
  expired: { label: 'EXPIRED', color: 'default', style: 'emphasis' },
};

/**
 * The state the reader should see. A pending request past its deadline is expired even if no sweeper has
 * stored that yet: the state machine refuses any click on it, so offering buttons would only invite a refusal.
 */
export function shownState(request: ChangeRequest, now: Date): RequestState {
  return request.state === 'pending' && now.getTime() >= Date.parse(request.expiresAt) ? 'expired' : request.state;
}

export function statusBadge(state: RequestState): StatusView {
  return BADGES[state];
}

const NO_OUTCOME: OutcomeView = { title: '', text: '', color: 'default', facts: [] };

/** The outcome section for `state` (empty while pending); every name and ARM text escaped. */
export function outcomeView(request: ChangeRequest, state: RequestState, now: Date, approvals: string): OutcomeView {
  const at = (iso: string): string => formatMoment(new Date(iso), now);
  switch (state) {
    case 'pending':
      return NO_OUTCOME;
    case 'approved':
      return {
        title: 'Decision',
        text: 'Approved; the change is being started in Azure.',
        color: 'good',
        facts: request.approvedAt ? [{ title: 'Approved', value: at(request.approvedAt) }] : [],
      };
    case 'executing':
    case 'succeeded':
    case 'failed':
      return executionView(request.execution, state, at);
    case 'rejected': {
      const r = request.rejection;
      return {
        title: 'Rejected',
        text: escapeMarkdown(`Rejected by ${r?.by.name ?? 'an approver'}`),
        color: 'attention',
        facts: [
          ...(r ? [{ title: 'When', value: at(r.at) }] : []),
          { title: 'Comment', value: r?.comment ? escapeMarkdown(r.comment) : 'no comment given' },
        ],
      };
    }
    case 'cancelled': {
      const c = request.cancellation;
      return {
        title: 'Cancelled',
        text: escapeMarkdown(`Cancelled by ${c?.by.name ?? 'the requester'}`),
        color: 'default',
        facts: c ? [{ title: 'When', value: at(c.at) }] : [],
      };
    }
    case 'expired':
      return {
        title: 'Expired',
        text: `Expired with ${approvals} approvals; nothing was changed. Ask again to start over.`,
        color: 'default',
        facts: [{ title: 'When', value: at(request.expiredAt ?? request.expiresAt) }],
      };
  }
}

function executionView(e: Execution | undefined, state: 'executing' | 'succeeded' | 'failed', at: (iso: string) => string): OutcomeView {
  const text =
    state === 'succeeded'
      ? `Done: ${e?.result?.summary ?? 'Azure shows the requested state.'}`
      : state === 'failed'
        ? `Azure refused the change: ${e?.error?.message ?? 'no error message was given.'}`
        : e?.armOperation
          ? 'Azure accepted the change and is carrying it out.'
          : 'Sending the change to Azure.';
  const facts: Fact[] = [];
  if (e) {
    facts.push({ title: 'Started', value: at(e.startedAt) });
    facts.push({ title: 'Attempt', value: e.attempts > 1 ? `${e.attempts} (re-sent after a restart found the change not applied)` : '1' });
    facts.push({ title: 'Operation', value: e.armOperation ? escapeMarkdown(operationId(e.armOperation)) : 'not accepted by Azure yet' });
    if (e.finishedAt) facts.push({ title: 'Finished', value: at(e.finishedAt) });
    if (e.error?.code) facts.push({ title: 'Error code', value: escapeMarkdown(e.error.code) });
  }
  const color: Color = state === 'succeeded' ? 'good' : state === 'failed' ? 'attention' : 'warning';
  return { title: 'Azure operation', text: escapeMarkdown(text), color, facts };
}

/** An operation URL's last path segment (its id), without the query string; the whole URL would be noise. */
function operationId(operation: string): string {
  const path = operation.split(/[?#]/)[0] ?? operation;
  const last = path.split('/').filter(Boolean).pop() ?? operation;
  return (/^https?:$/i.test(last) ? operation : last).slice(0, 200);
}
