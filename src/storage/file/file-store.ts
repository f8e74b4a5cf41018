import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../store-port';
import { AsyncMutex } from './async-mutex';
import { FileAuditStore } from './file-audit-store';
import { FileConversationStore } from './file-conversation-store';
import { FileRequestStore } from './file-request-store';
import { LockFile, type LockFileOptions } from './lock-file';

/** Options for the embedded store. */
export interface FileStoreOptions {
  lock?: LockFileOptions;
}

/**
 * The embedded default: a data folder (`requests/`, `audit/`, `conversations/`, `.lock`) that survives
 * restarts. Every request and audit write is read-compare-write inside one exclusive section: an in-process
 * mutex (so concurrent calls queue instead of spinning on the lock file) plus a lock file (so a second
 * process on the same folder, such as a CLI, waits its turn). Conversation puts compare nothing, so they
 * only queue on the mutex. Writes are atomic renames, so readers take no lock. For several bot instances on
 * different machines use the Table Storage store: lock files on network shares are not trustworthy.
 */
export async function openFileStore(dir: string, options: FileStoreOptions = {}): Promise<Store> {
  const requestsDir = join(dir, 'requests');
  const auditDir = join(dir, 'audit');
  const conversationsDir = join(dir, 'conversations');
  for (const folder of [requestsDir, auditDir, conversationsDir]) await mkdir(folder, { recursive: true });
  const mutex = new AsyncMutex();
  const lock = new LockFile(join(dir, '.lock'), options.lock);
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => mutex.run(() => lock.run(fn));
  return {
    requests: new FileRequestStore(requestsDir, exclusive),
    audit: new FileAuditStore(auditDir, exclusive),
    conversations: new FileConversationStore(conversationsDir, (fn) => mutex.run(fn)),
    // Nothing stays open between calls; waiting for the queue lets callers close before deleting the folder.
    close: () => mutex.run(async () => undefined),
  };
}
