/**
 * One Resource Graph query followed page by page with `$skipToken`, shared by `usage` and the inventory. Azure
 * counts each page as a query against the identity's quota (about 15 per 5 s), so pages are paced when a
 * pace is given, and a truncated answer is an error rather than a silent half.
 */
import type { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { UpstreamError } from '../../errors';
import type { CallOptions } from '../gallery-port';

/** Azure's largest page; fewer round trips for big inventories. */
export const GRAPH_PAGE_SIZE = 1000;

export interface GraphQuery {
  client: ResourceGraphClient;
  subscriptions: string[];
  query: string;
  /** In words, for errors: "the Azure Resource Graph query for …". */
  subject: string;
  /** A runaway token loop is a bug: stop after this many pages. */
  maxPages: number;
  /** Waits for the caller's query budget before each page. */
  pace?: () => Promise<void>;
  /** Told once per page sent (Resource Graph queries counted by the caller). */
  onPage?: () => void;
}

/** Every row of the query. Errors are thrown as they come (the caller maps them). */
export async function graphRows(q: GraphQuery, opts?: CallOptions): Promise<unknown[]> {
  const rows: unknown[] = [];
  let skipToken: string | undefined;
  for (let page = 0; page < q.maxPages; page++) {
    await q.pace?.();
    q.onPage?.();
    const answer = await q.client.resources(
      { subscriptions: q.subscriptions, query: q.query, options: { top: GRAPH_PAGE_SIZE, resultFormat: 'objectArray', ...(skipToken === undefined ? {} : { skipToken }) } },
      { abortSignal: opts?.abortSignal },
    );
    if (!Array.isArray(answer.data)) throw new UpstreamError(`Azure answered ${q.subject} in a format GalleryOps cannot read.`);
    rows.push(...(answer.data as unknown[]));
    // A truncated result would silently hide resources; better to say so than to answer half.
    if (answer.resultTruncated === 'true') throw new UpstreamError(`Azure cut off the answer to ${q.subject}; try again, and tell the bot's operators if it persists.`);
    skipToken = answer.skipToken;
    if (skipToken === undefined || skipToken === '') return rows;
  }
  throw new UpstreamError(`Azure kept paging ${q.subject} past ${q.maxPages * GRAPH_PAGE_SIZE} rows; GalleryOps stopped there rather than answer in part.`);
}

/** The subscriptions of the scopes, each once (ids compare without case). */
export function scopeSubscriptions(scopes: readonly { subscriptionId: string }[]): string[] {
  return [...new Map(scopes.map((s) => [s.subscriptionId.toLowerCase(), s.subscriptionId])).values()];
}
