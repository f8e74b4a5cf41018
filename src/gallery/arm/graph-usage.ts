/**
 * The UsageReader over Azure Resource Graph, through the real `@azure/arm-resourcegraph` client: one query
 * across every configured subscription (Azure or the emulator alike), followed page by page with `$skipToken`.
 */
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { ForbiddenError } from '../../errors';
import type { CallOptions } from '../gallery-port';
import type { ImageKey } from '../model';
import type { UsageReader, VersionUsage } from '../usage-port';
import type { GalleryScope } from './arm-gallery';
import type { ComputeClientOptions } from './compute-clients';
import { graphRows, scopeSubscriptions } from './graph-pages';
import { mapArmError } from './map-errors';
import { sdkClientOptions } from './sdk-client-options';
import { usageQuery } from './usage-query';
import { usageFromRows } from './usage-rows';

export interface GraphUsageOptions extends ComputeClientOptions {
  /** The configured gallery scopes; their subscriptions are searched. */
  scopes: GalleryScope[];
}

/** 100 000 references to one definition would be a fleet inventory, not an answer; a token loop is a bug. */
const MAX_PAGES = 100;

export function createGraphUsage(options: GraphUsageOptions): UsageReader {
  const client = new ResourceGraphClient(options.credential, sdkClientOptions(options));
  // Workloads run in their own resource groups (the demo's scale sets are in rg-dispatch-prod, not rg-images),
  // so a resource-group scope still means its whole subscription; each subscription is named once.
  const subscriptions = scopeSubscriptions(options.scopes);

  async function queryAll(image: ImageKey, opts?: CallOptions): Promise<unknown[]> {
    const subject = `the Azure Resource Graph query for scale sets and VMs using ${image.gallery}/${image.image}`;
    try {
      return await graphRows({ client, subscriptions, query: usageQuery(image), subject, maxPages: MAX_PAGES }, opts);
    } catch (error) {
      throw mapGraphError(error, subject, subscriptions);
    }
  }

  return {
    async findUsage(image: ImageKey, version?: string, opts?: CallOptions): Promise<VersionUsage> {
      return usageFromRows(await queryAll(image, opts), image, version);
    },
  };
}

/** Resource Graph returns only what the identity may read, so a 403 here is about the query as a whole. */
export function mapGraphError(error: unknown, subject: string, subscriptions: string[]): Error {
  const mapped = mapArmError(error, subject);
  if (!(mapped instanceof ForbiddenError)) return mapped;
  return new ForbiddenError(
    `GalleryOps may not run ${subject}. Ask an administrator to grant its identity Reader on the subscriptions where the scale sets and VMs run (${subscriptions.join(', ')}).`,
    { cause: error },
  );
}
