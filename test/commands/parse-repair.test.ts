import { normalizeInput } from '../../src/commands/normalize-input';
import { parseRepair, REPAIR_USAGE } from '../../src/commands/parse-repair';
import { tokenize } from '../../src/commands/tokenize';
import { usageErrorOf } from '../helpers/usage-error-of';

/** The words after `repair`, as the dispatcher hands them over. */
const parse = (line: string) => parseRepair({ args: tokenize(normalizeInput(line)), page: 1 });

test.each([
  ['dispatch 2026.5.1', { image: 'dispatch', versionText: '2026.5.1', spec: { kind: 'exact', parts: [2026, 5, 1] } }],
  ['gal_golden/dispatch 2026.05 in centralus', { image: 'gal_golden/dispatch', versionText: '2026.05', regions: ['centralus'] }],
  ['dispatch 2026.5.1 IN Central US, westus2', { regions: ['Central US', 'westus2'] }],
  ['dispatch 2026.5.1 in centralus because replication timed out', { regions: ['centralus'], reason: 'replication timed out' }],
  ['dispatch latest because CHG-9', { spec: { kind: 'latest' }, reason: 'CHG-9' }],
])('%s', (line, expected) => {
  expect(parse(line)).toMatchObject(expected);
});

test('without `in`, every Failed region (no list)', () => {
  expect(parse('dispatch 2026.5.1')).not.toHaveProperty('regions');
});

test.each([
  ['', /^Missing arguments/],
  ['dispatch', /^Missing an argument/],
  ['dispatch 2026.5.1 to centralus', /expected `in <region>` or `because <reason>` after the version, not `to`/],
  ['dispatch 2026.5.1 in', /Missing the region after `in`/],
  ['dispatch 2026.5.1 in central-us', /`central-us` is not a region name/],
  ['dispatch two in centralus', /is not a version/],
])('%j is refused with the usage', (line, message) => {
  const error = usageErrorOf(() => parse(line));
  expect(error.userMessage).toMatch(message);
  expect(error.usage).toBe(REPAIR_USAGE);
});
