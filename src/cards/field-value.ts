import type { JsonValue } from '../json-value';
import { formatTimestamp } from './format-date';
import { normalizeRegion } from './replication-rows';
import { shortenResourceId } from './shorten-resource-id';

/**
 * Longest value shown for one side of a field change: enough for every Azure region with long names and
 * replica counts (about 60 × 70 characters), bounded because the card has 80 KB for everything.
 */
export const MAX_VALUE_CHARS = 6000;

/** Plain words for the fields requests change; the ARM path is shown next to them, so unknown ones still read. */
const FIELD_LABELS: Record<string, string> = {
  'publishingprofile.excludefromlatest': 'Excluded from latest',
  'publishingprofile.targetregions': 'Target regions',
  'publishingprofile.endoflifedate': 'End of life',
  'publishingprofile.replicacount': 'Default replicas',
  'publishingprofile.storageaccounttype': 'Default storage type',
  'publishingprofile.storageaccountstrategy': 'Storage account strategy',
  'publishingprofile.targetextendedlocations': 'Edge zones',
  'storageprofile.source.id': 'Source',
  'safetyprofile.blockdeletionbeforeendoflife': 'Deletion protection',
  location: 'Location',
};

/** `Excluded from latest (publishingProfile.excludeFromLatest)`, or the path alone when it has no label. */
export function fieldLabel(field: string): string {
  const label = FIELD_LABELS[field.toLowerCase()];
  return label ? `${label} (${field})` : field;
}

/** `Excluded from latest`: the plain words alone, for a list of values a create sets (the path when it has none). */
export function shortFieldLabel(field: string): string {
  return FIELD_LABELS[field.toLowerCase()] ?? field;
}

/** A `targetRegions` entry as ARM writes it. */
interface RegionEntry {
  name: string;
  regionalReplicaCount?: JsonValue;
  storageAccountType?: JsonValue;
  excludeFromLatest?: JsonValue;
  encryption?: JsonValue;
  additionalReplicaSets?: JsonValue;
}

function isRegionEntry(v: JsonValue): v is { [key: string]: JsonValue } & RegionEntry {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v.name === 'string';
}

/** The entries when `v` is a list of target regions (every element an object with a `name`). */
export function regionEntries(v: JsonValue): RegionEntry[] | undefined {
  if (!Array.isArray(v) || v.length === 0 || !v.every(isRegionEntry)) return undefined;
  return v as RegionEntry[];
}

/** `East US 2 (2 replicas, Standard_LRS, excluded from latest, customer-managed keys)`. */
function describeRegion(r: RegionEntry): string {
  const n = r.regionalReplicaCount;
  const parts = [typeof n === 'number' ? `${n} ${n === 1 ? 'replica' : 'replicas'}` : 'default replicas'];
  if (typeof r.storageAccountType === 'string') parts.push(r.storageAccountType);
  if (r.excludeFromLatest === true) parts.push('excluded from latest');
  // Written back as they are: an approver sees that the region keeps its keys and extra replicas.
  if (r.encryption !== undefined && r.encryption !== null) parts.push('customer-managed keys');
  if (Array.isArray(r.additionalReplicaSets) && r.additionalReplicaSets.length > 0) parts.push(`${r.additionalReplicaSets.length} additional replica ${r.additionalReplicaSets.length === 1 ? 'set' : 'sets'}`);
  return `${r.name} (${parts.join(', ')})`;
}

/** `microsoftlosangeles1 in West US (1 replica, StandardSSD_LRS, customer-managed keys)`. */
function describeEdgeZone(z: { [key: string]: JsonValue }): string {
  const zone = z['extendedLocation'];
  const zoneName = typeof zone === 'object' && zone !== null && !Array.isArray(zone) && typeof zone['name'] === 'string' ? zone['name'] : 'an edge zone';
  const n = z['extendedLocationReplicaCount'];
  const parts = [typeof n === 'number' ? `${n} ${n === 1 ? 'replica' : 'replicas'}` : 'default replicas'];
  if (typeof z['storageAccountType'] === 'string') parts.push(z['storageAccountType']);
  if (z['encryption'] !== undefined && z['encryption'] !== null) parts.push('customer-managed keys');
  return `${zoneName} in ${typeof z['name'] === 'string' ? z['name'] : 'its region'} (${parts.join(', ')})`;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One side of a field change in words. `missing` is what `null` means here: "not set" for a field of an
 * existing resource, "does not exist" for one that a PUT creates. Not escaped: the caller escapes.
 */
export function formatFieldValue(value: JsonValue, missing: string): string {
  const text = describe(value, missing);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

function describe(value: JsonValue, missing: string): string {
  if (value === null) return missing;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (value === '') return 'empty text';
    if (/^\/subscriptions\//i.test(value)) return shortenResourceId(value);
    if (ISO_INSTANT.test(value) && Number.isFinite(Date.parse(value))) return formatTimestamp(new Date(value));
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    // Edge zones name their region too: told apart by the zone, so they never read as plain regions.
    if (value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v) && 'extendedLocation' in v)) {
      return `${value.length} edge ${value.length === 1 ? 'zone' : 'zones'}: ${(value as { [key: string]: JsonValue }[]).map(describeEdgeZone).join(', ')}`;
    }
    const regions = regionEntries(value);
    if (regions) return `${regions.length} ${regions.length === 1 ? 'region' : 'regions'}: ${regions.map(describeRegion).join(', ')}`;
    return value.map((v) => describe(v, 'null')).join(', ');
  }
  return JSON.stringify(value);
}

/** What a change of target regions does, by region: `Adds West US 3 · Removes East US · Changes North Europe`. */
export function regionChangeNote(before: JsonValue, after: JsonValue): string {
  const next = regionEntries(after);
  if (!next) return '';
  const prior = before === null ? [] : regionEntries(before);
  if (!prior) return '';
  const { added, removed, changed } = diffRegions(prior, next);
  const parts: string[] = [];
  if (added.length) parts.push(`Adds ${added.join(', ')}`);
  if (removed.length) parts.push(`Removes ${removed.join(', ')}`);
  if (changed.length) parts.push(`Changes ${changed.join(', ')}`);
  return parts.join(' · ');
}

/** Region names added, removed and changed between two target-region lists (compared as ARM does: flattened). */
export function diffRegions(prior: readonly RegionEntry[], next: readonly RegionEntry[]): { added: string[]; removed: string[]; changed: string[] } {
  const before = new Map(prior.map((r) => [normalizeRegion(r.name), r]));
  const after = new Map(next.map((r) => [normalizeRegion(r.name), r]));
  const added = next.filter((r) => !before.has(normalizeRegion(r.name))).map((r) => r.name);
  const removed = prior.filter((r) => !after.has(normalizeRegion(r.name))).map((r) => r.name);
  const changed = next
    .filter((r) => {
      const old = before.get(normalizeRegion(r.name));
      return old !== undefined && describeRegion({ ...old, name: r.name }) !== describeRegion(r);
    })
    .map((r) => r.name);
  return { added, removed, changed };
}
