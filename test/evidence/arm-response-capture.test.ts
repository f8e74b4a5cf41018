/**
 * The SDK pipeline policy behind verbatim evidence: it keeps GET answers only inside a capture scope, each scope
 * sees only its own command's answers even when commands interleave, and the body is the text as received.
 */
import { createHttpHeaders, createPipelineRequest, type PipelineResponse, type SendRequest } from '@azure/core-rest-pipeline';
import { createResponseCapture } from '../../src/gallery/arm/response-capture';

const BASE = 'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g';
const AT = new Date('2026-11-23T12:00:00Z');

/** A transport that answers after `delayMs` with the request's URL in the body, as ARM's bytes would arrive. */
function transport(delayMs = 0): SendRequest {
  let n = 0;
  return async (request) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const response: PipelineResponse = {
      request,
      status: 200,
      headers: createHttpHeaders({ 'x-ms-request-id': `req-${++n}`, 'content-type': 'application/json; charset=utf-8' }),
      bodyAsText: `{"b":1.0, "a":"${request.url}"}`,
    };
    return response;
  };
}

test('answers inside a scope are kept verbatim with URL, api-version, status, request id and read time; nothing outside', async () => {
  const capture = createResponseCapture();
  const next = transport();
  const get = (path: string, method: 'GET' | 'PUT' = 'GET') => capture.policy.sendRequest(createPipelineRequest({ url: `${BASE}${path}`, method }), next);

  await get('/images?api-version=2025-12-03');
  const { result, responses } = await capture.capture(async () => {
    await get('/images/i/versions/1.0.0?api-version=2025-12-03&$expand=ReplicationStatus,ValidationProfile');
    await get('/images/i/versions/1.0.0?api-version=2025-12-03', 'PUT');
    return 'done';
  }, () => AT);
  expect(result).toBe('done');
  const url = `${BASE}/images/i/versions/1.0.0?api-version=2025-12-03&$expand=ReplicationStatus,ValidationProfile`;
  expect(responses).toEqual([
    { method: 'GET', url, apiVersion: '2025-12-03', status: 200, requestId: 'req-2', readAt: AT, contentType: 'application/json; charset=utf-8', body: `{"b":1.0, "a":"${url}"}` },
  ]);
});

test('commands running at the same time each get only their own answers; a scope inside another reports to both', async () => {
  const capture = createResponseCapture();
  const next = transport(5);
  const read = (path: string) => capture.policy.sendRequest(createPipelineRequest({ url: `${BASE}${path}?api-version=2025-12-03`, method: 'GET' }), next);
  const command = (name: string) =>
    capture.capture(async () => {
      await Promise.all([read(`/images/${name}`), read(`/images/${name}/versions`)]);
      await read(`/images/${name}/versions/1`);
    }, () => AT);
  const [a, b] = await Promise.all([command('a'), command('b')]);
  expect(a.responses.map((r) => new URL(r.url).pathname.split('/g/')[1]).sort()).toEqual(['images/a', 'images/a/versions', 'images/a/versions/1']);
  expect(b.responses.map((r) => new URL(r.url).pathname.split('/g/')[1]).sort()).toEqual(['images/b', 'images/b/versions', 'images/b/versions/1']);

  const outer = await capture.capture(async () => {
    await read('/outer');
    return (await capture.capture(() => read('/inner'), () => AT)).responses;
  }, () => AT);
  expect(outer.result.map((r) => r.url)).toEqual([`${BASE}/inner?api-version=2025-12-03`]);
  expect(outer.responses.map((r) => new URL(r.url).pathname)).toEqual(['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/outer', '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/inner']);
});

test('an answer whose text the pipeline did not keep is recorded as such (null), never invented', async () => {
  const capture = createResponseCapture();
  const next: SendRequest = async (request) => ({ request, status: 429, headers: createHttpHeaders({}) });
  const { responses } = await capture.capture(() => capture.policy.sendRequest(createPipelineRequest({ url: `${BASE}?x=1`, method: 'GET' }), next), () => AT);
  expect(responses).toEqual([{ method: 'GET', url: `${BASE}?x=1`, apiVersion: null, status: 429, requestId: null, readAt: AT, contentType: null, body: null }]);
});
