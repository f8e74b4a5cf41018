import { canonicalJson } from '../audit/canonical-json';
import { sha256Hex } from '../audit/hash-record';
import type { JsonValue } from '../json-value';
import type { EvidenceBundle } from './evidence-bundle';

/** One content-addressed part: the SHA-256 of its canonical JSON, and that JSON. */
export interface BundlePart {
  hash: string;
  json: string;
}

/** Where a part sits in the bundle: property names and array indexes from the root. */
export type PartPath = Array<string | number>;

/** A bundle as stored: its own fields, with every part's place set to null and listed in `parts`. */
export interface BundleSkeleton {
  bundle: JsonValue;
  parts: Array<{ path: PartPath; hash: string }>;
}

/**
 * Bundles about one version repeat the same ARM snapshot bodies, ARM's verbatim answers (a 60-region version is
 * hundreds of KB), change requests and audit records; stored whole, every `evidence` command would cost that
 * again for what is mostly a copy. Each of those values becomes a part kept once by content hash. Places are recorded as paths (not as markers inside the JSON), so no value
 * from ARM can be mistaken for a reference.
 */
export function splitBundle(bundle: EvidenceBundle): { skeleton: BundleSkeleton; parts: BundlePart[] } {
  const copy = JSON.parse(JSON.stringify(bundle)) as { [key: string]: JsonValue };
  const places: Array<{ path: PartPath; hash: string }> = [];
  const parts = new Map<string, BundlePart>();
  const extract = (path: PartPath, holder: { [key: string]: JsonValue } | JsonValue[], key: string | number): void => {
    const value = (holder as Record<string | number, JsonValue>)[key];
    // Strings too: ARM's verbatim answer bodies are kept as text.
    if (value === undefined || value === null || (typeof value !== 'object' && typeof value !== 'string')) return;
    const json = canonicalJson(value);
    const hash = sha256Hex(json);
    parts.set(hash, { hash, json });
    places.push({ path, hash });
    (holder as Record<string | number, JsonValue>)[key] = null;
  };
  const list = (name: string): JsonValue[] => (Array.isArray(copy[name]) ? (copy[name] as JsonValue[]) : []);
  list('snapshots').forEach((snapshot, i) => {
    if (!isObject(snapshot)) return;
    extract(['snapshots', i, 'body'], snapshot, 'body');
    const verbatim = snapshot['verbatim'];
    const responses = isObject(verbatim) && Array.isArray(verbatim['responses']) ? verbatim['responses'] : [];
    responses.forEach((response, j) => {
      if (isObject(response)) extract(['snapshots', i, 'verbatim', 'responses', j, 'body'], response, 'body');
    });
  });
  const requests = list('changeRequests');
  requests.forEach((_, i) => extract(['changeRequests', i], requests, i));
  const records = list('auditRecords');
  records.forEach((_, i) => extract(['auditRecords', i], records, i));
  // Usage's own values, not usage whole: its `readAt` changes on every read, and would make each bundle store a
  // new copy of the same scale sets and VMs (seen in the soak: one new usage part per bundle).
  const usage = copy['usage'];
  if (isObject(usage)) for (const key of Object.keys(usage)) if (key !== 'readAt') extract(['usage', key], usage, key);
  return { skeleton: { bundle: copy, parts: places }, parts: [...parts.values()] };
}

/**
 * The bundle again, from its skeleton and its parts; undefined when a part is missing or unreadable (the
 * caller reports the bundle as damaged). The result hashes like the original because each part is put back
 * as the same JSON value.
 */
export function joinBundle(skeleton: BundleSkeleton, partJson: (hash: string) => string | undefined): JsonValue | undefined {
  const bundle = JSON.parse(JSON.stringify(skeleton.bundle)) as JsonValue;
  for (const { path, hash } of skeleton.parts) {
    const json = partJson(hash);
    if (json === undefined) return undefined;
    let value: JsonValue;
    try {
      value = JSON.parse(json) as JsonValue;
    } catch {
      return undefined;
    }
    if (!setAt(bundle, path, value)) return undefined;
  }
  return bundle;
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

function setAt(root: JsonValue, path: PartPath, value: JsonValue): boolean {
  let holder: JsonValue = root;
  for (const step of path.slice(0, -1)) {
    if (holder === null || typeof holder !== 'object') return false;
    holder = (holder as Record<string | number, JsonValue>)[step] ?? null;
  }
  const last = path.at(-1);
  if (last === undefined || holder === null || typeof holder !== 'object') return false;
  (holder as Record<string | number, JsonValue>)[last] = value;
  return true;
}
