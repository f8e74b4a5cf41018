import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WatchEvent } from '../../src/subscriptions/watch-event';
import { sendWebhook, type WebhookTarget } from '../../src/hooks/webhook-sender';
import type { HookRetryPolicy } from '../../src/hooks/post-with-retry';
import { reply, startReceiver, statuses, type ReceivedRequest } from './hook-receiver';

const SECRET = 'webhook-secret-'.repeat(3);
const FAST: HookRetryPolicy = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 40, retryAfterCapMs: 5_000, timeoutMs: 2_000 };
const image = { subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch' };
const failed: WatchEvent = {
  id: 'replication|11111111-2222-3333-4444-555555555555/rg-images/gal_golden/dispatch/1.4.0|centralus|Failed',
  kind: 'replication',
  image,
  version: '1.4.0',
  region: 'Central US',
  state: 'Failed',
  details: 'Replication failed: the disk encryption set is not accessible.',
};
const at = new Date('2026-12-05T10:00:00Z');

/** What a receiver does: recompute the HMAC over "<timestamp>.<raw body>" and compare in constant time. */
function verifies(request: ReceivedRequest, secret: string): boolean {
  const timestamp = String(request.headers['x-galleryops-timestamp']);
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.raw}`).digest('hex')}`);
  const given = Buffer.from(String(request.headers['x-galleryops-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const hookAt = (url: string): WebhookTarget => ({ name: 'oncall', type: 'webhook', url, scope: 'all', events: ['replication'], secret: SECRET });
const waits: number[] = [];
const sleep = async (ms: number) => void waits.push(ms);

beforeEach(() => (waits.length = 0));

describe('webhook sender against a local receiver', () => {
  it('sends the documented body, signed over the timestamp and the raw body, with the event id as idempotency key', async () => {
    const receiver = await startReceiver();
    try {
      const outcome = await sendWebhook(hookAt(receiver.url), failed, at, { url: 'https://galleryops.contoso.com/evidence/abc.def', expiresAt: '2026-12-05T11:00:00.000Z' }, { retry: FAST, sleep });
      expect(outcome).toEqual({ result: 'delivered', status: 200, attempts: 1 });
      const [request] = receiver.requests;
      expect(verifies(request!, SECRET)).toBe(true);
      expect(verifies(request!, 'another-secret-'.repeat(3))).toBe(false);
      expect(Math.abs(Number(request!.headers['x-galleryops-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
      expect(request!.headers['idempotency-key']).toBe(failed.id);
      expect(request!.headers['content-type']).toBe('application/json');
      expect(JSON.parse(request!.raw)).toEqual({
        schema: 'galleryops.event/1',
        id: failed.id,
        type: 'replication.failed',
        detectedAt: '2026-12-05T10:00:00.000Z',
        hook: 'oncall',
        gallery: { subscriptionId: image.subscriptionId, resourceGroup: 'rg-images', name: 'gal_golden' },
        image: 'dispatch',
        version: '1.4.0',
        region: 'Central US',
        state: 'Failed',
        error: failed.details,
        text: `Replication of gal_golden/dispatch 1.4.0 failed in Central US: ${failed.details}`,
        links: {
          evidence: 'https://galleryops.contoso.com/evidence/abc.def',
          evidenceExpiresAt: '2026-12-05T11:00:00.000Z',
          evidenceCommand: 'evidence gal_golden/dispatch 1.4.0',
          statusCommand: 'image status gal_golden/dispatch 1.4.0',
          repairCommand: 'repair gal_golden/dispatch 1.4.0 in centralus',
        },
      });
    } finally {
      await receiver.close();
    }
  });

  it('says only the evidence command when it has no link (no public URL)', async () => {
    const receiver = await startReceiver();
    try {
      await sendWebhook(hookAt(receiver.url), failed, at, undefined, { retry: FAST, sleep });
      const links = (JSON.parse(receiver.requests[0]!.raw) as { links: Record<string, string> }).links;
      expect(links.evidence).toBeUndefined();
      expect(links.evidenceCommand).toBe('evidence gal_golden/dispatch 1.4.0');
    } finally {
      await receiver.close();
    }
  });

  it('retries 500 twice with growing backoff, then delivers once; every attempt is signed', async () => {
    const receiver = await startReceiver(statuses(500, 503));
    try {
      const outcome = await sendWebhook(hookAt(receiver.url), failed, at, undefined, { retry: FAST, sleep });
      expect(outcome).toEqual({ result: 'delivered', status: 200, attempts: 3 });
      expect(receiver.requests).toHaveLength(3);
      expect(receiver.requests.every((r) => verifies(r, SECRET) && r.headers['idempotency-key'] === failed.id)).toBe(true);
      expect(new Set(receiver.requests.map((r) => r.raw)).size).toBe(1);
      // Equal jitter: retry n waits between half and all of base × 2^(n-1).
      expect(waits[0]).toBeGreaterThanOrEqual(5);
      expect(waits[0]).toBeLessThanOrEqual(10);
      expect(waits[1]).toBeGreaterThanOrEqual(10);
      expect(waits[1]).toBeLessThanOrEqual(20);
    } finally {
      await receiver.close();
    }
  });

  it('does not retry a 400', async () => {
    const receiver = await startReceiver(statuses(400));
    try {
      expect(await sendWebhook(hookAt(receiver.url), failed, at, undefined, { retry: FAST, sleep })).toEqual({ result: 'rejected', status: 400, attempts: 1, reason: 'HTTP 400' });
      expect(receiver.requests).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('waits for a 429\'s Retry-After, and leaves a too-long one to a later cycle', async () => {
    const receiver = await startReceiver((n, res) => (n === 0 ? reply(res, 429, { 'retry-after': '2' }) : n === 1 ? reply(res, 429, { 'retry-after': '3600' }) : reply(res, 200)));
    try {
      const outcome = await sendWebhook(hookAt(receiver.url), failed, at, undefined, { retry: FAST, sleep });
      expect(waits).toEqual([2000]);
      expect(outcome).toEqual({ result: 'unavailable', status: 429, attempts: 2, reason: 'HTTP 429, Retry-After 3600 s' });
    } finally {
      await receiver.close();
    }
  });

  it('gives up after the last attempt when nobody listens, and does not follow a redirect', async () => {
    const gone = await startReceiver();
    await gone.close();
    const outcome = await sendWebhook(hookAt(gone.url), failed, at, undefined, { retry: FAST, sleep });
    expect(outcome).toMatchObject({ result: 'unavailable', attempts: 4 });
    expect(waits).toHaveLength(3);
    const elsewhere = await startReceiver();
    const redirecting = await startReceiver((_n, res) => reply(res, 307, { location: elsewhere.url }));
    try {
      expect(await sendWebhook(hookAt(redirecting.url), failed, at, undefined, { retry: FAST, sleep })).toMatchObject({ result: 'rejected', status: 307 });
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await Promise.all([elsewhere.close(), redirecting.close()]);
    }
  });
});
