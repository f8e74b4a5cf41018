import { digestRecordSchema } from '../../subscriptions/digest-record-schema';
import type { DigestRecord, DigestStore } from '../../subscriptions/digest-store';
import type { DamageRegister } from '../damage-register';
import { BODY_COLUMNS, decodeBody, type BodyColumns } from './sqlite-body';
import type { SqliteDatabase } from './sqlite-database';

/** Digest records as JSON bodies, one row per subscription (schema step 5). */
export class SqliteDigestStore implements DigestStore {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly damage: DamageRegister,
  ) {}

  async lastDigest(subscriptionId: string): Promise<DigestRecord | undefined> {
    // A removed subscription's row may linger until the next digest write cleans it up: it is never read.
    const row = this.database.get<BodyColumns>(`SELECT ${BODY_COLUMNS} FROM digests WHERE subscription = ? AND subscription IN (SELECT id FROM subscriptions)`, subscriptionId);
    if (!row) return undefined;
    const decoded = decodeBody(row, digestRecordSchema);
    if (decoded.ok) return decoded.value;
    // A damaged baseline makes the next digest a fresh baseline, never a failure of every digest after it.
    this.damage.report({ kind: 'subscription', key: `${subscriptionId} (last digest)`, problem: decoded.problem });
    return undefined;
  }

  async recordDigest(subscriptionId: string, eventId: string, digest: DigestRecord): Promise<void> {
    this.database.transaction(() => {
      this.database.run('INSERT OR IGNORE INTO deliveries (subscription, event, delivered_at) VALUES (?, ?, ?)', subscriptionId, eventId, digest.sentAt);
      this.database.run('INSERT INTO digests (subscription, body) VALUES (?, ?) ON CONFLICT (subscription) DO UPDATE SET body = excluded.body', subscriptionId, JSON.stringify(digest));
      // Unsubscribing deletes the subscription and its deliveries; its digest row goes here, a day later at most.
      this.database.run('DELETE FROM digests WHERE subscription NOT IN (SELECT id FROM subscriptions)');
    });
  }
}
