/**
 * Scalar evaluation. Semantics follow KQL where the subset reaches: `==`/`!=` are case-sensitive and false
 * when either side is null; `=~`, `in~` and the word operators ignore case (their `_cs` forms do not); string
 * operators read null as ''; a missing property is null.
 */
import { isObject } from '../json';
import type { CompareOp, Expr, KqlValue } from './kql-ast';

/** One row: column name → value. */
export type Row = Record<string, KqlValue>;

export function evaluate(expr: Expr, row: Row): KqlValue {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'column':
      return expr.path.reduce<KqlValue>((value, key) => (isObject(value) ? toValue(value[key]) : null), row[expr.name] ?? null);
    case 'call':
      return call(expr.fn, expr.args.map((a) => evaluate(a, row)));
    case 'logical': {
      const left = evaluate(expr.left, row) === true;
      if (expr.op === 'and' ? !left : left) return left;
      return evaluate(expr.right, row) === true;
    }
    case 'compare':
      return compare(expr.op, evaluate(expr.left, row), evaluate(expr.right, row));
    case 'in': {
      const left = evaluate(expr.left, row);
      if (left === null) return false;
      const fold = expr.op.endsWith('~') ? (s: string) => s.toLowerCase() : (s: string) => s;
      const found = expr.list.some((item) => {
        const value = evaluate(item, row);
        return value !== null && fold(text(value)) === fold(text(left));
      });
      return expr.op.startsWith('!') ? !found : found;
    }
  }
}

/** The text form string operators and `tostring()` use: '' for null, JSON for dynamic objects and arrays. */
export function text(value: KqlValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function toValue(value: unknown): KqlValue {
  if (value === undefined) return null;
  return value as KqlValue;
}

function isEmpty(value: KqlValue): boolean {
  return value === null || value === '';
}

function call(fn: string, args: KqlValue[]): KqlValue {
  const [first = null] = args;
  switch (fn) {
    case 'tolower':
      return first === null ? null : text(first).toLowerCase();
    case 'toupper':
      return first === null ? null : text(first).toUpperCase();
    case 'tostring':
      return text(first);
    case 'isempty':
      return isEmpty(first);
    case 'isnotempty':
      return !isEmpty(first);
    case 'isnull':
      return first === null;
    case 'isnotnull':
      return first !== null;
    case 'not':
      return first !== true;
    case 'coalesce':
      return args.find((a) => !isEmpty(a)) ?? null;
    default:
      throw new Error(`function ${fn} has no evaluator`); // the parser only admits known functions
  }
}

function compare(op: CompareOp, left: KqlValue, right: KqlValue): boolean {
  if (op === '==' || op === '!=') {
    if (left === null || right === null) return false;
    const same = typeof left === 'number' && typeof right === 'number' ? left === right : text(left) === text(right);
    return op === '==' ? same : !same;
  }
  if (op === '=~' || op === '!~') {
    if (left === null || right === null) return false;
    const same = text(left).toLowerCase() === text(right).toLowerCase();
    return op === '=~' ? same : !same;
  }
  const negated = op.startsWith('!');
  const caseSensitive = op.endsWith('_cs');
  const word = op.replace(/^!/, '').replace(/_cs$/, '');
  const fold = (v: KqlValue): string => (caseSensitive ? text(v) : text(v).toLowerCase());
  const [hay, needle] = [fold(left), fold(right)];
  let found: boolean;
  if (word === 'contains') found = hay.includes(needle);
  else if (word === 'startswith') found = hay.startsWith(needle);
  else if (word === 'endswith') found = hay.endsWith(needle);
  else found = hasTerm(hay, needle);
  return negated ? !found : found;
}

const ALNUM = /[\p{L}\p{N}]/u;

/**
 * KQL's `has` matches whole terms (runs of letters and digits): `'gal_golden/images/dispatch' has 'images'` is
 * true, `has 'imag'` is false. A needle with punctuation inside must still start and end on term boundaries.
 */
function hasTerm(hay: string, needle: string): boolean {
  if (needle === '') return false;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
    const before = hay[at - 1];
    const after = hay[at + needle.length];
    const startOk = !ALNUM.test(needle[0]!) || before === undefined || !ALNUM.test(before);
    const endOk = !ALNUM.test(needle[needle.length - 1]!) || after === undefined || !ALNUM.test(after);
    if (startOk && endOk) return true;
  }
  return false;
}

/** Orders two values for `order by` (ascending): nulls first, numbers numerically, everything else as text. */
export function compareValues(a: KqlValue, b: KqlValue): number {
  if (a === null || b === null) return (a === null ? 0 : 1) - (b === null ? 0 : 1);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [text(a), text(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
