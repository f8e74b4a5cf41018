import { UsageError } from '../errors';

/** Longer reasons are pasted logs, not reasons; the audit record and the card stay readable. */
export const MAX_REASON_LENGTH = 500;

/**
 * Splits a trailing `because <reason>` off the arguments. The reason is the rest of the line as the words
 * arrived (the tokenizer has already collapsed spaces and removed quotes), trimmed. Only words from index
 * `from` on are searched, so an image named `because` still works.
 */
export function splitReason(args: readonly string[], usage: string, from: number): { words: string[]; reason?: string } {
  const at = args.findIndex((word, i) => i >= from && word.toLowerCase() === 'because');
  if (at < 0) return { words: [...args] };
  const reason = args.slice(at + 1).join(' ').trim();
  if (reason === '') throw new UsageError('Add the reason after `because`, e.g. `because CVE-2026-1234 is fixed`.', usage);
  if (reason.length > MAX_REASON_LENGTH) {
    // Refused, not cut: a reason is evidence, and a silently shortened one says something else.
    throw new UsageError(`The reason is ${reason.length} characters long; keep it to ${MAX_REASON_LENGTH} and link to details.`, usage);
  }
  return { words: args.slice(0, at), reason };
}
