/**
 * `POST /providers/Microsoft.ResourceGraph/resources`: reads the request body, evaluates its query over the
 * `resources` table of the subscriptions named, and answers one page. A query outside the evaluated subset is
 * a 400 that says what was not understood — never an answer guessed from the query text.
 */
import { randomUUID } from 'node:crypto';
import { ArmError } from '../arm-error';
import type { ArmRequest, ArmResponse, EmulatorContext } from '../emulator-context';
import { isObject, type JsonObject } from '../json';
import { KqlError } from './kql-error';
import { runQuery, type KqlResult } from './kql-run';
import { resourcesTable } from './resources-table';
import { decodeSkipToken, encodeSkipToken, queryFingerprint } from './skip-token';

/** Azure's own ceiling for `$top`, and the page size when none is asked for. */
export const MAX_GRAPH_PAGE = 1000;

interface GraphRequest {
  query: string;
  subscriptions?: string[];
  top?: number;
  skip?: number;
  skipToken?: string;
  resultFormat: 'objectArray' | 'table';
}

function badRequest(message: string, detailCode = 'InvalidRequest'): ArmError {
  return new ArmError(400, 'BadRequest', message, { details: [{ code: detailCode, message }] });
}

export function queryResources(ctx: EmulatorContext, req: ArmRequest): ArmResponse {
  const body = readRequest(req.body);
  const fingerprint = queryFingerprint(body.query, body.subscriptions);
  let offset = body.skip ?? 0;
  let snapshot: string | undefined;
  if (body.skipToken !== undefined) {
    const decoded = decodeSkipToken(body.skipToken, fingerprint);
    if (decoded === undefined) throw badRequest('The $skipToken is invalid, or was issued for another query or other subscriptions.', 'InvalidSkipToken');
    offset = decoded.offset;
    snapshot = decoded.snapshot;
  }
  // A later page continues the result set its first page was cut from (as Azure's token does), rather than
  // evaluating the query over every resource again for each page; a set no longer kept is evaluated afresh.
  let result = snapshot === undefined ? undefined : resultSets(ctx).get(snapshot);
  if (result === undefined) {
    try {
      result = runQuery(body.query, [resourcesTable(ctx, body.subscriptions)]);
    } catch (error) {
      if (!(error instanceof KqlError)) throw error;
      throw badRequest(`${error.reason} query: ${error.message}`, error.reason === 'unsupported' ? 'UnsupportedQuery' : 'InvalidQuery');
    }
  }
  const pageSize = Math.min(body.top ?? MAX_GRAPH_PAGE, MAX_GRAPH_PAGE, ctx.graphPageSize);
  const rows = result.rows.slice(offset, offset + pageSize);
  const more = offset + rows.length < result.rows.length;
  // As in Azure: pages can only be resumed when the results carry `id`; otherwise the rest is cut off.
  const pageable = result.columns.includes('id');
  const response: JsonObject = {
    totalRecords: result.rows.length,
    count: rows.length,
    data: body.resultFormat === 'table' ? asTable(result.columns, rows) : rows,
    facets: [],
    resultTruncated: more && !pageable ? 'true' : 'false',
  };
  if (more && pageable) response['$skipToken'] = encodeSkipToken(offset + rows.length, fingerprint, snapshot ?? keepResultSet(ctx, result));
  return { status: 200, body: response };
}

/** Result sets being paged, per emulator, newest last; a few at once, each for as long as a paging client needs. */
const kept = new WeakMap<EmulatorContext, Map<string, KqlResult>>();
const KEEP_SETS = 8;

function resultSets(ctx: EmulatorContext): Map<string, KqlResult> {
  let sets = kept.get(ctx);
  if (sets === undefined) kept.set(ctx, (sets = new Map()));
  return sets;
}

function keepResultSet(ctx: EmulatorContext, result: KqlResult): string {
  const sets = resultSets(ctx);
  const id = randomUUID();
  sets.set(id, result);
  if (sets.size > KEEP_SETS) sets.delete(sets.keys().next().value as string);
  return id;
}

function readRequest(body: unknown): GraphRequest {
  if (!isObject(body)) throw badRequest('The request content must be a JSON object with a query.');
  const { query, subscriptions, managementGroups, facets } = body;
  if (typeof query !== 'string' || query.trim() === '') throw badRequest("The request has no 'query'.", 'MissingQuery');
  if (managementGroups !== undefined) throw badRequest('unsupported query: the emulator has no management groups; name subscriptions instead.', 'UnsupportedQuery');
  if (Array.isArray(facets) && facets.length > 0) throw badRequest('unsupported query: facets are not evaluated by the emulator.', 'UnsupportedQuery');
  if (subscriptions !== undefined && (!Array.isArray(subscriptions) || !subscriptions.every((s) => typeof s === 'string'))) {
    throw badRequest("'subscriptions' must be an array of subscription ids.");
  }
  const options = isObject(body['options']) ? body['options'] : {};
  const request: GraphRequest = { query, resultFormat: 'objectArray' };
  if (subscriptions !== undefined) request.subscriptions = subscriptions as string[];
  const top = options['$top'];
  if (top !== undefined && top !== null) {
    if (!Number.isInteger(top) || (top as number) < 1 || (top as number) > MAX_GRAPH_PAGE) throw badRequest(`$top must be a whole number from 1 to ${MAX_GRAPH_PAGE}.`);
    request.top = top as number;
  }
  const skip = options['$skip'];
  if (skip !== undefined && skip !== null) {
    if (!Number.isInteger(skip) || (skip as number) < 0) throw badRequest('$skip must be a whole number of 0 or more.');
    request.skip = skip as number;
  }
  const skipToken = options['$skipToken'];
  if (skipToken !== undefined && skipToken !== null) {
    if (typeof skipToken !== 'string') throw badRequest('$skipToken must be a string.', 'InvalidSkipToken');
    request.skipToken = skipToken;
  }
  const format = options['resultFormat'];
  if (format !== undefined && format !== null) {
    if (format !== 'objectArray' && format !== 'table') throw badRequest("resultFormat must be 'objectArray' or 'table'.");
    request.resultFormat = format;
  }
  return request;
}

/** The older `table` result format: column names and types, then rows as arrays. */
function asTable(columns: string[], rows: JsonObject[]): { columns: { name: string; type: string }[]; rows: unknown[][] } {
  const typeOf = (name: string): string => {
    const value = rows.map((r) => r[name]).find((v) => v !== null && v !== undefined);
    if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
    if (typeof value === 'boolean') return 'boolean';
    return typeof value === 'object' ? 'object' : 'string';
  };
  return { columns: columns.map((name) => ({ name, type: typeOf(name) })), rows: rows.map((r) => columns.map((c) => r[c] ?? null)) };
}
