import type { FixCommand } from '../report/fix-command';
import type { CardScope } from './card-scope';
import { escapeMarkdown } from './escape-text';
import { paginate } from './paging';
import { bodyLine } from './status-mark';
import { runButton, type RunButton } from './run-button';

/** One entry of a findings list (`report`, `drift`) before it is placed on a page. */
export interface FindingItem {
  /** The section it belongs to, with its count: `Past end of life (2)`. */
  section: string;
  text: string;
  color: 'attention' | 'warning' | 'default';
  detail?: string;
  fixes: readonly FixCommand[];
}

/** A row as the `findings` template draws it. */
export interface FindingRow {
  /** The section heading, on the first row of each section on the page; empty otherwise. */
  heading: string;
  text: string;
  color: string;
  detail: string;
  /** Commands that change something: shown to be typed. */
  typed: { line: string }[];
  /** Read-only commands: buttons. */
  actions: RunButton[];
}

/** What the `findings` template needs besides the scope and title. */
export interface FindingsPage {
  rows: FindingRow[];
  paging: string;
  buttons: RunButton[];
}

/**
 * Pages a findings list. Sections flow across pages: a section that continues from the previous page repeats
 * its heading with "continued", so every page reads on its own.
 */
export function findingsPage(items: readonly FindingItem[], page: number, pageSize: number, commandFor: (page: number) => string): FindingsPage {
  const shown = paginate(items, page, pageSize, commandFor);
  const first = (shown.page - 1) * pageSize;
  const rows = shown.items.map((item, i): FindingRow => {
    const previous = items[first + i - 1];
    const starts = previous === undefined || previous.section !== item.section;
    const heading = starts ? item.section : i === 0 ? `${item.section}, continued` : '';
    return {
      heading: escapeMarkdown(heading),
      ...bodyLine(escapeMarkdown(item.text), item.color),
      detail: item.detail ? escapeMarkdown(item.detail) : '',
      typed: item.fixes.filter((f) => !f.runnable).map((f) => ({ line: escapeMarkdown(`Type: \`${f.command}\` (${f.purpose})`) })),
      actions: item.fixes.filter((f) => f.runnable).map((f) => runButton(f.command, f.command)),
    };
  });
  return { rows, paging: shown.text, buttons: shown.buttons };
}

/** The `findings` template's data, shared by `report` and `drift`. */
export interface FindingsCardData extends CardScope, FindingsPage {
  title: string;
  subtitle: string;
  facts: { title: string; value: string }[];
  notes: { text: string }[];
  empty: string;
}

/** `All galleries in the configured scopes (subscription 1111…)`: cards spanning galleries name their subscriptions. */
export function scopeWithSubscriptions(label: string, subscriptions: readonly string[]): string {
  if (subscriptions.length === 0) return label;
  return `${label} (${subscriptions.length === 1 ? 'subscription' : 'subscriptions'} ${subscriptions.join(', ')})`;
}
