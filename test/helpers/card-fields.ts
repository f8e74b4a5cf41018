/**
 * The data fields an Adaptive Card template names, and the fields a builder's data holds, as dotted paths from
 * the data's root with array levels left out (`versions.command` for `versions[i].command`), so the two sides
 * compare directly. Template expressions are parsed by adaptivecards-templating itself (its AEL parser), so
 * what counts as a field reference is what the engine evaluates, not what a regular expression guesses.
 */
import * as ACData from 'adaptivecards-templating';

/** How a template uses a field: `value` puts it in the card whole; `data` iterates or scopes into it; `when` tests it. */
export type FieldUse = 'value' | 'data' | 'when';

/** Every field path a template names, with how; `problems` lists references that cannot be resolved to a path. */
export interface TemplateFields {
  uses: Map<string, Set<FieldUse>>;
  problems: string[];
}

/** Engine-provided names: they are never data fields. */
const ENGINE_NAMES = new Set(['$index', '$host', '$_acTemplateVersion']);

const dropIndexes = (path: string): string => path.replace(/\[[^\]]*\]/g, '');

/** Resolves `ref` (as AEL reports it) against the current `$data` scope; undefined for engine names. */
function resolve(ref: string, scope: string): string | undefined {
  const [head, ...rest] = dropIndexes(ref).split('.');
  if (ENGINE_NAMES.has(head!)) return undefined;
  const base = head === '$root' ? '' : head === '$data' ? scope : [scope, head].filter(Boolean).join('.');
  return [base, ...rest].filter(Boolean).join('.');
}

function references(text: unknown): string[] {
  if (typeof text !== 'string' || !text.includes('${')) return [];
  const parsed = ACData.Template.parseInterpolatedString(text);
  return typeof parsed === 'string' ? [] : parsed.references();
}

/** Walks a template as the engine expands it: `$data` opens a scope for its object's other keys (and `$when`). */
export function templateFields(template: unknown): TemplateFields {
  const uses = new Map<string, Set<FieldUse>>();
  const problems: string[] = [];
  const note = (refs: string[], scope: string, use: FieldUse, where: string): string[] =>
    refs.flatMap((ref) => {
      const path = resolve(ref, scope);
      if (path === undefined) return [];
      if (path === '') {
        if (use !== 'data') problems.push(`${where}: ${ref} names the whole data object`);
        return [path];
      }
      uses.set(path, (uses.get(path) ?? new Set()).add(use));
      return [path];
    });
  const walk = (node: unknown, scope: string, where: string): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, scope, `${where}[${i}]`));
    if (typeof node === 'string') return void note(references(node), scope, 'value', where);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    let inner = scope;
    if ('$data' in o) {
      const scopes = note(references(o.$data), scope, 'data', `${where}.$data`);
      if (scopes.length !== 1) problems.push(`${where}.$data: ${JSON.stringify(o.$data)} is not one field, so its items' fields cannot be checked`);
      inner = scopes[0] ?? scope;
    }
    if ('$when' in o) note(references(o.$when), inner, 'when', `${where}.$when`);
    for (const [key, value] of Object.entries(o)) if (key !== '$data' && key !== '$when') walk(value, inner, `${where}.${key}`);
  };
  walk(template, '', '$');
  return { uses, problems };
}

/** Every path in `data` (objects' keys at any depth, array levels left out), intermediate objects included. */
export function dataFields(data: unknown, into: Set<string> = new Set(), prefix = ''): Set<string> {
  if (Array.isArray(data)) {
    for (const item of data) dataFields(item, into, prefix);
  } else if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      const path = prefix ? `${prefix}.${key}` : key;
      into.add(path);
      dataFields(value, into, path);
    }
  }
  return into;
}
