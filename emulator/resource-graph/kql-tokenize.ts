/** Splits a KQL query into tokens: names, string and number literals, and operators. */
import { KqlError } from './kql-error';

export type Token =
  /** A name or keyword; hyphenated names (`project-away`, `mv-expand`) stay one token so they can be refused by name. */
  | { kind: 'name'; text: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'number'; value: number; at: number }
  /** Punctuation and symbolic operators, plus `in~` and the negated word operators (`!in`, `!has` …). */
  | { kind: 'op'; text: string; at: number }
  | { kind: 'end'; at: number };

const SYMBOLS = ['==', '!=', '=~', '!~', '|', ',', '(', ')', '[', ']', '.', '='];
const NAME = /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z][A-Za-z0-9_]*)*/y;
const NUMBER = /\d+(?:\.\d+)?/y;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

/** Throws KqlError (invalid) on text that is not KQL at all: a stray character or an unterminated string. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (query.startsWith('//', i)) {
      const end = query.indexOf('\n', i);
      i = end < 0 ? query.length : end + 1;
      continue;
    }
    if (c === "'" || c === '"') {
      const { value, end } = quoted(query, i);
      tokens.push({ kind: 'string', value, at: i });
      i = end;
      continue;
    }
    if (c === '@' && (query[i + 1] === "'" || query[i + 1] === '"')) {
      const { value, end } = verbatim(query, i + 1);
      tokens.push({ kind: 'string', value, at: i });
      i = end;
      continue;
    }
    const word = match(NAME, query, i);
    if (word !== undefined) {
      // `in~` is one operator; everything else after a name starts a new token.
      const tilde = word === 'in' && query[i + word.length] === '~';
      tokens.push(tilde ? { kind: 'op', text: 'in~', at: i } : { kind: 'name', text: word, at: i });
      i += word.length + (tilde ? 1 : 0);
      continue;
    }
    const number = match(NUMBER, query, i);
    if (number !== undefined) {
      tokens.push({ kind: 'number', value: Number(number), at: i });
      i += number.length;
      continue;
    }
    if (c === '!' && /[A-Za-z]/.test(query[i + 1] ?? '')) {
      const negated = match(NAME, query, i + 1) as string;
      const tilde = negated === 'in' && query[i + 1 + negated.length] === '~';
      tokens.push({ kind: 'op', text: `!${negated}${tilde ? '~' : ''}`, at: i });
      i += 1 + negated.length + (tilde ? 1 : 0);
      continue;
    }
    const symbol = SYMBOLS.find((s) => query.startsWith(s, i));
    if (symbol === undefined) throw new KqlError('invalid', `unexpected character '${c}' at position ${i}`, i);
    tokens.push({ kind: 'op', text: symbol, at: i });
    i += symbol.length;
  }
  tokens.push({ kind: 'end', at: query.length });
  return tokens;
}

function match(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** `'…'` or `"…"` with backslash escapes. */
function quoted(query: string, start: number): { value: string; end: number } {
  const quote = query[start];
  let value = '';
  for (let i = start + 1; i < query.length; i++) {
    const c = query[i]!;
    if (c === quote) return { value, end: i + 1 };
    if (c === '\\') {
      const next = query[i + 1];
      const escaped = next === undefined ? undefined : ESCAPES[next];
      if (escaped === undefined) throw new KqlError('unsupported', `the escape sequence \\${next ?? ''} at position ${i}`, i);
      value += escaped;
      i += 1;
      continue;
    }
    value += c;
  }
  throw new KqlError('invalid', `unterminated string literal at position ${start}`, start);
}

/** `@'…'`: no escapes; a doubled quote stands for one. */
function verbatim(query: string, start: number): { value: string; end: number } {
  const quote = query[start]!;
  let value = '';
  for (let i = start + 1; i < query.length; i++) {
    if (query[i] !== quote) {
      value += query[i];
      continue;
    }
    if (query[i + 1] === quote) {
      value += quote;
      i += 1;
      continue;
    }
    return { value, end: i + 1 };
  }
  throw new KqlError('invalid', `unterminated string literal at position ${start - 1}`, start - 1);
}
