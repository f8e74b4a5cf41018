import { conversationRecordSchema } from '../../conversations/conversation-record-schema';
import type { ConversationRecord, ConversationStore } from '../../conversations/conversation-store';
import { conversationKeyHash } from '../conversation-key-hash';
import type { DamageRegister } from '../damage-register';
import { BODY_COLUMNS, decodeBody, type BodyColumns } from './sqlite-body';
import type { SqliteDatabase } from './sqlite-database';

/**
 * Conversation references by key; a put is an upsert (last write wins), a damaged row reads as absent. Rows are
 * keyed by the key's hash: SQLite stores text as UTF-8, which would merge keys that differ only in a lone
 * surrogate; the record keeps the key itself and a read compares it.
 */
export class SqliteConversationStore implements ConversationStore {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly damage: DamageRegister,
  ) {}

  async get(key: string): Promise<ConversationRecord | undefined> {
    const row = this.database.get<BodyColumns>(`SELECT ${BODY_COLUMNS} FROM conversations WHERE key = ?`, conversationKeyHash(key));
    if (!row) return undefined;
    const decoded = decodeBody(row, conversationRecordSchema);
    if (!decoded.ok || decoded.value.key !== key) {
      // A lost reference costs one proactive message until the person writes again; never a failed turn.
      this.damage.report({ kind: 'conversation', key, problem: decoded.ok ? 'the record names another key' : decoded.problem });
      return undefined;
    }
    return decoded.value;
  }

  async put(record: ConversationRecord): Promise<void> {
    await this.putMany([record]);
  }

  async putMany(records: readonly ConversationRecord[]): Promise<void> {
    if (records.length === 0) return;
    // A transaction (not bare statements) so a process that lost ownership writes nothing (see SqliteOwnership).
    this.database.transaction(() => records.forEach((record) => upsertConversation(this.database, record)));
  }
}

/** Inside a transaction: stores the record under its key's hash, replacing what was there (last write wins). */
export function upsertConversation(database: SqliteDatabase, record: ConversationRecord): void {
  const body = JSON.stringify({ key: record.key, value: record.value, updatedAt: record.updatedAt });
  database.run(
    'INSERT INTO conversations (key, updated_at, body) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body',
    conversationKeyHash(record.key),
    record.updatedAt,
    body,
  );
}
