import type { ChangeRequest, RequestState } from '../../src/approvals/change-request';
import { parsePolicy, type Policy } from '../../src/approvals/policy';
import type { RequestEvent } from '../../src/approvals/request-event';
import { transition } from '../../src/approvals/transition';
import { adele, alex, demoPolicy, latestPromotion, lynne, megan, minutes, patti, pendingRequest, T0 } from './fixtures';

/** gal_golden needs 2 of 3 here; self-approval forbidden; Alex may both request and approve. */
const twoOfThree: Policy = parsePolicy({
  stages: demoPolicy.stages,
  rules: [
    {
      gallery: 'gal_golden',
      requesters: [megan.aadObjectId, alex.aadObjectId],
      approvers: [adele.aadObjectId, patti.aadObjectId, alex.aadObjectId],
      minApprovals: 2,
    },
  ],
});

const card = { conversationId: 'c1', activityId: 'a1', serviceUrl: 'http://127.0.0.1:1' };
const op = 'https://management.azure.com/…/operations/1';

/** Applies events at `minutes(1)` that must all be accepted. */
function after(request: ChangeRequest, events: RequestEvent[], policy: Policy = demoPolicy): ChangeRequest {
  return events.reduce((r, e) => {
    const result = transition(r, e, minutes(1), policy);
    if (!result.ok) throw new Error(`setup refused ${e.type}: ${result.refused.reason}`);
    return result.request;
  }, request);
}

const pending = () => pendingRequest(latestPromotion(megan));
/** Approve-ahead: the gate waits on replication in progress. */
const waitingAhead = () =>
  pendingRequest(latestPromotion(megan, { gates: [{ name: 'Replication Completed in all regions', passed: false, detail: 'southeastasia Replicating 40 %', waitsFor: 'Southeast Asia finishes replicating (40 % now)' }] }));
const approvedAhead = () => after(waitingAhead(), [{ type: 'approve', by: adele }]);
const approved = () => after(pending(), [{ type: 'approve', by: adele }]);
const executing = () => after(approved(), [{ type: 'startExecution' }]);
const unknownOutcome = () => after(executing(), [{ type: 'outcomeUnknown', reason: 'Azure accepted the change, but polling failed (HTTP 500).' }]);
const byState: Record<RequestState, () => ChangeRequest> = {
  pending,
  approved,
  executing,
  succeeded: () => after(executing(), [{ type: 'executionSucceeded', result: { summary: 'done' } }]),
  failed: () => after(executing(), [{ type: 'executionFailed', error: { code: 'Conflict', message: 'busy' } }]),
  rejected: () => after(pending(), [{ type: 'reject', by: adele }]),
  cancelled: () => after(pending(), [{ type: 'cancel', by: megan }]),
  expired: () => transition(pending(), { type: 'expire' }, minutes(24 * 60), demoPolicy).request,
};

