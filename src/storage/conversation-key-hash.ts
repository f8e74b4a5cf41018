import { createHash } from 'node:crypto';

/**
 * A conversation key as 64 lowercase hex characters: safe as a file name and as a Table row key (which may
 * not hold `/ \ # ?` or control characters, and is capped at 1 KiB), whatever the key contains or how long
 * it is. The hash covers the UTF-16 code units, not UTF-8: UTF-8 would turn every lone surrogate into
 * U+FFFD, so two different (ill-formed) keys would share a slot. Stores keep the key itself in the record
 * and compare it on read, so a slot never answers for another key.
 */
export function conversationKeyHash(key: string): string {
  return createHash('sha256').update(Buffer.from(key, 'utf16le')).digest('hex');
}
