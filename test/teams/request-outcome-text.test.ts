/** The personal messages about a request: its title is not wrapped in a second pair of parentheses, and no sentence ends twice. */
import { approvalsRequestText, requestOutcomeText } from '../../src/teams/request-outcome-text';
import { adele } from '../approvals/fixtures';
import { after, byState, executing, pending, STATES } from '../cards/samples/request-fixtures';

test.each(STATES)('the outcome of a %s request names it once, with one closing parenthesis and one full stop', (state) => {
  const text = requestOutcomeText(byState[state]());
  expect(text).toMatch(/^Your request CR-TEST0001 to promote callcenter-desktop 2026\.6\.0 to latest \(gal_golden\) /);
  expect(text).not.toContain('))');
  expect(text).not.toMatch(/\.\.(?!\.)/);
});

test('a result, an Azure message or a comment that ends its own sentence gets no second full stop', () => {
  const succeeded = after(executing(), [{ type: 'executionSucceeded', result: { summary: 'Created; replication continues in Azure.' } }]);
  expect(requestOutcomeText(succeeded)).toMatch(/carried out: Created; replication continues in Azure\.$/);
  const failed = after(executing(), [{ type: 'executionFailed', error: { code: 'Conflict', message: 'Another operation is in progress.' } }]);
  expect(requestOutcomeText(failed)).toMatch(/Azure refused the change: Another operation is in progress\.$/);
  const rejected = after(pending(), [{ type: 'reject', by: adele, comment: 'Not before the freeze.' }]);
  expect(requestOutcomeText(rejected)).toMatch(/rejected by Adele Vance: "Not before the freeze\."$/);
  const asked = after(pending(), [{ type: 'reject', by: adele, comment: 'why now?' }]);
  expect(requestOutcomeText(asked)).toMatch(/: "why now\?"$/);
  const plain = after(pending(), [{ type: 'reject', by: adele, comment: 'no' }]);
  expect(requestOutcomeText(plain)).toMatch(/: "no"\.$/);
});

test('the approvers\' message says what is asked once, and a reason that ends its own sentence gets no second full stop', () => {
  expect(approvalsRequestText(pending())).toBe('Megan Bowen asks for your approval of CR-TEST0001: Promote callcenter-desktop 2026.6.0 to latest (gal_golden). The card below has the details and the buttons.');
  const reasoned = { ...pending(), reason: 'tested in staging.' };
  expect(approvalsRequestText(reasoned)).toBe('Megan Bowen asks for your approval of CR-TEST0001: Promote callcenter-desktop 2026.6.0 to latest (gal_golden) because "tested in staging." The card below has the details and the buttons.');
});
