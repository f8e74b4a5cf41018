import fc from 'fast-check';
import type { Actor } from '../../src/approvals/change-request';
import { parsePolicy, type Policy } from '../../src/approvals/policy';
import type { RequestEvent } from '../../src/approvals/request-event';
import { transition } from '../../src/approvals/transition';
import { adele, alex, demoPolicy, latestPromotion, lynne, megan, patti, pendingRequest, T0 } from './fixtures';

const people: Actor[] = [alex, megan, adele, patti, lynne];
const twoOfThree: Policy = parsePolicy({
  stages: demoPolicy.stages,
  rules: [{ gallery: 'gal_golden', requesters: [megan.aadObjectId, alex.aadObjectId], approvers: [adele.aadObjectId, patti.aadObjectId, alex.aadObjectId], minApprovals: 2 }],
});

const actor = fc.constantFrom(...people);
const event: fc.Arbitrary<RequestEvent> = fc.oneof(
  { weight: 10, arbitrary: actor.map((by) => ({ type: 'approve', by }) as const) },
  actor.map((by) => ({ type: 'reject', by }) as const),
  actor.map((by) => ({ type: 'cancel', by }) as const),
  fc.constant({ type: 'expire' } as const),
  { weight: 3, arbitrary: fc.constant({ type: 'startExecution' } as const) },
  fc.constant({ type: 'armOperationStarted', operation: 'op' } as const),
  fc.constant({ type: 'executionSucceeded', result: { summary: 'ok' } } as const),
  fc.constant({ type: 'executionFailed', error: { message: 'arm said no' } } as const),
  fc.constantFrom<RequestEvent>(
    { type: 'reconcile', actual: { outcome: 'applied' } },
    { type: 'reconcile', actual: { outcome: 'not-applied' } },
    { type: 'reconcile', actual: { outcome: 'failed', error: { message: 'x' } } },
  ),
  fc.constant({ type: 'cardPosted', card: { conversationId: 'c', activityId: 'a', serviceUrl: 's' } } as const),
);
/** Each step happens some minutes after the previous one; sequences often cross the 24 h deadline. */
const step = fc.tuple(event, fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 30 }) }, fc.integer({ min: 0, max: 12 * 60 })));

describe('transition: properties over any sequence of events', () => {
  it.each([
    ['demo policy (1 approval)', demoPolicy],
    ['2 of 3 approvers', twoOfThree],
  ])('%s: never executes twice, never without enough distinct non-requester approvers', (_name, policy) => {
    let runsThatExecuted = 0;
    fc.assert(
      fc.property(fc.constantFrom(megan, alex), fc.array(step, { maxLength: 40 }), (requester, steps) => {
        let request = pendingRequest(latestPromotion(requester), policy);
        const approvers = new Set(policy.rules[0]?.approvers.map((p) => p.id));
        let clock = T0.getTime();
        let executions = 0;
        for (const [e, advanceMinutes] of steps) {
          clock += advanceMinutes * 60_000;
          const before = request;
          const result = transition(before, e, new Date(clock), policy);
          // Every refusal is audited; every change moves the revision by exactly one.
          if (!result.ok) expect(result.auditEvents.at(-1)?.action).toBe('request.refused');
          expect(result.request.revision).toBe(before.revision + (result.changed ? 1 : 0));
          if (!result.changed) expect(result.request).toBe(before);
          request = result.request;

          if (before.state !== 'executing' && request.state === 'executing') {
            executions++;
            const distinctOthers = new Set(
              request.approvals
                .map((a) => a.by.aadObjectId)
                .filter((id) => id !== requester.aadObjectId && approvers.has(id)),
            );
            expect(distinctOthers.size).toBeGreaterThanOrEqual(request.requiredApprovals);
            expect(request.requiredApprovals).toBe(policy.rules[0]?.minApprovals);
          }
          // Decided requests never change state again.
          if (['succeeded', 'failed', 'rejected', 'cancelled', 'expired'].includes(before.state)) expect(request.state).toBe(before.state);
        }
        expect(executions).toBeLessThanOrEqual(1);
        if (executions === 1) runsThatExecuted++;
        // The record itself never holds the requester's own approval or one person twice.
        const ids = request.approvals.map((a) => a.by.aadObjectId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).not.toContain(requester.aadObjectId);
      }),
      { numRuns: 1000 },
    );
    // Guard against a vacuous property: plenty of the generated histories must actually reach execution.
    expect(runsThatExecuted).toBeGreaterThan(10);
  });
});
