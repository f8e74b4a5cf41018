/**
 * Compiles an Adaptive Card template into a plain function that expands it exactly as adaptivecards-templating
 * 2.3 does, for the few expression forms this project's templates use. adaptivecards-templating evaluates every
 * `${…}` through adaptive-expressions on each expand (a memory object, a parse tree walk and option objects per
 * expression); most of a card's render time went there. The compiled function does the same lookups directly.
 *
 * Supported (anything else throws UnsupportedTemplate, and the caller keeps the library's Template):
 * - a string that is one whole expression: `${a}` or `${a.b}`, `${a != ''}`, `${count(a) > 0}`,
 *   `${if(a == null, undefined, a)}`; strings without `${` are kept as they are;
 * - `$data` and `$when` whose value is such an expression.
 *
 * The library's behaviour is copied, quirks included, because a card must not change with the renderer:
 * a name is looked up without regard to case (the first key in key order that matches); an undefined value
 * becomes the text `${name}`; `$when` keeps an element only for the boolean true; an element dropped from an
 * array disappears, but one dropped from an object's property leaves `null`; `$data` bound to an array repeats
 * the element (spliced into the enclosing array), to one element gives the object itself, to none gives null.
 * test/cards/compiled-templates.test.ts holds the two renderers equal on every sample and on generated data.
 */

import { jsonBytesBound } from './json-size';

/** A template part that this compiler does not handle; the renderer falls back to the library for the file. */
export class UnsupportedTemplate extends Error {}

/**
 * Where an expansion adds up an upper bound on the UTF-8 bytes of its output's JSON, so the Teams layer can check
 * a card against the message limit without walking it again (jsonBytesBound over a status card cost about as
 * much as rendering it). Every node adds its own share as it is built; see `compileTemplate`.
 */
export interface SizeTally {
  bytes: number;
}

/** Expands with `$data` = the scope; `undefined` means "leave the key out". Adds its output's bound to `tally`. */
type Expand = (scope: unknown, tally: SizeTally) => unknown;

/** A compiled template; with a tally, the bound of `JSON.stringify(result)` in UTF-8 bytes is added to it. */
export type CompiledTemplate = (root: unknown, tally?: SizeTally) => unknown;

/** `null`, which a dropped element leaves where it was an object's property. */
const NULL_BYTES = 4;

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const PATH = String.raw`[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*`;
const VALUE = new RegExp(`^\\$\\{(${PATH})\\}$`);
const NOT_EMPTY = new RegExp(`^\\$\\{(${PATH}) != ''\\}$`);
const COUNT_ABOVE_ZERO = new RegExp(`^\\$\\{count\\((${PATH})\\) > 0\\}$`);
const UNLESS_NULL = new RegExp(`^\\$\\{if\\((${PATH}) == null, undefined, \\1\\)\\}$`);

/**
 * The template as a function of the card's data (its `$root`). The size bound follows json-size.ts' rules
 * (jsonBytesBound for every value taken from the data, the same per-character worst case for the template's own
 * text, every key counted whether or not it is kept, brackets and a comma per item): never below the exact size,
 * which test/cards/compiled-templates.test.ts checks on every sample and on generated data.
 */
export function compileTemplate(template: unknown): CompiledTemplate {
  const expand = compileNode(template);
  return (root, tally = { bytes: 0 }) => expand(root, tally);
}

function compileNode(node: unknown): Expand {
  if (Array.isArray(node)) return compileArray(node);
  if (typeof node === 'string' && node.includes('${')) return compileExpression(node, 'value');
  if (node !== null && typeof node === 'object') return compileObject(node as Record<string, unknown>);
  const bytes = jsonBytesBound(node);
  return (_scope, tally) => {
    tally.bytes += bytes;
    return node;
  };
}

function compileArray(items: readonly unknown[]): Expand {
  const parts = items.map(compileNode);
  return (scope, tally) => {
    const out: unknown[] = [];
    for (const part of parts) {
      const value = part(scope, tally);
      // As the library: null (a dropped element) disappears, an array (a repeated element) is spliced in.
      if (value === null) continue;
      if (Array.isArray(value)) out.push(...(value as unknown[]));
      else out.push(value);
    }
    // Brackets, and a comma after every item (one more than JSON has).
    tally.bytes += 2 + out.length;
    return out;
  };
}

function compileObject(node: Record<string, unknown>): Expand {
  const when = node.$when === undefined ? undefined : compileCondition(node.$when);
  const data = node.$data === undefined ? undefined : compileBinding(node.$data);
  const keys = Object.keys(node).filter((key) => !RESERVED.has(key));
  const expands = keys.map((key) => compileNode(node[key]));
  // Braces, and every key with its quotes, colon and comma (kept or not), as jsonBytesBound counts keys.
  const keysBytes = keys.reduce((sum, key) => sum + key.length * 6 + 4, 2);
  const build = objectBuilder(keys);
  const single = (scope: unknown, tally: SizeTally): Record<string, unknown> => {
    tally.bytes += keysBytes;
    return build(expands, scope, tally);
  };
  // Most elements have no `$data`: no arrays per element then, only its output object.
  if (!data) return (scope, tally) => (when && when(scope, tally) !== true ? dropped(tally) : single(scope, tally));
  return (scope, tally) => {
    const bound = data(scope, tally);
    const contexts = Array.isArray(bound) ? (bound as unknown[]) : [bound];
    const out: unknown[] = [];
    for (const context of contexts) {
      // An element without data (or bound to undefined) keeps the enclosing scope, as the library's context does.
      const inner = context !== undefined ? context : scope;
      if (when && when(inner, tally) !== true) continue;
      out.push(single(inner, tally));
    }
    // Whichever of null, one object or an array of them this gives, its brackets and commas fit in this.
    tally.bytes += NULL_BYTES + 2 + out.length;
    return out.length === 0 ? null : out.length === 1 ? out[0] : out;
  };
}

