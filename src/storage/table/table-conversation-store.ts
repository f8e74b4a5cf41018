import type { TableClient, TableEntityResult } from '@azure/data-tables';
import { conversationRecordSchema } from '../../conversations/conversation-record-schema';
import type { ConversationRecord, ConversationStore } from '../../conversations/conversation-store';
import { StoreError } from '../../errors';
import { conversationKeyHash } from '../conversation-key-hash';
import type { DamageRegister } from '../damage-register';
import { decodeEntity } from './decode-entity';
import { toBodyColumns } from './entity-body';
import { CONVERSATIONS, SCHEMA_VERSION } from './table-layout';
import { isNotFound, storeFailure } from './table-errors';

type Row = Record<string, unknown>;

/**
 * Records as rows of one partition, keyed by the key's hash: row keys may not hold `/ \ # ?` or control
 * characters and are capped at 1 KiB, and Teams ids contain `:` and `@` and can be long. The record,
 * key included, is the body, split over columns like the ledger's. A put is an unconditional upsert: last
 * write wins, as the port asks. A damaged row reads as absent (and is reported): a lost reference costs one
 * proactive message until the person writes again, never a failed turn.
 */
export class TableConversationStore implements ConversationStore {
  constructor(
    private readonly client: TableClient,
    private readonly damage: DamageRegister,
    private readonly readOnly: boolean,
  ) {}

  async get(key: string): Promise<ConversationRecord | undefined> {
    const row = await this.read(key);
    if (!row) return undefined;
    const decoded = decodeEntity(row, conversationRecordSchema);
    if (!decoded.ok || decoded.value.key !== key) {
      this.damage.report({ kind: 'conversation', key, problem: decoded.ok ? 'the record names another key' : decoded.problem });
      return undefined;
    }
    this.damage.healed('conversation', key);
    return decoded.value;
  }

  async put(record: ConversationRecord): Promise<void> {
    if (this.readOnly) throw new StoreError('the Table store is open read-only');
    const json = JSON.stringify({ key: record.key, value: record.value, updatedAt: record.updatedAt });
    const entity = { partitionKey: CONVERSATIONS, rowKey: conversationKeyHash(record.key), schemaVersion: SCHEMA_VERSION, ...toBodyColumns(json) };
    try {
      // Replace, not Merge: a shorter body must not leave a longer one's trailing `bodyN` columns behind.
      await this.client.upsertEntity(entity, 'Replace');
    } catch (err) {
      throw storeFailure('storing a conversation reference', err);
    }
  }

  private async read(key: string): Promise<TableEntityResult<Row> | undefined> {
    try {
      return await this.client.getEntity<Row>(CONVERSATIONS, conversationKeyHash(key));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw storeFailure('reading a conversation reference', err);
    }
  }
}
