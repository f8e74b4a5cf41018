/**
 * The one contract between cards and the bot for buttons that run a command: `Action.Execute` with this verb
 * and `data: { verb, command }` (the verb is repeated in `data` because the `Action.Submit` fallback of old
 * clients delivers only `data`). The command text is parsed and permission-checked like typed text.
 */
export const RUN_VERB = 'galleryops.run';

/** What a template needs to draw one run button. */
export interface RunButton {
  title: string;
  command: string;
}

export function runButton(title: string, command: string): RunButton {
  return { title, command };
}
