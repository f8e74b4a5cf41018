/**
 * A recursive-descent parser for the KQL subset the bot sends to Resource Graph:
 *
 *   query     := table ('|' stage)*
 *   stage     := 'where' expr | 'extend' named (',' named)* | 'project' item (',' item)*
 *              | ('order' | 'sort') 'by' expr ['asc' | 'desc'] (',' …)* | ('limit' | 'take') number
 *   expr      := and ('or' and)*          and := compare ('and' compare)*
 *   compare   := primary [compareOp primary | inOp '(' expr (',' expr)* ')']
 *   primary   := string | number | true | false | '(' expr ')' | function '(' args ')' | column path
 *   path      := ('.' name | '[' string ']')*
 *
 * Anything else is refused with a KqlError that names what was not understood, never guessed at.
 */
import { COMPARE_OPS, FUNCTIONS, IN_OPS, type CompareOp, type Expr, type FunctionName, type InOp, type NamedExpr, type Query, type SortKey, type Stage } from './kql-ast';
import { KqlError } from './kql-error';
import { tokenize, type Token } from './kql-tokenize';

/** Operators a user might reasonably send that the emulator does not evaluate: refused by name. */
const KNOWN_UNSUPPORTED = /^(summarize|join|union|mv-expand|mv-apply|project-away|project-keep|project-rename|project-reorder|distinct|count|top|parse|extend-columns|lookup|sample|render|as|serialize|make-series)$/i;

