/**
 * Walks the pinned ARM spec (../shared/arm-spec/GalleryRP.json, api-version 2025-12-03) from a resource
 * definition to its leaf properties, resolving local `$ref`s and `allOf`, and builds a body that sets every
 * leaf to a value that can be found again on a card. `[]` in a path is an array element, `{}` a map value.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../emulator/seed-location';

type Schema = { $ref?: string; allOf?: Schema[]; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema | boolean; type?: string; enum?: string[]; format?: string };

export const SPEC_FILE = resolve(projectRoot(), '..', 'shared', 'arm-spec', 'GalleryRP.json');

export interface SpecLeaf {
  path: string;
  type: string;
  enum?: string[];
  format?: string;
}

/**
 * The ARM common TrackedResource (`common-types/resource-management/v3/types.json`) was not copied beside the
 * spec; its properties are listed here from that document so they are walked too.
 */
const TRACKED: SpecLeaf[] = [
  { path: 'id', type: 'string' },
  { path: 'name', type: 'string' },
  { path: 'type', type: 'string' },
  { path: 'location', type: 'string' },
  { path: 'tags{}', type: 'string' },
  ...['createdBy', 'createdByType', 'lastModifiedBy', 'lastModifiedByType'].map((k) => ({ path: `systemData.${k}`, type: 'string' })),
  ...['createdAt', 'lastModifiedAt'].map((k) => ({ path: `systemData.${k}`, type: 'string', format: 'date-time' })),
];

export function specLeaves(resource: string): SpecLeaf[] {
  const definitions = (JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as { definitions: Record<string, Schema> }).definitions;
  const deref = (s: Schema): { schema: Schema; name?: string } => {
    const m = /^#\/definitions\/(.+)$/.exec(s.$ref ?? '');
    return m ? { schema: definitions[m[1]!]!, name: m[1]! } : { schema: s };
  };
  const out: SpecLeaf[] = [];
  const props = (s: Schema, acc: Record<string, Schema>, external: string[]): void => {
    for (const part of s.allOf ?? []) {
      const r = deref(part);
      if (r.name) props(r.schema, acc, external);
      else if (part.$ref) external.push(part.$ref);
    }
    Object.assign(acc, s.properties ?? {});
  };
  const walk = (input: Schema, path: string, seen: ReadonlySet<string>): void => {
    const { schema, name } = deref(input);
    if (name && seen.has(name)) throw new Error(`recursive schema ${name} at ${path}`);
    const inner = name ? new Set([...seen, name]) : seen;
    const acc: Record<string, Schema> = {};
    const external: string[] = [];
    props(schema, acc, external);
    if (external.some((e) => e.endsWith('/TrackedResource'))) out.push(...TRACKED.map((l) => ({ ...l, path: path ? `${path}.${l.path}` : l.path })));
    if (schema.items) return walk(schema.items, `${path}[]`, inner);
    if (Object.keys(acc).length) {
      for (const [key, value] of Object.entries(acc)) walk(value, path ? `${path}.${key}` : key, inner);
      return;
    }
    if (typeof schema.additionalProperties === 'object') return walk(schema.additionalProperties, `${path}{}`, inner);
    out.push({ path, type: schema.type ?? 'string', ...(schema.enum ? { enum: schema.enum } : {}), ...(schema.format ? { format: schema.format } : {}) });
  };
  walk({ $ref: `#/definitions/${resource}` }, '', new Set());
  return out;
}

/** What each leaf was set to, and the text that shows it on a card. */
export interface MarkedBody {
  body: Record<string, unknown>;
  /** Leaf path → the text a card shows when it shows that leaf (a marker, a date, an enum value). */
  shownAs: Map<string, string>;
}

/**
 * A body with every leaf set: strings to a unique marker (`mk12x`), enums to their first value, integers to
 * a unique number (a progress to 37: it is a percentage), dates to a unique day, booleans to true.
 */
export function markedBody(leaves: readonly SpecLeaf[], offset = 0): MarkedBody {
  const body: Record<string, unknown> = {};
  const shownAs = new Map<string, string>();
  leaves.forEach((leaf, i) => {
    const n = i + offset;
    let value: unknown;
    if (leaf.type === 'boolean') value = true;
    else if (leaf.type === 'integer' || leaf.type === 'number') value = leaf.path.endsWith('progress') ? 37 : 7000 + n;
    else if (leaf.format === 'date-time') value = new Date(Date.UTC(2031, n % 12, 1 + (n % 28))).toISOString();
    else if (leaf.enum) value = leaf.enum[0];
    else value = `mk${n}x`;
    shownAs.set(leaf.path, leaf.format === 'date-time' ? String(value).slice(0, 10) : String(value));
    set(body, leaf.path, value);
  });
  return { body, shownAs };
}

function set(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at: Record<string, unknown> = target;
  parts.forEach((raw, i) => {
    const last = i === parts.length - 1;
    const key = raw.replace(/(\[\]|\{\})+$/, '');
    const suffix = raw.slice(key.length);
    if (suffix === '') {
      if (last) at[key] = value;
      else at = (at[key] ??= {}) as Record<string, unknown>;
      return;
    }
    // One element (or one map entry) per array or map: enough to show every leaf under it.
    const holder = suffix === '[]' ? ((at[key] ??= [{}]) as Record<string, unknown>[]) : undefined;
    if (holder) {
      if (last) at[key] = [value];
      else at = holder[0]!;
    } else {
      const map = (at[key] ??= {}) as Record<string, unknown>;
      if (last) map['mkkey'] = value;
      else at = (map['mkkey'] ??= {}) as Record<string, unknown>;
    }
  });
}
