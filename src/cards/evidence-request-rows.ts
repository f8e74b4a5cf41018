import type { ChangeRequest } from '../approvals/change-request';
import { escapeMarkdown } from './escape-text';
import { formatTimestamp } from './format-date';
import { requestTitle } from './request-title';
import { shownState, statusBadge } from './request-status';
import { bodyLine, type Tone } from './status-mark';

/** Requests shown on the evidence card; the bundle has all of them. */
export const MAX_REQUEST_ROWS = 8;
const MAX_DECISIONS = 12;
const MAX_TEXT = 300;

/** One change request as an incident responder reads it: what, who asked, who decided, what Azure did. */
export interface RequestRow {
  title: string;
  state: string;
  color: string;
  lines: { text: string; color: string }[];
}

/** Newest first, bounded; every name, reason and ARM message escaped. */
export function requestRows(requests: readonly ChangeRequest[], now: Date): RequestRow[] {
  return [...requests].reverse().slice(0, MAX_REQUEST_ROWS).map((r) => requestRow(r, now));
}

function requestRow(r: ChangeRequest, now: Date): RequestRow {
  const state = shownState(r, now);
  const badge = statusBadge(state);
  const at = (iso: string): string => (Number.isNaN(Date.parse(iso)) ? iso : formatTimestamp(new Date(iso)));
  const line = (text: string, tone: Tone = 'default') => bodyLine(escapeMarkdown(clip(text)), tone);
  const lines = [line(`Requested by ${r.requester.name} · ${at(r.createdAt)}${r.reason ? ` · because ${r.reason}` : ''}`)];
  for (const a of r.approvals.slice(0, MAX_DECISIONS)) lines.push(line(`Approved by ${a.by.name} · ${at(a.at)}`, 'good'));
  if (r.approvals.length > MAX_DECISIONS) lines.push(line(`and ${r.approvals.length - MAX_DECISIONS} more approvals (in the bundle)`));
  if (r.rejection) lines.push(line(`Rejected by ${r.rejection.by.name} · ${at(r.rejection.at)}${r.rejection.comment ? ` · ${r.rejection.comment}` : ''}`, 'attention'));
  if (r.cancellation) lines.push(line(`Cancelled by ${r.cancellation.by.name} · ${at(r.cancellation.at)}`));
  if (state === 'expired') lines.push(line(`Expired · ${at(r.expiredAt ?? r.expiresAt)} · nothing was changed`));
  const e = r.execution;
  if (e) {
    const outcome = e.error ? `failed: ${e.error.message}` : e.result ? `done: ${e.result.summary}` : 'still running';
    const tone: Tone = e.error ? 'attention' : e.result ? 'good' : 'progress';
    lines.push(line(`Azure change started ${at(e.startedAt)}${e.finishedAt ? `, finished ${at(e.finishedAt)}` : ''} · ${outcome}`, tone));
  }
  return { title: escapeMarkdown(`${requestTitle(r)} · ${r.id}`), state: badge.label, color: badge.color, lines };
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}
