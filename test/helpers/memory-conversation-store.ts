import type { ConversationRecord, ConversationStore } from '../../src/conversations/conversation-store';

/** A conversation store in memory that records every store call: `put` one record, `putMany` a batch. */
export class MemoryConversationStore implements ConversationStore {
  /** Every record stored, in order. */
  readonly puts: ConversationRecord[] = [];
  /** The keys of each store call, one entry per call. */
  readonly calls: string[][] = [];
  private readonly data = new Map<string, ConversationRecord>();

  async put(record: ConversationRecord): Promise<void> {
    await this.putMany([record]);
  }

  async putMany(records: readonly ConversationRecord[]): Promise<void> {
    this.calls.push(records.map((r) => r.key));
    for (const record of records) {
      this.puts.push(record);
      this.data.set(record.key, record);
    }
  }

  async get(key: string): Promise<ConversationRecord | undefined> {
    return this.data.get(key);
  }
}
