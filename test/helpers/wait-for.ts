/**
 * Polls `read` until `ok` holds (background work: the executor, card updates, another process), failing with
 * the last value seen so a timeout says what was there instead.
 */
export async function waitFor<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)?.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** `waitFor` for a value that is absent until it arrives. */
export async function waitForValue<T>(what: string, read: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  try {
    return (await waitFor(read, (v) => v !== undefined, timeoutMs)) as T;
  } catch {
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
  }
}