describe('transition: accepted events', () => {
  it.each<[string, () => ChangeRequest, RequestEvent, RequestState, string[]]>([
    ['approve by an approver (1 of 1)', pending, { type: 'approve', by: adele }, 'approved', ['request.approved']],
    ['reject by an approver', pending, { type: 'reject', by: patti, comment: ' not yet ' }, 'rejected', ['request.rejected']],
    ['cancel by the requester', pending, { type: 'cancel', by: megan }, 'cancelled', ['request.cancelled']],
    ['startExecution once approved (with the intended write)', approved, { type: 'startExecution' }, 'executing', ['execution.started', 'arm.write']],
    ['armOperationStarted while executing', executing, { type: 'armOperationStarted', operation: op }, 'executing', ['execution.operation']],
    ['executionSucceeded', executing, { type: 'executionSucceeded', result: { summary: 'excludeFromLatest false' } }, 'succeeded', ['execution.succeeded']],
    ['executionFailed', executing, { type: 'executionFailed', error: { code: 'Conflict', message: 'busy' } }, 'failed', ['execution.failed']],
    ['reconcile: applied', executing, { type: 'reconcile', actual: { outcome: 'applied' } }, 'succeeded', ['execution.reconciled']],
    ['reconcile: failed', executing, { type: 'reconcile', actual: { outcome: 'failed', error: { message: 'gone' } } }, 'failed', ['execution.reconciled']],
    ['reconcile: not applied (re-send, with the intended write)', executing, { type: 'reconcile', actual: { outcome: 'not-applied' } }, 'executing', ['execution.reconciled', 'arm.write']],
    ['outcome unknown while executing', executing, { type: 'outcomeUnknown', reason: 'polling failed (HTTP 500)' }, 'executing', ['execution.outcome-unknown']],
    ['reconcile after an unknown outcome: applied', unknownOutcome, { type: 'reconcile', actual: { outcome: 'applied' } }, 'succeeded', ['execution.reconciled']],
    ['reconcile after an unknown outcome: not applied → failed, never re-sent', unknownOutcome, { type: 'reconcile', actual: { outcome: 'not-applied' } }, 'failed', ['execution.reconciled']],
    ['outcome overdue (Azure unreadable)', unknownOutcome, { type: 'outcomeOverdue', checkCommand: 'image status gal_golden/callcenter-desktop 2026.6.0' }, 'executing', ['execution.outcome-overdue']],
    ['cardPosted on a decided request', byState.succeeded, { type: 'cardPosted', card }, 'succeeded', []],
  ])('%s', (_name, make, event, state, actions) => {
    const before = make();
    const result = transition(before, event, minutes(2), demoPolicy);
    expect(result.ok).toBe(true);
    expect(result.changed).toBe(true);
    expect(result.request.state).toBe(state);
    expect(result.request.revision).toBe(before.revision + 1);
    expect(result.auditEvents.map((e) => e.action)).toEqual(actions);
    for (const e of result.auditEvents) expect(e).toMatchObject({ requestId: before.id, at: minutes(2).toISOString(), image: 'gal_golden/callcenter-desktop' });
  });

  it('after an unknown outcome, the final state says it rests on a read-back and keeps what was known', () => {
    const done = transition(unknownOutcome(), { type: 'reconcile', actual: { outcome: 'applied' } }, minutes(3), demoPolicy).request;
    expect(done.execution).toMatchObject({ basis: 'read-back', unknown: { reason: expect.stringContaining('HTTP 500') } });
    const notDone = transition(unknownOutcome(), { type: 'reconcile', actual: { outcome: 'not-applied' } }, minutes(3), demoPolicy).request;
    expect(notDone).toMatchObject({ state: 'failed', execution: { basis: 'read-back', attempts: 1, error: { code: 'not-applied', message: expect.stringContaining('HTTP 500') } } });
    const byOperation = transition(executing(), { type: 'executionSucceeded', result: { summary: 'ok' } }, minutes(3), demoPolicy).request;
    expect(byOperation.execution?.basis).toBe('operation');
  });

  it('marks an unknown outcome overdue once, keeping when it began', () => {
    const once = transition(unknownOutcome(), { type: 'outcomeOverdue', checkCommand: 'x' }, minutes(40), demoPolicy);
    expect(once.request.execution?.unknown).toMatchObject({ since: expect.any(String), overdueAt: minutes(40).toISOString() });
    const twice = transition(once.request, { type: 'outcomeOverdue', checkCommand: 'x' }, minutes(50), demoPolicy);
    expect(twice).toMatchObject({ ok: true, changed: false, auditEvents: [] });
  });

  it('records who decided and when', () => {
    expect(transition(pending(), { type: 'reject', by: patti, comment: ' not yet ' }, minutes(2), demoPolicy).request.rejection).toEqual({
      by: patti,
      at: minutes(2).toISOString(),
      comment: 'not yet',
    });
    const ok = transition(approved(), { type: 'startExecution' }, minutes(2), demoPolicy).request;
    expect(ok.execution).toEqual({ startedAt: minutes(2).toISOString(), intentRecordedAt: minutes(2).toISOString(), attempts: 1 });
    expect(ok.approvedAt).toBe(minutes(1).toISOString());
  });

  it('caps a reject comment', () => {
    const r = transition(pending(), { type: 'reject', by: patti, comment: 'x'.repeat(5000) }, minutes(2), demoPolicy);
    expect(r.request.rejection?.comment).toHaveLength(1000);
  });

  it('reconcile not-applied starts a new attempt and forgets the old operation', () => {
    const withOp = after(executing(), [{ type: 'armOperationStarted', operation: op }]);
    const r = transition(withOp, { type: 'reconcile', actual: { outcome: 'not-applied' } }, minutes(2), demoPolicy);
    expect(r.request.execution).toEqual({ startedAt: minutes(1).toISOString(), intentRecordedAt: minutes(1).toISOString(), attempts: 2 });
  });

  it('N of M: stays pending until enough distinct approvers', () => {
    const start = pendingRequest(latestPromotion(megan), twoOfThree);
    expect(start.requiredApprovals).toBe(2);
    const one = transition(start, { type: 'approve', by: adele }, minutes(1), twoOfThree);
    expect(one.request.state).toBe('pending');
    expect(one.auditEvents[0]?.details).toMatchObject({ approvals: 1, required: 2 });
    const two = transition(one.request, { type: 'approve', by: alex }, minutes(2), twoOfThree);
    expect(two.request.state).toBe('approved');
    expect(two.request.approvals.map((a) => a.by.name)).toEqual(['Adele Vance', 'Alex Wilber']);
  });

  it('self-approval counts when the policy allows it', () => {
    const selfOk = parsePolicy({ stages: demoPolicy.stages, rules: [{ gallery: 'gal_golden', requesters: [megan.aadObjectId], approvers: [megan.aadObjectId], allowSelfApproval: true }] });
    const r = transition(pendingRequest(latestPromotion(megan), selfOk), { type: 'approve', by: megan }, minutes(1), selfOk);
    expect(r.request.state).toBe('approved');
    expect(transition(r.request, { type: 'startExecution' }, minutes(1), selfOk).request.state).toBe('executing');
  });

  it('remembers each card once', () => {
    const once = transition(pending(), { type: 'cardPosted', card }, minutes(1), demoPolicy);
    const twice = transition(once.request, { type: 'cardPosted', card }, minutes(1), demoPolicy);
    expect(twice).toMatchObject({ ok: true, changed: false });
    expect(twice.request.cards).toEqual([card]);
  });
});

