import type { TransactionAction } from '@azure/data-tables';
import { isFinal } from '../../approvals/change-request';
import { claimsOf, fieldKeysOf } from '../../approvals/field-claims';
import { SAFE_REQUEST_ID } from '../../approvals/request-order';
import type { RequestWrite } from '../../approvals/request-store';
import type { LedgerReader, ReadOptions, Row } from './ledger-reader';
import { claimRowKey, LEDGER, SCHEMA_VERSION } from './table-layout';

/**
 * What a request unit does to claims, decided on what was just read: refused (`held`), or the claim rows it
 * takes (created, or replaced at their ETag when their holder is closed) and releases (deleted). Takes are
 * conditional, so a claim taken by another instance since the read fails the whole transaction, and the writer
 * decides again on what is stored then.
 */
export type ClaimPlan =
  | { held: { holder: string; field: string } }
  | { take: Array<{ key: string; etag?: string }>; release: string[] };

const NOTHING: ClaimPlan = { take: [], release: [] };

/**
 * Reads the claim rows a request write touches. A create takes every field it sets (see `claimsOf`) unless an
 * open request holds one; a replace into a final state releases the claims the request holds. A claim counts
 * only while its holder is open: releases share the holder's final transaction, so a claim of a closed request
 * comes only from a hand edit, and must not block a field for ever.
 */
export async function planClaims(reader: LedgerReader, write: RequestWrite['request'], options: ReadOptions): Promise<ClaimPlan> {
  if (!write) return NOTHING;
  if ('create' in write) {
    const keys = claimsOf(write.create);
    const rows = await Promise.all(keys.map((key) => reader.claimRow(key, options)));
    const take: Array<{ key: string; etag?: string }> = [];
    for (const [i, key] of keys.entries()) {
      const row = rows[i];
      if (!row) {
        take.push({ key });
        continue;
      }
      const holder = String(row['holder']);
      if (await holderIsOpen(reader, holder, options)) return { held: { holder, field: key } };
      take.push({ key, etag: row.etag });
    }
    return { take, release: [] };
  }
  const request = write.replace;
  if (!isFinal(request.state)) return NOTHING;
  const keys = fieldKeysOf(request.changes);
  const rows = await Promise.all(keys.map((key) => reader.claimRow(key, options)));
  const release = keys.filter((_key, i) => rows[i]?.['holder'] === request.id);
  return { take: [], release };
}

/** The plan as transaction actions for request `holder`, each row marked with the attempt's `unit`. */
export function claimActions(plan: ClaimPlan, holder: string, unit: string): TransactionAction[] {
  if ('held' in plan) return [];
  return [
    ...plan.take.map(({ key, etag }): TransactionAction => {
      const entity = { ...claimEntity(key, holder), unit };
      return etag === undefined ? ['create', entity] : ['update', entity, 'Replace', { etag }];
    }),
    // The SDK sends a transaction's deletes without an ETag; they need none: the request's own write in the same
    // transaction is conditional, and nobody else writes a claim while its holder is open.
    ...plan.release.map((key): TransactionAction => ['delete', { partitionKey: LEDGER, rowKey: claimRowKey(key) }]),
  ];
}

/** A claim row: the key in words (the row key is encoded) and the request that holds it. */
export function claimEntity(key: string, holder: string): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  return { partitionKey: LEDGER, rowKey: claimRowKey(key), schemaVersion: SCHEMA_VERSION, claim: key, holder };
}

async function holderIsOpen(reader: LedgerReader, holder: string, options: ReadOptions): Promise<boolean> {
  if (!SAFE_REQUEST_ID.test(holder)) return false;
  const row: Row | undefined = await reader.requestRow(holder, options);
  // The column, not the body: a damaged holder still holds what it held.
  return row?.['isOpen'] === true;
}