export function parseQuery(text: string): Query {
  return new Parser(tokenize(text)).query();
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  query(): Query {
    const table = this.name('a table name');
    const stages: Stage[] = [];
    while (this.takeOp('|')) stages.push(this.stage());
    const rest = this.peek();
    if (rest.kind !== 'end') throw this.unexpected(rest, "'|' or the end of the query");
    return { table: table.text, stages };
  }

  private stage(): Stage {
    const word = this.name('a query operator');
    const keyword = word.text.toLowerCase();
    if (keyword === 'where') return { kind: 'where', predicate: this.expr() };
    if (keyword === 'extend') return { kind: 'extend', columns: this.list(() => this.named(false)) };
    if (keyword === 'project') return { kind: 'project', columns: this.list(() => this.named(true)) };
    if (keyword === 'order' || keyword === 'sort') {
      const by = this.name("'by'");
      if (by.text.toLowerCase() !== 'by') throw this.unexpected(by, "'by'");
      return { kind: 'order', keys: this.list(() => this.sortKey()) };
    }
    if (keyword === 'limit' || keyword === 'take') {
      const count = this.next();
      if (count.kind !== 'number' || !Number.isInteger(count.value)) throw this.unexpected(count, 'a whole number');
      return { kind: 'limit', count: count.value };
    }
    if (KNOWN_UNSUPPORTED.test(keyword)) throw new KqlError('unsupported', `the '${word.text}' operator (position ${word.at})`, word.at);
    throw new KqlError('unsupported', `'${word.text}' at position ${word.at} is not a query operator the emulator evaluates`, word.at);
  }

  /** `name = expr`, or (in `project`) a bare column name that keeps its name. */
  private named(bareColumnAllowed: boolean): NamedExpr {
    const name = this.name('a column name');
    if (this.takeOp('=')) return { name: name.text, expr: this.expr() };
    const after = this.peek();
    if (!bareColumnAllowed || (after.kind === 'op' && (after.text === '.' || after.text === '[' || after.text === '('))) {
      throw new KqlError('unsupported', `give the expression at position ${name.at} a name ('${name.text}_x = …')`, name.at);
    }
    return { name: name.text, expr: { kind: 'column', name: name.text, path: [], at: name.at } };
  }

  private sortKey(): SortKey {
    const expr = this.expr();
    const direction = this.peek();
    // KQL sorts descending unless told otherwise.
    let descending = true;
    if (direction.kind === 'name' && /^(asc|desc)$/i.test(direction.text)) {
      descending = direction.text.toLowerCase() === 'desc';
      this.i += 1;
    }
    const nulls = this.peek();
    if (nulls.kind === 'name' && nulls.text.toLowerCase() === 'nulls') throw new KqlError('unsupported', `'nulls first|last' (position ${nulls.at})`, nulls.at);
    return { expr, descending };
  }

  private expr(): Expr {
    let left = this.and();
    while (this.takeName('or')) left = { kind: 'logical', op: 'or', left, right: this.and() };
    return left;
  }

  private and(): Expr {
    let left = this.compare();
    while (this.takeName('and')) left = { kind: 'logical', op: 'and', left, right: this.compare() };
    return left;
  }

  private compare(): Expr {
    const left = this.primary();
    const t = this.peek();
    const text = t.kind === 'op' || t.kind === 'name' ? t.text : undefined;
    if (text === undefined) return left;
    const lower = text.toLowerCase();
    if ((IN_OPS as readonly string[]).includes(lower)) {
      this.i += 1;
      this.expectOp('(');
      const list = this.list(() => this.expr());
      this.expectOp(')');
      return { kind: 'in', op: lower as InOp, left, list };
    }
    if ((COMPARE_OPS as readonly string[]).includes(lower)) {
      this.i += 1;
      return { kind: 'compare', op: lower as CompareOp, left, right: this.primary() };
    }
    if (t.kind === 'op' && /^!/.test(text) && text.length > 2) throw new KqlError('unsupported', `the '${text}' operator (position ${t.at})`, t.at);
    if (t.kind === 'name' && !/^(and|or|asc|desc|nulls)$/i.test(text)) throw new KqlError('unsupported', `the '${text}' operator (position ${t.at})`, t.at);
    return left;
  }

  private primary(): Expr {
    const t = this.next();
    if (t.kind === 'string') return { kind: 'literal', value: t.value };
    if (t.kind === 'number') return { kind: 'literal', value: t.value };
    if (t.kind === 'op' && t.text === '(') {
      const inner = this.expr();
      this.expectOp(')');
      return inner;
    }
    if (t.kind !== 'name') throw this.unexpected(t, 'a value, a column or a function');
    if (/^(true|false)$/i.test(t.text)) return { kind: 'literal', value: t.text.toLowerCase() === 'true' };
    if (this.takeOp('(')) return this.call(t);
    const path: string[] = [];
    for (;;) {
      if (this.takeOp('.')) path.push(this.name('a property name').text);
      else if (this.takeOp('[')) {
        const key = this.next();
        if (key.kind !== 'string') throw this.unexpected(key, "a quoted property name (['name'])");
        path.push(key.value);
        this.expectOp(']');
      } else break;
    }
    return { kind: 'column', name: t.text, path, at: t.at };
  }

  private call(name: Extract<Token, { kind: 'name' }>): Expr {
    const fn = name.text.toLowerCase();
    if (!Object.hasOwn(FUNCTIONS, fn)) throw new KqlError('unsupported', `the function '${name.text}' (position ${name.at})`, name.at);
    const args = this.peekOp(')') ? [] : this.list(() => this.expr());
    this.expectOp(')');
    const [min, max] = FUNCTIONS[fn as FunctionName];
    if (args.length < min || args.length > max) {
      throw new KqlError('invalid', `${fn}() takes ${min === max ? min : `${min} or more`} argument${max === 1 ? '' : 's'}, got ${args.length}`, name.at);
    }
    return { kind: 'call', fn: fn as FunctionName, args };
  }

  private list<T>(item: () => T): T[] {
    const items = [item()];
    while (this.takeOp(',')) items.push(item());
    return items;
  }

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.i += 1;
    return t;
  }

  private name(what: string): Extract<Token, { kind: 'name' }> {
    const t = this.next();
    if (t.kind !== 'name') throw this.unexpected(t, what);
    return t;
  }

  private peekOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }

  private takeOp(text: string): boolean {
    if (!this.peekOp(text)) return false;
    this.i += 1;
    return true;
  }

  private takeName(word: string): boolean {
    const t = this.peek();
    if (t.kind !== 'name' || t.text.toLowerCase() !== word) return false;
    this.i += 1;
    return true;
  }

  private expectOp(text: string): void {
    const t = this.next();
    if (t.kind !== 'op' || t.text !== text) throw this.unexpected(t, `'${text}'`);
  }

  private unexpected(t: Token, expected: string): KqlError {
    const found = t.kind === 'end' ? 'the end of the query' : t.kind === 'string' ? `'${t.value}'` : t.kind === 'number' ? String(t.value) : `'${t.text}'`;
    return new KqlError('invalid', `expected ${expected} at position ${t.at}, found ${found}`, t.at);
  }
}