describe('transition: refusals (each one audited)', () => {
  const everyState = Object.keys(byState) as RequestState[];
  const approvedOnceOfTwo = () => after(pendingRequest(latestPromotion(megan), twoOfThree), [{ type: 'approve', by: adele }], twoOfThree);
  const withoutAdele = parsePolicy(rawWithout(adele));
  it.each<[string, () => ChangeRequest, RequestEvent, string, Policy?]>([
    ['self-approval', () => pendingRequest(latestPromotion(alex)), { type: 'approve', by: alex }, 'self-approval'],
    ['a non-approver approving', pending, { type: 'approve', by: lynne }, 'not-approver'],
    ['a non-approver rejecting', pending, { type: 'reject', by: megan }, 'not-approver'],
    ['approving twice (counts once)', approvedOnceOfTwo, { type: 'approve', by: { ...adele, name: 'Adele V.' } }, 'already-approved', twoOfThree],
    ['cancel by someone else', pending, { type: 'cancel', by: adele }, 'not-requester'],
    ['startExecution while pending', pending, { type: 'startExecution' }, 'insufficient-approvals'],
    ['startExecution twice', executing, { type: 'startExecution' }, 'already-executing'],
    ['expire before the deadline', pending, { type: 'expire' }, 'not-due'],
    ['executionSucceeded when not executing', approved, { type: 'executionSucceeded', result: { summary: '' } }, 'not-executing'],
    ['reconcile when not executing', byState.succeeded, { type: 'reconcile', actual: { outcome: 'applied' } }, 'not-executing'],
    ['approve after a policy change removed the approver', pending, { type: 'approve', by: adele }, 'not-approver', withoutAdele],
  ])('%s', (_name, make, event, code, policy = demoPolicy) => {
    const request = make();
    const result = transition(request, event, minutes(2), policy);
    expect(result).toMatchObject({ ok: false, changed: false, refused: { code } });
    expect(result.request).toBe(request);
    expect(result.auditEvents).toEqual([expect.objectContaining({ action: 'request.refused', details: expect.objectContaining({ attempted: event.type, code }) })]);
  });

  it.each(everyState.filter((s) => s !== 'pending'))('a %s request cannot be approved, rejected or cancelled', (state) => {
    // Approved and not waiting for a gate (the approve-ahead case, where the requester may cancel, is below).
    const request = byState[state]();
    for (const event of [{ type: 'approve', by: patti }, { type: 'reject', by: patti }, { type: 'cancel', by: megan }] as RequestEvent[]) {
      const result = transition(request, event, minutes(3), demoPolicy);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.refused.code).toBe(state === 'cancelled' ? 'cancelled' : state === 'expired' ? 'expired' : 'decided');
    }
  });

  it('explains the state in words', () => {
    const r = transition(byState.rejected(), { type: 'approve', by: patti }, minutes(3), demoPolicy);
    expect(!r.ok && r.refused.reason).toBe('Request CR-TEST0001 was rejected by Adele Vance.');
    const f = transition(byState.failed(), { type: 'approve', by: patti }, minutes(3), demoPolicy);
    expect(!f.ok && f.refused.reason).toBe('Request CR-TEST0001 was approved, but Azure refused the change: busy.');
  });
});

