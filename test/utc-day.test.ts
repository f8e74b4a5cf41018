import fc from 'fast-check';
import { isoDay, isPastEndOfLife, parseIsoDay, utcDaysBetween } from '../src/utc-day';

describe('isoDay (day texts are remembered by day number)', () => {
  test.each([
    ['the first instant of a day', '2026-05-03T00:00:00.000Z', '2026-05-03'],
    ['the last instant of a day', '2026-05-03T23:59:59.999Z', '2026-05-03'],
    ['the first instant of the next day', '2026-05-04T00:00:00.000Z', '2026-05-04'],
    ['before 1970 (a negative day number)', '1969-12-31T23:59:59.999Z', '1969-12-31'],
    ['the epoch', '1970-01-01T00:00:00.000Z', '1970-01-01'],
    ['a leap day', '2028-02-29T12:00:00.000Z', '2028-02-29'],
  ])('%s', (_name, instant, day) => {
    // Asked twice: the remembered text must be the same as the first.
    expect(isoDay(new Date(instant))).toBe(day);
    expect(isoDay(new Date(instant))).toBe(day);
  });

  test('any instant gives the date part of toISOString, however many days were asked before (past the cache bound)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        expect(isoDay(d)).toBe(d.toISOString().slice(0, 10));
      }),
      { numRuns: 10_000 },
    );
  });

  test('an invalid date throws, as toISOString does', () => {
    expect(() => isoDay(new Date(Number.NaN))).toThrow(RangeError);
  });
});

test('end of life on today passes; tomorrow does not', () => {
  const now = new Date('2026-05-03T10:00:00Z');
  expect(isPastEndOfLife(new Date('2026-05-03T23:00:00Z'), now)).toBe(true);
  expect(isPastEndOfLife(new Date('2026-05-04T00:00:00Z'), now)).toBe(false);
  expect(isPastEndOfLife(undefined, now)).toBe(false);
  expect(utcDaysBetween(now, new Date('2026-05-04T00:00:00Z'))).toBe(1);
});

test('parseIsoDay refuses days that do not exist', () => {
  expect(parseIsoDay('2026-02-30')).toBeUndefined();
  expect(parseIsoDay('2026-02-28')?.toISOString()).toBe('2026-02-28T00:00:00.000Z');
});
