import { join } from 'node:path';
import { conversationKeyHash } from '../conversation-key-hash';
import { conversationRecordSchema } from '../conversation-record-schema';
import { StoreError } from '../store-error';
import type { ConversationRecord, ConversationStore } from '../store-port';
import { writeFileAtomic } from './atomic-write';
import { readJsonFile } from './read-json-file';

/**
 * One JSON file per key under `<dir>/conversations`, named by the key's hash: keys such as
 * `channel:19:abc@thread.tacv2` hold characters that are not portable in file names, and a key must never
 * name a path outside the folder.
 */
export class FileConversationStore implements ConversationStore {
  constructor(
    private readonly dir: string,
    /**
     * Queues writes in call order, so of two puts this process makes, the later one is the one that stays.
     * No cross-process lock: a put reads nothing, and the atomic rename already makes the last rename win.
     */
    private readonly serial: <T>(fn: () => Promise<T>) => Promise<T>,
  ) {}

  async get(key: string): Promise<ConversationRecord | undefined> {
    const path = this.pathOf(key);
    const record = await readJsonFile(path, conversationRecordSchema);
    if (record && record.key !== key) throw new StoreError(`${path} holds the record of another key`);
    return record;
  }

  put(record: ConversationRecord): Promise<void> {
    const path = this.pathOf(record.key);
    const json = JSON.stringify({ key: record.key, value: record.value, updatedAt: record.updatedAt });
    return this.serial(() => writeFileAtomic(path, json));
  }

  private pathOf(key: string): string {
    return join(this.dir, `${conversationKeyHash(key)}.json`);
  }
}
