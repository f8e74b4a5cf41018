import { odata, type TableClient } from '@azure/data-tables';
import { LEDGER, LEGACY_REQUESTS, ownColumns, requestRowKey, SCHEMA_VERSION } from './table-layout';
import { isConflict, isNotFound, storeFailure } from './table-errors';

/**
 * Moves version 1's change requests (partition `request`, row key = id) into the ledger partition, where a
 * request and its audit records can share a transaction. Columns are copied as they are (the body and index
 * columns did not change), so a damaged row stays exactly as damaged and is reported from its new place.
 * Idempotent and safe when two instances start at once: the ledger row is created only if absent (a 409 means
 * another instance moved it, and it may already have been updated since), then the old row is deleted.
 * Old instances must be stopped first: a version 1 instance would keep writing the old partition, without
 * audit records in the same unit, and those writes would be ignored once the row has moved.
 */
export async function migrateV1Requests(client: TableClient): Promise<number> {
  let moved = 0;
  try {
    for await (const row of client.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${LEGACY_REQUESTS}` } })) {
      const id = row.rowKey!;
      try {
        await client.createEntity({ ...ownColumns(row), partitionKey: LEDGER, rowKey: requestRowKey(id), schemaVersion: SCHEMA_VERSION });
        moved++;
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
      await client.deleteEntity(LEGACY_REQUESTS, id).catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
    }
  } catch (err) {
    throw storeFailure('moving change requests of the previous layout into the ledger partition', err);
  }
  return moved;
}

/** Whether version 1 rows are still waiting to move (a read-only store then reads them where they are). */
export async function hasV1Requests(client: TableClient): Promise<boolean> {
  try {
    for await (const _row of client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${LEGACY_REQUESTS}`, select: ['RowKey'] } })) return true;
    return false;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw storeFailure('looking for change requests of the previous layout', err);
  }
}
