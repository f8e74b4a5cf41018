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

/** Operations in one Table Storage entity-group transaction, at most. */
const TRANSACTION_OPERATIONS = 100;
/** Body bytes per transaction, at most: half the service's 4 MiB, leaving room for the request's own framing. */
const TRANSACTION_BODY_BYTES = 2 * 1024 * 1024;

type ConversationEntity = ReturnType<typeof entityOf>;

function entityOf(record: ConversationRecord) {
  const json = JSON.stringify({ key: record.key, value: record.value, updatedAt: record.updatedAt });
  return { partitionKey: CONVERSATIONS, rowKey: conversationKeyHash(record.key), schemaVersion: SCHEMA_VERSION, bytes: Buffer.byteLength(json), ...toBodyColumns(json) };
}

/** Entities in groups that each fit one transaction (a single entity larger than the budget goes alone). */
function transactionGroups(entities: readonly ConversationEntity[]): Array<Array<Omit<ConversationEntity, 'bytes'>>> {
  const groups: Array<Array<Omit<ConversationEntity, 'bytes'>>> = [];
  let group: Array<Omit<ConversationEntity, 'bytes'>> = [];
  let bytes = 0;
  for (const { bytes: size, ...entity } of entities) {
    if (group.length > 0 && (group.length >= TRANSACTION_OPERATIONS || bytes + size > TRANSACTION_BODY_BYTES)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(entity);
    bytes += size;
  }
  if (group.length > 0) groups.push(group);
  return groups;
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
      const { bytes: _size, ...entity } = entityOf(record);
      await this.client.upsertEntity(entity, 'Replace');
    } catch (err) {
      throw storeFailure('storing a conversation reference', err);
    }
  }

  /**
   * All rows are in one partition, so a batch is one entity-group transaction per 100 records or 2 MiB of bodies
   * (the service takes 100 operations and 4 MiB a transaction). Each transaction is all or nothing.
   */
  async putMany(records: readonly ConversationRecord[]): Promise<void> {
    if (this.readOnly) throw new StoreError('the Table store is open read-only');
    try {
      for (const group of transactionGroups(records.map(entityOf))) {
        await this.client.submitTransaction(group.map((entity) => ['upsert', entity, 'Replace'] as const));
      }
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
