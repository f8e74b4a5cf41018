/** A multi-step change's progress (a repair): bookkeeping for the card; a step that announces a write is audited. */
import { transition } from '../../src/approvals/transition';
import { adele, demoPolicy, minutes, pendingRequest } from './fixtures';

function executing() {
  const approved = transition(pendingRequest(), { type: 'approve', by: adele }, minutes(1), demoPolicy);
  return transition(approved.request, { type: 'startExecution' }, minutes(2), demoPolicy).request;
}

const write = { method: 'PATCH' as const, resourceId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i/versions/1.0.0', fields: { 'publishingProfile.targetRegions': [{ name: 'East US 2' }] } };

test('a step is stored on the execution, one revision later, without an audit record; the same text again changes nothing', () => {
  const request = executing();
  const step = transition(request, { type: 'executionProgress', text: 'Central US: retrying (Replicating 35 %)' }, minutes(3), demoPolicy);
  expect(step).toMatchObject({ ok: true, changed: true, auditEvents: [] });
  expect(step.request.execution?.progress).toEqual({ text: 'Central US: retrying (Replicating 35 %)', at: minutes(3).toISOString() });
  expect(step.request.revision).toBe(request.revision + 1);
  expect(step.request.state).toBe('executing');
  const again = transition(step.request, { type: 'executionProgress', text: 'Central US: retrying (Replicating 35 %)' }, minutes(4), demoPolicy);
  expect(again).toMatchObject({ ok: true, changed: false, auditEvents: [] });
});

test('a step that announces a write records it as arm.write (the intent before the call), with the step in words', () => {
  const step = transition(executing(), { type: 'executionProgress', text: 'Central US: removed; adding it back', write }, minutes(3), demoPolicy);
  expect(step.changed).toBe(true);
  expect(step.auditEvents.map((e) => [e.action, e.details['method'], e.details['resourceId'], e.details['step'], e.details['attempt']])).toEqual([
    ['arm.write', 'PATCH', write.resourceId, 'Central US: removed; adding it back', 1],
  ]);
  expect(step.auditEvents[0]!.details['fields']).toEqual(write.fields);
});

test.each(['pending', 'succeeded'] as const)('a late step on a %s request changes nothing and is not refused', (state) => {
  const request = state === 'pending' ? pendingRequest() : transition(executing(), { type: 'executionSucceeded', result: { summary: 'done' } }, minutes(4), demoPolicy).request;
  const step = transition(request, { type: 'executionProgress', text: 'Central US: Completed', write }, minutes(5), demoPolicy);
  expect(step).toMatchObject({ ok: true, changed: false, auditEvents: [] });
  expect(step.request).toBe(request);
});
