/**
 * The few typed errors GalleryOps raises. Each carries a message written for the chat user; the cause (with
 * stack and ARM details) goes to the log only. Anything that is not a `UserFacingError` is answered with
 * "Something went wrong (ref <id>)".
 */
export abstract class UserFacingError extends Error {
  abstract readonly kind: string;
  constructor(
    /** Shown verbatim in chat. Never include secrets or stack traces. */
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(userMessage, options);
    this.name = new.target.name;
  }
}

/** The user typed something the grammar does not accept. `usage` is the command's usage line, when known. */
export class UsageError extends UserFacingError {
  readonly kind = 'usage';
  constructor(userMessage: string, readonly usage?: string) {
    super(userMessage);
  }
}

/** A gallery, image or version does not exist (ARM 404, or no match in the name index). */
export class NotFoundError extends UserFacingError {
  readonly kind = 'not-found';
  constructor(userMessage: string, readonly suggestions: string[] = [], options?: { cause?: unknown }) {
    super(userMessage, options);
  }
}

/** The bot's identity may not read or change the resource (ARM 401/403). */
export class ForbiddenError extends UserFacingError {
  readonly kind = 'forbidden';
}

/** ARM refused a write because the resource changed or is busy (409/412). */
export class ConflictError extends UserFacingError {
  readonly kind = 'conflict';
}

/** ARM throttled us (429); `retryAfterSeconds` comes from the `Retry-After` header when ARM sent one. */
export class ThrottledError extends UserFacingError {
  readonly kind = 'throttled';
  constructor(userMessage: string, readonly retryAfterSeconds?: number, options?: { cause?: unknown }) {
    super(userMessage, options);
  }
}

/** ARM or the network failed (5xx, timeouts, unparseable replies). */
export class UpstreamError extends UserFacingError {
  readonly kind = 'upstream';
}

/**
 * The bot's own storage could not be read or written in time (disk, lock, Table Storage outage or contention).
 * Whatever the caller tried was not recorded; the message says so.
 */
export class StoreError extends UserFacingError {
  readonly kind = 'storage';
  constructor(detail: string, options?: { cause?: unknown; userMessage?: string }) {
    super(options?.userMessage ?? 'GalleryOps could not reach its storage; nothing was changed. Try again in a minute.', options);
    this.message = `storage: ${detail}`;
  }
}

/**
 * One stored record cannot be read back (garbage, truncated, another program's data). Only that record is
 * affected: the store keeps serving every other one and names this one in `store:check` and `/readyz`.
 */
export class DamagedRecordError extends UserFacingError {
  readonly kind = 'damaged-record';
  constructor(readonly recordKey: string, readonly problem: string) {
    super(`The stored record of ${recordKey} is damaged, so GalleryOps cannot show or change it. Tell the bot's operators (\`npm run store:check\` names it).`);
    this.message = `damaged record ${recordKey}: ${problem}`;
  }
}

/**
 * Azure carried out the writes, but the replication they started ended Failed (a repair that did not take): the
 * message names each region and Azure's own words.
 */
export class ReplicationFailedError extends UserFacingError {
  readonly kind = 'replication-failed';
}

/**
 * A write ARM may have carried out, but whose outcome GalleryOps could not learn (the operation was accepted and
 * then polling failed, the answer was lost, or ARM said another operation was running). Never a failure by
 * itself: the caller reads the resource back to find out.
 */
export class OutcomeUnknownError extends UserFacingError {
  readonly kind = 'outcome-unknown';
  constructor(
    userMessage: string,
    readonly accepted: boolean,
    options?: { cause?: unknown; armFailure?: string },
  ) {
    super(userMessage, options);
    this.armFailure = options?.armFailure;
  }

  /** ARM's own words when its operation ended Failed (a read-back still decides whether anything changed). */
  readonly armFailure: string | undefined;
}

/**
 * A write to the bot's own storage was sent, its answer was lost, and storage stopped answering before GalleryOps
 * could read back whether it was applied. Not a `StoreError` on purpose: that type promises nothing was stored,
 * and this may have been.
 */
export class StoreOutcomeUnknownError extends UserFacingError {
  readonly kind = 'storage-outcome-unknown';
  constructor(detail: string, options?: { cause?: unknown }) {
    super('GalleryOps lost contact with its storage while recording this and cannot tell yet whether it was recorded. Check again in a minute before repeating it.', options);
    this.message = `storage outcome unknown: ${detail}`;
  }
}
