import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import type { Row } from './ledger-reader';
import { HEAD_ROW, LEDGER } from './table-layout';

/**
 * Turn-taking between instances that contend for the head. Without it, sustained load starves an instance:
 * the one that just committed holds the head's ETag from its own answer and sends its next transaction at
 * once, while the one that lost must first read the head, so it arrives late every round (measured: one of two
 * instances under 50 callers each stored nothing in 5 s, and every caller there was told "busy").
 *
 * An instance that lost twice in a row marks the head with a claim (`waiting`: a Merge, so seq and hash stay
 * as they are). The claim changes the head's ETag, so the other instance's next attempt fails; on reading the
 * head it sees the foreign claim and waits (at most `patienceMs` per claim, by its own clock, so a claimant that
 * died holds nobody up for long), while the claimant commits, which replaces the head without the claim.
 * Correctness never rests on this: every write stays conditional on the ETag; claims only order the retries.
 */
export class HeadTurns {
  private readonly id = randomUUID().slice(0, 8);
  private claims = 0;
  private losses = 0;
  private seen: { claim: string; since: number } | undefined;

  constructor(
    private readonly client: TableClient,
    private readonly patienceMs = 250,
  ) {}

  won(): void {
    this.losses = 0;
  }

  /** After a lost round: true when this instance has claimed the next turn (retry at once, no backoff). */
  async lost(headRow: Row | undefined): Promise<boolean> {
    this.losses++;
    // Another instance's live claim is respected, not overwritten: two claimants would only kill each other's attempts.
    if (this.losses < 2 || this.mustWait(headRow)) return false;
    try {
      await this.client.updateEntity({ partitionKey: LEDGER, rowKey: HEAD_ROW, waiting: `${this.id}:${++this.claims}` }, 'Merge');
      return true;
    } catch {
      return false;
    }
  }

  /** Whether another instance's claim on this head asks this one to hold back for now. */
  mustWait(headRow: Row | undefined): boolean {
    const claim = headRow?.['waiting'];
    if (typeof claim !== 'string' || claim.startsWith(`${this.id}:`)) return false;
    if (this.seen?.claim !== claim) this.seen = { claim, since: Date.now() };
    return Date.now() - this.seen.since < this.patienceMs;
  }
}
