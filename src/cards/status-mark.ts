/**
 * Coloured text on cards follows one rule (tested on every template in test/cards/text-colours.test.ts): colour
 * never carries a status alone, so a coloured line starts with its status icon; and Teams' light green (`good`)
 * and yellow (`warning`) are too faint to read as text, so they colour only short bold marks (a state, a badge,
 * a headline). Body text that needs noticing keeps its icon and reads in the default colour, or in red
 * (`attention`, readable) when it is a problem.
 */

/** How much a line needs noticing. `progress`: under way and expected to finish by itself (replicating, waiting). */
export type Tone = 'good' | 'progress' | 'warning' | 'attention' | 'default';

/** The Adaptive Cards colours the templates use; `accent` is for notes, never a status. */
export type CardColor = 'default' | 'accent' | 'good' | 'warning' | 'attention';

const ICONS: Record<Tone, string> = { good: '✓', progress: '⏳', warning: '⚠', attention: '✗', default: '' };
const MARK_COLORS: Record<Tone, CardColor> = { good: 'good', progress: 'warning', warning: 'warning', attention: 'attention', default: 'default' };
const STARTS_WITH_ICON = /^[✓✗⚠⏳★]/u;

/** `✓ text`, unless the text already starts with a status icon. Not escaped: the icons are plain text. */
export function withIcon(text: string, tone: Tone): string {
  const icon = ICONS[tone];
  return icon === '' || text === '' || STARTS_WITH_ICON.test(text) ? text : `${icon} ${text}`;
}

/** A line of body text: its icon, and red only for a problem. */
export function bodyLine(text: string, tone: Tone): { text: string; color: 'default' | 'attention' } {
  return { text: withIcon(text, tone), color: tone === 'attention' ? 'attention' : 'default' };
}

/** Longest bold line the faint colours (good, warning) may colour: beyond it, it reads as body text. */
export const MAX_MARK_CHARS = 80;

/**
 * A bold status line (a state, a headline, the answer to a click): its icon, and its tone's colour while it is
 * short enough to be a mark; a longer one keeps the icon in the default colour (red stays: it reads).
 */
export function boldMark(text: string, tone: Tone): { text: string; color: CardColor } {
  const marked = withIcon(text, tone);
  const faint = MARK_COLORS[tone] === 'good' || MARK_COLORS[tone] === 'warning';
  return { text: marked, color: faint && marked.length > MAX_MARK_CHARS ? 'default' : MARK_COLORS[tone] };
}
