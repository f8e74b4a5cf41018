/** Failures reach callers as typed errors with a sentence for the chat user — never a crash. */
import { RestError } from '@azure/core-rest-pipeline';
import type { RunningEmulator } from '../../../emulator/start-emulator';
import { ConflictError, ForbiddenError, NotFoundError, ThrottledError, UpstreamError } from '../../../src/errors';
import { staticTokenCredential } from '../../../src/gallery/arm';
import { mapArmError, parseRetryAfter } from '../../../src/gallery/arm/map-errors';
import { DEMO_SUBSCRIPTION, startTestEmulator } from '../../emulator/emulator-fixture';
import { adapterFor, GOLDEN, image } from './arm-fixture';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('against the emulator', () => {
  test('429 reaches the caller as ThrottledError with Retry-After seconds in words', async () => {
    emu = await startTestEmulator({ faults: { throttle: { retryAfterSeconds: 20 } } });
    const { gallery } = adapterFor(emu);
    const error = await gallery.listGalleries().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterSeconds).toBe(20);
    expect((error as ThrottledError).userMessage).toBe('Azure is throttling requests to the gallery; try again in 20 s.');
  });

  test('the SDK retries 429 itself, honouring Retry-After; the final error still carries the time', async () => {
    emu = await startTestEmulator({ faults: { throttle: { count: 5, retryAfterSeconds: 1 } } });
    const { gallery, calls } = adapterFor(emu, { retryOptions: { maxRetries: 1 } });
    const started = Date.now();
    const error = await gallery.getVersion(image('dispatch'), '2026.5.1').catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(calls.map((c) => c.status)).toEqual([429, 429]);
    expect(error).toMatchObject({ kind: 'throttled', retryAfterSeconds: 1 });
  });

  test('throttling that ends within the SDK retries is invisible to the caller', async () => {
    emu = await startTestEmulator({ faults: { throttle: { count: 2, retryAfterSeconds: 0 } } });
    const { gallery, calls } = adapterFor(emu, { retryOptions: { maxRetries: 3 } });
    const version = await gallery.getVersion(image('dispatch'), '2026.5.0');
    expect(version.version).toBe('2026.5.0');
    expect(calls.map((c) => c.status)).toEqual([429, 429, 200]);
  });

  test('5xx → UpstreamError naming the status', async () => {
    emu = await startTestEmulator({ faults: { serverError: { status: 503, code: 'ServiceUnavailable' } } });
    const error = await adapterFor(emu).gallery.listImages(GOLDEN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).userMessage).toBe('Azure could not answer the request for the image definitions of gallery gal_golden (HTTP 503 ServiceUnavailable); try again shortly.');
  });

  test('garbage JSON → UpstreamError, not a crash', async () => {
    emu = await startTestEmulator({ faults: { malformed: {} } });
    const { gallery } = adapterFor(emu);
    for (const attempt of [() => gallery.listGalleries(), () => gallery.getVersion(image('dispatch'), '2026.5.1', { withReplication: true })]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).userMessage).toMatch(/could not read/);
    }
  });

  test('a JSON reply of the wrong shape → UpstreamError', async () => {
    emu = await startTestEmulator({ faults: { malformed: { body: '{"value": "not a list"}' } } });
    await expect(adapterFor(emu).gallery.listImages(GOLDEN)).rejects.toBeInstanceOf(UpstreamError);
  });

  test('missing optional fields are tolerated (no name, no profiles, no storageProfile)', async () => {
    const base = `/subscriptions/${DEMO_SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.Compute/galleries/g`;
    emu = await startTestEmulator({
      seed: [
        { resource: { id: base, name: 'g' } },
        { resource: { id: `${base}/images/i`, name: 'i' } },
        { resource: { id: `${base}/images/i/versions/1.0.0`, properties: { storageProfile: {} } } },
        { resource: { id: `${base}/images/i/versions/2.0.0`, name: '2.0.0', properties: { publishingProfile: {} } } },
      ],
    });
    const { gallery } = adapterFor(emu, { scopes: [{ subscriptionId: DEMO_SUBSCRIPTION }] });
    const [g] = await gallery.listGalleries();
    expect(g).toMatchObject({ gallery: 'g', resourceGroup: 'rg-x', sharing: 'Private', sharedWith: [], location: '' });
    const [definition] = await gallery.listImages(g!);
    expect(definition).toMatchObject({ image: 'i', osType: 'Unknown', publisher: '' });
    const key = { ...g!, image: 'i' };
    const v1 = await gallery.getVersion(key, '1.0.0', { withReplication: true });
    expect(v1).toMatchObject({ version: '1.0.0', excludeFromLatest: false, targetRegions: [], dataDiskSizesGB: [], safety: { policyViolations: [] } });
    expect(v1.publishedDate).toBeUndefined();
    const v2 = await gallery.getVersion(key, '2.0.0');
    expect(v2).toMatchObject({ version: '2.0.0', sourceId: undefined, osDiskSizeGB: undefined, targetRegions: [] });
  });

  test('401 from ARM → ForbiddenError', async () => {
    emu = await startTestEmulator();
    const { gallery } = adapterFor(emu, { credential: staticTokenCredential(' ') });
    await expect(gallery.listGalleries()).rejects.toBeInstanceOf(ForbiddenError);
  });

  test('an unreachable endpoint → UpstreamError saying so', async () => {
    emu = await startTestEmulator();
    const url = emu.url;
    await emu.close();
    emu = undefined;
    const { gallery, calls } = adapterFor({ url, ca: '', subscriptionIds: [], setFaults: () => undefined, setReplication: () => undefined, setFailedRegionRetry: () => undefined, setEventGridWebhook: () => undefined, callCount: () => 0, writesReceived: () => [], close: async () => undefined });
    const error = await gallery.listGalleries().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).userMessage).toMatch(/could not reach Azure Resource Manager/);
    expect(calls[0]?.status).toBeUndefined();
  });
});

