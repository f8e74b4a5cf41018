import type { ChangeRequest, Execution, RequestState } from '../approvals/change-request';
import { failureSource } from '../approvals/failure-source';
import { statusCommandOf } from '../approvals/status-command';
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

/** An execution whose outcome is not known yet is neither done nor failed: it says what it is doing. */
const CHECKING: StatusView = { label: 'CHECKING AZURE', color: 'warning', style: 'warning' };

/** Approved ahead: the approvals are in, the change waits for its gates (replication in progress). */
const APPROVED_WAITING: StatusView = { label: 'APPROVED · WAITING', color: 'accent', style: 'accent' };

export function statusBadge(state: RequestState, request?: ChangeRequest): StatusView {
  if (state === 'executing' && request?.execution?.unknown) return CHECKING;
  if (state === 'approved' && request?.waiting && request.execution === undefined) return APPROVED_WAITING;
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
      return executionView(request.execution, state, at, statusCommandOf(request));
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
        text:
          request.approvedAt && request.waiting
            ? escapeMarkdown(`Approved, but expired before it could run: it was waiting until ${request.waiting.for}. Nothing was changed; ask again once that is done.`)
            : `Expired with ${approvals} approvals; nothing was changed. Ask again to start over.`,
        color: 'default',
        facts: [{ title: 'When', value: at(request.expiredAt ?? request.expiresAt) }],
      };
  }
}

/** What the operation section says, in words that name who decided the outcome and what to do next. */
function executionText(e: Execution | undefined, state: 'executing' | 'succeeded' | 'failed', at: (iso: string) => string, checkCommand: string): string {
  if (state === 'succeeded') {
    const summary = e?.result?.summary ?? 'Azure shows the requested state.';
    return e?.basis === 'read-back' ? `Done, confirmed by reading the version back from Azure${e.finishedAt ? ` (${at(e.finishedAt)})` : ''}: ${summary}` : `Done: ${summary}`;
  }
  if (state === 'failed') {
    const message = e?.error?.message ?? 'no error message was given.';
    switch (failureSource(e)) {
      case 'gate':
        return `Stopped by GalleryOps before calling Azure: ${message}`;
      case 'read-back':
        return `Azure did not make the change: ${message}`;
      case 'azure':
        return e?.basis === 'read-back' ? `Azure refused the change: ${message} (the version, read back, shows nothing changed)` : `Azure refused the change: ${message}`;
    }
  }
  const unknown = e?.unknown;
  if (unknown?.overdueAt) {
    return `Outcome still unknown: Azure could not be read back since ${at(unknown.since)}. Check by hand with \`${checkCommand}\`; the bot's operators have been alerted. (${unknown.reason})`;
  }
  if (unknown) return `Outcome unknown, checking Azure: ${unknown.reason} GalleryOps reads the version back until it can tell; this card updates then.`;
  return e?.armOperation ? 'Azure accepted the change and is carrying it out.' : 'Sending the change to Azure.';
}

function executionView(e: Execution | undefined, state: 'executing' | 'succeeded' | 'failed', at: (iso: string) => string, checkCommand: string): OutcomeView {
  const text = executionText(e, state, at, checkCommand);
  const facts: Fact[] = [];
  if (e) {
    facts.push({ title: e.basis === 'gate' ? 'Checked' : 'Started', value: at(e.startedAt) });
    if (e.attempts > 0) facts.push({ title: 'Attempt', value: e.attempts > 1 ? `${e.attempts} (re-sent after a restart found the change not applied)` : '1' });
    facts.push({ title: 'Operation', value: e.armOperation ? escapeMarkdown(operationId(e.armOperation)) : state === 'failed' && failureSource(e) === 'gate' ? 'none: Azure was not called' : 'not accepted by Azure yet' });
    // A change of several steps (a repair) says where it is; once finished, the last step shows where it stopped.
    if (e.progress) facts.push({ title: state === 'executing' ? 'Progress' : 'Last step', value: `${escapeMarkdown(e.progress.text)} · ${at(e.progress.at)}` });
    if (e.unknown) facts.push({ title: 'Outcome unknown since', value: at(e.unknown.since) });
    if (e.finishedAt) facts.push({ title: 'Finished', value: at(e.finishedAt) });
    if (e.finishedAt) facts.push({ title: 'Outcome based on', value: e.basis === 'read-back' ? 'reading the version back from Azure' : failureSource(e) === 'gate' ? "GalleryOps' gate check" : "the Azure operation's answer" });
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
