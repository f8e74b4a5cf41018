import type { TableClient } from '@azure/data-tables';
import { StoreError } from '../../errors';
import { digestRecordSchema } from '../../subscriptions/digest-record-schema';
import type { DigestRecord, DigestStore } from '../../subscriptions/digest-store';
import { conversationKeyHash } from '../conversation-key-hash';
import type { DamageRegister } from '../damage-register';
import { decodeEntity } from './decode-entity';
import { toBodyColumns } from './entity-body';
import { isNotFound, storeFailure } from './table-errors';
import { deliveriesPartition, SCHEMA_VERSION } from './table-layout';

/**
 * A subscription's last digest: one entity in its delivered partition (row key `digest`, which no event id's
 * 64-character hash can be), so the digest's delivery row and it are one entity-group transaction, and
 * unsubscribing, which deletes the partition, deletes it too. Its body columns hold no `event`: the delivered
 * ids' listing skips it.
 */
export class TableDigestStore implements DigestStore {
  constructor(
    private readonly client: TableClient,
    private readonly damage: DamageRegister,
    private readonly readOnly: boolean,
  ) {}

  async lastDigest(subscriptionId: string): Promise<DigestRecord | undefined> {
    let entity: Record<string, unknown>;
    try {
      entity = await this.client.getEntity<Record<string, unknown>>(deliveriesPartition(subscriptionId), DIGEST_ROW);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw storeFailure('reading the last digest', err);
    }
    const decoded = decodeEntity(entity, digestRecordSchema);
    if (decoded.ok) return decoded.value;
    this.damage.report({ kind: 'subscription', key: `${subscriptionId} (last digest)`, problem: decoded.problem });
    return undefined;
  }

  async recordDigest(subscriptionId: string, eventId: string, digest: DigestRecord): Promise<void> {
    if (this.readOnly) throw new StoreError('the Table store is open read-only');
    const partitionKey = deliveriesPartition(subscriptionId);
    try {
      await this.client.submitTransaction([
        ['upsert', { partitionKey, rowKey: conversationKeyHash(eventId), schemaVersion: SCHEMA_VERSION, event: eventId, deliveredAt: digest.sentAt }, 'Replace'],
        ['upsert', { partitionKey, rowKey: DIGEST_ROW, schemaVersion: SCHEMA_VERSION, ...toBodyColumns(JSON.stringify(digest)) }, 'Replace'],
      ]);
    } catch (err) {
      throw storeFailure('recording a digest', err);
    }
  }
}

const DIGEST_ROW = 'digest';
