import { isRestError } from '@azure/core-rest-pipeline';
import { StoreError } from '../store-error';

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

/** Anything else is an outage or a bug: wrap it so the user sees the storage message and the log the cause. */
export function storeFailure(what: string, err: unknown): StoreError {
  return new StoreError(`${what} failed (status ${statusOf(err) ?? 'none'})`, { cause: err });
}