describe('mapArmError', () => {
  const rest = (statusCode: number, code?: string, headers: Record<string, string> = {}) =>
    new RestError('boom', { statusCode, ...(code === undefined ? {} : { code }), response: { headers: { get: (n: string) => headers[n.toLowerCase()] } } as never });

  test.each([
    [404, NotFoundError], [401, ForbiddenError], [403, ForbiddenError], [409, ConflictError], [412, ConflictError],
    [429, ThrottledError], [500, UpstreamError], [502, UpstreamError], [400, UpstreamError],
  ])('HTTP %i → %p', (status, type) => {
    const mapped = mapArmError(rest(status, 'SomeCode'), 'gallery gal_golden');
    expect(mapped).toBeInstanceOf(type);
    expect(mapped.userMessage.length).toBeGreaterThan(20);
    expect(mapped.cause).toBeInstanceOf(RestError);
  });

  test('Retry-After as an HTTP date becomes seconds from now', () => {
    expect(parseRetryAfter('Fri, 20 Nov 2026 10:00:30 GMT', Date.parse('2026-11-20T10:00:00Z'))).toBe(30);
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(mapArmError(rest(429, undefined, { 'retry-after': '45' }), 'x')).toMatchObject({ retryAfterSeconds: 45, userMessage: 'Azure is throttling requests to the gallery; try again in 45 s.' });
    expect(mapArmError(rest(429), 'x').userMessage).toBe('Azure is throttling requests to the gallery; try again in a minute.');
  });

  test('a failed long-running operation keeps ARM’s message', () => {
    const mapped = mapArmError(new Error('The long-running operation has failed. InternalExecutionError. An internal execution error occurred.'), 'image version dispatch 2026.5.1 in gallery gal_golden');
    expect(mapped.userMessage).toBe('Azure could not complete the change to image version dispatch 2026.5.1 in gallery gal_golden: InternalExecutionError. An internal execution error occurred.');
  });
});
