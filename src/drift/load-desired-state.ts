import { DesiredStateError, readDesiredStateFile, type DesiredState } from './desired-state';

/** The desired-state file as a command finds it. */
export type DesiredStateLoad =
  | { kind: 'none' }
  | { kind: 'loaded'; file: string; state: DesiredState }
  | { kind: 'invalid'; file: string; problems: string[] };

/**
 * Reads the configured file at command time. It was validated at start (config.ts); reading it again here
 * means an edited file counts without a restart, and a file broken since start is explained on the card
 * instead of failing the command.
 */
export function loadDesiredState(file: string | undefined): DesiredStateLoad {
  if (file === undefined) return { kind: 'none' };
  try {
    return { kind: 'loaded', file, state: readDesiredStateFile(file) };
  } catch (err) {
    if (err instanceof DesiredStateError) return { kind: 'invalid', file, problems: err.problems };
    throw err;
  }
}
