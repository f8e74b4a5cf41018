/**
 * ARM failures → GalleryOps' typed errors, each with a sentence a chat user understands. The original error
 * stays attached as `cause` for the log.
 */
import { isRestError } from '@azure/core-rest-pipeline';
import { ConflictError, ForbiddenError, NotFoundError, ThrottledError, UpstreamError, UserFacingError } from '../../errors';

/** What was being read or changed, in words ("image version dispatch 2026.5.1 in gal_golden"). */
export type Subject = string;

const LRO_FAILED = 'The long-running operation has failed';

/** Seconds from a Retry-After header (delta-seconds or HTTP date). */
export function parseRetryAfter(value: string | undefined | null, now: number = Date.now()): number | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function armCode(error: { code?: string; details?: unknown }): string | undefined {
  const details = error.details as { error?: { code?: unknown } } | undefined;
  const inner = details?.error?.code;
  return typeof inner === 'string' ? inner : error.code;
}

/** Maps anything thrown while talking to ARM; typed errors pass through unchanged. */
export function mapArmError(error: unknown, subject: Subject): UserFacingError {
  if (error instanceof UserFacingError) return error;
  const cause = { cause: error };
  if (isRestError(error) && error.statusCode !== undefined && error.statusCode >= 400) {
    const status = error.statusCode;
    const code = armCode(error);
    const tag = code === undefined ? `HTTP ${status}` : `HTTP ${status} ${code}`;
    if (status === 404) return new NotFoundError(`Azure says ${subject} does not exist (${tag}).`, [], cause);
    if (status === 401 || status === 403) {
      return new ForbiddenError(
        `GalleryOps is not allowed to access ${subject} (${tag}). Ask an administrator to grant its identity Reader (or Contributor for changes) on the gallery.`,
        cause,
      );
    }
    if (status === 409 || status === 412) {
      return new ConflictError(`Azure refused the change to ${subject} because it changed meanwhile or another operation is still running (${tag}); try again in a minute.`, cause);
    }
    if (status === 429) {
      const seconds = parseRetryAfter(error.response?.headers.get('retry-after'));
      const when = seconds === undefined ? 'in a minute' : seconds === 0 ? 'in a moment' : `in ${seconds} s`;
      return new ThrottledError(`Azure is throttling requests to the gallery; try again ${when}.`, seconds, cause);
    }
    if (status >= 500) return new UpstreamError(`Azure could not answer the request for ${subject} (${tag}); try again shortly.`, cause);
    return new UpstreamError(`Azure rejected the request for ${subject} (${tag}): ${error.message}`, cause);
  }
  if (isRestError(error) && error.statusCode === undefined && error.code !== 'PARSE_ERROR') {
    return new UpstreamError(`GalleryOps could not reach Azure Resource Manager for ${subject} (${error.code ?? 'network error'}); try again shortly.`, cause);
  }
  if (error instanceof Error && error.message.startsWith(LRO_FAILED)) {
    const detail = error.message.slice(LRO_FAILED.length).replace(/^[.\s]+/, '');
    return new UpstreamError(`Azure could not complete the change to ${subject}${detail === '' ? '.' : `: ${detail}`}`, cause);
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new UpstreamError(`The request to Azure for ${subject} was cancelled.`, cause);
  }
  return new UpstreamError(`Azure sent a reply about ${subject} that GalleryOps could not read; try again, and tell the bot's operators if it persists.`, cause);
}
