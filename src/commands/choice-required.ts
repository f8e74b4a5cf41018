import type { Choice } from '../cards/choice';

/**
 * Thrown by a handler when a name is ambiguous; runCommand answers with a card of choices. Not a
 * UserFacingError: it is a question, not a failure.
 */
export class ChoiceRequired extends Error {
  constructor(
    /** The question, e.g. "`dispatch` is in 2 galleries. Which one?" */
    readonly prompt: string,
    readonly choices: Choice[],
  ) {
    super(prompt);
    this.name = 'ChoiceRequired';
  }
}
