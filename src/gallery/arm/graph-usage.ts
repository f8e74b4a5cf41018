/**
 * The UsageReader over Azure Resource Graph, through the real `@azure/arm-resourcegraph` client: one query
 * across every configured subscription (Azure or the emulator alike), followed page by page with `$skipToken`.
 */
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { ForbiddenError, UpstreamError } from '../../errors';
import type { CallOptions } from '../gallery-port';
import type { ImageKey } from '../model';
import type { UsageReader, VersionUsage } from '../usage-port';
import type { GalleryScope } from './arm-gallery';
import type { ComputeClientOptions } from './compute-clients';
import { mapArmError } from './map-errors';
import { sdkClientOptions } from './sdk-client-options';
import { usageQuery } from './usage-query';
import { usageFromRows } from './usage-rows';

export interface GraphUsageOptions extends ComputeClientOptions {
  /** The configured gallery scopes; their subscriptions are searched. */
  scopes: GalleryScope[];
}

/** Azure's largest page; fewer round trips for big fleets. */
const PAGE_SIZE = 1000;
/** 100 000 references to one definition would be a fleet inventory, not an answer; a token loop is a bug. */
const MAX_PAGES = 100;

export function createGraphUsage(options: GraphUsageOptions): UsageReader {
  const client = new ResourceGraphClient(options.credential, sdkClientOptions(options));
  // Workloads run in their own resource groups (the demo's scale sets are in rg-dispatch-prod, not rg-images),
  // so a resource-group scope still means its whole subscription; each subscription is named once.
  const subscriptions = [...new Map(options.scopes.map((s) => [s.subscriptionId.toLowerCase(), s.subscriptionId])).values()];

  async function queryAll(image: ImageKey, opts?: CallOptions): Promise<unknown[]> {
    const subject = `the Azure Resource Graph query for scale sets and VMs using ${image.gallery}/${image.image}`;
    const query = usageQuery(image);
    const rows: unknown[] = [];
    let skipToken: string | undefined;
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await client.resources(
          { subscriptions, query, options: { top: PAGE_SIZE, resultFormat: 'objectArray', ...(skipToken === undefined ? {} : { skipToken }) } },
          { abortSignal: opts?.abortSignal },
        );
        if (!Array.isArray(answer.data)) throw new UpstreamError(`Azure answered ${subject} in a format GalleryOps cannot read.`);
        rows.push(...(answer.data as unknown[]));
        // A truncated result would silently hide deployments; better to say so than to answer half.
        if (answer.resultTruncated === 'true') throw new UpstreamError(`Azure cut off the answer to ${subject}; try again, and tell the bot's operators if it persists.`);
        skipToken = answer.skipToken;
        if (skipToken === undefined || skipToken === '') return rows;
      }
    } catch (error) {
      throw mapGraphError(error, subject, subscriptions);
    }
    throw new UpstreamError(`Azure kept paging ${subject} past ${MAX_PAGES * PAGE_SIZE} rows; GalleryOps stopped there rather than answer in part.`);
  }

  return {
    async findUsage(image: ImageKey, version?: string, opts?: CallOptions): Promise<VersionUsage> {
      return usageFromRows(await queryAll(image, opts), image, version);
    },
  };
}

/** Resource Graph returns only what the identity may read, so a 403 here is about the query as a whole. */
function mapGraphError(error: unknown, subject: string, subscriptions: string[]): Error {
  const mapped = mapArmError(error, subject);
  if (!(mapped instanceof ForbiddenError)) return mapped;
  return new ForbiddenError(
    `GalleryOps may not run ${subject}. Ask an administrator to grant its identity Reader on the subscriptions where the scale sets and VMs run (${subscriptions.join(', ')}).`,
    { cause: error },
  );
}
