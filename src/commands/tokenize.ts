import { UsageError } from '../errors';

// Straight and typographic quotes (clients "smarten" them) and backticks (copied from the bot's own messages).
const OPENERS: Record<string, string> = { '"': '"', '“': '”', '”': '”', "'": "'", '‘': '’', '`': '`' };

/**
 * Splits normalised text into words. Quotes group words (`"East US 2"`); an unterminated quote is a usage
 * error rather than a silent guess.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === ' ') {
      i++;
      continue;
    }
    const closer = OPENERS[c];
    if (closer !== undefined) {
      const end = text.indexOf(closer, i + 1);
      if (end < 0) throw new UsageError('A quote is not closed. Put names with spaces in "double quotes".');
      const inner = text.slice(i + 1, end).trim();
      if (inner) tokens.push(inner);
      i = end + 1;
      continue;
    }
    let end = text.indexOf(' ', i);
    if (end < 0) end = text.length;
    tokens.push(text.slice(i, end));
    i = end;
  }
  return tokens;
}
