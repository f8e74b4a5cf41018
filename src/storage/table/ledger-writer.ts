import type { TableClient, TableTransactionResponse } from '@azure/data-tables';
import type { CommitResult, RequestWrite } from '../../approvals/request-store';
import { StoreError } from '../../errors';
import type { DamageRegister } from '../damage-register';
import { fullJitterMs, sleepUntil } from './backoff';
import { HeadTurns } from './head-turns';
import { buildAttempt, fitsGroup, type Attempt, type Job } from './ledger-attempt';
import { planClaims, type ClaimPlan } from './ledger-claims';
import type { LedgerReader, Row } from './ledger-reader';
import { settle } from './ledger-settle';
import { HEAD_ROW, LEDGER, SCHEMA_VERSION } from './table-layout';
import { busyError, isAmbiguous, isConflict, LedgerDamagedError, storeFailure } from './table-errors';

/**
 * This process's one writer to the ledger partition. Commits queue and run one at a time, so the process never
 * races itself for the head; audit-only units waiting together go out as one transaction (each caller still
 * gets exactly its own records, all stored or none). Other instances are met as 409/412: the attempt is
 * settled (see `settle`), then retried on what is stored now after an exponential, fully jittered wait, until
 * the caller's time limit, after which the caller gets a "busy" `StoreError` and nothing of its unit is stored.
 * Instances under sustained contention take turns (see `HeadTurns`). The time limit counts from the call, queue
 * included: it is what the person clicking waits at most.
 */
export class LedgerWriter {
  private readonly queue: Job[] = [];
  private running: Promise<void> | undefined;
  /** The head as this process's last transaction left it (ETag from the answer): saves a read per commit. */
  private cachedHead: Row | undefined;
  private readonly turns: HeadTurns;

  constructor(
    private readonly client: TableClient,
    private readonly reader: LedgerReader,
    private readonly damage: DamageRegister,
    private readonly timeoutMs: number,
  ) {
    this.turns = new HeadTurns(client);
  }

