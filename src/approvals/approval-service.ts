import { DamagedRecordError, StoreError, StoreOutcomeUnknownError } from '../errors';
import type { Logger } from '../logging/logger';
import { applyEvent, recordNotFound, type ApplyDeps, type ApplyOutcome } from './apply-event';
import { isFinal, type Actor, type CardRef, type ChangeRequest } from './change-request';
import { createChangeRequest, type NewChangeRequest } from './create-request';
import { findRule } from './find-rule';
import { conflictAudit, heldField, type HeldField } from './held-field';
import type { Policy, PolicyRule } from './policy';
import type { Refusal } from './refusal';
import { randomRequestId } from './request-id';
import type { RequestExecutor } from './request-executor';
import type { RequestNotifier } from './request-notifier';
import type { ChangeRequestStore } from './request-store';
import { sameId } from './same-id';
import { SILENT_NOTIFIER } from './silent-notifier';
import { UnknownIdRefusals } from './unknown-id-refusals';
import { isDue } from './transition';
import { mayDecide } from './viewer-rights';
import { NO_TELEMETRY, type DecisionResult, type Telemetry } from '../telemetry/telemetry';

export interface ApprovalServiceDeps {
  requests: ChangeRequestStore;
  policy: Policy;
  executor: RequestExecutor;
  logger: Logger;
  now: () => Date;
  newId?: () => string;
  /** Window in which one person's refusals for unknown request ids become one audit record (ms). Default 60 s. */
  unknownIdWindowMs?: number;
  /** A span per decision and the approval latency. Default: none. */
  telemetry?: Telemetry;
}

/** `held`: not created because an open request already sets one of its fields (the same way, or another). */
export type SubmitOutcome = { ok: true; request: ChangeRequest; rule: PolicyRule } | { ok: false; refused: Refusal } | { ok: false; held: HeldField };

/** A decision someone takes in chat: the actor always comes from the activity, never from a card. */
export type Decision = { type: 'approve'; by: Actor } | { type: 'reject'; by: Actor; comment?: string } | { type: 'cancel'; by: Actor };

/**
 * A decision's outcome as the person who took it must hear it: accepted (stored with its audit record),
 * refused (and the refusal audited), or not recorded at all (storage could not take it in time; nothing changed).
 */
export type DecideOutcome =
  | ApplyOutcome
  | { ok: false; refused: { code: 'not-recorded' | 'recording-unknown'; reason: string }; changed: false; request?: ChangeRequest };

/**
 * The use cases around change requests: submit, decide, list, recover. Commands and the Teams layer call
 * this; the pure state machine decides, the store's atomic commits make each decision and its audit record
 * one unit and race-free, and the executor carries approved requests out in the background (an ARM operation
 * can take minutes; the click is answered at once and the card follows the operation).
 */
export class ApprovalService {
  private readonly newId: () => string;
  private readonly unknownIds: UnknownIdRefusals;
  private notifier: RequestNotifier = SILENT_NOTIFIER;

  constructor(private readonly deps: ApprovalServiceDeps) {
    this.newId = deps.newId ?? (() => randomRequestId());
    this.unknownIds = new UnknownIdRefusals((entries) => deps.requests.commit({ audit: entries }), { windowMs: deps.unknownIdWindowMs ?? 60_000 });
  }

  get policy(): Policy {
    return this.deps.policy;
  }

  /** Where request cards and outcomes go (the Teams layer); until attached, nobody is told. */
  attachNotifier(notifier: RequestNotifier): void {
    this.notifier = notifier;
    this.deps.executor.attachNotifier(notifier);
  }

  private get applyDeps(): ApplyDeps {
    return { requests: this.deps.requests, policy: this.deps.policy, now: this.deps.now, unknownIds: this.unknownIds };
  }

