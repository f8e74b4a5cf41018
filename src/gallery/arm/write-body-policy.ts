import { AsyncLocalStorage } from 'node:async_hooks';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { JsonValue } from '../../json-value';
import { keepUnknownFields } from './keep-unknown-fields';

/** A write in progress: the resource's path and ARM's answer to the read just before it. */
interface PendingWrite {
  path: string;
  read: JsonValue;
}

/** The SDK pipeline policy that restores dropped fields in a write body, and the scope that arms it. */
export interface WriteBodyKeeper {
  readonly policy: PipelinePolicy;
  /**
   * Runs `work`; a PATCH or PUT it sends to `path` keeps what `read` (ARM's raw answer: the version itself, or
   * the source a copy is made from) had in the lists it sends.
   */
  within<T>(path: string, read: JsonValue, work: () => Promise<T>): Promise<T>;
}

/**
 * The SDK serialises a write body through its own models (see keep-unknown-fields.ts); this policy sees the
 * serialised JSON on its way out and fills it from ARM's raw answer. Scoped by the caller's async context, so
 * only the write that read the document is touched: LRO polls are GETs, other commands have other scopes.
 * A body that is not JSON text is left as the SDK made it.
 */
export function createWriteBodyKeeper(): WriteBodyKeeper {
  const scope = new AsyncLocalStorage<PendingWrite>();
  const policy: PipelinePolicy = {
    name: 'galleryOpsKeepUnknownFields',
    async sendRequest(request, next) {
      const pending = scope.getStore();
      if (pending !== undefined && (request.method === 'PATCH' || request.method === 'PUT') && typeof request.body === 'string' && samePath(request.url, pending.path)) {
        try {
          request.body = JSON.stringify(keepUnknownFields(JSON.parse(request.body) as JsonValue, pending.read));
        } catch {
          // Unparseable text is sent as the SDK built it: better the SDK's body than none.
        }
      }
      return next(request);
    },
  };
  return { policy, within: (path, read, work) => scope.run({ path, read }, work) };
}

function samePath(url: string, path: string): boolean {
  try {
    return new URL(url).pathname.toLowerCase() === path.toLowerCase();
  } catch {
    return false;
  }
}
