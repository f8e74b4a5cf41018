import { runButton, type RunButton } from './run-button';

/** One page of a long list, and what the card says about the rest. */
export interface Page<T> {
  items: T[];
  /** `Showing 21–40 of 57`, or empty when everything fits on one page. */
  text: string;
  /** "Previous" / "More" buttons re-running the command with a page argument. */
  buttons: RunButton[];
  page: number;
  pageCount: number;
}

/**
 * Slices a list for a card. Pages past the end show the last page (the card states the range, so nothing is
 * hidden silently). `commandFor(n)` is the full command text that shows page `n`.
 */
export function paginate<T>(all: readonly T[], requested: number, pageSize: number, commandFor: (page: number) => string): Page<T> {
  const pageCount = Math.max(1, Math.ceil(all.length / pageSize));
  const page = Math.min(Math.max(1, requested), pageCount);
  const start = (page - 1) * pageSize;
  const items = all.slice(start, start + pageSize);
  const text = pageCount === 1 ? '' : `Showing ${start + 1}–${start + items.length} of ${all.length}`;
  const buttons: RunButton[] = [];
  if (page > 1) buttons.push(runButton('Previous', commandFor(page - 1)));
  if (page < pageCount) buttons.push(runButton(`More (page ${page + 1} of ${pageCount})`, commandFor(page + 1)));
  return { items, text, buttons, page, pageCount };
}
