import { normalizeInput } from '../../src/commands/normalize-input';
import { parseRetire, RETIRE_USAGE } from '../../src/commands/parse-retire';
import { tokenize } from '../../src/commands/tokenize';
import { UsageError } from '../../src/errors';
import { usageErrorOf } from '../helpers/usage-error-of';

const NOW = new Date('2026-11-23T12:00:00Z');
/** The words after `retire`, as the dispatcher hands them over. */
const parse = (line: string, now = NOW) => parseRetire({ args: tokenize(normalizeInput(line)), page: 1 }, now);

test.each([
  ['dispatch 2026.4.0', { image: 'dispatch', versionText: '2026.4.0', spec: { kind: 'exact', parts: [2026, 4, 0] } }],
  ['gal_golden/dispatch 2026.4 on 2026-12-31', { image: 'gal_golden/dispatch', versionText: '2026.4', spec: { kind: 'prefix', parts: [2026, 4] }, on: new Date('2026-12-31T00:00:00Z') }],
  ['dispatch 2026.4.0 ON 2026-11-23', { on: new Date('2026-11-23T00:00:00Z') }],
  ['dispatch 2026.4.0 on 2028-02-29', { on: new Date('2028-02-29T00:00:00Z') }],
  ['dispatch 2026.4.0 because superseded by 2026.5.1', { reason: 'superseded by 2026.5.1' }],
  ['dispatch 2026.4.0 on 2027-01-15 Because CHG-7: replaced, on schedule', { on: new Date('2027-01-15T00:00:00Z'), reason: 'CHG-7: replaced, on schedule' }],
  ['records latest', { spec: { kind: 'latest' } }],
])('%s', (line, expected) => {
  expect(parse(line)).toMatchObject(expected);
});

test('without on or because, neither is set', () => {
  const args = parse('dispatch 2026.4.0');
  expect(args).not.toHaveProperty('on');
  expect(args).not.toHaveProperty('reason');
});

test('today is decided in UTC: just after midnight UTC, yesterday’s local date is already past', () => {
  expect(parse('dispatch 2026.4.0 on 2026-11-23', new Date('2026-11-23T00:00:01Z')).on).toEqual(new Date('2026-11-23T00:00:00Z'));
  expect(() => parse('dispatch 2026.4.0 on 2026-11-22', new Date('2026-11-23T00:00:01Z'))).toThrow(UsageError);
  expect(parse('dispatch 2026.4.0 on 2026-11-22', new Date('2026-11-22T23:59:59Z')).on).toEqual(new Date('2026-11-22T00:00:00Z'));
});

test.each([
  ['', 'Missing arguments.'],
  ['dispatch', 'Missing an argument.'],
  ['dispatch 2026.4.0.1', '`2026.4.0.1` is not a version: use an exact version (2026.5.1), a prefix (2026.5) or latest.'],
  ['dispatch 2026.4.0 2026-12-31', 'I did not expect `2026-12-31` here: add `on <date>` or `because <reason>`.'],
  ['dispatch 2026.4.0 on', 'Missing the date after `on`, e.g. `on 2026-12-23` (UTC).'],
  ['dispatch 2026.4.0 on because x', 'Missing the date after `on`, e.g. `on 2026-12-23` (UTC).'],
  ['dispatch 2026.4.0 on 2026-12-31 please', 'I did not expect `please` here.'],
  ['dispatch 2026.4.0 on 31/12/2026', '`31/12/2026` is not a date: use YYYY-MM-DD, e.g. 2026-12-23 (UTC).'],
  ['dispatch 2026.4.0 on 2026-2-3', '`2026-2-3` is not a date: use YYYY-MM-DD, e.g. 2026-12-23 (UTC).'],
  ['dispatch 2026.4.0 on 2027-02-29', '`2027-02-29` is not a date: use YYYY-MM-DD, e.g. 2026-12-23 (UTC).'],
  ['dispatch 2026.4.0 on 2026-13-01', '`2026-13-01` is not a date: use YYYY-MM-DD, e.g. 2026-12-23 (UTC).'],
  ['dispatch 2026.4.0 on 2026-12-31T00:00:00Z', '`2026-12-31T00:00:00Z` is not a date: use YYYY-MM-DD, e.g. 2026-12-23 (UTC).'],
  ['dispatch 2026.4.0 on 2026-11-22', '2026-11-22 is in the past: the end of life can be today (2026-11-23) or later.'],
  ['dispatch 2026.4.0 because', 'Add the reason after `because`, e.g. `because CVE-2026-1234 is fixed`.'],
  [`dispatch 2026.4.0 because ${'y'.repeat(600)}`, 'The reason is 600 characters long; keep it to 500 and link to details.'],
])('usage error: %j', (line, message) => {
  const error = usageErrorOf(() => parse(line));
  expect(error.userMessage).toBe(message);
  expect(error.usage).toBe(RETIRE_USAGE);
});

test('the example date in a usage error is 30 days from today, never a fixed date that will one day be past', () => {
  const later = new Date('2027-06-01T08:00:00Z');
  expect(usageErrorOf(() => parse('dispatch 2026.4.0 on', later)).userMessage).toBe('Missing the date after `on`, e.g. `on 2027-07-01` (UTC).');
  expect(usageErrorOf(() => parse('dispatch 2026.4.0 on 31/12/2026', later)).userMessage).toBe('`31/12/2026` is not a date: use YYYY-MM-DD, e.g. 2027-07-01 (UTC).');
});
