import { odata } from '@azure/data-tables';

/**
 * Where everything lives in the one table. Schema version 2 (this code) puts change requests in the ledger
 * partition beside the audit chain, so a request write and its audit records can be one entity-group
 * transaction. Version 1 (before) kept requests in their own partition and wrote no `schemaVersion` column;
 * entities without one are read as version 1 (audit records, head and conversations did not change layout).
 */
export const SCHEMA_VERSION = 2;

/** The ledger: audit head (`head`), records (`r` + 12-digit seq), change requests (`cr:<id>`) and claims (`cl:<key>`). */
export const LEDGER = 'audit';
export const HEAD_ROW = 'head';
/** Version 1's change requests (row key = id); moved into the ledger when a writable store opens. */
export const LEGACY_REQUESTS = 'request';
export const CONVERSATIONS = 'conversation';
/** Evidence bundle skeletons (row key = the bundle's sha256) and their content-addressed parts. */
export const BUNDLES = 'evidence';
export const PARTS = 'evidence-part';
/** Conversations' subscriptions (row key = the subscription id). */
export const SUBSCRIPTIONS = 'subscription';
/** Events delivered to one subscription: partition `delivered:<subscription id>`, row key = the event id's hash. */
export const deliveriesPartition = (subscriptionId: string): string => `delivered:${subscriptionId}`;
/** Bookkeeping that belongs to no record (the writability probe of `check`). */
export const META = 'meta';

/** Row keys sort as numbers (`r000000000042`), so the service returns records in chain order. */
export const auditRowKey = (seq: number): string => `r${String(seq).padStart(12, '0')}`;
export const requestRowKey = (id: string): string => `cr:${id}`;
/**
 * A claim on a field (`cl:` + the claim key, URI-encoded: row keys may not hold `/`, `#` or `?`). Claims live in
 * the ledger partition so the request that holds them is written in the same transaction.
 */
export const claimRowKey = (key: string): string => `cl:${encodeURIComponent(key)}`;

/** Every audit record and nothing else: `r0…` up to `r9…` (`:` sorts right after `9`; `cr:` and `head` sort before). */
export function auditRange(fromSeq?: number, toSeq?: number): string {
  const from = fromSeq !== undefined && fromSeq > 0 ? auditRowKey(Math.floor(fromSeq)) : 'r0';
  const upper = toSeq !== undefined ? odata`RowKey le ${auditRowKey(Math.max(0, Math.floor(toSeq)))}` : "RowKey lt 'r:'";
  return `${odata`PartitionKey eq ${LEDGER} and RowKey ge ${from}`} and ${upper}`;
}

/** Every claim of the ledger (`cl:` up to `cl;`). */
export const CLAIM_RANGE = odata`PartitionKey eq ${LEDGER} and RowKey ge 'cl:' and RowKey lt 'cl;'`;

/** Every change request of the ledger (`cr:` up to `cr;`, the next character). */
export const REQUEST_RANGE = odata`PartitionKey eq ${LEDGER} and RowKey ge 'cr:' and RowKey lt 'cr;'`;

/** The columns Table Storage adds to what an entity holds; everything else was written by GalleryOps. */
export function ownColumns(entity: Record<string, unknown>): Record<string, unknown> {
  const { partitionKey: _p, rowKey: _r, etag: _e, timestamp: _t, ...columns } = entity;
  return columns;
}
