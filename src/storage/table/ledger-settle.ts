import type { TableClient } from '@azure/data-tables';
import { GENESIS_HASH } from '../../audit/audit-record';
import type { DamageRegister } from '../damage-register';
import { sleepUntil } from './backoff';
import { bodyTextOf } from './entity-body';
import type { Attempt } from './ledger-attempt';
import type { LedgerReader, Row } from './ledger-reader';
import { auditRowKey, HEAD_ROW, LEDGER, requestRowKey, SCHEMA_VERSION } from './table-layout';
import { isConflict, LedgerDamagedError, StoreOutcomeUnknownError } from './table-errors';

/** What reading back after a failed transaction proved: it was applied, or it never will be. */
export type Settled = { landed: true } | { landed: false; headRow?: Row };

/**
 * Decides whether a transaction that failed (or whose answer was lost) was applied. Applied: its last record
 * (or, without records, its request) is stored exactly as sent. Never applied, and never will be: a condition
 * it carried no longer holds (the head or request has another ETag). When every condition still holds after an
 * ambiguous failure, the transaction may still be on its way: the head (or request) is touched with the same
 * ETag, a "fence", after which it can no longer apply. So the caller is never told "not stored" about
 * something that is, or will be, stored. Reads are retried until `deadline`; past it the outcome stays unknown.
 */
export async function settle(client: TableClient, reader: LedgerReader, damage: DamageRegister, attempt: Attempt, ambiguous: boolean, deadline: number): Promise<Settled> {
  for (let round = 0; ; round++) {
    try {
      return await settleOnce(client, reader, damage, attempt, ambiguous);
    } catch (err) {
      if (err instanceof LedgerDamagedError) throw err;
      if (!isConflict(err) && Date.now() >= deadline) {
        throw new StoreOutcomeUnknownError('a transaction was sent, its answer was lost, and reading back failed until the time limit', { cause: err });
      }
      if (!isConflict(err)) await sleepUntil(50 * 2 ** Math.min(round, 4), deadline);
    }
  }
}

async function settleOnce(client: TableClient, reader: LedgerReader, damage: DamageRegister, attempt: Attempt, ambiguous: boolean): Promise<Settled> {
  const last = attempt.records.at(-1);
  if (attempt.headEtag !== undefined) {
    const headRow = await reader.headRow();
    const head = reader.headOf(headRow);
    if (last ? head !== undefined && head.seq >= last.seq && (await holdsAsSent(reader.auditRow(last.seq), attempt, auditRowKey(last.seq))) : await holdsAsSent(requestRowOf(reader, attempt), attempt, createdRowKey(attempt))) {
      return { landed: true };
    }
    if ((headRow?.etag ?? null) !== attempt.headEtag) return { landed: false, headRow };
    if (!ambiguous) {
      // Refused although the head is where it was: a record row already sits past the head.
      const first = attempt.records[0];
      if (first && (await reader.auditRow(first.seq))) {
        const problem = `audit record ${first.seq} exists although the head says ${head?.seq ?? 0}: the log was damaged`;
        damage.report({ kind: 'audit', key: HEAD_ROW, problem });
        throw new LedgerDamagedError(`${problem} (run npm run store:check)`);
      }
      return { landed: false, headRow };
    }
    await fenceHead(client, attempt.headEtag);
    return { landed: false };
  }
  const request = attempt.request!;
  const row = await reader.requestRow(request.id);
  if (row && row.etag !== request.etag && bodyTextMatches(row, request.bodyText)) return { landed: true };
  if (!row || row.etag !== request.etag || !ambiguous) return { landed: false };
  await client.updateEntity({ partitionKey: LEDGER, rowKey: requestRowKey(request.id) }, 'Merge', { etag: request.etag! });
  return { landed: false };
}

/** Touches the head with the ETag the attempt carried (or creates an empty-chain head): the attempt is then dead. */
async function fenceHead(client: TableClient, etag: string | null): Promise<void> {
  if (etag === null) {
    await client.createEntity({ partitionKey: LEDGER, rowKey: HEAD_ROW, seq: 0, hash: GENESIS_HASH, schemaVersion: SCHEMA_VERSION });
  } else {
    await client.updateEntity({ partitionKey: LEDGER, rowKey: HEAD_ROW }, 'Merge', { etag });
  }
}

/** The request row a create-only attempt wrote (no records to look for). */
function requestRowOf(reader: LedgerReader, attempt: Attempt): Promise<Row | undefined> {
  const created = attempt.results.find((r) => r.result.request)?.result.request;
  return created ? reader.requestRow(created.id) : Promise.resolve(undefined);
}

function createdRowKey(attempt: Attempt): string {
  const created = attempt.results.find((r) => r.result.request)?.result.request;
  return created ? requestRowKey(created.id) : '';
}

/** Whether the stored row holds exactly the body this attempt sent for that row key. */
async function holdsAsSent(read: Promise<Row | undefined>, attempt: Attempt, rowKey: string): Promise<boolean> {
  const row = await read;
  const sent = attempt.actions.find(([, entity]) => entity.rowKey === rowKey)?.[1] as Record<string, unknown> | undefined;
  if (!row || !sent) return false;
  const body = bodyTextOf(sent);
  return body.ok && bodyTextMatches(row, body.text);
}

function bodyTextMatches(row: Row, text: string): boolean {
  const stored = bodyTextOf(row);
  return stored.ok && stored.text === text;
}
