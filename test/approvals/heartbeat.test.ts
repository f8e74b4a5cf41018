/** The executing instance's heartbeat: bookkeeping that keeps other instances from reconciling a live execution. */
import { transition } from '../../src/approvals/transition';
import { adele, demoPolicy, minutes, pendingRequest } from './fixtures';

function executing() {
  const approved = transition(pendingRequest(), { type: 'approve', by: adele }, minutes(1), demoPolicy);
  return transition(approved.request, { type: 'startExecution' }, minutes(2), demoPolicy).request;
}

test('refreshes heartbeatAt of an executing request, one revision later, without an audit record', () => {
  const request = executing();
  expect(request.state).toBe('executing');
  const beat = transition(request, { type: 'heartbeat' }, minutes(3), demoPolicy);
  expect(beat).toMatchObject({ ok: true, changed: true, auditEvents: [] });
  expect(beat.request.execution?.heartbeatAt).toBe(minutes(3).toISOString());
  expect(beat.request.revision).toBe(request.revision + 1);
  expect(beat.request.state).toBe('executing');
});

test.each(['pending', 'succeeded'] as const)('changes nothing on a %s request', (state) => {
  const request = state === 'pending' ? pendingRequest() : transition(executing(), { type: 'executionSucceeded', result: { summary: 'done' } }, minutes(4), demoPolicy).request;
  expect(request.state).toBe(state);
  const beat = transition(request, { type: 'heartbeat' }, minutes(5), demoPolicy);
  expect(beat).toMatchObject({ ok: true, changed: false, auditEvents: [] });
  expect(beat.request).toBe(request);
});
