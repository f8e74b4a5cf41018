/**
 * A REST example of an image version or definition implies its gallery (and definition) exist, but holds only
 * the one resource. So that a dropped-in example can be read at once, the loader stands in a minimal parent for
 * each missing one: name, location and `provisioningState: Succeeded`, nothing invented beyond that. A parent
 * given in the seed (even later in file order) always wins, since stand-ins are added after everything loaded.
 */
import { armType, canonicalId, parentOf, type ResourceAddress } from './arm-route';
import { stringAt } from './json';
import type { ResourceStore } from './resource-store';

export function standInParents(store: ResourceStore, children: ResourceAddress[]): void {
  for (const child of children) {
    const location = stringAt(store.get(child)?.doc, 'location');
    for (let parent = parentOf(child); parent !== undefined; parent = parentOf(parent)) {
      if (store.get(parent) !== undefined) continue;
      const name = parent.names[parent.names.length - 1] ?? '';
      const doc = { id: canonicalId(parent), name, type: armType(parent.kind), ...(location === undefined ? {} : { location }), properties: { provisioningState: 'Succeeded' } };
      store.put({ address: parent, doc });
    }
  }
}
