/** Runs async critical sections one at a time, in call order, within this process. */
export class AsyncMutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    // The chain must survive a failed section, or every later caller would inherit its rejection.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
