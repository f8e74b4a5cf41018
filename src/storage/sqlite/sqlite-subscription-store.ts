import { subscriptionSchema } from '../../subscriptions/subscription-schema';
import { withMute, type Subscription } from '../../subscriptions/subscription';
import type { SubscriptionStore } from '../../subscriptions/subscription-store';
import { SOLE_OWNER_LEASE } from '../../subscriptions/watcher-lease';
import type { DamageRegister } from '../damage-register';
import { BODY_COLUMNS, decodeBody, type BodyColumns } from './sqlite-body';
import type { SqliteDatabase } from './sqlite-database';

/**
 * Subscriptions as JSON bodies (checked on read; a damaged one is reported and skipped, so one bad row never
 * stops the others' cards), and delivered event ids as rows keyed by (subscription, event).
 */
export class SqliteSubscriptionStore implements SubscriptionStore {
  /** The database has one owner process (checked when it opens): that process always leads the watcher. */
  readonly leadWatcher = SOLE_OWNER_LEASE.leadWatcher;
  readonly releaseWatcher = SOLE_OWNER_LEASE.releaseWatcher;

  constructor(
    private readonly database: SqliteDatabase,
    private readonly damage: DamageRegister,
  ) {}

  async addSubscription(s: Subscription): Promise<void> {
    this.database.transaction(() =>
      this.database.run('INSERT INTO subscriptions (id, conversation, created_at, body) VALUES (?, ?, ?, ?)', s.id, s.conversationId, s.createdAt, JSON.stringify(s)),
    );
  }

  async removeSubscription(conversationId: string, id: string): Promise<Subscription | undefined> {
    const found = (await this.listSubscriptions(conversationId)).find((s) => s.id === id);
    if (!found) return undefined;
    this.database.transaction(() => {
      this.database.run('DELETE FROM subscriptions WHERE id = ?', id);
      this.database.run('DELETE FROM deliveries WHERE subscription = ?', id);
    });
    return found;
  }

  async muteSubscription(conversationId: string, id: string, mute: { until: string; by: string } | null): Promise<Subscription | undefined> {
    const found = (await this.listSubscriptions(conversationId)).find((s) => s.id === id);
    if (!found) return undefined;
    const muted = withMute(found, mute);
    this.database.transaction(() => this.database.run('UPDATE subscriptions SET body = ? WHERE id = ?', JSON.stringify(muted), id));
    return muted;
  }

  async listSubscriptions(conversationId?: string): Promise<Subscription[]> {
    const rows =
      conversationId === undefined
        ? this.database.all<BodyColumns & { id: string }>(`SELECT id, ${BODY_COLUMNS} FROM subscriptions ORDER BY created_at, id`)
        : this.database.all<BodyColumns & { id: string }>(`SELECT id, ${BODY_COLUMNS} FROM subscriptions WHERE conversation = ? ORDER BY created_at, id`, conversationId);
    const out: Subscription[] = [];
    for (const row of rows) {
      const decoded = decodeBody(row, subscriptionSchema);
      if (decoded.ok && decoded.value.id === row.id) out.push(decoded.value);
      else this.damage.report({ kind: 'subscription', key: row.id, problem: decoded.ok ? 'the record names another id' : decoded.problem });
    }
    return out;
  }

  async deliveredEvents(subscriptionId: string): Promise<Set<string>> {
    return new Set(this.database.all<{ event: string }>('SELECT event FROM deliveries WHERE subscription = ?', subscriptionId).map((r) => r.event));
  }

  async recordDeliveries(subscriptionId: string, eventIds: readonly string[], at: string): Promise<void> {
    this.database.transaction(() => {
      for (const id of eventIds) this.database.run('INSERT OR IGNORE INTO deliveries (subscription, event, delivered_at) VALUES (?, ?, ?)', subscriptionId, id, at);
    });
  }
}
