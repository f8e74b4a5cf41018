/** A problem the person running `npm run as` can fix; the CLI prints its message (no stack) and exits 1. */
export class AsUserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AsUserError';
  }
}
