import type { Logger } from '../logging/logger';

/**
 * Loads the gallery names until they are loaded, retrying with backoff (1 s, 2 s, … up to `maxDelayMs`). A
 * replica takes traffic only once /readyz says the names are loaded, so after a failed first load (ARM down, or
 * a role assignment not yet in effect right after a deployment) no command would ever arrive to load them.
 * Returns a function that stops the retries (the app is closing).
 */
export function warmNames(names: { loaded: boolean; refresh(): Promise<unknown> }, logger: Logger, maxDelayMs = 60_000): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = (n: number) => {
    if (stopped || names.loaded) return;
    names.refresh().catch((err: unknown) => {
      if (stopped) return;
      const delayMs = Math.min(maxDelayMs, 1000 * 2 ** n);
      logger.warn({ err, retryInMs: delayMs }, 'could not load gallery names yet; /readyz answers 503 until they load');
      timer = setTimeout(() => attempt(n + 1), delayMs);
      timer.unref();
    });
  };
  attempt(0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
