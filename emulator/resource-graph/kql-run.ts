/**
 * Runs a parsed query over a table's rows. Columns are checked against the table's schema before any row is
 * read, so an unknown column is refused the same way whether the table holds rows or not.
 */
import type { Expr, Query, Stage } from './kql-ast';
import { KqlError } from './kql-error';
import { compareValues, evaluate, type Row } from './kql-expression';
import { parseQuery } from './kql-parse';

/** A table the evaluator can query: its name, its columns, and its rows. */
export interface KqlTable {
  name: string;
  columns: readonly string[];
  rows: readonly Row[];
}

/** What a query produced: its output columns (in order) and rows. */
export interface KqlResult {
  columns: string[];
  rows: Row[];
}

/** Parses, checks and runs `text` over the tables; throws KqlError for anything outside the subset. */
export function runQuery(text: string, tables: readonly KqlTable[]): KqlResult {
  const query = parseQuery(text);
  const table = tables.find((t) => t.name.toLowerCase() === query.table.toLowerCase());
  if (table === undefined) {
    throw new KqlError('unsupported', `the table '${query.table}' (the emulator has ${tables.map((t) => `'${t.name}'`).join(', ')})`, 0);
  }
  checkColumns(query, table.columns);
  let columns = [...table.columns];
  let rows: Row[] = table.rows.map((r) => ({ ...r }));
  for (const stage of query.stages) ({ columns, rows } = apply(stage, columns, rows));
  return { columns, rows };
}

function apply(stage: Stage, columns: string[], rows: Row[]): KqlResult {
  switch (stage.kind) {
    case 'where':
      return { columns, rows: rows.filter((row) => evaluate(stage.predicate, row) === true) };
    case 'extend': {
      const added = stage.columns.map((c) => c.name).filter((name) => !columns.includes(name));
      const extended = rows.map((row) => {
        const out = { ...row };
        // Each new column sees the ones defined before it in the same `extend`, as in KQL.
        for (const c of stage.columns) out[c.name] = evaluate(c.expr, out);
        return out;
      });
      return { columns: [...columns, ...added], rows: extended };
    }
    case 'project':
      return {
        columns: stage.columns.map((c) => c.name),
        rows: rows.map((row) => Object.fromEntries(stage.columns.map((c) => [c.name, evaluate(c.expr, row)]))),
      };
    case 'order': {
      const keyed = rows.map((row, index) => ({ row, index, keys: stage.keys.map((k) => evaluate(k.expr, row)) }));
      keyed.sort((a, b) => {
        for (const [i, key] of stage.keys.entries()) {
          const order = compareValues(a.keys[i]!, b.keys[i]!);
          if (order !== 0) return key.descending ? -order : order;
        }
        return a.index - b.index;
      });
      return { columns, rows: keyed.map((k) => k.row) };
    }
    case 'limit':
      return { columns, rows: rows.slice(0, Math.max(0, stage.count)) };
  }
}

/** Walks the stages with the set of columns each one sees; throws on a column that does not exist there. */
function checkColumns(query: Query, tableColumns: readonly string[]): void {
  let known = new Set(tableColumns);
  const check = (expr: Expr): void => {
    switch (expr.kind) {
      case 'column':
        if (!known.has(expr.name)) {
          throw new KqlError('invalid', `no column named '${expr.name}' at position ${expr.at} (columns here: ${[...known].join(', ')})`, expr.at);
        }
        return;
      case 'call':
        return expr.args.forEach(check);
      case 'compare':
      case 'logical':
        check(expr.left);
        return check(expr.right);
      case 'in':
        check(expr.left);
        return expr.list.forEach(check);
      case 'literal':
        return;
    }
  };
  for (const stage of query.stages) {
    if (stage.kind === 'where') {
      check(stage.predicate);
      if (!isCondition(stage.predicate)) throw new KqlError('invalid', "'where' needs a condition (a comparison, 'in', 'and'/'or' or a test such as isnotempty())");
    } else if (stage.kind === 'order') stage.keys.forEach((k) => check(k.expr));
    else if (stage.kind === 'extend') {
      for (const c of stage.columns) {
        check(c.expr);
        known.add(c.name);
      }
    } else if (stage.kind === 'project') {
      stage.columns.forEach((c) => check(c.expr));
      known = new Set(stage.columns.map((c) => c.name));
    } else if (stage.count < 0) throw new KqlError('invalid', "'limit' needs a count of 0 or more");
  }
}

function isCondition(expr: Expr): boolean {
  if (expr.kind === 'compare' || expr.kind === 'in' || expr.kind === 'logical') return true;
  if (expr.kind === 'literal') return typeof expr.value === 'boolean';
  return expr.kind === 'call' && ['isempty', 'isnotempty', 'isnull', 'isnotnull', 'not'].includes(expr.fn);
}
