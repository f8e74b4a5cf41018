import type { TableClient, TableEntityResult } from '@azure/data-tables';
import { conversationKeyHash } from '../conversation-key-hash';
import { conversationRecordSchema } from '../conversation-record-schema';
import { StoreError } from '../store-error';
import type { ConversationRecord, ConversationStore } from '../store-port';
import { toBodyColumns } from './entity-body';
import { parseEntity } from './parse-entity';
import { isNotFound, storeFailure } from './table-errors';

const PARTITION = 'conversation';
type Row = Record<string, unknown>;

/**
 * Records as rows of one partition, keyed by the key's hash: row keys may not hold `/ \ # ?` or control
 * characters and are capped at 1 KiB, and Teams ids contain `:` and `@` and can be long. The record,
 * key included, is the body, split over columns like the other stores' (a conversation reference is a few
 * KB of JSON). A put is an unconditional upsert: last write wins, as the port asks.
 */
export class TableConversationStore implements ConversationStore {
  constructor(private readonly client: TableClient) {}

  async get(key: string): Promise<ConversationRecord | undefined> {
    const row = await this.read(key);
    if (!row) return undefined;
    const record = parseEntity(row, conversationRecordSchema);
    if (record.key !== key) throw new StoreError(`table row ${row.rowKey ?? ''} holds the record of another key`);
    return record;
  }

  async put(record: ConversationRecord): Promise<void> {
    const json = JSON.stringify({ key: record.key, value: record.value, updatedAt: record.updatedAt });
    const entity = { partitionKey: PARTITION, rowKey: conversationKeyHash(record.key), ...toBodyColumns(json) };
    try {
      // Replace, not Merge: a shorter body must not leave a longer one's trailing `bodyN` columns behind.
      await this.client.upsertEntity(entity, 'Replace');
    } catch (err) {
      throw storeFailure('storing a conversation reference', err);
    }
  }

  private async read(key: string): Promise<TableEntityResult<Row> | undefined> {
    try {
      return await this.client.getEntity<Row>(PARTITION, conversationKeyHash(key));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw storeFailure('reading a conversation reference', err);
    }
  }
}
