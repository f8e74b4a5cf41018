import type { ChangeRequest, Execution } from './change-request';
import type { Policy } from './policy';
import type { Refusal } from './refusal';
import type { ProgressWrite, ReconcileOutcome } from './request-event';
import { countedApprovals } from './approval-count';
import { findRule } from './find-rule';
import { refusalAudit, requestAudit } from './request-audit';
import { stateRefusal } from './state-refusal';
import { type TransitionResult, accepted, advance, refusedWith } from './transition-result';

function refuse(request: ChangeRequest, attempted: string, refusal: Refusal, now: Date): TransitionResult {
  return refusedWith(request, refusal, [refusalAudit(request, now, undefined, attempted, refusal)]);
}

function notExecuting(request: ChangeRequest): Refusal {
  return request.state === 'executing' ? stateRefusal(request) : { code: 'not-executing', reason: `Request ${request.id} is ${request.state}, not executing.` };
}

/**
 * approved → executing. Persisted with a conditional write, this is the single winner among concurrent
 * clicks, retries and instances, and the recorded intent a restart reconciles.
 */
export function startExecution(request: ChangeRequest, now: Date, policy: Policy, owner?: string): TransitionResult {
  if (request.state === 'executing') {
    return refuse(request, 'startExecution', { code: 'already-executing', reason: `Request ${request.id} is already being carried out.` }, now);
  }
  if (request.state !== 'approved') return refuse(request, 'startExecution', stateRefusal(request), now);
  const rule = findRule(policy, request.scope);
  if (!rule) {
    const reason = `The policy no longer has a rule for ${request.scope.action} in ${request.scope.gallery}; request ${request.id} is not carried out.`;
    return refuse(request, 'startExecution', { code: 'no-rule', reason }, now);
  }
  const counted = countedApprovals(request, rule.allowSelfApproval);
  if (counted < request.requiredApprovals) {
    const reason = `Request ${request.id} has ${counted} of ${request.requiredApprovals} approvals that count.`;
    return refuse(request, 'startExecution', { code: 'insufficient-approvals', reason }, now);
  }
  const at = now.toISOString();
  const { waiting: _held, ...rest } = request;
  const next = advance(rest, { state: 'executing', execution: { startedAt: at, intentRecordedAt: at, attempts: 1, ...(owner ? { owner } : {}) } });
  // The intent: exactly the writes about to be sent, recorded in the same unit as the move to executing.
  return accepted(next, [requestAudit(next, now, undefined, 'execution.started', { changes: next.changes.length, approvals: counted }), ...armWrites(next, now)]);
}

function withExecution(request: ChangeRequest, patch: Partial<Execution>): Execution {
  return { ...(request.execution as Execution), ...patch };
}

export function armOperationStarted(request: ChangeRequest, operation: string, now: Date): TransitionResult {
  if (request.state !== 'executing') return refuse(request, 'armOperationStarted', notExecuting(request), now);
  const next = advance(request, { execution: withExecution(request, { armOperation: operation }) });
  return accepted(next, [requestAudit(next, now, undefined, 'execution.operation', { operation })]);
}

export function executionSucceeded(request: ChangeRequest, result: { summary: string }, now: Date): TransitionResult {
  if (request.state !== 'executing') return refuse(request, 'executionSucceeded', notExecuting(request), now);
  const execution = withExecution(request, { finishedAt: now.toISOString(), result, basis: 'operation' });
  const next = advance(request, { state: 'succeeded', execution });
  return accepted(next, [requestAudit(next, now, undefined, 'execution.succeeded', { summary: result.summary })]);
}

export function executionFailed(request: ChangeRequest, error: { code?: string; message: string }, now: Date): TransitionResult {
  if (request.state !== 'executing') return refuse(request, 'executionFailed', notExecuting(request), now);
  const next = advance(request, { state: 'failed', execution: withExecution(request, { finishedAt: now.toISOString(), error, basis: 'operation' }) });
  return accepted(next, [requestAudit(next, now, undefined, 'execution.failed', { ...error })]);
}

/** ARM may have made the change, but the outcome could not be learnt: the request waits for a read-back. */
export function outcomeUnknown(request: ChangeRequest, reason: string, armFailure: string | undefined, now: Date): TransitionResult {
  if (request.state !== 'executing') return refuse(request, 'outcomeUnknown', notExecuting(request), now);
  const unknown = { since: request.execution?.unknown?.since ?? now.toISOString(), reason, ...(armFailure ? { armFailure } : {}) };
  const next = advance(request, { execution: withExecution(request, { unknown }) });
  return accepted(next, [requestAudit(next, now, undefined, 'execution.outcome-unknown', { reason, ...(armFailure ? { armFailure } : {}) })]);
}

/**
 * approved → failed without calling Azure: the gates, re-checked on live data just before the change, do not
 * hold. Recorded as GalleryOps' own stop (basis `gate`), never as an Azure refusal. `gates`, the re-checked
 * result, replaces the one from when it was asked, so the card's gates say what stopped it (not "40 %" when the
 * region has since Failed).
 */
