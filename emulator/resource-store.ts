import { addressKey, parentOf, type ResourceAddress, type ResourceKind } from './arm-route';
import type { RegionFailure, RegionPlan } from './replication';

/** A JSON object as ARM sends it (`id`, `name`, `location`, `properties` …). */
export type ArmDocument = Record<string, unknown>;

/** One stored resource: its address, the document served for it, and (versions only) its replication plan. */
export interface StoredResource {
  address: ResourceAddress;
  doc: ArmDocument;
  replication?: RegionPlan[];
  /** Regions removed from the version while Failed, by region key (see `Redrive`). */
  removedFailures?: Map<string, RegionFailure>;
  /** Id of the long-running operation currently changing it; a second write meanwhile is a 409. */
  busyWith?: string;
}

/**
 * The emulator's in-memory ARM state. Keys are case-insensitive like ARM names; a Map keeps insertion order, so
 * lists (and therefore paging) are stable.
 */
export class ResourceStore {
  private readonly items = new Map<string, StoredResource>();
  private readonly groups = new Set<string>();
  private readonly subscriptions = new Map<string, string>();

  put(resource: StoredResource): void {
    const { subscriptionId, resourceGroup } = resource.address;
    this.items.set(addressKey(resource.address), resource);
    this.subscriptions.set(subscriptionId.toLowerCase(), subscriptionId);
    this.groups.add(`${subscriptionId}/${resourceGroup}`.toLowerCase());
  }

  get(address: ResourceAddress): StoredResource | undefined {
    return this.items.get(addressKey(address));
  }

  delete(address: ResourceAddress): boolean {
    return this.items.delete(addressKey(address));
  }

  /** Every stored resource, in insertion order (what Resource Graph queries read). */
  all(): StoredResource[] {
    return [...this.items.values()];
  }

  /** Subscription ids that own at least one seeded resource, as first spelled. */
  subscriptionIds(): string[] {
    return [...this.subscriptions.values()];
  }

  hasSubscription(subscriptionId: string): boolean {
    return this.subscriptions.has(subscriptionId.toLowerCase());
  }

  hasResourceGroup(subscriptionId: string, resourceGroup: string): boolean {
    return this.groups.has(`${subscriptionId}/${resourceGroup}`.toLowerCase());
  }

  /** Top-level resources of a kind in a subscription, optionally one resource group. */
  listTopLevel(kind: ResourceKind, subscriptionId: string, resourceGroup?: string): StoredResource[] {
    return [...this.items.values()].filter(
      (r) =>
        r.address.kind === kind &&
        r.address.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() &&
        (resourceGroup === undefined || r.address.resourceGroup.toLowerCase() === resourceGroup.toLowerCase()),
    );
  }

  /** Direct children (images of a gallery, versions of an image). */
  listChildren(parent: ResourceAddress): StoredResource[] {
    const key = addressKey(parent);
    return [...this.items.values()].filter((r) => {
      const p = parentOf(r.address);
      return p !== undefined && addressKey(p) === key;
    });
  }

  /** Removes a resource and everything nested under it. */
  deleteTree(address: ResourceAddress): void {
    for (const child of this.listChildren(address)) this.deleteTree(child.address);
    this.delete(address);
  }
}
