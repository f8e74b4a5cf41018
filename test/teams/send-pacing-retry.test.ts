import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  requestedWaitMs,
  retryDecision,
  sendFailureOf,
  type RetryDecision,
} from '../../src/teams/send-pacing-retry';

const NOW = Date.parse('2026-11-23T12:00:00Z');

/** The error botframework-connector throws for a failed call (as observed with botbuilder 4.23.3). */
function restError(status: number, headers: Record<string, string> = {}): RestError {
  const request = createPipelineRequest({ url: 'https://smba.example/v3/conversations/c/activities' });
  return new RestError(`HTTP ${status}`, { statusCode: status, request, response: { status, headers: createHttpHeaders(headers), request } });
}

describe('parseRetryAfter', () => {
  it.each<[string, string | undefined, number | undefined]>([
    ['whole seconds', '1', 1000],
    ['zero', '0', 0],
    ['padded seconds', ' 120 ', 120_000],
    ['fractional seconds', '1.5', 1500],
    ['an HTTP date 30 s ahead', 'Mon, 23 Nov 2026 12:00:30 GMT', 30_000],
    ['an HTTP date in the past (never negative)', 'Mon, 23 Nov 2026 11:59:00 GMT', 0],
    ['absent', undefined, undefined],
    ['empty', '', undefined],
    ['words', 'soon', undefined],
    ['a negative number', '-5', undefined],
    ['a malformed number', '1.2.3', undefined],
  ])('%s: %j → %j ms', (_name, value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('sendFailureOf: reading status and headers from what botbuilder throws', () => {
  it('a RestError from the connector pipeline (non-enumerable response, HttpHeaders)', () => {
    const f = sendFailureOf(restError(429, { 'Retry-After': '7' }));
    expect(f.status).toBe(429);
    expect(f.header('retry-after')).toBe('7');
  });

  it.each<[string, unknown, number | undefined, string | undefined]>([
    ['plain object headers, any case', { statusCode: 503, response: { headers: { 'RETRY-AFTER': '2' } } }, 503, '2'],
    ['status only on the response', { response: { status: 502, headers: {} } }, 502, undefined],
    ['header given as an array', { status: 429, response: { headers: { 'retry-after': ['3'] } } }, 429, '3'],
    ['a network error', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), undefined, undefined],
    ['not an object at all', 'boom', undefined, undefined],
  ])('%s', (_name, err, status, retryAfter) => {
    const f = sendFailureOf(err);
    expect(f.status).toBe(status);
    expect(f.header('retry-after')).toBe(retryAfter);
  });

  it('prefers Azure millisecond headers over Retry-After', () => {
    expect(requestedWaitMs(sendFailureOf(restError(429, { 'retry-after-ms': '250', 'Retry-After': '9' })), NOW)).toBe(250);
    expect(requestedWaitMs(sendFailureOf(restError(429, { 'x-ms-retry-after-ms': '40' })), NOW)).toBe(40);
    expect(requestedWaitMs(sendFailureOf(restError(429)), NOW)).toBeUndefined();
  });
});

describe('backoffDelayMs (base 500 ms, cap 8 s, equal jitter)', () => {
  it.each<[number, number, number]>([
    [1, 0, 250],
    [1, 1, 500],
    [2, 0, 500],
    [2, 0.5, 750],
    [3, 1, 2000],
    [5, 0, 4000],
    [9, 1, 8000],
    [1, 7, 500], // a bad random source cannot push past the ceiling
  ])('retry %i with random %d → %i ms', (retry, random, expected) => {
    expect(backoffDelayMs(retry, DEFAULT_RETRY_POLICY, random)).toBe(expected);
  });
});

describe('retryDecision (at most 3 retries, Retry-After capped at 60 s)', () => {
  it.each<[string, unknown, number, RetryDecision]>([
    ['429 waits for Retry-After seconds', restError(429, { 'Retry-After': '2' }), 1, { retry: true, waitMs: 2000, reason: 'throttled' }],
    ['429 waits until a Retry-After date', restError(429, { 'Retry-After': 'Mon, 23 Nov 2026 12:00:05 GMT' }), 1, { retry: true, waitMs: 5000, reason: 'throttled' }],
    ['429 asking for an hour waits the cap', restError(429, { 'Retry-After': '3600' }), 1, { retry: true, waitMs: 60_000, reason: 'throttled' }],
    ['429 without Retry-After backs off', restError(429), 2, { retry: true, waitMs: 500, reason: 'throttled' }],
    ['429 on the third retry is still honoured', restError(429, { 'Retry-After': '1' }), 3, { retry: true, waitMs: 1000, reason: 'throttled' }],
    ['429 past the retry budget gives up', restError(429, { 'Retry-After': '1' }), 4, { retry: false }],
    ['412 backs off', restError(412), 1, { retry: true, waitMs: 250, reason: 'transient' }],
    ['502 backs off', restError(502), 2, { retry: true, waitMs: 500, reason: 'transient' }],
    ['503 backs off', restError(503), 3, { retry: true, waitMs: 1000, reason: 'transient' }],
    ['503 with Retry-After waits for it', restError(503, { 'Retry-After': '30' }), 1, { retry: true, waitMs: 30_000, reason: 'transient' }],
    ['504 backs off', restError(504), 1, { retry: true, waitMs: 250, reason: 'transient' }],
    ['400 propagates', restError(400), 1, { retry: false }],
    ['403 propagates', restError(403), 1, { retry: false }],
    ['404 propagates', restError(404), 1, { retry: false }],
    ['413 (message too big) propagates', restError(413), 1, { retry: false }],
    ['500 propagates (the pipeline already retried it)', restError(500), 1, { retry: false }],
    ['a network error propagates', new Error('ECONNRESET'), 1, { retry: false }],
  ])('%s', (_name, err, retry, expected) => {
    expect(retryDecision(err, retry, DEFAULT_RETRY_POLICY, NOW, 0)).toEqual(expected);
  });
});