/**
 * A function that builds one element's output object with each key written as a constant (`o["type"] = v`), not
 * through a variable key: V8 then gives every key of every template element a store site of its own that sees one
 * object shape, where the one shared loop saw them all. The keys come from our own templates and are written as
 * JSON string literals, so no key can become code.
 */
function objectBuilder(keys: readonly string[]): (expands: readonly Expand[], scope: unknown, tally: SizeTally) => Record<string, unknown> {
  const stores = keys.map((key, i) => `v = x[${i}](s, t); if (v !== undefined) o[${JSON.stringify(key)}] = v;`);
  return new Function('x', 's', 't', `const o = {}; let v; ${stores.join(' ')} return o;`) as (expands: readonly Expand[], scope: unknown, tally: SizeTally) => Record<string, unknown>;
}

/** A dropped element: gone from an array, `null` as an object's property. */
function dropped(tally: SizeTally): null {
  tally.bytes += NULL_BYTES;
  return null;
}

function compileBinding(value: unknown): Expand {
  if (typeof value !== 'string' || !VALUE.test(value)) throw new UnsupportedTemplate(`$data ${JSON.stringify(value)}`);
  return compileExpression(value, 'binding');
}

function compileCondition(value: unknown): Expand {
  if (typeof value !== 'string' || !value.includes('${')) throw new UnsupportedTemplate(`$when ${JSON.stringify(value)}`);
  return compileExpression(value, 'condition');
}

/**
 * How an expression's result is used: `value` goes into the card (its bound is added; an undefined value becomes
 * the text `${path}`, as in the library); `binding` (`$data`) substitutes too but is not output itself (what it
 * binds is counted as its elements are built); `condition` (`$when`) neither.
 */
type ExpressionUse = 'value' | 'binding' | 'condition';

function compileExpression(text: string, use: ExpressionUse): Expand {
  let m = VALUE.exec(text);
  if (m) {
    const path = m[1]!;
    const parts = lowerPath(path);
    const missing = `\${${path}}`;
    if (use === 'condition') return (scope) => lookup(scope, parts);
    if (use === 'binding') {
      return (scope) => {
        const value = lookup(scope, parts);
        return value === undefined ? missing : value;
      };
    }
    const missingBytes = jsonBytesBound(missing);
    return (scope, tally) => {
      const value = lookup(scope, parts);
      if (value === undefined) {
        tally.bytes += missingBytes;
        return missing;
      }
      tally.bytes += jsonBytesBound(value);
      return value;
    };
  }
  const output = use === 'value';
  m = NOT_EMPTY.exec(text);
  if (m) {
    const parts = lowerPath(m[1]!);
    return (scope, tally) => {
      if (output) tally.bytes += BOOLEAN_BYTES;
      return lookup(scope, parts) !== '';
    };
  }
  m = COUNT_ABOVE_ZERO.exec(text);
  if (m) {
    const parts = lowerPath(m[1]!);
    return (scope, tally) => {
      if (output) tally.bytes += BOOLEAN_BYTES;
      return count(lookup(scope, parts)) > 0;
    };
  }
  m = UNLESS_NULL.exec(text);
  if (m) {
    const parts = lowerPath(m[1]!);
    return (scope, tally) => {
      const value = lookup(scope, parts);
      if (value === null || value === undefined) return undefined;
      if (output) tally.bytes += jsonBytesBound(value);
      return value;
    };
  }
  throw new UnsupportedTemplate(`expression ${text}`);
}

/** `false`. */
const BOOLEAN_BYTES = 5;

/** A path's names in lower case, split once when the template is compiled. */
function lowerPath(path: string): string[] {
  return path.split('.').map((part) => part.toLowerCase());
}

/** adaptive-expressions' property access: a falsy holder has nothing; names match without case, first key wins. */
function lookup(scope: unknown, lowerParts: readonly string[]): unknown {
  let value = scope;
  for (const lower of lowerParts) {
    if (!value) return undefined;
    value = propertyWithoutCase(value as Record<string, unknown>, lower);
  }
  return value;
}

/**
 * The first own key in key order whose lower case is `lower` (for…in visits own keys in Object.keys' order; the
 * data is plain JSON-like objects, with nothing enumerable inherited). No array of keys per lookup, and a key of
 * another length is never lower-cased (a new string for every camelCase key before the one sought; template names
 * are ASCII, and lower-casing never turns a key of another length into one): every `${…}`
 * of every card looks up this way.
 */
function propertyWithoutCase(holder: Record<string, unknown>, lower: string): unknown {
  for (const key in holder) {
    if (key.length === lower.length && (key === lower || key.toLowerCase() === lower) && Object.hasOwn(holder, key)) return holder[key];
  }
  return undefined;
}

/** adaptive-expressions' `count`: the length of a string or an array, the number of an object's keys; else none. */
function count(value: unknown): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (value !== null && typeof value === 'object') return Object.keys(value).length;
  return 0;
}
