/**
 * Seeds are ARM documents in the shape ARM answers with (a GET body, or a list body `{ value: [...] }`), or
 * Microsoft's REST example files as published (`{ parameters, responses }`, see rest-example.ts), so upstream
 * examples load unchanged. A document is stored where its `id` says, or where an explicit `at` path (or the
 * example's parameters) says when its id is not canonical. Date fields may use relative tokens (see
 * relative-dates.ts) and strings may contain placeholders such as `{subscription-id}`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addressFromId, canonicalId } from './arm-route';
import { isObject, objectAt } from './json';
import { resolveDateTokens } from './relative-dates';
import { planFromSeed } from './replication';
import type { ResourceStore } from './resource-store';
import { entriesFromExample, isRestExample } from './rest-example';
import { standInParents } from './seed-parents';
import type { ResourceAddress } from './arm-route';
import { targetRegionNames } from './version-writes';

/** One seed document, optionally with the ARM path it is served at (default: its `id`). */
export interface SeedEntry {
  resource: unknown;
  at?: string;
  /** Placeholders this entry needs by default (an example's own subscription); the loader's options win. */
  placeholders?: Record<string, string>;
  /** From a REST example: missing parents are stood in for. */
  fromExample?: boolean;
}

export interface SeedOptions {
  /** The emulator's start time; date tokens resolve against it. */
  now: Date;
  /** Literal text → replacement in every string, e.g. `{ '{subscription-id}': '0000…' }`. */
  placeholders?: Record<string, string>;
}

/** Reads every `*.json` file of a folder (sorted by name, so list order is stable) as seed entries. */
export function readSeedDir(dir: string): SeedEntry[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return files.flatMap((file) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      throw new Error(`Seed file ${join(dir, file)} is not valid JSON: ${(error as Error).message}`);
    }
    return expandDocuments(parsed).map((resource) => ({ resource, file: join(dir, file) })).flatMap(toEntries);
  });
}

/** One seed document as entries: itself, or the resources a REST example file holds. */
function toEntries({ resource, file }: { resource: unknown; file: string }): SeedEntry[] {
  return isRestExample(resource) ? entriesFromExample(resource, file, {}) : [{ resource }];
}

/** A file may hold one resource, an array of resources, or a list body `{ value: [...] }`. */
export function expandDocuments(parsed: unknown): unknown[] {
  if (Array.isArray(parsed)) return parsed;
  if (isObject(parsed) && Array.isArray(parsed['value']) && parsed['id'] === undefined) return parsed['value'];
  return [parsed];
}

function replacePlaceholders(value: unknown, placeholders: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return Object.entries(placeholders).reduce((text, [from, to]) => text.split(from).join(to), value);
  }
  if (Array.isArray(value)) return value.map((v) => replacePlaceholders(v, placeholders));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replacePlaceholders(v, placeholders)]));
  return value;
}

/** Puts the entries into the store. Throws (naming the document) when one cannot be placed. */
export function loadSeed(store: ResourceStore, entries: SeedEntry[], options: SeedOptions): void {
  const orphans: ResourceAddress[] = [];
  const expanded = entries.flatMap((e) =>
    isRestExample(e.resource) ? entriesFromExample(e.resource, 'given', options.placeholders ?? {}).map((x) => ({ ...x, ...(e.at === undefined ? {} : { at: e.at }) })) : [e],
  );
  for (const entry of expanded) {
    const placeholders = { ...(entry.placeholders ?? {}), ...(options.placeholders ?? {}) };
    const resolved = resolveDateTokens(replacePlaceholders(entry.resource, placeholders), options.now);
    if (!isObject(resolved)) throw new Error('A seed document must be a JSON object.');
    const at = entry.at === undefined ? undefined : String(replacePlaceholders(entry.at, placeholders));
    const where = at ?? (typeof resolved['id'] === 'string' ? resolved['id'] : undefined);
    const address = where === undefined ? undefined : addressFromId(where);
    if (address === undefined) {
      throw new Error(`Seed document '${String(resolved['name'] ?? resolved['id'])}' has no canonical ARM id; give it an explicit "at" path.`);
    }
    if (resolved['id'] === undefined) resolved['id'] = canonicalId(address);
    if (entry.fromExample === true) orphans.push(address);
    if (address.kind !== 'version') {
      store.put({ address, doc: resolved });
      continue;
    }
    // Replication status is served only on $expand=ReplicationStatus, so it lives beside the document.
    const properties = objectAt(resolved, 'properties');
    const seeded = properties?.['replicationStatus'];
    if (properties !== undefined) delete properties['replicationStatus'];
    store.put({ address, doc: resolved, replication: planFromSeed(targetRegionNames(resolved), seeded) });
  }
  standInParents(store, orphans);
}