  commit(write: RequestWrite): Promise<CommitResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write, deadline: Date.now() + this.timeoutMs, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Resolves once every queued commit has finished. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const jobs = this.takeNext();
      try {
        await this.run(jobs);
      } catch (err) {
        this.cachedHead = undefined;
        for (const job of jobs) job.reject(err);
      }
    }
    // In the same synchronous step as the last look at the queue, so no commit can be left waiting unseen.
    this.running = undefined;
  }

  /** The next unit: a request unit alone, or every waiting audit-only unit that fits one transaction. */
  private takeNext(): Job[] {
    const first = this.queue.shift()!;
    if (first.write.request) return [first];
    const group = [first];
    let size = fitsGroup(0, 0, first.write);
    for (let i = 0; i < this.queue.length; ) {
      const job = this.queue[i]!;
      const next = job.write.request ? undefined : fitsGroup(size.entities, size.bytes, job.write);
      if (!next?.fits) {
        i++;
        continue;
      }
      group.push(job);
      size = next;
      this.queue.splice(i, 1);
    }
    return group;
  }

  /** Settles every job (resolves or rejects each); throws only what applies to all of them. */
  private async run(jobs: Job[]): Promise<void> {
    let live = jobs;
    for (let retry = 0; ; retry++) {
      // Every earlier attempt for these jobs is settled as not stored, so a job past its limit may be told "busy".
      const now = Date.now();
      for (const job of live) if (job.deadline <= now) job.reject(busyError(`no append slot within the time limit after ${retry} attempts`));
      live = live.filter((job) => job.deadline > now);
      if (live.length === 0) return;
      const deadline = Math.max(...live.map((job) => job.deadline));
      let attempt: Attempt | undefined;
      try {
        attempt = await this.prepare(live, deadline);
      } catch (err) {
        // One caller's oversized unit must not fail the callers grouped with it: each goes on alone.
        if (live.length === 1 || !(err instanceof StoreError) || err instanceof LedgerDamagedError) throw err;
        for (const job of live) await this.run([job]).catch((e: unknown) => job.reject(e));
        return;
      }
      if (!attempt) return;
      let response: TableTransactionResponse;
      try {
        response = await this.client.submitTransaction(attempt.actions, { abortSignal: AbortSignal.timeout(Math.max(200, deadline - Date.now())) });
      } catch (err) {
        this.cachedHead = undefined;
        if (!isConflict(err) && !isAmbiguous(err)) throw storeFailure('committing to the ledger', err);
        const settled = await settle(this.client, this.reader, this.damage, attempt, isAmbiguous(err), Math.max(deadline, Date.now() + this.timeoutMs));
        if (settled.landed) return this.won(attempt);
        // Wait first, then read afresh: a head read before the wait is stale by the time it is used.
        if (attempt.headEtag === undefined || !(await this.turns.lost(settled.headRow))) await sleepUntil(fullJitterMs(retry), deadline);
        continue;
      }
      this.cacheHead(attempt, response);
      return this.won(attempt);
    }
  }

  /**
   * Reads what the attempt depends on (claim rows included) and builds it, or answers the request unit without
   * writing (exists, claimed, not found, stale). Read failures are retried like contention: nothing has been sent yet.
   */
  private async prepare(live: Job[], deadline: number): Promise<Attempt | undefined> {
    const request = live.length === 1 ? live[0]!.write.request : undefined;
    const id = request ? ('create' in request ? request.create.id : request.replace.id) : undefined;
    const needsHead = live.some((job) => job.write.audit.length > 0) || (request !== undefined && 'create' in request);
    for (let retry = 0; ; retry++) {
      const options = { abortSignal: AbortSignal.timeout(Math.max(200, deadline - Date.now())) };
      let headRow: Row | undefined;
      let requestRow: Row | undefined;
      let claims: ClaimPlan;
      try {
        [headRow, requestRow, claims] = await Promise.all([
          needsHead ? (this.cachedHead ?? this.reader.headRow(options)) : undefined,
          id !== undefined ? this.reader.requestRow(id, options) : undefined,
          planClaims(this.reader, request, options),
        ]);
      } catch (err) {
        if (Date.now() >= deadline) throw busyError('the ledger could not be read within the time limit', err);
        await sleepUntil(fullJitterMs(retry + 3), deadline);
        continue;
      }
      if (this.turns.mustWait(headRow)) {
        this.cachedHead = undefined;
        await sleepUntil(10 + fullJitterMs(1), deadline);
        if (Date.now() < deadline) continue;
      }
      const job = live[0]!;
      if (request && 'create' in request && requestRow) return void job.resolve({ ok: false, reason: 'exists' });
      if ('held' in claims) return void job.resolve({ ok: false, reason: 'claimed', ...claims.held });
      if (request && 'replace' in request) {
        if (!requestRow) return void job.resolve({ ok: false, reason: 'not-found' });
        if (requestRow['revision'] !== request.expectedRevision) {
          const current = this.reader.decodeRequest(id!, requestRow);
          return void job.resolve({ ok: false, reason: 'stale', ...(current ? { current } : {}) });
        }
      }
      const head = needsHead ? this.reader.headOf(headRow) : undefined;
      return buildAttempt(live, needsHead ? headRow : undefined, head, requestRow, claims);
    }
  }

  private won(attempt: Attempt): void {
    if (attempt.headEtag !== undefined) this.turns.won();
    for (const { job, result } of attempt.results) job.resolve(result);
  }

  /** Keeps the head this transaction wrote, with the ETag the service answered for it (the last operation). */
  private cacheHead(attempt: Attempt, response: TableTransactionResponse): void {
    const sent = attempt.actions.at(-1)?.[1] as Record<string, unknown> | undefined;
    const answered = response.subResponses.at(-1);
    const fits = sent?.rowKey === HEAD_ROW && response.subResponses.length === attempt.actions.length && answered?.etag && (answered.rowKey ?? HEAD_ROW) === HEAD_ROW;
    this.cachedHead = fits && typeof sent['seq'] === 'number'
      ? { partitionKey: LEDGER, rowKey: HEAD_ROW, seq: sent['seq'], hash: sent['hash'], schemaVersion: SCHEMA_VERSION, etag: answered!.etag! }
      : attempt.headEtag === undefined ? this.cachedHead : undefined;
  }
}
