import type { AuditLog } from '../audit/audit-log';
import { UserFacingError } from '../errors';
import type { Logger } from '../logging/logger';
import type { ChangeRequestStore } from '../storage/store-port';
import { applyEvent, type ApplyDeps } from './apply-event';
import type { ChangeApplier } from './change-applier';
import type { ChangeRequest } from './change-request';
import type { Policy } from './policy';
import { requestAudit } from './request-audit';
import type { RequestNotifier } from './request-notifier';
import { findRule } from './find-rule';
import { transition } from './transition';

/** What the executor needs; the composition root passes the real ones. */
export interface ExecutorDeps {
  requests: ChangeRequestStore;
  audit: AuditLog;
  policy: Policy;
  applier: ChangeApplier;
  notifier: RequestNotifier;
  logger: Logger;
  now: () => Date;
  /** Pause between reads of a target ARM is still working on (ms). Default 5000. */
  observeIntervalMs?: number;
  /** How often the running instance refreshes `execution.heartbeatAt` (ms). Default 10 s: well inside the 30 s others wait. */
  heartbeatMs?: number;
  /** How long to wait for ARM to finish someone else's operation before re-checking later (ms). Default 10 min. */
  observeTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Carries out approved requests exactly once. The only way in is the conditional write approved → executing
 * (`startExecution`): of any number of concurrent callers — double clicks, Teams retries, a second instance,
 * the start-up recovery — exactly one wins it, and only the winner calls ARM. That write is the recorded
 * intent: a request found `executing` after a crash is reconciled from ARM's actual state, never re-run blindly.
 */
export class RequestExecutor {
  /** Requests this process is carrying out now; recovery leaves them alone. */
  private readonly running = new Set<string>();

  constructor(private readonly deps: ExecutorDeps) {}

  private get applyDeps(): ApplyDeps {
    return { requests: this.deps.requests, audit: this.deps.audit, policy: this.deps.policy, now: this.deps.now };
  }

  /** True while this process is carrying out the request. */
  isRunning(requestId: string): boolean {
    return this.running.has(requestId);
  }

  /** Moves an approved request to executing and carries it out; a no-op for whoever loses that race. */
  async execute(requestId: string): Promise<void> {
    if (this.running.has(requestId)) return;
    this.running.add(requestId);
    try {
      const started = await applyEvent(this.applyDeps, requestId, { type: 'startExecution' });
      if (!started.ok || !started.changed) return;
      this.notify((n) => n.requestChanged(requestId));
      await this.carryOut(started.request);
    } finally {
      this.running.delete(requestId);
    }
  }

  /**
   * A request found `executing` that this process is not running: ask ARM what actually happened. Still
   * working → wait for it; applied → succeeded; not applied → the one instance whose conditional write of
   * the reconcile wins re-sends the same target state (harmless if it was half applied).
   */
  async reconcile(request: ChangeRequest): Promise<void> {
    if (this.running.has(request.id)) return;
    this.running.add(request.id);
    try {
      const observed = await this.observeUntilSettled(request);
      if (observed === undefined) return;
      const result = transition(request, { type: 'reconcile', actual: observed }, this.deps.now(), this.deps.policy);
      if (!result.ok || !result.changed) return;
      const write = await this.deps.requests.replace(result.request, request.revision);
      if (!write.ok) return; // another instance reconciled it first
      await this.deps.audit.append(...result.auditEvents);
      this.notify((n) => n.requestChanged(request.id));
      if (result.request.state === 'executing') await this.carryOut(result.request);
      else this.notify((n) => n.requestFinished(result.request));
    } finally {
      this.running.delete(request.id);
    }
  }

