import type { AuditLog } from '../audit/audit-log';
import type { Logger } from '../logging/logger';
import type { ChangeRequestStore } from '../storage/store-port';
import { applyEvent, recordNotFound, type ApplyDeps, type ApplyOutcome } from './apply-event';
import type { Actor, CardRef, ChangeRequest } from './change-request';
import { createChangeRequest, type NewChangeRequest } from './create-request';
import { findRule } from './find-rule';
import type { Policy, PolicyRule } from './policy';
import type { Refusal } from './refusal';
import { randomRequestId } from './request-id';
import type { RequestExecutor } from './request-executor';
import type { RequestNotifier } from './request-notifier';
import { sameId } from './same-id';
import { mayDecide } from './viewer-rights';

export interface ApprovalServiceDeps {
  requests: ChangeRequestStore;
  audit: AuditLog;
  policy: Policy;
  executor: RequestExecutor;
  notifier: RequestNotifier;
  logger: Logger;
  now: () => Date;
  newId?: () => string;
}

export type SubmitOutcome = { ok: true; request: ChangeRequest; rule: PolicyRule } | { ok: false; refused: Refusal };

/** A decision someone takes in chat: the actor always comes from the activity, never from a card. */
export type Decision = { type: 'approve'; by: Actor } | { type: 'reject'; by: Actor; comment?: string } | { type: 'cancel'; by: Actor };

/**
 * The use cases around change requests: submit, decide, list, recover. Commands and the Teams layer call
 * this; the pure state machine decides, the store's conditional writes make the decisions race-free, and
 * the executor carries approved requests out in the background (an ARM operation can take minutes; the
 * click is answered at once and the card follows the operation).
 */
export class ApprovalService {
  private readonly newId: () => string;

  constructor(private readonly deps: ApprovalServiceDeps) {
    this.newId = deps.newId ?? (() => randomRequestId());
  }

  get policy(): Policy {
    return this.deps.policy;
  }

  private get applyDeps(): ApplyDeps {
    return { requests: this.deps.requests, audit: this.deps.audit, policy: this.deps.policy, now: this.deps.now };
  }

  /** Checks the requester's rights and stores a new pending request (or records the refusal). */
  async submit(input: NewChangeRequest): Promise<SubmitOutcome> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const created = createChangeRequest(this.deps.policy, input, { now: this.deps.now(), newId: this.newId });
      if (!created.ok) {
        await this.deps.audit.append(...created.auditEvents);
        return created;
      }
      const stored = await this.deps.requests.create(created.request);
      if (!stored.ok) continue; // random id collision: draw another
      await this.deps.audit.append(...created.auditEvents);
      return { ok: true, request: created.request, rule: created.rule };
    }
    throw new Error('could not draw an unused request id in 5 attempts');
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

  /** Approve, reject or cancel; every refusal is audited by the state machine and returned in words. */
  async decide(requestId: string, decision: Decision): Promise<ApplyOutcome> {
    const outcome = await applyEvent(this.applyDeps, requestId, decision);
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
   * (a crash between the two writes), reconcile what was executing when a process died.
   */
  async sweep(options: { reconcileOlderThanMs: number }): Promise<void> {
    const now = this.deps.now().getTime();
    for (const request of await this.deps.requests.listOpen()) {
      try {
        if (request.state === 'pending' && Date.parse(request.expiresAt) <= now) {
          const outcome = await applyEvent(this.applyDeps, request.id, { type: 'expire' });
          if (outcome.ok && outcome.changed) {
            this.notify((n) => n.requestChanged(request.id));
            this.notify((n) => n.requestFinished(outcome.request));
          }
        } else if (request.state === 'approved') {
          await this.deps.executor.execute(request.id);
        } else if (request.state === 'executing' && !this.deps.executor.isRunning(request.id)) {
          const e = request.execution;
          const since = Math.max(Date.parse(e?.intentRecordedAt ?? request.approvedAt ?? request.createdAt), e?.heartbeatAt ? Date.parse(e.heartbeatAt) : 0);
          if (now - since >= options.reconcileOlderThanMs) await this.deps.executor.reconcile(request);
        }
      } catch (err) {
        this.deps.logger.error({ err, requestId: request.id }, 'housekeeping of a request failed; will retry on the next sweep');
      }
    }
  }

  private notify(send: (notifier: RequestNotifier) => Promise<void>): void {
    send(this.deps.notifier).catch((err: unknown) => this.deps.logger.warn({ err }, 'notification failed'));
  }

  private startExecution(requestId: string): void {
    this.deps.executor.execute(requestId).catch((err: unknown) => {
      // The request stays approved or executing; the next sweep picks it up.
      this.deps.logger.error({ err, requestId }, 'executing an approved request failed');
    });
  }
}
