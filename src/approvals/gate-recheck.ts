import { ThrottledError } from '../errors';
import type { Logger } from '../logging/logger';
import type { RunOutcome } from '../scheduling/periodic-job';
import type { RequestExecutor } from './request-executor';
import type { ChangeRequestStore } from './request-store';

/** How the re-check spends ARM reads. */
export interface GateRecheckOptions {
  /** Approved requests re-checked per run, oldest first; the rest wait for the next run. Default 20. */
  maxPerRun?: number;
}

/**
 * One run of the gate re-check: every approved request that has not started (approved ahead and waiting for
 * replication, or left approved by a crash or an unreadable ARM) gets its gates read again and runs as soon as
 * they hold. Each re-check costs a few ARM reads, so a run takes at most `maxPerRun` requests; a 429 ends the
 * run and pushes the next one out by Azure's Retry-After.
 */
export function gateRecheckRun(deps: { requests: Pick<ChangeRequestStore, 'listOpen'>; executor: RequestExecutor; logger: Logger }, options: GateRecheckOptions = {}): () => Promise<RunOutcome> {
  const maxPerRun = options.maxPerRun ?? 20;
  return async () => {
    const due = (await deps.requests.listOpen()).filter((r) => r.state === 'approved' && !deps.executor.isRunning(r.id)).slice(0, maxPerRun);
    for (const request of due) {
      try {
        await deps.executor.execute(request.id);
      } catch (err) {
        if (err instanceof ThrottledError) {
          deps.logger.warn({ requestId: request.id, retryAfterSeconds: err.retryAfterSeconds }, 'Azure throttled the gate re-check; the next run waits');
          return { nextInMs: (err.retryAfterSeconds ?? 60) * 1000 };
        }
        deps.logger.error({ err, requestId: request.id }, 're-checking the gates of an approved request failed; it is tried again on the next run');
      }
    }
    return {};
  };
}
