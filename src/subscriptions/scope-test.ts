import type { GalleryKey, ImageKey } from '../gallery/model';
import { scopeCovers, scopeTouchesGallery, type SubscriptionScope } from './subscription';

/** What the watcher reads for someone: which galleries it lists, and which definitions it follows. */
export interface ScopeTest {
  touchesGallery(g: GalleryKey): boolean;
  covers(image: ImageKey): boolean;
}

/** A subscription's scope as the watcher's reads see it. */
export function subscriptionScopeTest(scope: SubscriptionScope): ScopeTest {
  return { touchesGallery: (g) => scopeTouchesGallery(scope, g), covers: (k) => scopeCovers(scope, k) };
}