  /**
   * Checks the requester's rights and stores a new pending request with its audit record (or records the
   * refusal). The store refuses a request that sets a field an open request sets (a conditional insert, so two
   * instances cannot both create one): asking for what that request already asks gets it back (`held`, same
   * target); asking for another value is refused, naming it, and the refusal is recorded.
   */
  async submit(input: NewChangeRequest): Promise<SubmitOutcome> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const created = createChangeRequest(this.deps.policy, input, { now: this.deps.now(), newId: this.newId });
      if (!created.ok) {
        await this.deps.requests.commit({ audit: created.auditEvents });
        return created;
      }
      const stored = await this.deps.requests.commit({ request: { create: created.request }, audit: created.auditEvents });
      if (stored.ok) return { ok: true, request: stored.request ?? created.request, rule: created.rule };
      if (stored.reason !== 'claimed') continue; // random id collision: draw another
      const held = await this.heldBy(created.request, stored.holder, stored.field);
      if (!held) continue; // the holder closed meanwhile, or was due and is now expired: its fields are free
      if (!held.sameTarget) await this.deps.requests.commit({ audit: [conflictAudit(created.request, held, input.requester, this.deps.now())] });
      return { ok: false, held };
    }
    throw new Error('could not store the request in 5 attempts (id collisions, or its fields kept changing hands)');
  }

  /** The open request holding `field`, compared with what was asked; undefined once it no longer holds it. */
  private async heldBy(wanted: ChangeRequest, holderId: string, field: string): Promise<HeldField | undefined> {
    const holder = await this.deps.requests.get(holderId);
    if (!holder || isFinal(holder.state)) return undefined;
    if (holder.state === 'pending' && Date.parse(holder.expiresAt) <= this.deps.now().getTime()) {
      // Due, but no sweep has expired it yet: expiring it now releases its claims in the same unit.
      const outcome = await applyEvent(this.applyDeps, holder.id, { type: 'expire' });
      if (outcome.ok && outcome.changed) {
        this.notify((n) => n.requestChanged(holder.id));
        this.notify((n) => n.requestFinished(outcome.request));
      }
      return undefined;
    }
    return heldField(wanted, holder, field);
  }

  /** Remembers where a card was posted; the first copy (where it was asked) also fans the request out. */
  async cardPosted(requestId: string, card: CardRef, options: { announce: boolean; refresh?: boolean }): Promise<void> {
    const outcome = await applyEvent(this.applyDeps, requestId, { type: 'cardPosted', card });
    // Posting to the approvals channel and personal chats must not hold the requester's turn open.
    if (outcome.ok && options.announce) this.notify((n) => n.requestCreated(outcome.request));
    // A card shown again (`request`, a typed decision) was rendered before it was recorded; a decision or the
    // Azure operation may have moved on in between, and this copy would miss that update. Refresh it once.
    else if (outcome.ok && outcome.changed && options.refresh) this.notify((n) => n.requestChanged(requestId));
  }

  /**
   * Approve, reject or cancel: the one path for buttons and typed commands. Every refusal is audited by the
   * state machine and returned in words; when storage cannot take the decision and its audit record in time,
   * neither is stored and the outcome says so.
   */
  async decide(requestId: string, decision: Decision): Promise<DecideOutcome> {
    return (this.deps.telemetry ?? NO_TELEMETRY).decision(decision.type, requestId, () => this.decideNow(requestId, decision), (outcome) => this.measured(outcome));
  }

  /** A decision as telemetry counts it: accepted (with the time since the request was made) or the refusal's code. */
  private measured(outcome: DecideOutcome): DecisionResult {
    if (!outcome.ok) return { outcome: outcome.refused.code };
    if (!outcome.changed) return { outcome: 'unchanged' };
    return { outcome: 'accepted', latencyMs: this.deps.now().getTime() - Date.parse(outcome.request.createdAt) };
  }

  private async decideNow(requestId: string, decision: Decision): Promise<DecideOutcome> {
    let outcome: ApplyOutcome;
    try {
      outcome = await applyEvent(this.applyDeps, requestId, decision);
    } catch (err) {
      if (!(err instanceof StoreError) && !(err instanceof StoreOutcomeUnknownError)) throw err;
      const what = decision.type === 'approve' ? 'approval' : decision.type === 'reject' ? 'rejection' : 'cancellation';
      const request = await this.deps.requests.get(requestId).catch(() => undefined);
      const known = request ? { request } : {};
      if (err instanceof StoreOutcomeUnknownError) {
        this.deps.logger.error({ err, requestId, decision: decision.type }, 'storage stopped answering while a decision was written; it may or may not be recorded');
        const reason = `GalleryOps cannot tell yet whether your ${what} of ${requestId} was recorded: its storage stopped answering while writing it. Type \`request ${requestId}\` in a minute: the card then shows whether it counts. Do not decide again before that.`;
        return { ok: false, refused: { code: 'recording-unknown', reason }, changed: false, ...known };
      }
      this.deps.logger.error({ err, requestId, decision: decision.type }, 'a decision could not be recorded; nothing changed');
      // The decision and its audit record are written as one unit, so "not recorded" is true of both.
      const reason = `Your ${what} of ${requestId} was NOT recorded: GalleryOps could not write it to its storage in time, so neither it nor its audit record was stored. Nothing changed; try again in a minute.`;
      return { ok: false, refused: { code: 'not-recorded', reason }, changed: false, ...known };
    }
    if (!outcome.changed) return outcome;
    // The click is answered at once; every copy of the card follows (Teams may pace a busy conversation).
    this.notify((n) => n.requestChanged(requestId));
    const request = outcome.request;
    if (request.state === 'approved') this.startExecution(requestId);
    else if (request.state !== 'pending' && request.state !== 'cancelled') this.notify((n) => n.requestFinished(request));
    return outcome;
  }

  /**
   * A decision on something that cannot name a request (a malformed id from a card payload): refused and
   * audited like a click on an unknown id, since denied clicks are evidence too. `shownId` must be bounded.
   */
  async refuseUnknown(shownId: string, decision: Decision): Promise<ApplyOutcome> {
    return recordNotFound(this.applyDeps, shownId, decision, this.deps.now());
  }

  /** The stored request; throws `DamagedRecordError` when its record cannot be read. */
  async get(requestId: string): Promise<ChangeRequest | undefined> {
    return this.deps.requests.get(requestId);
  }

  /** Open requests this person can act on: approve (or reject) them, or cancel their own. */
  async actionableBy(aadObjectId: string | undefined): Promise<ChangeRequest[]> {
    if (!aadObjectId) return [];
    const open = await this.deps.requests.listOpen();
    const now = this.deps.now().getTime();
    return open.filter(
      (r) => r.state === 'pending' && Date.parse(r.expiresAt) > now && (mayDecide(r, aadObjectId, this.deps.policy) || sameId(r.requester.aadObjectId, aadObjectId)),
    );
  }

  /** The rule that governs a request now (for the card's "who may approve"). */
  ruleFor(request: ChangeRequest): PolicyRule | undefined {
    return findRule(this.deps.policy, request.scope);
  }

  /**
   * Start-up and periodic housekeeping: expire what is due, carry out what was approved but not started
   * (a crash between the two writes), settle executions whose outcome is unknown, reconcile what was executing
   * when its owner died, and write coalesced refusal records whose window has closed. One request failing
   * (a damaged record, ARM down) never stops the others.
   */
  async sweep(options: { reconcileOlderThanMs: number }): Promise<void> {
    const now = this.deps.now();
    await this.unknownIds.flushDue(now).catch((err: unknown) => this.deps.logger.warn({ err }, 'could not write coalesced refusal records yet'));
    for (const request of await this.deps.requests.listOpen()) {
      try {
        await this.housekeep(request, now.getTime(), options.reconcileOlderThanMs);
      } catch (err) {
        const level = err instanceof DamagedRecordError ? 'error' : 'warn';
        this.deps.logger[level]({ err, requestId: request.id }, 'housekeeping of a request failed; will retry on the next sweep');
      }
    }
  }

  /**
   * Before the process stops: let running executions finish for up to `graceMs` (default: none), stop watching
   * ARM, and write what is still held back (coalesced refusals). Returns the requests handed over unfinished.
   */
  async close(graceMs = 0): Promise<string[]> {
    const handedOver = await this.deps.executor.drain(graceMs);
    await this.unknownIds.flushAll(this.deps.now());
    return handedOver;
  }

  private async housekeep(request: ChangeRequest, now: number, reconcileOlderThanMs: number): Promise<void> {
    const { executor } = this.deps;
    // Approved requests that have not started are the gate re-check's (gate-recheck.ts), which budgets ARM reads.
    if (isDue(request, new Date(now))) {
      const outcome = await applyEvent(this.applyDeps, request.id, { type: 'expire' });
      if (outcome.ok && outcome.changed) {
        this.notify((n) => n.requestChanged(request.id));
        this.notify((n) => n.requestFinished(outcome.request));
      }
    } else if (request.state === 'executing' && !executor.isRunning(request.id)) {
      const e = request.execution;
      // An unknown outcome is settled by reading Azure back, whoever recorded it: reading changes nothing.
      if (e?.unknown) {
        executor.reconcile(request).catch((err: unknown) => this.deps.logger.warn({ err, requestId: request.id }, 'could not settle an unknown outcome yet'));
        return;
      }
      const since = Math.max(Date.parse(e?.intentRecordedAt ?? request.approvedAt ?? request.createdAt), e?.heartbeatAt ? Date.parse(e.heartbeatAt) : 0);
      if (now - since >= reconcileOlderThanMs) await executor.reconcile(request);
    }
  }

  private notify(send: (notifier: RequestNotifier) => Promise<void>): void {
    send(this.notifier).catch((err: unknown) => this.deps.logger.warn({ err }, 'notification failed'));
  }

  private startExecution(requestId: string): void {
    this.deps.executor.execute(requestId).catch((err: unknown) => {
      // The request stays approved or executing; the next sweep picks it up.
      this.deps.logger.error({ err, requestId }, 'executing an approved request failed');
    });
  }
}
