/**
 * A query the emulator refuses. `unsupported`: valid KQL outside the subset it evaluates (the answer would be a
 * guess, so it says so instead); `invalid`: a query Azure Resource Graph would reject too.
 */
export class KqlError extends Error {
  constructor(
    readonly reason: 'unsupported' | 'invalid',
    message: string,
    /** 0-based character offset in the query, when known. */
    readonly at?: number,
  ) {
    super(message);
    this.name = 'KqlError';
  }
}