export function gateFailed(request: ChangeRequest, error: { code: string; message: string }, now: Date, gates?: ChangeRequest['gates']): TransitionResult {
  if (request.state !== 'approved') return refuse(request, 'gateFailed', stateRefusal(request), now);
  const at = now.toISOString();
  const next = advance(request, { state: 'failed', ...(gates ? { gates } : {}), execution: { startedAt: at, intentRecordedAt: at, attempts: 0, finishedAt: at, error, basis: 'gate' } });
  return accepted(next, [requestAudit(next, now, undefined, 'execution.failed', { ...error, azureCalled: false })]);
}

/** Azure could not be read back for the configured time; recorded once, so the card and the log say so. */
export function outcomeOverdue(request: ChangeRequest, checkCommand: string, now: Date): TransitionResult {
  const unknown = request.execution?.unknown;
  if (request.state !== 'executing' || !unknown) return refuse(request, 'outcomeOverdue', notExecuting(request), now);
  if (unknown.overdueAt) return { ok: true, request, changed: false, auditEvents: [] };
  const next = advance(request, { execution: withExecution(request, { unknown: { ...unknown, overdueAt: now.toISOString() } }) });
  return accepted(next, [requestAudit(next, now, undefined, 'execution.outcome-overdue', { since: unknown.since, checkCommand })]);
}

/** approved → succeeded without calling Azure: the version, read back, already shows exactly what was asked. */
export function alreadyApplied(request: ChangeRequest, summary: string, now: Date): TransitionResult {
  if (request.state !== 'approved') return refuse(request, 'alreadyApplied', stateRefusal(request), now);
  const at = now.toISOString();
  const next = advance(request, { state: 'succeeded', execution: { startedAt: at, intentRecordedAt: at, attempts: 0, finishedAt: at, result: { summary }, basis: 'read-back' } });
  return accepted(next, [requestAudit(next, now, undefined, 'execution.succeeded', { summary, azureCalled: false })]);
}

/**
 * A step of an executing multi-step change (a repair). Ignored once the request is no longer executing (a late
 * report after the outcome); unchanged text is not stored again. A step that announces a write is audited.
 */
export function executionProgress(request: ChangeRequest, text: string, write: ProgressWrite | undefined, now: Date): TransitionResult {
  const unchanged = { ok: true as const, request, changed: false, auditEvents: [] };
  if (request.state !== 'executing' || !request.execution) return unchanged;
  if (request.execution.progress?.text === text && !write) return unchanged;
  const next = advance(request, { execution: withExecution(request, { progress: { text, at: now.toISOString() } }) });
  const attempt = request.execution.attempts;
  return accepted(next, write ? [requestAudit(next, now, undefined, 'arm.write', { ...write, attempt, step: text })] : []);
}

/** One `arm.write` record per write the executor is about to send (the intent, before the ARM call). */
function armWrites(request: ChangeRequest, now: Date) {
  const attempt = request.execution?.attempts ?? 1;
  return request.changes.map((change) =>
    requestAudit(request, now, undefined, 'arm.write', { method: change.method, resourceId: change.resourceId, fields: Object.fromEntries(change.fields.map((f) => [f.field, f.after])), attempt }),
  );
}

/**
 * ARM's actual state, read back, decides: applied → succeeded; failed → failed. Not applied: after an unknown
 * outcome (ARM took the write, or may have) → failed, with what was known; after a crash (the write may never
 * have been sent) → stay executing with a new attempt (re-sending the same target state is harmless), so
 * exactly one instance, the one whose conditional write of this revision wins, re-sends it.
 */
export function reconcile(request: ChangeRequest, actual: ReconcileOutcome, now: Date, owner?: string): TransitionResult {
  if (request.state !== 'executing') return refuse(request, 'reconcile', notExecuting(request), now);
  const finishedAt = now.toISOString();
  const prior = request.execution as Execution;
  let next: ChangeRequest;
  if (actual.outcome === 'applied') {
    const summary = actual.summary ?? 'Azure already shows the requested state.';
    next = advance(request, { state: 'succeeded', execution: withExecution(request, { finishedAt, result: { summary }, basis: 'read-back' }) });
  } else if (actual.outcome === 'failed') {
    next = advance(request, { state: 'failed', execution: withExecution(request, { finishedAt, error: actual.error, basis: 'read-back' }) });
  } else if (prior.unknown?.armFailure) {
    // ARM said its operation failed, and the version confirms nothing changed: ARM's words are the reason.
    const error = { code: 'operation-failed', message: prior.unknown.armFailure };
    next = advance(request, { state: 'failed', execution: withExecution(request, { finishedAt, error, basis: 'read-back' }) });
  } else if (prior.unknown) {
    const error = { code: 'not-applied', message: `the version, read back from Azure, does not show it. Before that: ${prior.unknown.reason}` };
    next = advance(request, { state: 'failed', execution: withExecution(request, { finishedAt, error, basis: 'read-back' }) });
  } else {
    const { armOperation: _dropped, ...rest } = prior;
    next = advance(request, { execution: { ...rest, attempts: prior.attempts + 1, ...(owner ? { owner } : {}) } });
  }
  const details = { outcome: actual.outcome, attempt: next.execution?.attempts ?? 1 };
  const resend = next.state === 'executing' ? armWrites(next, now) : [];
  return accepted(next, [requestAudit(next, now, undefined, 'execution.reconciled', details), ...resend]);
}
