import type { JsonValue } from '../json-value';

/**
 * Where the bot can reach someone later: a Bot Framework conversation reference (or a member's Teams id),
 * stored as JSON under a key such as `user:<aadObjectId>`, `channel:<channelId>` or `member:<aadObjectId>`.
 */
export interface ConversationRecord {
  key: string;
  value: JsonValue;
  /** ISO 8601 UTC. */
  updatedAt: string;
}

/** Proactive-message addresses. Last write wins: a newer reference is always the better one. */
export interface ConversationStore {
  put(record: ConversationRecord): Promise<void>;
  /** Several records at once (one transaction where the store has them); each key at most once. */
  putMany(records: readonly ConversationRecord[]): Promise<void>;
  get(key: string): Promise<ConversationRecord | undefined>;
}
