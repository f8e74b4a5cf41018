import { NotFoundError } from '../errors';

/**
 * A NotFoundError that remembers what the user typed, so the command layer can turn each suggestion into a
 * button that re-runs the same command with the suggestion in place of the typo.
 */
export class NoSuchNameError extends NotFoundError {
  constructor(
    userMessage: string,
    suggestions: string[],
    /** The argument exactly as the user typed it. */
    readonly input: string,
  ) {
    super(userMessage, suggestions);
  }
}
