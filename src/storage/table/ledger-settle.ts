import type { TableClient } from '@azure/data-tables';
import { GENESIS_HASH } from '../../audit/audit-record';
import type { DamageRegister } from '../damage-register';
import { sleepUntil } from './backoff';
import type { Attempt } from './ledger-attempt';
import type { LedgerReader, Row } from './ledger-reader';
import { HEAD_ROW, LEDGER, requestRowKey, SCHEMA_VERSION } from './table-layout';
import { StoreOutcomeUnknownError } from '../../errors';
import { isConflict, LedgerDamagedError } from './table-errors';

/** What reading back after a failed transaction proved: it was applied, or it never will be. */
export type Settled = { landed: true } | { landed: false; headRow?: Row };

/**
 * Decides whether a transaction that failed (or whose answer was lost) was applied. Applied: its last record
 * (or, without records, its request row) carries the attempt's unit id. Never applied, and never will be: a
 * condition it carried no longer holds (the head or the request has another ETag, and ETags never repeat).
 * When every condition still holds after an ambiguous failure, the transaction may still be on its way: the
 * head (or request) is touched with the same ETag, a "fence", after which it can no longer apply. So a caller
 * is never told "not stored" about something that is, or later will be, stored. Reads are retried until
 * `deadline`; past it the outcome is unknown and said so (`StoreOutcomeUnknownError`, not "nothing changed").
 */
export async function settle(client: TableClient, reader: LedgerReader, damage: DamageRegister, attempt: Attempt, ambiguous: boolean, deadline: number): Promise<Settled> {
  for (let round = 0; ; round++) {
    try {
      return await settleOnce(client, reader, damage, attempt, ambiguous);
    } catch (err) {
      if (err instanceof LedgerDamagedError) throw err;
      // A fence refused (409/412) means the head moved meanwhile: look again at once.
      if (isConflict(err)) continue;
      if (Date.now() >= deadline) {
        throw new StoreOutcomeUnknownError('a transaction was sent, its answer was lost, and reading back failed until the time limit', { cause: err });
      }
      await sleepUntil(50 * 2 ** Math.min(round, 4), deadline);
    }
  }
}

async function settleOnce(client: TableClient, reader: LedgerReader, damage: DamageRegister, attempt: Attempt, ambiguous: boolean): Promise<Settled> {
  if (attempt.headEtag === undefined) return settleRequestOnly(client, reader, attempt, ambiguous);
  const headRow = await reader.headRow();
  const head = reader.headOf(headRow);
  const last = attempt.records.at(-1);
  const created = attempt.results.find((r) => r.result.request)?.result.request;
  const witness = last ? (head && head.seq >= last.seq ? await reader.auditRow(last.seq) : undefined) : created ? await reader.requestRow(created.id) : undefined;
  if (witness?.['unit'] === attempt.unit) return { landed: true };
  if ((headRow?.etag ?? null) !== attempt.headEtag) return { landed: false, headRow };
  if (!ambiguous) {
    // Refused although the head is where it was: either the request's condition failed (the caller re-reads
    // and answers stale or exists), or a record row already sits past the head, which no retry can get past.
    const first = attempt.records[0];
    if (first && (await reader.auditRow(first.seq))) {
      const problem = `audit record ${first.seq} exists although the head says ${head?.seq ?? 0}: the log was damaged`;
      damage.report({ kind: 'audit', key: HEAD_ROW, problem });
      throw new LedgerDamagedError(`${problem} (run npm run store:check)`);
    }
    return { landed: false, headRow };
  }
  if (attempt.headEtag === null) {
    await client.createEntity({ partitionKey: LEDGER, rowKey: HEAD_ROW, seq: 0, hash: GENESIS_HASH, schemaVersion: SCHEMA_VERSION });
  } else {
    await client.updateEntity({ partitionKey: LEDGER, rowKey: HEAD_ROW }, 'Merge', { etag: attempt.headEtag });
  }
  return { landed: false };
}

/** A request written without the head (heartbeat, card bookkeeping): its own ETag is the only condition. */
async function settleRequestOnly(client: TableClient, reader: LedgerReader, attempt: Attempt, ambiguous: boolean): Promise<Settled> {
  const request = attempt.request!;
  const row = await reader.requestRow(request.id);
  if (row?.['unit'] === attempt.unit) return { landed: true };
  if (!row || row.etag !== request.etag || !ambiguous) return { landed: false };
  await client.updateEntity({ partitionKey: LEDGER, rowKey: requestRowKey(request.id) }, 'Merge', { etag: request.etag });
  return { landed: false };
}
