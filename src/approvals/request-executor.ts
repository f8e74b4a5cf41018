import { OutcomeUnknownError, ThrottledError, UserFacingError } from '../errors';
import type { Logger } from '../logging/logger';
import { applyEvent, type ApplyDeps } from './apply-event';
import type { ApplyProgress, ChangeApplier, ObservedState } from './change-applier';
import type { ChangeRequest, Gate } from './change-request';
import { findRule } from './find-rule';
import type { Policy } from './policy';
import type { RequestNotifier } from './request-notifier';
import { SILENT_NOTIFIER } from './silent-notifier';
import type { ChangeRequestStore } from './request-store';
import { statusCommandOf } from './status-command';
import { NO_TELEMETRY, type Telemetry } from '../telemetry/telemetry';

/** What the executor needs; the composition root passes the real ones. */
export interface ExecutorDeps {
  requests: ChangeRequestStore;
  policy: Policy;
  applier: ChangeApplier;
  logger: Logger;
  now: () => Date;
  /** This process, as `execution.owner` names it (`host/pid/nonce`). */
  owner?: string;
  /** Pause between reads of a target ARM is still working on, or whose outcome is unknown (ms). Default 5000. */
  observeIntervalMs?: number;
  /** How often the running instance refreshes `execution.heartbeatAt` (ms). Default 10 s: well inside the 30 s others wait. */
  heartbeatMs?: number;
  /** How long one round of watching ARM lasts before the sweep takes over again (ms). Default 10 min. */
  observeTimeoutMs?: number;
  /** After this long without being able to read Azure back, the card says so and operators are told (ms). Default 30 min. */
  unknownOverdueMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** A span per Azure change (the ARM calls inside it are its children). Default: none. */
  telemetry?: Telemetry;
}

/** What the gates say just before the change. */
type GateVerdict = { kind: 'go' } | { kind: 'wait'; for: string } | { kind: 'stop'; error: { code: string; message: string }; gates: Gate[] };

/** How one attempt at the ARM write ended. */
type WriteOutcome =
  | { kind: 'succeeded'; summary: string }
  | { kind: 'failed'; code?: string; message: string }
  | { kind: 'unknown'; reason: string; armFailure?: string };

/**
 * Carries out approved requests exactly once. The only way in is the conditional write approved → executing
 * (`startExecution`): of any number of concurrent callers — double clicks, Teams retries, a second instance,
 * the start-up recovery — exactly one wins it, and only the winner calls ARM. That write, with its audit record
 * of the writes intended, is the recorded intent: a request found `executing` after a crash is reconciled from
 * ARM's actual state, never re-run blindly. Once ARM may have accepted the write, nothing but a read-back of the
 * version decides the outcome: until then the request is "outcome unknown, checking Azure".
 */
export class RequestExecutor {
  /** Requests this process is carrying out (or watching) now; recovery leaves them alone. */
  private readonly running = new Set<string>();
  private notifier: RequestNotifier = SILENT_NOTIFIER;
  /** Set by `close`: watching loops stop at their next step (a later start reconciles what is left). */
  private closed = false;
  private readonly wakers = new Set<() => void>();

  constructor(private readonly deps: ExecutorDeps) {}

  /** Where card updates and outcomes go; attached after construction (the Teams layer needs the service first). */
  attachNotifier(notifier: RequestNotifier): void {
    this.notifier = notifier;
  }

  private get applyDeps(): ApplyDeps {
    return { requests: this.deps.requests, policy: this.deps.policy, now: this.deps.now };
  }

  /** Stops watching ARM (the process is shutting down); what is still executing is reconciled after the restart. */
  close(): void {
    this.closed = true;
    for (const wake of this.wakers) wake();
  }

