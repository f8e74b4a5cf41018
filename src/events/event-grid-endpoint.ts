import type { Logger } from '../logging/logger';
import { readEventGridBody } from './event-grid-body';
import { checkEntraToken, type EntraTokenRules } from './entra-token';
import type { OpenIdSigningKeys } from './openid-signing-keys';
import { sameSecret } from './shared-secret';

/** The query parameter that carries the shared secret in the webhook URL Event Grid is given (Microsoft's documented way). */
export const SECRET_QUERY_PARAMETER = 'code';
/** The header that may carry it instead (an Event Grid delivery property marked secret). */
export const SECRET_HEADER = 'x-galleryops-event-secret';

/** One HTTP request to `POST /api/events`, as plain values (the server hands them over; no web framework here). */
export interface EventGridRequest {
  query: URLSearchParams;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body; a string or Buffer when it was not sent as application/json. */
  body: unknown;
}

export interface EventGridAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface EventGridEndpointDeps {
  /** EVENT_GRID_SECRET; absent: only Entra ID tokens are accepted. */
  secret?: string;
  /** EVENT_GRID_AUDIENCE and its tenant: Entra ID bearer tokens (Event Grid's Entra-protected webhook delivery). */
  entra?: { rules: EntraTokenRules; keys: OpenIdSigningKeys; now: () => Date };
  /** Told the ARM ids of gallery resources that changed; returns at once (the re-read runs in the background). */
  changed(resourceIds: readonly string[]): void;
  logger: Logger;
}

/**
 * `POST /api/events`: Azure Event Grid's webhook. Every request, the validation handshake included, must carry
 * a valid Entra ID bearer token (when EVENT_GRID_AUDIENCE is set; a request with an `Authorization` header is
 * judged by its token alone) or the shared secret (query parameter `code` or header
 * `X-GalleryOps-Event-Secret`); otherwise the answer is 401 and nothing else is read. Then: the subscription validation event is answered with its code, and
 * `ResourceWriteSuccess` / `ResourceDeleteSuccess` events for `Microsoft.Compute/galleries/…` are handed to
 * `changed`; other events are accepted and ignored (Event Grid retries anything but 2xx, for up to a day).
 */
export function createEventGridEndpoint(deps: EventGridEndpointDeps): (request: EventGridRequest) => Promise<EventGridAnswer> {
  return async (request) => {
    const refused = await authenticate(request, deps);
    if (refused) return refused;
    if (typeof request.body === 'string' || Buffer.isBuffer(request.body) || request.body === undefined) {
      return { status: 415, body: { error: 'unsupported media type', message: 'send the events as application/json in the Event Grid schema' } };
    }
    const read = readEventGridBody(request.body);
    switch (read.kind) {
      case 'bad':
        deps.logger.warn({ reason: read.reason }, 'refused an Event Grid delivery that is not a list of events');
        return { status: 400, body: { error: 'bad request', message: read.reason } };
      case 'validation':
        deps.logger.info('answered the Event Grid subscription validation handshake');
        return { status: 200, body: { validationResponse: read.validationCode } };
      case 'events':
        if (read.changed.length > 0) {
          deps.logger.info({ resourceIds: read.changed, ignored: read.ignored }, 'Event Grid: gallery resources changed; reading them now');
          deps.changed(read.changed);
        }
        return { status: 200, body: { accepted: read.changed.length, ignored: read.ignored } };
    }
  };
}

/** Undefined when the request may be read; else the answer (401, or 503 when Entra's keys cannot be read: Event Grid retries that). */
async function authenticate(request: EventGridRequest, deps: EventGridEndpointDeps): Promise<EventGridAnswer | undefined> {
  const authorization = request.headers['authorization'];
  if (deps.entra && authorization !== undefined) {
    const check = await checkEntraToken(authorization, deps.entra.rules, deps.entra.keys, Math.floor(deps.entra.now().getTime() / 1000));
    if (check.ok) return undefined;
    // The reason names claims, never the token.
    deps.logger.warn({ reason: check.reason }, 'refused an Event Grid delivery: its Entra ID token is not valid');
    if (check.keysUnavailable) return { status: 503, body: { error: 'unavailable', message: 'the signing keys could not be read; try again later' } };
    return { status: 401, body: { error: 'unauthorized' } };
  }
  if (deps.secret !== undefined && sameSecret(secretOf(request), deps.secret)) return undefined;
  // The secret is never logged, given or expected.
  deps.logger.warn(deps.entra ? 'refused an Event Grid delivery without an Entra ID token or the shared secret' : 'refused an Event Grid delivery without the shared secret');
  return { status: 401, body: { error: 'unauthorized' } };
}

/** The secret from the query parameter or the header; a repeated one counts as absent (which of them would be meant?). */
function secretOf(request: EventGridRequest): string | undefined {
  const fromQuery = request.query.getAll(SECRET_QUERY_PARAMETER);
  const header = request.headers[SECRET_HEADER];
  if (fromQuery.length > 1 || Array.isArray(header)) return undefined;
  if (fromQuery.length === 1 && header !== undefined) return undefined;
  return fromQuery[0] ?? header;
}
