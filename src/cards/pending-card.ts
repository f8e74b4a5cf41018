import { countedApprovals } from '../approvals/approval-count';
import type { ChangeRequest } from '../approvals/change-request';
import type { CardReply } from '../commands/reply';
import { escapeMarkdown } from './escape-text';
import { formatTimestamp } from './format-date';
import { paginate } from './paging';
import { requestTitle } from './request-title';
import { shownState } from './request-status';
import { formatRelativeTime } from './relative-time';
import { runButton, type RunButton } from './run-button';

export const PENDING_PAGE_SIZE = 10;
/** A deadline this close is shown in warning colour: whoever opens the list should act first on these. */
const URGENT_MS = 2 * 3_600_000;

/** One open request on the `pending` card. */
export interface PendingRow {
  what: string;
  /** `CR-7K3F9QXM · asked by Megan Bowen · 0 of 1 approvals`. */
  detail: string;
  expires: string;
  expiresColor: 'default' | 'warning' | 'attention';
  /** The row's Open button: runs `request <id>`, which shows the request card. */
  open: RunButton;
}

export interface PendingCardData {
  title: string;
  readAt: string;
  paging: string;
  empty: string;
  rows: PendingRow[];
  buttons: RunButton[];
}

/**
 * The `pending` card: open requests the caller can act on (the caller filters), the soonest deadline first.
 * Each row opens the request card; the list is paged like every other list.
 */
export function pendingCard(requests: ChangeRequest[], now: Date, page: number): CardReply {
  const sorted = [...requests].sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt) || a.id.localeCompare(b.id));
  const shown = paginate(sorted, page, PENDING_PAGE_SIZE, (n) => `pending page ${n}`);
  const data: PendingCardData = {
    title: sorted.length ? `Waiting for you (${sorted.length})` : 'Nothing is waiting for you',
    readAt: `Read ${formatTimestamp(now)}`,
    paging: shown.text,
    empty: sorted.length ? '' : 'You have no open change requests to approve, reject or cancel.',
    rows: shown.items.map((r) => pendingRow(r, now)),
    buttons: shown.buttons,
  };
  const summary = sorted.length
    ? `${sorted.length} change ${sorted.length === 1 ? 'request is' : 'requests are'} waiting for you`
    : 'Nothing is waiting for you';
  return { kind: 'card', template: 'pending', data, summary };
}

function pendingRow(r: ChangeRequest, now: Date): PendingRow {
  const state = shownState(r, now);
  const deadline = new Date(r.expiresAt);
  const left = deadline.getTime() - now.getTime();
  const approvals = `${countedApprovals(r, true)} of ${r.requiredApprovals} approvals`;
  const status = state === 'pending' ? '' : ` · ${state}`;
  return {
    what: escapeMarkdown(requestTitle(r)),
    detail: escapeMarkdown(`${r.id}${status} · asked by ${r.requester.name} · ${approvals}`),
    expires: state === 'pending' ? `Expires ${formatRelativeTime(deadline, now)}` : state === 'expired' ? `Expired ${formatRelativeTime(deadline, now)}` : '',
    expiresColor: state === 'expired' ? 'attention' : left < URGENT_MS ? 'warning' : 'default',
    open: runButton('Open', `request ${r.id}`),
  };
}
