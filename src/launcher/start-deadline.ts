/**
 * A step of the start that waits on the network must end, one way or the other. Azure SDK requests have no
 * timeout of their own: a token endpoint or storage account that accepts the connection and never answers
 * leaves the start waiting silently, with no port open and nothing in the log. Past the deadline the start
 * fails with what it was waiting for; the step itself is abandoned (the process exits).
 */
export async function withinDeadline<T>(step: Promise<T>, ms: number, timeoutMessage: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(timeoutMessage)), ms);
  });
  try {
    return await Promise.race([step, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
