import { isRestError, type PipelinePolicy } from '@azure/core-rest-pipeline';

/** One HTTP exchange with ARM, as the SDK sent it (each retry and each LRO poll is its own call). */
export interface ArmCall {
  method: string;
  url: string;
  /** Absent when no response arrived (network error, abort). */
  status?: number;
  durationMs: number;
}

export type ArmCallObserver = (call: ArmCall) => void;

/**
 * Reports every request to `observer`. Added per retry, so the count is what ARM really received; it runs in
 * the caller's async context, so an AsyncLocalStorage on the bot's side attributes calls to a chat command.
 * A throwing observer must not break the request, hence the guard.
 */
export function observerPolicy(observer: ArmCallObserver): PipelinePolicy {
  const report = (call: ArmCall): void => {
    try {
      observer(call);
    } catch {
      // Observing is best effort; a bug there must not fail a gallery read.
    }
  };
  return {
    name: 'galleryOpsArmObserver',
    async sendRequest(request, next) {
      const started = performance.now();
      try {
        const response = await next(request);
        report({ method: request.method, url: request.url, status: response.status, durationMs: performance.now() - started });
        return response;
      } catch (error) {
        const status = isRestError(error) ? error.statusCode : undefined;
        report({ method: request.method, url: request.url, ...(status === undefined ? {} : { status }), durationMs: performance.now() - started });
        throw error;
      }
    },
  };
}
