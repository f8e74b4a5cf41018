import { countedApprovals } from '../approvals/approval-count';
import type { ChangeRequest } from '../approvals/change-request';
import type { CardReply } from './reply';
import { countOf } from './count-words';
import { escapeMarkdown } from './escape-text';
import { formatTimestamp } from './format-date';
import { paginate } from './paging';
import { requestTitle } from './request-title';
import { shownState } from './request-status';
import { formatRelativeTime } from './relative-time';
import { runButton, type RunButton } from './run-button';

export const PENDING_PAGE_SIZE = 10;
/** A deadline this close is flagged: whoever opens the list should act first on these. */
const URGENT_MS = 2 * 3_600_000;

/**
 * What `pending` lists. In a personal chat, for the person who asked: what they may decide, and what they
 * asked that is still open. Anywhere others read along (a channel, a group chat), the open requests of the
 * galleries it is about, worded for everyone: "you" would mean whoever typed it.
 */
export type PendingList =
  | { kind: 'personal'; toDecide: readonly ChangeRequest[]; own: readonly ChangeRequest[] }
  | { kind: 'shared'; galleries: ReadonlyArray<{ gallery: string; requests: readonly ChangeRequest[] }> };

/** One open request on the `pending` card. */
export interface PendingRow {
  /** The section heading with its count, on the first row of each section on the page; empty otherwise. */
  heading: string;
  what: string;
  /** `CR-7K3F9QXM · asked by Megan Bowen · 0 of 1 approvals`. */
  detail: string;
  /** `Expires in 23 h`; `⚠ Expires in 1 h` when close; `✗ Expired 5 min ago` when past and not yet swept. */
  expires: string;
  expiresColor: 'default' | 'attention';
  /** The row's Open button: runs `request <id>`, which shows the request card. */
  open: RunButton;
}

export interface PendingCardData {
  title: string;
  readAt: string;
  /**
   * Lines under the title: every section's count, empty ones included ("Waiting for your approval: 2 · Your open
   * requests: none"), so "is anything waiting for me?" is answered first whatever is listed; and in a channel, that
   * everyone there sees the list.
   */
  overview: { text: string }[];
  paging: string;
  rows: PendingRow[];
  buttons: RunButton[];
}

interface Section {
  heading: string;
  requests: ChangeRequest[];
  empty: string;
}

/**
 * The `pending` card: each section's requests, the soonest deadline first, every heading counting exactly the
 * requests listed under it (across pages). Each row opens the request card; the list is paged like every other list.
 */
export function pendingCard(list: PendingList, now: Date, page: number): CardReply<PendingCardData> {
  const sections = sectionsOf(list);
  const items = sections.flatMap((s) => s.requests.map((request) => ({ section: s, request })));
  const shown = paginate(items, page, PENDING_PAGE_SIZE, (n) => `pending page ${n}`);
  const first = (shown.page - 1) * PENDING_PAGE_SIZE;
  const rows = shown.items.map(({ section, request }, i): PendingRow => {
    const previous = items[first + i - 1];
    const starts = previous === undefined || previous.section !== section;
    // A section that continues from the previous page repeats its heading, so every page reads on its own.
    const heading = starts ? headingOf(section) : i === 0 ? `${headingOf(section)}, continued` : '';
    return { heading, ...pendingRow(request, now) };
  });
  const counts = sections.length > 1 ? sections.map((s) => `${s.heading}: ${s.requests.length || 'none'}`).join(' · ') : '';
  const everyone = list.kind === 'shared' ? 'Everyone here sees this list; type pending in your personal chat with GalleryOps for what waits for you.' : '';
  const data: PendingCardData = {
    title: list.kind === 'personal' ? 'Pending change requests' : sharedTitle(list),
    readAt: `Read ${formatTimestamp(now)}`,
    overview: [counts, items.length === 0 && sections.length === 1 ? sections[0]!.empty : '', items.length ? everyone : ''].filter(Boolean).map((text) => ({ text })),
    paging: shown.text,
    rows,
    buttons: shown.buttons,
  };
  return { kind: 'card', template: 'pending', data, summary: summaryOf(list, sections) };
}

function sectionsOf(list: PendingList): Section[] {
  const sorted = (requests: readonly ChangeRequest[]): ChangeRequest[] =>
    [...requests].sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt) || a.id.localeCompare(b.id));
  if (list.kind === 'personal') {
    return [
      { heading: 'Waiting for your approval', requests: sorted(list.toDecide), empty: 'Nothing is waiting for your approval.' },
      { heading: 'Your open requests', requests: sorted(list.own), empty: 'You have no open requests.' },
    ];
  }
  if (list.galleries.length === 0) return [{ heading: 'Open requests', requests: [], empty: 'No change requests are open.' }];
  return list.galleries.map((g) => ({
    heading: escapeMarkdown(`Open requests in ${g.gallery}`),
    requests: sorted(g.requests),
    empty: escapeMarkdown(`No change requests are open in ${g.gallery}.`),
  }));
}

function headingOf(section: Section): string {
  return `${section.heading} (${section.requests.length})`;
}

function sharedTitle(list: Extract<PendingList, { kind: 'shared' }>): string {
  const total = list.galleries.reduce((n, g) => n + g.requests.length, 0);
  const where = list.galleries.length === 1 ? ` in ${list.galleries[0]!.gallery}` : '';
  return escapeMarkdown(`Open change requests${where}: ${total}`);
}

function summaryOf(list: PendingList, sections: readonly Section[]): string {
  if (list.kind === 'personal') {
    const [decide, own] = sections.map((s) => s.requests.length) as [number, number];
    return `${countOf(decide, 'change request')} waiting for your approval; ${countOf(own, 'open request')} of your own`;
  }
  const total = sections.reduce((n, s) => n + s.requests.length, 0);
  return `${countOf(total, 'open change request')}${list.galleries.length === 1 ? ` in ${list.galleries[0]!.gallery}` : ''}`;
}

function pendingRow(r: ChangeRequest, now: Date): Omit<PendingRow, 'heading'> {
  const state = shownState(r, now);
  const deadline = new Date(r.expiresAt);
  const left = deadline.getTime() - now.getTime();
  const approvals = `${countedApprovals(r, true)} of ${r.requiredApprovals} approvals`;
  const status = state === 'pending' ? '' : ` · ${state}`;
  const expires =
    state === 'pending'
      ? `${left < URGENT_MS ? '⚠ ' : ''}Expires ${formatRelativeTime(deadline, now)}`
      : state === 'expired'
        ? `✗ Expired ${formatRelativeTime(deadline, now)}`
        : '';
  return {
    what: escapeMarkdown(requestTitle(r)),
    detail: escapeMarkdown(`${r.id}${status} · asked by ${r.requester.name} · ${approvals}`),
    expires,
    // Red reads well as text; the low-contrast yellow does not, so a near deadline is marked by its ⚠ instead.
    expiresColor: state === 'expired' ? 'attention' : 'default',
    open: runButton('Open', `request ${r.id}`),
  };
}
