import { UsageError } from '../../src/errors';

/** The UsageError `run` throws; fails the test when it throws nothing or something else. */
export function usageErrorOf(run: () => unknown): UsageError {
  try {
    run();
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error('expected a UsageError, nothing was thrown');
}
