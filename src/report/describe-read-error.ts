import { UserFacingError } from '../errors';

/**
 * A failed ARM read in words, for a report's "could not check" list. The ARM adapter maps every ARM failure to
 * a typed error; anything else is a bug, so it is rethrown for the Teams layer to log with a reference.
 */
export function describeReadError(err: unknown): string {
  if (err instanceof UserFacingError) return err.userMessage;
  throw err;
}
