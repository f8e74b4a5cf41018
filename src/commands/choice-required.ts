import type { RunButton } from '../cards/run-button';

/** One way to make an ambiguous name precise: a button that runs the qualified command. */
export interface Choice extends RunButton {
  /** What distinguishes this choice (gallery, subscription, resource group, OS…). */
  detail: string;
}

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
