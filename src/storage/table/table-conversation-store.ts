import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import { conversationRecordSchema } from '../../conversations/conversation-record-schema';
import type { ConversationRecord, ConversationStore } from '../../conversations/conversation-store';
import { StoreError } from '../../errors';
import { conversationKeyHash } from '../conversation-key-hash';
import type { DamageRegister } from '../damage-register';
import { decodeEntity } from './decode-entity';
import { toBodyColumns } from './entity-body';
import { CONVERSATIONS, SCHEMA_VERSION } from './table-layout';
import { isNotFound, storeFailure } from './table-errors';
import { transactionBatches } from './transaction-batches';

type Row = Record<string, unknown>;

/** A record as its row: the record, key included, as the body (see toBodyColumns). */
function entityOf(record: ConversationRecord) {
  const json = JSON.stringify({ key: record.key, value: record.value, updatedAt: record.updatedAt });
  return { partitionKey: CONVERSATIONS, rowKey: conversationKeyHash(record.key), schemaVersion: SCHEMA_VERSION, ...toBodyColumns(json) };
}

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
    try {
      // Replace, not Merge: a shorter body must not leave a longer one's trailing `bodyN` columns behind.
      await this.client.upsertEntity(entityOf(record), 'Replace');
    } catch (err) {
      throw storeFailure('storing a conversation reference', err);
    }
  }

  /** All rows are in one partition, so a batch is as few entity-group transactions as the service's limits allow. */
  async putMany(records: readonly ConversationRecord[]): Promise<void> {
    if (this.readOnly) throw new StoreError('the Table store is open read-only');
    try {
      const upserts = records.map((record): TransactionAction => ['upsert', entityOf(record), 'Replace']);
      for (const batch of transactionBatches(upserts)) await this.client.submitTransaction(batch);
    } catch (err) {
      throw storeFailure('storing conversation references', err);
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
