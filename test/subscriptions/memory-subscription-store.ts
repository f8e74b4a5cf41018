import { withMute, type Subscription } from '../../src/subscriptions/subscription';
import type { SubscriptionStore } from '../../src/subscriptions/subscription-store';

/** The port in memory, for handler and watcher tests (the real stores pass the conformance tests). */
export class MemorySubscriptionStore implements SubscriptionStore {
  readonly subscriptions: Subscription[] = [];
  readonly delivered = new Map<string, Set<string>>();
  /** One process: it always leads. */
  async leadWatcher(): Promise<boolean> {
    return true;
  }
  async releaseWatcher(): Promise<void> {}

  async addSubscription(s: Subscription): Promise<void> {
    this.subscriptions.push(structuredClone(s));
  }
  async removeSubscription(conversationId: string, id: string): Promise<Subscription | undefined> {
    const i = this.subscriptions.findIndex((s) => s.id === id && s.conversationId === conversationId);
    if (i < 0) return undefined;
    this.delivered.delete(id);
    return this.subscriptions.splice(i, 1)[0];
  }
  async muteSubscription(conversationId: string, id: string, mute: { until: string; by: string } | null): Promise<Subscription | undefined> {
    const i = this.subscriptions.findIndex((s) => s.id === id && s.conversationId === conversationId);
    if (i < 0) return undefined;
    this.subscriptions[i] = withMute(this.subscriptions[i]!, mute);
    return structuredClone(this.subscriptions[i]);
  }
  async listSubscriptions(conversationId?: string): Promise<Subscription[]> {
    return this.subscriptions.filter((s) => conversationId === undefined || s.conversationId === conversationId).map((s) => structuredClone(s));
  }
  async deliveredEvents(id: string): Promise<Set<string>> {
    return new Set(this.delivered.get(id));
  }
  async recordDeliveries(id: string, eventIds: readonly string[]): Promise<void> {
    const set = this.delivered.get(id) ?? new Set<string>();
    for (const e of eventIds) set.add(e);
    this.delivered.set(id, set);
  }
}
