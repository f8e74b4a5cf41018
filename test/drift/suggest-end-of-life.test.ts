/** The end-of-life date drift's fix proposes: never before tomorrow, and saying so when the desired date has passed. */
import { END_OF_LIFE_NOTICE_DAYS, suggestEndOfLife } from '../../src/drift/suggest-end-of-life';

const NOW = new Date('2026-11-23T12:00:00Z');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

test.each<[string, Date | undefined, number | undefined, string | undefined, string | undefined]>([
  // [case, published, max age (days), proposed day, desired day reported as past]
  ['no age limit: no date is made up', day('2026-01-01'), undefined, undefined, undefined],
  ['no published date: nothing to count from', undefined, 365, undefined, undefined],
  ['the desired date is ahead: proposed as is', day('2026-06-01'), 365, '2027-06-01', undefined],
  ['the desired date is tomorrow: still ahead', new Date('2025-11-24T18:00:00Z'), 365, '2026-11-24', undefined],
  ['the desired date is today: an end of life today has passed, so notice instead', day('2025-11-23'), 365, '2026-12-23', '2026-11-23'],
  ['published 7 years ago (the reported case): 30 days from today, not 2020', day('2019-11-20'), 365, '2026-12-23', '2020-11-19'],
  ['a version published in the future (clock skew) keeps its desired date', day('2027-01-01'), 30, '2027-01-31', undefined],
])('%s', (_case, published, maxAgeDays, proposed, desiredPast) => {
  const s = suggestEndOfLife(published, maxAgeDays, NOW);
  expect(s.day).toBe(proposed);
  expect(s.desiredPast).toBe(desiredPast);
  if (s.day !== undefined) expect(day(s.day).getTime()).toBeGreaterThan(NOW.getTime());
  if (desiredPast !== undefined) expect(s.note).toBe(`Its desired end of life, ${desiredPast} (${maxAgeDays} days after publishing), is past; the fix proposes ${proposed}, ${END_OF_LIFE_NOTICE_DAYS} days from today, so whoever still runs it has notice.`);
  else expect(s.note).toBeUndefined();
});
