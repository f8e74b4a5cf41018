/**
 * One line, none of the characters below, not starting like a list item; underscores only inside a word (between
 * letters or digits: `gal_golden`, `rg_images_prod`), which escapeEveryMark leaves as they are. Without that, every
 * text naming an ARM resource with an underscore took the seven replaces.
 */
const NOTHING_TO_ESCAPE = /^(?!\s*(?:[-+]|\d+\.)\s)[^\\*_[\]<>\n\r\u2028\u2029]*(?:(?<=[\p{L}\p{N}])_(?=[\p{L}\p{N}])[^\\*_[\]<>\n\r\u2028\u2029]*)*$/u;

/**
 * Anything that came from a user or from ARM is escaped before it reaches a TextBlock or a chat message, so a
 * name such as `*[x](http://evil)` shows as typed instead of becoming a link or bold text.
 *
 * Deliberately minimal: Adaptive Cards only support emphasis, links and lists, and not every Teams client
 * honours backslash escapes, so escaping more (brackets in a usage line, parentheses) would show stray
 * backslashes for nothing. Backticks stay: the bot quotes names as `code`, and the tokenizer strips them.
 */
export function escapeMarkdown(text: string): string {
  // Most text (names, regions, dates) holds nothing to escape: one test instead of seven replaces, on every card,
  // and for text without a single mark not even the Unicode-aware one.
  if (!ANY_MARK.test(text) && !LIST_START.test(text)) return text;
  return NOTHING_TO_ESCAPE.test(text) ? text : escapeEveryMark(text);
}

/** Any character NOTHING_TO_ESCAPE looks at, and a line that starts like a list item: simple, non-Unicode tests. */
const ANY_MARK = /[\\*_[\]<>\n\r\u2028\u2029]/;
const LIST_START = /^\s*(?:[-+]|\d+\.)\s/;

/** escapeMarkdown's rules, all applied (escapeMarkdown skips them when none can match; a test holds the two equal). */
export function escapeEveryMark(text: string): string {
  let out = text
    .replace(/\\/g, '\\\\')
    .replace(/\*/g, '\\*')
    // Underscores inside words (gal_golden) cannot start emphasis; only those at a word edge are escaped.
    .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace('_', '\\_'));
  // A link needs `](`; breaking that is enough, and keeps `[<version>]` in usage lines readable.
  if (/\]\s*\(/.test(out)) out = out.replace(/[[\]]/g, (c) => `\\${c}`);
  // Teams and the Agents Playground strip anything that looks like an HTML tag from card text, so `<image>` in
  // a usage line (or `<b>` typed by a user) would vanish; single guillemets keep it readable and inert.
  out = out.replace(/</g, '‹').replace(/>/g, '›');
  // A line starting with `- `, `+ ` or `1. ` would become a list.
  return out
    .replace(/^(\s*)([-+])(?=\s)/gmu, (_m, space: string, marker: string) => `${space}\\${marker}`)
    .replace(/^(\s*\d+)\.(?=\s)/gmu, (_m, number: string) => `${number}\\.`);
}

/** For plain chat messages, which Teams also reads as HTML. */
export function escapeChatText(text: string): string {
  return escapeMarkdown(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Quotes a user's argument inside a message: bounded, single line, no backticks to break out of the quote. */
export function quoteInput(text: string, max = 80): string {
  const clean = text.replace(/[`\p{Cc}]/gu, '').slice(0, max);
  return `\`${clean}${text.length > max ? '…' : ''}\``;
}

/**
 * Tag-like `<word…>` in the bot's own chat text (a hint such as `unsubscribe <id>`) made readable and inert as
 * `‹word…›`: Teams reads a message's text as HTML and drops such tags. `<at>…</at>` mentions stay.
 */
export function inertTags(text: string): string {
  return text.includes('<') ? text.replace(/<(\/?)(?!at>)([A-Za-z][^<>\n]*)>/g, '‹$1$2›') : text;
}
