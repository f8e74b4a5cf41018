import { UsageError } from '../errors';

/** Commands are short; anything longer is a paste accident, answered with a usage error before any parsing. */
export const MAX_COMMAND_LENGTH = 2000;

// C0/C1 controls other than tab/newline/CR, and bidirectional overrides that can make a name display as another.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
// Invisible characters rich-text clients insert; removing them keeps `versions\u200Bx` from looking like junk.
const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF\u00AD]/gu;

/**
 * Cleans typed text: bounded length, no control characters, compatibility forms folded (NFKC: full-width
 * `ｖｅｒｓｉｏｎｓ` and `２０２６．０５` from an East Asian input method read as `versions` and `2026.05`), HTML space
 * entities and non-breaking spaces as spaces, whitespace collapsed and trimmed. Throws UsageError for input we refuse.
 */
export function normalizeInput(text: string): string {
  // Typed commands are nearly always printable ASCII, which has no control, invisible or compatibility characters
  // to handle: only the spaces. (A test holds this path equal to the full one.)
  if (text.length <= MAX_COMMAND_LENGTH && PRINTABLE_ASCII.test(text)) return collapseSpaces(text);
  return normalizeFully(text);
}

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/** normalizeInput's rules, all applied (normalizeInput skips those that cannot apply to printable ASCII). */
export function normalizeFully(text: string): string {
  if (text.length > MAX_COMMAND_LENGTH) {
    throw new UsageError(
      `That message is ${text.length.toLocaleString('en-US')} characters long; commands are at most ${MAX_COMMAND_LENGTH}. Type \`help\` to see them.`,
    );
  }
  if (FORBIDDEN.test(text)) {
    throw new UsageError('That message contains control characters I cannot read. Please retype the command as plain text.');
  }
  return collapseSpaces(text.normalize('NFKC').replace(INVISIBLE, ''));
}

/** HTML space entities and non-breaking spaces as spaces, whitespace collapsed, trimmed. */
function collapseSpaces(text: string): string {
  return text
    .replace(/&nbsp;|&#160;/gi, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
