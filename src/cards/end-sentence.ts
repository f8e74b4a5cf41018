/**
 * Ends a sentence with a full stop unless it already ends with one (or `?`, `!`, `…`), possibly inside a
 * closing quote: a result, an Azure message or a comment often brings its own, and `..` reads as a typo.
 */
export function endSentence(text: string): string {
  return /[.!?…]["”'’)]?$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`;
}

/** `Promote dispatch 2026.6.0 to latest (gal_golden)` → `promote dispatch …`: a title inside a sentence. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