  private async observeUntilSettled(request: ChangeRequest) {
    const interval = this.deps.observeIntervalMs ?? 5000;
    const deadline = Date.now() + (this.deps.observeTimeoutMs ?? 600_000);
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (;;) {
      try {
        const observed = await this.deps.applier.observe(request);
        if (observed.outcome !== 'in-progress') return observed;
        if (Date.now() >= deadline) {
          this.deps.logger.warn({ requestId: request.id, detail: observed.detail }, 'ARM is still working on the target; will reconcile again later');
          return undefined;
        }
      } catch (err) {
        // ARM unreachable now: leave the request executing; the next sweep tries again.
        this.deps.logger.warn({ err, requestId: request.id }, 'could not read ARM state to reconcile');
        return undefined;
      }
      await sleep(interval);
    }
  }

  /** The ARM part: gates again on live data, the intent in the audit log, the write, the outcome. */
  private async carryOut(request: ChangeRequest): Promise<void> {
    const beat = setInterval(() => {
      applyEvent(this.applyDeps, request.id, { type: 'heartbeat' }).catch((err: unknown) => this.deps.logger.warn({ err }, 'could not refresh the execution heartbeat'));
    }, this.deps.heartbeatMs ?? 10_000);
    try {
      await this.carryOutOnce(request);
    } finally {
      clearInterval(beat);
    }
  }

  private async carryOutOnce(request: ChangeRequest): Promise<void> {
    const { audit, applier, logger } = this.deps;
    // Recording the accepted operation runs beside the polling; it must land before the outcome does, or the
    // state machine would refuse it (the request would no longer be executing).
    let recording: Promise<unknown> = Promise.resolve();
    let outcome: { ok: true; summary: string } | { ok: false; code?: string; message: string };
    try {
      const rule = findRule(this.deps.policy, request.scope);
      const failing = await applier.recheckGates(request, { allowUnsafeRetirement: rule?.allowUnsafeRetirement === true });
      if (failing.length > 0) {
        // Not "since the request was made": a gate may have failed from the start (it is shown on the card).
        const gates = failing.map((text) => text.replace(/\.+$/, '')).join('; ');
        outcome = { ok: false, code: 'gate-failed', message: `Not changed: re-checked just before the change, ${gates}.` };
      } else {
        for (const change of request.changes) {
          const fields = Object.fromEntries(change.fields.map((f) => [f.field, f.after]));
          await audit.append(requestAudit(request, this.deps.now(), undefined, 'arm.write', { method: change.method, resourceId: change.resourceId, fields, attempt: request.execution?.attempts ?? 1 }));
        }
        const done = await applier.apply(request, (operation) => {
          recording = applyEvent(this.applyDeps, request.id, { type: 'armOperationStarted', operation })
            .then(() => this.notify((n) => n.requestChanged(request.id)))
            .catch((err: unknown) => logger.warn({ err }, 'could not record the ARM operation'));
        });
        outcome = { ok: true, summary: done.summary };
      }
    } catch (err) {
      logger.warn({ err, requestId: request.id }, 'ARM change failed');
      outcome = err instanceof UserFacingError
        ? { ok: false, code: err.kind, message: err.userMessage }
        : { ok: false, code: 'unexpected', message: 'The Azure change failed for an unexpected reason; the bot log has the details.' };
    }
    await recording;
    const event = outcome.ok
      ? { type: 'executionSucceeded' as const, result: { summary: outcome.summary } }
      : { type: 'executionFailed' as const, error: { ...(outcome.code ? { code: outcome.code } : {}), message: outcome.message } };
    const finished = await applyEvent(this.applyDeps, request.id, event);
    this.notify((n) => n.requestChanged(request.id));
    if (finished.ok) this.notify((n) => n.requestFinished(finished.request));
  }

  /**
   * Chat delivery never holds up the Azure operation: Teams paces a busy conversation for seconds. The
   * notifier queues card updates per request and renders the stored state, so they still land in order.
   */
  private notify(send: (notifier: RequestNotifier) => Promise<void>): void {
    send(this.deps.notifier).catch((err: unknown) => this.deps.logger.warn({ err }, 'notification failed'));
  }
}
