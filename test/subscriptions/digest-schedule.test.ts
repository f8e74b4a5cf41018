import { digestInstant, dueDigestDay, localDay, nextDigestAt } from '../../src/subscriptions/digest-schedule';
import { parseSubscribe } from '../../src/subscriptions/parse-subscribe';

const berlin = { time: '09:00', timeZone: 'Europe/Berlin' };

describe('parseSubscribe with digest', () => {
  test.each([
    [['gal_golden', 'to', 'digest', 'at', '09:00', 'Europe/Berlin'], { target: 'gal_golden', events: [], digest: { time: '09:00', timeZone: 'Europe/Berlin' } }],
    [['all', 'to', 'digest', 'at', '9:00'], { target: 'all', events: [], digest: { time: '09:00', timeZone: 'UTC' } }],
    [['dispatch', 'to', 'replication,digest', 'AT', '18:30', 'america/new_york'], { target: 'dispatch', events: ['replication'], digest: { time: '18:30', timeZone: 'America/New_York' } }],
    [['gal_golden', 'to', 'digest'], { target: 'gal_golden', events: [], digest: { time: '09:00', timeZone: 'UTC' }, digestDefaulted: true }],
  ])('%j reads as %j', (args, expected) => {
    expect(parseSubscribe(args)).toEqual(expected);
  });

  test.each([
    [['gal_golden', 'to', 'digest', 'at', '25:00'], /`25:00` is not a time of day; write it as HH:MM/],
    [['gal_golden', 'to', 'digest', 'at', '09:60'], /not a time of day/],
    [['gal_golden', 'to', 'digest', 'at', '09:00', 'Mars/Base'], /`Mars\/Base` is not a time zone I know; use an IANA name/],
    [['gal_golden', 'to', 'digest', 'at'], /Say when after `at`/],
    [['gal_golden', 'to', 'replication', 'at', '09:00'], /add `digest` to the events/],
    [['gal_golden', 'at', '09:00'], /add `to digest` before it/],
    [['gal_golden', 'to', 'digest', 'at', '09:00', 'UTC', 'please'], /did not expect `please`/],
  ])('%j is refused: %s', (args, message) => {
    expect(() => parseSubscribe(args)).toThrow(message);
  });
});

describe('digest times across daylight saving changes', () => {
  test.each([
    // Berlin: CET (+1) until 29 March 2026 01:00 UTC, CEST (+2) until 25 October 2026 01:00 UTC.
    ['2026-03-28', '09:00', '2026-03-28T08:00:00.000Z'],
    ['2026-03-29', '09:00', '2026-03-29T07:00:00.000Z'],
    ['2026-03-30', '09:00', '2026-03-30T07:00:00.000Z'],
    ['2026-10-24', '09:00', '2026-10-24T07:00:00.000Z'],
    ['2026-10-25', '09:00', '2026-10-25T08:00:00.000Z'],
    // 02:30 does not exist on 29 March: sent when it would have been (03:30 CEST); on 25 October it exists twice: the first.
    ['2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'],
    ['2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
    ['2026-12-05', '00:00', '2026-12-04T23:00:00.000Z'],
  ])('%s at %s Berlin is %s', (day, time, instant) => {
    expect(digestInstant(day, { time, timeZone: 'Europe/Berlin' }).toISOString()).toBe(instant);
  });

  test('the next run after a digest is the next local 09:00, whichever side of the change', () => {
    expect(nextDigestAt(berlin, new Date('2026-03-28T08:00:00Z')).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(nextDigestAt(berlin, new Date('2026-10-24T07:00:00Z')).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(nextDigestAt(berlin, new Date('2026-12-05T07:59:00Z')).toISOString()).toBe('2026-12-05T08:00:00.000Z');
    expect(nextDigestAt({ time: '09:00', timeZone: 'UTC' }, new Date('2026-12-05T09:00:00Z')).toISOString()).toBe('2026-12-06T09:00:00.000Z');
  });

  test('the local day is the zone’s, not UTC’s', () => {
    expect(localDay(new Date('2026-12-05T23:30:00Z'), 'Europe/Berlin')).toBe('2026-12-06');
    expect(localDay(new Date('2026-12-05T23:30:00Z'), 'America/New_York')).toBe('2026-12-05');
  });

  test('only today’s digest is due, from its time on, and only for a subscription that existed then', () => {
    const created = new Date('2026-12-01T00:00:00Z');
    expect(dueDigestDay(berlin, new Date('2026-12-05T07:59:59Z'), created)).toBeUndefined();
    expect(dueDigestDay(berlin, new Date('2026-12-05T08:00:00Z'), created)).toBe('2026-12-05');
    // Down all day and back at 22:00 Berlin: today's is still due; tomorrow at 08:00 Berlin yesterday's is not.
    expect(dueDigestDay(berlin, new Date('2026-12-05T21:00:00Z'), created)).toBe('2026-12-05');
    expect(dueDigestDay(berlin, new Date('2026-12-06T07:00:00Z'), created)).toBeUndefined();
    // Subscribed at 10:00 for 09:00: the first digest is tomorrow's.
    expect(dueDigestDay(berlin, new Date('2026-12-05T09:30:00Z'), new Date('2026-12-05T09:00:00Z'))).toBeUndefined();
  });
});
