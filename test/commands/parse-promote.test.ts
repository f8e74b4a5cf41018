import { parseCommand } from '../../src/commands/parse-command';
import { commandRegistry } from '../../src/commands/registry';
import { parsePromote, PROMOTE_USAGE } from '../../src/commands/parse-promote';
import { normalizeInput } from '../../src/commands/normalize-input';
import { tokenize } from '../../src/commands/tokenize';
import { usageErrorOf } from '../helpers/usage-error-of';
import { DEMO_STAGES } from '../fixtures/demo-gallery';

/** The words after `promote`, as the dispatcher hands them over. */
const parse = (line: string, stages = DEMO_STAGES) => parsePromote({ args: tokenize(normalizeInput(line)), page: 1 }, stages);

describe('promote targets', () => {
  test.each([
    ['callcenter-desktop 2026.6.0 to latest', { kind: 'latest' }],
    ['callcenter-desktop 2026.6.0 TO Latest', { kind: 'latest' }],
    ['gal_staging/dispatch 2026.6.0 to production', { kind: 'stage', stage: 'production' }],
    ['gal_staging/dispatch 2026.6.0 to PRODUCTION', { kind: 'stage', stage: 'production' }],
    ['dispatch 2026.5.0 to westus2', { kind: 'regions', regions: ['westus2'] }],
    ['dispatch 2026.5.0 to East US 2, westus2', { kind: 'regions', regions: ['East US 2', 'westus2'] }],
    ['dispatch 2026.5.0 to East US 2,westus2 ,  North Europe', { kind: 'regions', regions: ['East US 2', 'westus2', 'North Europe'] }],
    ['dispatch 2026.5.0 to "East US 2", "West US 2"', { kind: 'regions', regions: ['East US 2', 'West US 2'] }],
    ['dispatch 2026.5.0 to westus2,', { kind: 'regions', regions: ['westus2'] }],
    // Without commas the words are one name; the planner says to separate regions with commas.
    ['dispatch 2026.5.0 to eastus2 westus2', { kind: 'regions', regions: ['eastus2 westus2'] }],
  ])('%s', (line, target) => {
    expect(parse(line).target).toEqual(target);
  });

  test('a stage name only counts when it is configured', () => {
    expect(parse('dispatch 2026.5.0 to production', []).target).toEqual({ kind: 'regions', regions: ['production'] });
    expect(parse('dispatch 2026.5.0 to pre prod', [{ name: 'pre prod', gallery: 'gal_pre' }]).target).toEqual({ kind: 'stage', stage: 'pre prod' });
  });
});

test('image and version keep the user’s spelling; the version is read as a spec', () => {
  expect(parse('Gal_Golden/Dispatch 2026.05 to latest')).toEqual({
    image: 'Gal_Golden/Dispatch',
    versionText: '2026.05',
    spec: { kind: 'prefix', parts: [2026, 5] },
    target: { kind: 'latest' },
  });
  expect(parse('dispatch latest to westus2').spec).toEqual({ kind: 'latest' });
});

describe('because takes the rest of the line', () => {
  test.each([
    ['dispatch 2026.6.0 to production because CVE-2026-1234 is fixed', 'CVE-2026-1234 is fixed'],
    ['dispatch 2026.6.0 to production BECAUSE  ticket   CHG-42 ', 'ticket CHG-42'],
    ['dispatch 2026.6.0 to westus2 because it goes to westus2, because users are there', 'it goes to westus2, because users are there'],
    ['dispatch 2026.6.0 to latest because "quoted words" stay', 'quoted words stay'],
    [`dispatch 2026.6.0 to latest because ${'x'.repeat(500)}`, 'x'.repeat(500)],
  ])('%s', (line, reason) => {
    expect(parse(line).reason).toBe(reason);
  });

  test('an image named because still works', () => {
    expect(parse('because 1.0.0 to latest because yes')).toMatchObject({ image: 'because', reason: 'yes' });
  });

  test('no reason, no property', () => {
    expect(parse('dispatch 2026.6.0 to latest')).not.toHaveProperty('reason');
  });
});

describe('usage errors say what is wrong', () => {
  test.each([
    ['', 'Missing arguments.'],
    ['dispatch', 'Missing an argument.'],
    ['dispatch 2026.6.0', 'Say where to promote it: `to latest`, `to <region>[,<region>…]` or `to <stage>`.'],
    ['dispatch 2026.6.0 latest', 'I expected `to` after the version, not `latest`.'],
    ['dispatch 2026.6.0 to', 'Missing the target after `to`: latest, one or more regions, or a stage.'],
    ['dispatch 2026.6.0 to because x', 'Missing the target after `to`: latest, one or more regions, or a stage.'],
    ['dispatch 2026.6.0 to ,', 'Missing the region after `to`, e.g. `to westus2` or `to East US 2, westus2`.'],
    ['dispatch v2 to latest', '`v2` is not a version: use an exact version (2026.5.1), a prefix (2026.5) or latest.'],
    ['dispatch 2026.6.0 to latest, westus2', '`to latest` stands alone; promote to regions in a separate request.'],
    ['dispatch 2026.6.0 to westus2, production', 'A stage (production) stands alone; promote to regions in a separate request.'],
    ['dispatch 2026.6.0 to west-us-2', '`west-us-2` is not a region name: use names like `westus2` or `East US 2`, separated by commas.'],
    ['dispatch 2026.6.0 to latest because', 'Add the reason after `because`, e.g. `because CVE-2026-1234 is fixed`.'],
    [`dispatch 2026.6.0 to latest because ${'x'.repeat(501)}`, 'The reason is 501 characters long; keep it to 500 and link to details.'],
  ])('%j', (line, message) => {
    const error = usageErrorOf(() => parse(line));
    expect(error.userMessage).toBe(message);
    expect(error.usage).toBe(PROMOTE_USAGE);
  });
});

describe('a reason that ends in "page N"', () => {
  it('stays part of the reason, not a page request', () => {
    const parsed = parseCommand(tokenize('promote dispatch 2026.6.0 to production because see runbook page 2'), commandRegistry);
    expect(parsed.kind).toBe('command');
    if (parsed.kind === 'command') expect(parsed.input.args.slice(-3)).toEqual(['runbook', 'page', '2']);
  });
});
