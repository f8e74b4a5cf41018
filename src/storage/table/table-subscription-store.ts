import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { StoreError } from '../../errors';
import { subscriptionSchema } from '../../subscriptions/subscription-schema';
import { withMute, type Subscription } from '../../subscriptions/subscription';
import type { SubscriptionStore } from '../../subscriptions/subscription-store';
import { conversationKeyHash } from '../conversation-key-hash';
import type { DamageRegister } from '../damage-register';
import { decodeEntity } from './decode-entity';
import { toBodyColumns } from './entity-body';
import { deliveriesPartition, SCHEMA_VERSION, SUBSCRIPTIONS } from './table-layout';
import { isNotFound, storeFailure } from './table-errors';
import { TableWatcherLease } from './table-watcher-lease';

/** An entity-group transaction holds at most 100 actions. */
const BATCH = 100;

/**
 * Subscriptions as entities of one partition (few per tenant: a listing reads them all), with the same
 * `schemaVersion` and body columns as every other entity. Delivered event ids are rows of a partition per
 * subscription, keyed by the id's hash (event ids hold `/`, which row keys may not), so one subscription's
 * records are one query and unsubscribing deletes them in batches.
 */
export class TableSubscriptionStore implements SubscriptionStore {
  private readonly lease: TableWatcherLease;

  constructor(
    private readonly client: TableClient,
    private readonly damage: DamageRegister,
    private readonly readOnly: boolean,
  ) {
    this.lease = new TableWatcherLease(client);
  }

  /** Instances sharing the table take turns leading the watcher (see TableWatcherLease). */
  leadWatcher(holder: string, staleAfterMs: number): Promise<boolean> {
    if (this.readOnly) return Promise.resolve(false);
    return this.lease.leadWatcher(holder, staleAfterMs);
  }

  releaseWatcher(holder: string): Promise<void> {
    return this.readOnly ? Promise.resolve() : this.lease.releaseWatcher(holder);
  }

  async addSubscription(s: Subscription): Promise<void> {
    this.writable();
    try {
      await this.client.createEntity({ partitionKey: SUBSCRIPTIONS, rowKey: s.id, schemaVersion: SCHEMA_VERSION, ...toBodyColumns(JSON.stringify(s)) });
    } catch (err) {
      throw storeFailure('storing a subscription', err);
    }
  }

  async removeSubscription(conversationId: string, id: string): Promise<Subscription | undefined> {
    this.writable();
    const found = (await this.listSubscriptions(conversationId)).find((s) => s.id === id);
    if (!found) return undefined;
    try {
      await this.client.deleteEntity(SUBSCRIPTIONS, id).catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
      const rows: TransactionAction[] = [];
      for await (const row of this.client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${deliveriesPartition(id)}`, select: ['RowKey'] } })) {
        rows.push(['delete', { partitionKey: deliveriesPartition(id), rowKey: row.rowKey! }]);
      }
      for (let i = 0; i < rows.length; i += BATCH) await this.client.submitTransaction(rows.slice(i, i + BATCH));
    } catch (err) {
      throw storeFailure('removing a subscription', err);
    }
    return found;
  }

  async muteSubscription(conversationId: string, id: string, mute: { until: string; by: string } | null): Promise<Subscription | undefined> {
    this.writable();
    const found = (await this.listSubscriptions(conversationId)).find((s) => s.id === id);
    if (!found) return undefined;
    const muted = withMute(found, mute);
    try {
      // Replace, not upsert: a subscription removed meanwhile stays removed (404), instead of coming back muted.
      await this.client.updateEntity({ partitionKey: SUBSCRIPTIONS, rowKey: id, schemaVersion: SCHEMA_VERSION, ...toBodyColumns(JSON.stringify(muted)) }, 'Replace');
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw storeFailure('muting a subscription', err);
    }
    return muted;
  }

  async listSubscriptions(conversationId?: string): Promise<Subscription[]> {
    const out: Subscription[] = [];
    try {
      for await (const row of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${SUBSCRIPTIONS}` } })) {
        const decoded = decodeEntity(row, subscriptionSchema);
        if (!decoded.ok || decoded.value.id !== row.rowKey) {
          this.damage.report({ kind: 'subscription', key: String(row.rowKey), problem: decoded.ok ? 'the record names another id' : decoded.problem });
        } else if (conversationId === undefined || decoded.value.conversationId === conversationId) out.push(decoded.value);
      }
    } catch (err) {
      throw storeFailure('listing subscriptions', err);
    }
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async deliveredEvents(subscriptionId: string): Promise<Set<string>> {
    const ids = new Set<string>();
    try {
      const rows = this.client.listEntities<{ event?: unknown }>({ queryOptions: { filter: odata`PartitionKey eq ${deliveriesPartition(subscriptionId)}`, select: ['event'] } });
      for await (const row of rows) if (typeof row.event === 'string') ids.add(row.event);
    } catch (err) {
      throw storeFailure('reading delivered events', err);
    }
    return ids;
  }

  async recordDeliveries(subscriptionId: string, eventIds: readonly string[], at: string): Promise<void> {
    this.writable();
    const partitionKey = deliveriesPartition(subscriptionId);
    // One row per distinct id: a transaction may not touch the same row twice.
    const rows = new Map(eventIds.map((event) => [conversationKeyHash(event), event]));
    const actions: TransactionAction[] = [...rows].map(([rowKey, event]) => ['upsert', { partitionKey, rowKey, schemaVersion: SCHEMA_VERSION, event, deliveredAt: at }, 'Replace']);
    try {
      for (let i = 0; i < actions.length; i += BATCH) await this.client.submitTransaction(actions.slice(i, i + BATCH));
    } catch (err) {
      throw storeFailure('recording delivered events', err);
    }
  }

  private writable(): void {
    if (this.readOnly) throw new StoreError('the Table store is open read-only');
  }
}
