import type { JsonValue } from '../../json-value';
import { isObject, squash, type JsonObject } from './keep-unknown-fields';

/** The `targetRegions` of a raw version document (empty when it has none). */
function regionsOf(doc: JsonValue): JsonObject[] {
  const list = isObject(doc) && isObject(doc['properties']) && isObject(doc['properties']['publishingProfile']) ? doc['properties']['publishingProfile']['targetRegions'] : undefined;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

/**
 * The regions each version had when the adapter last read it before a write, as ARM sent them. A repair removes
 * a Failed region and adds it back in two writes; the second write's read no longer has the region, and the
 * request stores it in the SDK's terms, so the fields the SDK does not model would be lost on the way back. The
 * region as ARM sent it before the removal fills them (`withRegionsSeen`). Bounded: the oldest version goes first.
 */
export function createRegionsSeen(limit = 200): { withRegionsSeen(versionId: string, read: JsonValue): JsonValue } {
  const seen = new Map<string, JsonObject[]>();
  return {
    withRegionsSeen(versionId, read) {
      const key = versionId.toLowerCase();
      const now = regionsOf(read);
      const present = new Set(now.map((r) => squash(r['name'])));
      const earlier = (seen.get(key) ?? []).filter((r) => !present.has(squash(r['name'])));
      seen.delete(key);
      seen.set(key, [...now, ...earlier]);
      while (seen.size > limit) seen.delete(seen.keys().next().value as string);
      if (earlier.length === 0 || !isObject(read)) return read;
      // Only for pairing: the write sends what it sends; these regions just lend their fields to the ones it re-adds.
      const properties = read['properties'] as JsonObject;
      const profile = properties['publishingProfile'] as JsonObject;
      return { ...read, properties: { ...properties, publishingProfile: { ...profile, targetRegions: [...now, ...earlier] } } };
    },
  };
}
