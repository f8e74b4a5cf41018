import type { TableClient, TransactionAction } from '@azure/data-tables';
import { claimsOf } from '../../approvals/field-claims';
import { byCreation } from '../../approvals/request-order';
import { claimEntity } from './ledger-claims';
import type { LedgerReader, Row } from './ledger-reader';
import { CLAIM_RANGE, LEDGER, requestRowKey } from './table-layout';
import { isConflict, storeFailure } from './table-errors';

/**
 * Claims what open requests do not hold yet: the fields of requests stored before claims existed (and moved in
 * by `migrateV1Requests`). Runs when a writable store opens, before it serves; old instances must be stopped
 * first, as for that move (they write requests without claims). Each request's claims are written in one
 * transaction with a touch of its row at the ETag it was read with, so a request decided meanwhile (perhaps
 * closed, its claims released) is skipped rather than given claims it no longer holds; two instances opening at
 * once cannot both take a field (creates are conditional). Where two such requests set the same field, the
 * older keeps it; the other stays listed and decidable, and takes the field at a later open once the older one
 * has closed. A claim whose holder is closed (a hand edit) is taken over. Returns how many requests claimed fields.
 */
export async function claimOpenRequests(client: TableClient, reader: LedgerReader): Promise<number> {
  const rows = await reader.requestRows('isOpen eq true');
  const claims = new Map<string, Row>();
  for (const row of await reader.query(CLAIM_RANGE, 'listing claims')) claims.set(String(row['claim']), row);
  const requests = [...rows].flatMap(([id, row]) => {
    const request = reader.decodeRequest(id, row);
    return request ? [request] : [];
  });
  let claimed = 0;
  for (const request of requests.sort(byCreation)) {
    const actions: TransactionAction[] = [];
    for (const key of claimsOf(request)) {
      const row = claims.get(key);
      const holder = row === undefined ? undefined : String(row['holder']);
      if (holder !== undefined && (holder === request.id || rows.has(holder))) continue;
      actions.push(row ? ['update', claimEntity(key, request.id), 'Replace', { etag: row.etag }] : ['create', claimEntity(key, request.id)]);
    }
    if (actions.length === 0) continue;
    const etag = rows.get(request.id)!.etag;
    try {
      await client.submitTransaction([['update', { partitionKey: LEDGER, rowKey: requestRowKey(request.id) }, 'Merge', { etag }], ...actions]);
    } catch (err) {
      // Decided meanwhile, or another instance claimed first: the next open looks again.
      if (isConflict(err)) continue;
      throw storeFailure(`claiming the fields of open request ${request.id}`, err);
    }
    for (const [, entity] of actions) claims.set(String(entity['claim']), entity as Row);
    claimed++;
  }
  return claimed;
}
