/**
 * The HTTP side of the emulator: admin endpoints, ARM's bearer check, fault injection, body parsing and
 * api-version, then dispatch. Every ARM failure leaves as ARM's error body with request-id headers.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkApiVersion } from './api-version';
import { apiVersionScope } from './api-version-scope';
import { dispatchArm } from './arm-dispatch';
import { ArmError } from './arm-error';
import { routeArmPath } from './arm-route';
import type { ArmResponse, EmulatorContext } from './emulator-context';
import { failedRegionRetrySchema, replicationChangeSchema, setFailedRegionRetry, setReplication } from './replication-control';
import { parseFaultConfig } from './faults';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ArmError(413, 'RequestEntityTooLarge', 'The request content is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
  }
}

function send(res: ServerResponse, response: ArmResponse, rawBody?: string): void {
  const requestId = randomUUID();
  const headers: Record<string, string> = { 'x-ms-request-id': requestId, 'x-ms-correlation-request-id': requestId, ...response.headers };
  const text = rawBody ?? (response.body === undefined ? undefined : JSON.stringify(response.body));
  if (text !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  res.writeHead(response.status, headers);
  res.end(text);
}

function errorResponse(error: ArmError): ArmResponse {
  return { status: error.status, body: error.toBody(), ...(error.extra.headers === undefined ? {} : { headers: error.extra.headers }) };
}

async function handleAdmin(ctx: EmulatorContext, req: IncomingMessage, path: string): Promise<ArmResponse> {
  if (path === '/_emulator/health' && req.method === 'GET') return { status: 200, body: { status: 'ok' } };
  if (path === '/_emulator/replication') return setReplicationFromRequest(ctx, req);
  if (path === '/_emulator/failed-region-retry') return failedRegionRetryFromRequest(ctx, req);
  if (path !== '/_emulator/faults') return { status: 404, body: { error: { code: 'NotFound', message: `Unknown admin path ${path}.` } } };
  if (req.method === 'GET') return { status: 200, body: ctx.faults.current() };
  if (req.method !== 'POST') return { status: 405, body: { error: { code: 'MethodNotAllowed', message: 'Use GET or POST.' } } };
  try {
    ctx.faults.set(parseFaultConfig(parseJson(await readBody(req)) ?? {}));
    return { status: 200, body: ctx.faults.current() };
  } catch (error) {
    return { status: 400, body: { error: { code: 'InvalidFaultConfig', message: (error as Error).message } } };
  }
}

/** `POST /_emulator/replication` with a ReplicationChange: moves one region's replication on (tests, the E2E). */
async function setReplicationFromRequest(ctx: EmulatorContext, req: IncomingMessage): Promise<ArmResponse> {
  if (req.method !== 'POST') return { status: 405, body: { error: { code: 'MethodNotAllowed', message: 'Use POST.' } } };
  try {
    setReplication(ctx, replicationChangeSchema.parse(parseJson(await readBody(req)) ?? {}));
    return { status: 200, body: { status: 'ok' } };
  } catch (error) {
    return { status: 400, body: { error: { code: 'InvalidReplicationChange', message: (error as Error).message } } };
  }
}

/** `GET|POST /_emulator/failed-region-retry` `{ failedRegionRetry }`: how re-driven Failed regions end (tests, the E2E). */
async function failedRegionRetryFromRequest(ctx: EmulatorContext, req: IncomingMessage): Promise<ArmResponse> {
  if (req.method === 'GET') return { status: 200, body: { failedRegionRetry: ctx.failedRegionRetry } };
  if (req.method !== 'POST') return { status: 405, body: { error: { code: 'MethodNotAllowed', message: 'Use GET or POST.' } } };
  try {
    setFailedRegionRetry(ctx, failedRegionRetrySchema.parse(parseJson(await readBody(req)) ?? {}).failedRegionRetry);
    return { status: 200, body: { failedRegionRetry: ctx.failedRegionRetry } };
  } catch (error) {
    return { status: 400, body: { error: { code: 'InvalidFailedRegionRetry', message: (error as Error).message } } };
  }
}

