/** The parsed form of the KQL subset the emulator evaluates (see kql-parse.ts for the grammar). */
import type { JsonObject } from '../json';

/** A KQL value as rows hold it: scalars, or `dynamic` objects and arrays; `null` for a missing property. */
export type KqlValue = string | number | boolean | null | JsonObject | unknown[];

/** Scalar functions the evaluator knows, with how many arguments each takes. */
export const FUNCTIONS = {
  tolower: [1, 1],
  toupper: [1, 1],
  tostring: [1, 1],
  isempty: [1, 1],
  isnotempty: [1, 1],
  isnull: [1, 1],
  isnotnull: [1, 1],
  not: [1, 1],
  coalesce: [2, 64],
} as const satisfies Record<string, readonly [number, number]>;

export type FunctionName = keyof typeof FUNCTIONS;

/** `==` and `!=` compare exactly; `=~` and `!~` ignore case; the word operators ignore case unless `_cs`. */
export const COMPARE_OPS = [
  '==', '!=', '=~', '!~',
  'has', '!has', 'has_cs', '!has_cs',
  'contains', '!contains', 'contains_cs', '!contains_cs',
  'startswith', '!startswith', 'startswith_cs', '!startswith_cs',
  'endswith', '!endswith', 'endswith_cs', '!endswith_cs',
] as const;

export type CompareOp = (typeof COMPARE_OPS)[number];

export const IN_OPS = ['in', '!in', 'in~', '!in~'] as const;

export type InOp = (typeof IN_OPS)[number];

export type Expr =
  | { kind: 'literal'; value: KqlValue }
  /** A column, optionally followed by property names into its dynamic value (`properties.storageProfile`). */
  | { kind: 'column'; name: string; path: string[]; at: number }
  | { kind: 'call'; fn: FunctionName; args: Expr[] }
  | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr }
  | { kind: 'in'; op: InOp; left: Expr; list: Expr[] }
  | { kind: 'logical'; op: 'and' | 'or'; left: Expr; right: Expr };

/** A named output column (`extend x = …`, `project x = …`, or `project x` for an existing column). */
export interface NamedExpr {
  name: string;
  expr: Expr;
}

export interface SortKey {
  expr: Expr;
  descending: boolean;
}

/** One `| operator` of the pipeline. */
export type Stage =
  | { kind: 'where'; predicate: Expr }
  | { kind: 'extend'; columns: NamedExpr[] }
  | { kind: 'project'; columns: NamedExpr[] }
  | { kind: 'order'; keys: SortKey[] }
  | { kind: 'limit'; count: number };

export interface Query {
  /** The table as written (`resources`, `Resources`). */
  table: string;
  stages: Stage[];
}
