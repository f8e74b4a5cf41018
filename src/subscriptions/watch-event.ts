import type { ImageKey, ReplicationState } from '../gallery/model';
import type { WatchEventKind } from './subscription';

/**
 * Something a subscription announces. `id` is deterministic (what changed and its new state), so the same
 * fact seen by a later cycle, a restarted bot or another instance has the same id and is delivered once.
 */
export interface WatchEvent {
  id: string;
  kind: WatchEventKind;
  image: ImageKey;
  version: string;
  /** `published`: the version's target regions, as Azure shows them, and whether latest resolves to it. */
  regions?: string[];
  isLatest?: boolean;
  /** `replication`: the region and the state it reached, with ARM's error text when Failed. */
  region?: string;
  state?: Extract<ReplicationState, 'Completed' | 'Failed'>;
  details?: string;
  /** `latest`: the version latest resolved to before, when this process knew it. */
  previous?: string;
}

/** Event ids name the definition by subscription, resource group, gallery and image, lower case (ARM names are case-insensitive). */
export function imageKeyText(k: ImageKey): string {
  return [k.subscriptionId, k.resourceGroup, k.gallery, k.image].join('/').toLowerCase();
}