  /**
   * The process is stopping (SIGTERM): waits up to `graceMs` for what this process carries out to finish, then
   * closes. Returns the requests still running then: their heartbeat stops with the process, and another
   * instance (or the next start) reconciles them from ARM, so they are handed over, never run twice.
   */
  async drain(graceMs: number): Promise<string[]> {
    const deadline = Date.now() + graceMs;
    while (this.running.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(1, deadline - Date.now()))));
    const left = [...this.running];
    this.close();
    return left;
  }

  /** Waits, unless the executor closes first. */
  private pause(ms: number): Promise<void> {
    if (this.deps.sleep) return this.deps.sleep(ms);
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  /** True while this process is carrying out the request. */
  isRunning(requestId: string): boolean {
    return this.running.has(requestId);
  }

  /** How many requests this process is carrying out or watching now (a telemetry gauge). */
  get runningCount(): number {
    return this.running.size;
  }

  /**
   * Re-checks an approved request's gates on live data; if they hold, moves it to executing (with the intended
   * writes in the audit log) and carries it out — a no-op for whoever loses that race. If one waits on something
   * that completes by itself (replication in progress), the request stays approved and says what it waits for;
   * the gate re-check runs this again. If one cannot pass, the request fails as stopped by GalleryOps, and Azure
   * is never called. ARM that cannot be read now leaves the request approved, to be tried again.
   */
  async execute(requestId: string): Promise<void> {
    await this.exclusively(requestId, async () => {
      const request = await this.deps.requests.get(requestId);
      if (!request || request.state !== 'approved') return;
      const verdict = await this.checkGates(request);
      if (verdict.kind === 'wait') {
        const waited = await applyEvent(this.applyDeps, requestId, { type: 'gatesWaiting', for: verdict.for });
        if (waited.changed) this.notify((n) => n.requestChanged(requestId));
        if (waited.ok && waited.request.state === 'approved') return;
        if (waited.changed) this.notify((n) => n.requestFinished(waited.request));
        return;
      }
      if (verdict.kind === 'stop') {
        // A gate such as "not already retired" also fails when someone made this very change meanwhile: then
        // the request's aim holds, and saying "not changed" would be false.
        const observed = await this.deps.applier.observe(request).catch(() => undefined);
        const failed =
          observed?.outcome === 'applied'
            ? await applyEvent(this.applyDeps, requestId, { type: 'alreadyApplied', summary: `${observed.summary ?? 'Azure already shows the requested state.'} GalleryOps sent nothing.` })
            : await applyEvent(this.applyDeps, requestId, { type: 'gateFailed', error: verdict.error, gates: verdict.gates });
        if (!failed.changed) return;
        this.notify((n) => n.requestChanged(requestId));
        this.notify((n) => n.requestFinished(failed.request));
        return;
      }
      const started = await applyEvent(this.applyDeps, requestId, { type: 'startExecution', ...this.ownerField() });
      if (!started.ok || !started.changed) {
        // Lazily expired on the way in (approved ahead, waited past its deadline): say so everywhere.
        if (started.changed) this.notify((n) => n.requestChanged(requestId));
        return;
      }
      this.notify((n) => n.requestChanged(requestId));
      await this.carryOut(started.request);
    });
  }

  /** The gates on live data just before the change: go, wait (and for what), or stop (and why). */
  private async checkGates(request: ChangeRequest): Promise<GateVerdict> {
    const rule = findRule(this.deps.policy, request.scope);
    let failing: Gate[];
    try {
      failing = await this.deps.applier.recheckGates(request, { allowUnsafeRetirement: rule?.allowUnsafeRetirement === true });
    } catch (err) {
      // Nothing was sent; a throttled or unreachable ARM is a reason to look again later, not to give up.
      this.deps.logger.warn({ err, requestId: request.id }, 'could not re-check the gates; will try again');
      if (err instanceof ThrottledError) throw err;
      const why = err instanceof UserFacingError ? err.userMessage.replace(/\.+$/, '') : 'an unexpected error';
      return { kind: 'wait', for: `Azure can be read to re-check the gates (${why})` };
    }
    if (failing.length === 0) return { kind: 'go' };
    if (failing.every((g) => g.waitsFor !== undefined)) return { kind: 'wait', for: failing.map((g) => g.waitsFor).join('; ') };
    // Not "since the request was made": a gate may have failed from the start (it is shown on the card).
    const gates = failing.filter((g) => g.waitsFor === undefined).map((g) => (g.detail ? `${g.name}: ${g.detail}` : g.name).replace(/\.+$/, '')).join('; ');
    // The card's gates become the re-checked ones: a gate that failed now replaces its when-asked result.
    const rechecked = request.gates.map((gate) => failing.find((f) => f.name === gate.name) ?? gate);
    return { kind: 'stop', error: { code: 'gate-failed', message: `Not changed: re-checked just before the change, ${gates}.` }, gates: rechecked };
  }

  /**
   * A request found `executing` that this process is not running: ask ARM what actually happened. Still
   * working → wait for it; applied → succeeded; not applied → after an unknown outcome, failed; after a crash,
   * the one instance whose conditional write of the reconcile wins re-sends the same target state.
   */
  async reconcile(request: ChangeRequest): Promise<void> {
    await this.exclusively(request.id, async () => {
      const settled = await this.readBack(request);
      if (!settled) return;
      const result = await applyEvent(this.applyDeps, request.id, { type: 'reconcile', actual: settled.observed, ...this.ownerField() });
      if (!result.ok || !result.changed) return;
      this.notify((n) => n.requestChanged(request.id));
      if (result.request.state === 'executing') await this.carryOut(result.request);
      else this.notify((n) => n.requestFinished(result.request));
    });
  }

  private async exclusively(requestId: string, work: () => Promise<void>): Promise<void> {
    if (this.running.has(requestId)) return;
    this.running.add(requestId);
    try {
      await work();
    } finally {
      this.running.delete(requestId);
    }
  }

  /**
   * Reads the target until ARM has settled (or this round's time is up). While ARM cannot be read and the
   * outcome is unknown, the request is marked overdue once `unknownOverdueMs` has passed since it became unknown.
   */
  private async readBack(request: ChangeRequest): Promise<{ observed: Exclude<ObservedState, { outcome: 'in-progress' }> } | undefined> {
    const interval = this.deps.observeIntervalMs ?? 5000;
    const deadline = Date.now() + (this.deps.observeTimeoutMs ?? 600_000);
    for (;;) {
      if (this.closed) return undefined;
      try {
        const observed = await this.deps.applier.observe(request);
        if (observed.outcome !== 'in-progress') return { observed };
        this.deps.logger.info({ requestId: request.id, detail: observed.detail }, 'ARM is still working on the target');
      } catch (err) {
        // ARM unreadable now: the request stays executing (outcome unknown if it was); try again.
        this.deps.logger.warn({ err, requestId: request.id }, 'could not read the target back from ARM');
        await this.markOverdueIfDue(request);
      }
      if (Date.now() >= deadline) return undefined;
      await this.pause(interval);
    }
  }

  private async markOverdueIfDue(request: ChangeRequest): Promise<void> {
    const unknown = request.execution?.unknown;
    if (!unknown || unknown.overdueAt) return;
    const overdueMs = this.deps.unknownOverdueMs ?? 30 * 60_000;
    if (this.deps.now().getTime() - Date.parse(unknown.since) < overdueMs) return;
    const checkCommand = statusCommandOf(request);
    // An operator must look: the bot cannot tell whether Azure made the change.
    this.deps.logger.error({ requestId: request.id, since: unknown.since, checkCommand }, 'outcome of an approved change still unknown: Azure could not be read back');
    const marked = await applyEvent(this.applyDeps, request.id, { type: 'outcomeOverdue', checkCommand }).catch((err: unknown) => {
      this.deps.logger.warn({ err, requestId: request.id }, 'could not record that the outcome is overdue');
      return undefined;
    });
    if (marked?.ok && marked.changed) {
      request.execution = marked.request.execution;
      this.notify((n) => n.requestChanged(request.id));
    }
  }

  /** The ARM part: the write, then its outcome (or the read-back that settles it). */
  private async carryOut(request: ChangeRequest): Promise<void> {
    const beat = setInterval(() => {
      applyEvent(this.applyDeps, request.id, { type: 'heartbeat' }).catch((err: unknown) => this.deps.logger.warn({ err }, 'could not refresh the execution heartbeat'));
    }, this.deps.heartbeatMs ?? 10_000);
    beat.unref();
    try {
      const outcome = await (this.deps.telemetry ?? NO_TELEMETRY).execution(request.id, request.kind, () => this.write(request), (o) => o.kind);
      if (outcome.kind === 'unknown') {
        const marked = await applyEvent(this.applyDeps, request.id, { type: 'outcomeUnknown', reason: outcome.reason, ...(outcome.armFailure ? { armFailure: outcome.armFailure } : {}) });
        if (!marked.ok) return;
        this.notify((n) => n.requestChanged(request.id));
        await this.settleUnknown(marked.request);
        return;
      }
      const event =
        outcome.kind === 'succeeded'
          ? { type: 'executionSucceeded' as const, result: { summary: outcome.summary } }
          : { type: 'executionFailed' as const, error: { ...(outcome.code ? { code: outcome.code } : {}), message: outcome.message } };
      const finished = await applyEvent(this.applyDeps, request.id, event);
      this.notify((n) => n.requestChanged(request.id));
      if (finished.ok) this.notify((n) => n.requestFinished(finished.request));
    } finally {
      clearInterval(beat);
    }
  }

  /** Reads the version back until it tells what happened; the sweep continues where a round left off. */
  private async settleUnknown(request: ChangeRequest): Promise<void> {
    const settled = await this.readBack(request);
    if (!settled) return;
    const result = await applyEvent(this.applyDeps, request.id, { type: 'reconcile', actual: settled.observed });
    if (!result.ok || !result.changed) return;
    this.notify((n) => n.requestChanged(request.id));
    if (result.request.state !== 'executing') this.notify((n) => n.requestFinished(result.request));
  }

  private async write(request: ChangeRequest): Promise<WriteOutcome> {
    const { applier, logger } = this.deps;
    // Recording the accepted operation runs beside the polling; it must land before the outcome does, or the
    // state machine would refuse it (the request would no longer be executing).
    let recording: Promise<unknown> = Promise.resolve();
    // A multi-step change (a repair) watches replication for a long time: closing the executor stops it.
    const stop = new AbortController();
    const abort = () => stop.abort();
    this.wakers.add(abort);
    try {
      const done = await applier.apply(
        request,
        (operation) => {
          recording = applyEvent(this.applyDeps, request.id, { type: 'armOperationStarted', operation })
            .then(() => this.notify((n) => n.requestChanged(request.id)))
            .catch((err: unknown) => logger.warn({ err }, 'could not record the ARM operation'));
        },
        { onProgress: (progress) => this.recordProgress(request.id, progress), signal: stop.signal },
      );
      await recording;
      return { kind: 'succeeded', summary: done.summary };
    } catch (err) {
      await recording;
      if (err instanceof OutcomeUnknownError) {
        logger.warn({ err, requestId: request.id, accepted: err.accepted }, 'outcome of the ARM change unknown; reading it back');
        return { kind: 'unknown', reason: err.userMessage, ...(err.armFailure ? { armFailure: err.armFailure } : {}) };
      }
      logger.warn({ err, requestId: request.id }, 'ARM refused the change');
      return err instanceof UserFacingError
        ? { kind: 'failed', code: err.kind, message: err.userMessage }
        : { kind: 'unknown', reason: 'The change failed in a way GalleryOps did not expect; the bot log has the details.' };
    } finally {
      this.wakers.delete(abort);
    }
  }

  /**
   * A step of a multi-step change, stored for the card. A step that announces a write is audited before the
   * write is sent: if it cannot be recorded (or the request is no longer executing), the write is not sent.
   */
  private async recordProgress(requestId: string, progress: ApplyProgress): Promise<void> {
    const event = { type: 'executionProgress' as const, text: progress.text, ...(progress.write ? { write: progress.write } : {}) };
    try {
      const result = await applyEvent(this.applyDeps, requestId, event);
      if (result.changed) this.notify((n) => n.requestChanged(requestId));
      if (progress.write && (!result.ok || result.request.state !== 'executing')) throw new Error(`request ${requestId} is no longer executing; the next write is not sent`);
    } catch (err) {
      this.deps.logger.warn({ err, requestId }, 'could not record a step of the change');
      if (progress.write) throw err;
    }
  }

  private ownerField(): { owner?: string } {
    return this.deps.owner ? { owner: this.deps.owner } : {};
  }

  /**
   * Chat delivery never holds up the Azure operation: Teams paces a busy conversation for seconds. The
   * notifier queues card updates per request and renders the stored state, so they still land in order.
   */
  private notify(send: (notifier: RequestNotifier) => Promise<void>): void {
    send(this.notifier).catch((err: unknown) => this.deps.logger.warn({ err }, 'notification failed'));
  }
}
