import { isRestError } from '@azure/core-rest-pipeline';
import { StoreError, UserFacingError } from '../../errors';

/** The HTTP status of a Table Storage failure (transactions report the failing operation's status). */
export function statusOf(err: unknown): number | undefined {
  return isRestError(err) ? err.statusCode : undefined;
}

/** 409 (entity exists) and 412 (ETag no longer matches, `UpdateConditionNotSatisfied`): someone wrote first. */
export function isConflict(err: unknown): boolean {
  const status = statusOf(err);
  return status === 409 || status === 412;
}

export function isNotFound(err: unknown): boolean {
  return statusOf(err) === 404;
}

/**
 * No answer, a timeout or a server error: the service may or may not have applied the write (a 5xx can come
 * after the commit; the SDK's own retry may re-send it). Only reading back tells.
 */
export function isAmbiguous(err: unknown): boolean {
  const status = statusOf(err);
  return status === undefined || status === 408 || status >= 500;
}

/** Anything else is an outage or a bug: wrap it so the user sees the storage message and the log the cause. */
export function storeFailure(what: string, err: unknown): StoreError {
  return new StoreError(`${what} failed (status ${statusOf(err) ?? 'none'}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)})`, { cause: err });
}

/** Contention or an outage outlasted the append time limit; every attempt was proved not stored. */
export function busyError(detail: string, cause?: unknown): StoreError {
  return new StoreError(detail, {
    cause,
    userMessage: 'GalleryOps could not record this in time (storage is busy); nothing was changed. Try again in a minute.',
  });
}

/** The ledger itself (head, or a record past it) is damaged: retrying cannot help, so appends fail at once. */
export class LedgerDamagedError extends StoreError {}

/** 404 for the table itself (not for a row): the SDK leaves `code` unset for reads, so the body is looked at too. */
export function isTableMissing(err: unknown): boolean {
  if (!isNotFound(err)) return false;
  const { code, message } = err as { code?: string; message?: string };
  return code === 'TableNotFound' || (message ?? '').includes('TableNotFound');
}