describe('transition: expiry with an injected clock', () => {
  const deadline = minutes(24 * 60);
  it('explicit expire at the deadline', () => {
    const r = transition(pending(), { type: 'expire' }, deadline, demoPolicy);
    expect(r).toMatchObject({ ok: true, request: { state: 'expired', expiredAt: deadline.toISOString(), revision: 2 } });
    expect(r.auditEvents.map((e) => [e.action, e.actor.id])).toEqual([['request.expired', 'system']]);
  });

  it('a click one millisecond before the deadline still counts', () => {
    expect(transition(pending(), { type: 'approve', by: adele }, new Date(deadline.getTime() - 1), demoPolicy).request.state).toBe('approved');
  });

  it.each<RequestEvent>([
    { type: 'approve', by: adele },
    { type: 'reject', by: adele },
    { type: 'cancel', by: megan },
    { type: 'startExecution' },
  ])('a late $type expires the request first, then is refused: persist both', (event) => {
    const before = pending();
    const r = transition(before, event, deadline, demoPolicy);
    expect(r).toMatchObject({ ok: false, changed: true, refused: { code: 'expired' }, request: { state: 'expired', revision: 2 } });
    expect(r.auditEvents.map((e) => e.action)).toEqual(['request.expired', 'request.refused']);
  });

  it('approved requests that are not waiting, and executing ones, do not expire: they are carried out', () => {
    const notWaiting = approved;
    for (const make of [notWaiting, executing]) {
      const r = transition(make(), { type: 'expire' }, minutes(48 * 60), demoPolicy);
      expect(r).toMatchObject({ ok: false, refused: { code: 'decided' } });
    }
    expect(transition(notWaiting(), { type: 'startExecution' }, minutes(48 * 60), demoPolicy).request.state).toBe('executing');
  });

  it('approved ahead and still waiting at the deadline: expired, saying what it waited for; a late start is refused', () => {
    const waiting = approvedAhead();
    expect(waiting.waiting?.for).toMatch(/Southeast Asia finishes replicating/);
    const r = transition(waiting, { type: 'expire' }, deadline, demoPolicy);
    expect(r).toMatchObject({ ok: true, request: { state: 'expired' } });
    expect(r.auditEvents[0]!.details).toMatchObject({ waitedFor: waiting.waiting!.for });
    expect(transition(waiting, { type: 'startExecution' }, deadline, demoPolicy)).toMatchObject({ ok: false, changed: true, request: { state: 'expired' } });
  });
});

describe('transition: approve ahead', () => {
  it('a request whose gate waits on replication carries what it waits for, from creation', () => {
    expect(waitingAhead().waiting).toEqual({ for: 'Southeast Asia finishes replicating (40 % now)', checkedAt: T0.toISOString() });
    expect(pending().waiting).toBeUndefined();
  });

  it('a re-check records what it still waits for, only when that changed, without an audit record', () => {
    const request = approvedAhead();
    const same = transition(request, { type: 'gatesWaiting', for: request.waiting!.for }, minutes(3), demoPolicy);
    expect(same).toMatchObject({ ok: true, changed: false });
    const moved = transition(request, { type: 'gatesWaiting', for: 'Southeast Asia finishes replicating (70 % now)' }, minutes(4), demoPolicy);
    expect(moved).toMatchObject({ ok: true, changed: true, auditEvents: [], request: { state: 'approved', waiting: { for: 'Southeast Asia finishes replicating (70 % now)', checkedAt: minutes(4).toISOString() } } });
  });

  it('the requester may cancel while it waits; approvers cannot reject it any more; starting clears the wait', () => {
    const request = approvedAhead();
    expect(transition(request, { type: 'cancel', by: megan }, minutes(3), demoPolicy)).toMatchObject({ ok: true, request: { state: 'cancelled' } });
    expect(transition(request, { type: 'cancel', by: adele }, minutes(3), demoPolicy)).toMatchObject({ ok: false, refused: { code: 'not-requester' } });
    expect(transition(request, { type: 'reject', by: adele }, minutes(3), demoPolicy)).toMatchObject({ ok: false, refused: { code: 'decided' } });
    const started = transition(request, { type: 'startExecution' }, minutes(3), demoPolicy).request;
    expect(started).toMatchObject({ state: 'executing' });
    expect(started.waiting).toBeUndefined();
  });
});

function rawWithout(who: { aadObjectId: string }) {
  return {
    stages: demoPolicy.stages,
    rules: demoPolicy.rules.map((r) => ({
      gallery: r.gallery,
      actions: [...r.actions],
      requesters: r.requesters.map((p) => p.id),
      approvers: r.approvers.filter((p) => p.id !== who.aadObjectId).map((p) => p.id),
    })),
  };
}
