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