function throttled(retryAfterSeconds: number): ArmError {
  return new ArmError(
    429,
    'OperationNotAllowed',
    'The server rejected the request because too many requests have been received for this subscription.',
    {
      details: [{ code: 'TooManyRequests', target: 'GetGalleryImageVersion3Min', message: `Retry after ${retryAfterSeconds} seconds.` }],
      headers: {
        'Retry-After': String(retryAfterSeconds),
        'x-ms-ratelimit-remaining-resource': 'Microsoft.Compute/GetGalleryImageVersion3Min;0,Microsoft.Compute/GetGalleryImageVersion30Min;0',
      },
    },
  );
}

/** Handles one ARM request; `onArmRequest` counts it (admin calls are not counted). */
async function handleArm(ctx: EmulatorContext, req: IncomingMessage, url: URL): Promise<{ response: ArmResponse; raw?: string }> {
  ctx.operations.settle(ctx.monotonic(), ctx.now());
  const auth = req.headers.authorization ?? '';
  if (!/^Bearer\s+\S+/i.test(auth)) {
    throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing or is not a bearer token.", {
      headers: { 'WWW-Authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."' },
    });
  }
  const latency = ctx.faults.latencyMs();
  if (latency > 0) await sleep(latency);
  const requestLine = `${req.method ?? 'GET'} ${url.pathname}${url.search}`;
  const throttle = ctx.faults.throttle(requestLine);
  if (throttle !== undefined) throw throttled(throttle.retryAfterSeconds ?? 1);
  const serverError = ctx.faults.serverError(requestLine);
  if (serverError !== undefined) {
    throw new ArmError(
      serverError.status ?? 500,
      serverError.code ?? 'InternalServerError',
      serverError.message ?? `Encountered internal server error. Diagnostic information: timestamp '${ctx.now().toISOString()}', correlation id '${randomUUID()}'.`,
    );
  }
  const malformed = ctx.faults.malformed(requestLine);
  if (malformed !== undefined) return { response: { status: 200 }, raw: malformed.body ?? '{"value": [{"id": "/subscriptions/' };

  const route = routeArmPath(url.pathname);
  const apiVersion = checkApiVersion(url.searchParams.get('api-version'), apiVersionScope(ctx, route));
  const body = parseJson(await readBody(req));
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'PUT' || method === 'PATCH' || method === 'DELETE') ctx.onWrite?.({ method, path: url.pathname, body });
  const response = dispatchArm(ctx, route, {
    method,
    path: url.pathname,
    query: url.searchParams,
    baseUrl: `https://${req.headers.host ?? 'localhost'}`,
    body,
    apiVersion,
    requestLine,
  });
  return { response };
}

/** The request listener for `https.createServer`; `countArmRequest` is called once per ARM request. */
export function createRequestListener(ctx: EmulatorContext, countArmRequest: () => void): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'https://emulator.invalid');
    const work = url.pathname.startsWith('/_emulator/')
      ? handleAdmin(ctx, req, url.pathname).then((response) => ({ response, raw: undefined as string | undefined }))
      : (countArmRequest(), handleArm(ctx, req, url));
    work
      .then(({ response, raw }) => send(res, response, raw))
      .catch((error: unknown) => {
        // The client went away mid-request (a bot stopped while ARM "was slow"): nobody is left to answer. Not
        // `req.destroyed`: a request is destroyed as soon as its body has been read, which is every request here.
        if (res.destroyed || (error as { code?: unknown } | null)?.code === 'ECONNRESET') return;
        const armError = error instanceof ArmError ? error : new ArmError(500, 'InternalServerError', 'The emulator failed to process the request.');
        if (!(error instanceof ArmError)) console.error('emulator: unexpected error', error);
        send(res, errorResponse(armError));
      });
  };
}
