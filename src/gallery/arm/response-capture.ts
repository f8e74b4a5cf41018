import { AsyncLocalStorage } from 'node:async_hooks';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { ArmResponseRecord, ArmResponseRecorder, CapturedReads } from '../../evidence/arm-response-recorder';

/** Where one capture scope collects answers, and the clock it stamps them with. */
interface Sink {
  responses: ArmResponseRecord[];
  now: () => Date;
}

/** The recorder evidence uses, and the SDK pipeline policy that feeds it (installed on every ARM client). */
export interface ResponseCapture extends ArmResponseRecorder {
  readonly policy: PipelinePolicy;
}

/**
 * Keeps ARM's GET answers verbatim, but only for requests made inside `capture(…)`: the scope travels with the
 * caller's async context (AsyncLocalStorage), so concurrent commands never see each other's answers, and
 * everything outside a scope (list views, writes, LRO polls) costs nothing but a lookup. The body is the
 * transport's text before the SDK deserialises it, so fields the SDK or the bot do not know survive unchanged.
 * Added per retry: a throttled attempt is an answer ARM gave too, and its status says so.
 */
export function createResponseCapture(): ResponseCapture {
  const scopes = new AsyncLocalStorage<readonly Sink[]>();
  const policy: PipelinePolicy = {
    name: 'galleryOpsArmResponseCapture',
    async sendRequest(request, next) {
      const response = await next(request);
      const sinks = scopes.getStore();
      if (sinks === undefined || request.method !== 'GET') return response;
      for (const sink of sinks) {
        sink.responses.push({
          method: request.method,
          url: request.url,
          apiVersion: apiVersionOf(request.url),
          status: response.status,
          requestId: response.headers.get('x-ms-request-id') ?? null,
          readAt: sink.now(),
          contentType: response.headers.get('content-type') ?? null,
          body: response.bodyAsText ?? null,
        });
      }
      return response;
    },
  };
  return {
    policy,
    async capture<T>(work: () => Promise<T>, now: () => Date): Promise<CapturedReads<T>> {
      const sink: Sink = { responses: [], now };
      // A scope inside another reports to both: the outer one asked for everything its work read.
      const result = await scopes.run([...(scopes.getStore() ?? []), sink], work);
      return { result, responses: sink.responses };
    },
  };
}

function apiVersionOf(url: string): string | null {
  try {
    return new URL(url).searchParams.get('api-version');
  } catch {
    return null;
  }
}
