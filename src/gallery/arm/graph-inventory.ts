/**
 * The InventoryReader over Azure Resource Graph: the galleries, definitions and versions of every configured
 * scope in one paged query (1,000 rows a page), and the scale sets and VMs deploying gallery images in another,
 * instead of an ARM list per gallery and per definition (ARM pages those by tens). Pages are paced to stay
 * within Resource Graph's quota of about 15 queries per 5 s per identity.
 */
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { ForbiddenError } from '../../errors';
import type { CallOptions } from '../gallery-port';
import type { FleetUsage, GalleryInventory, InventoryReader } from '../inventory-port';
import type { Gallery, ImageDefinition, ImageKey } from '../model';
import { ReadBudget } from '../read-budget';
import type { VersionUsage } from '../usage-port';
import type { GalleryScope } from './arm-gallery';
import type { ComputeClientOptions } from './compute-clients';
import { inventoryFromRows } from './graph-inventory-rows';
import { graphRows, scopeSubscriptions } from './graph-pages';
import { mapGraphError } from './graph-usage';
import { fleetQuery, inventoryQuery } from './inventory-query';
import { sdkClientOptions } from './sdk-client-options';
import { usageFromRows } from './usage-rows';

export interface GraphInventoryOptions extends ComputeClientOptions {
  scopes: GalleryScope[];
  /** Resource Graph's quota: 15 queries per 5 s per identity, i.e. 3 a second with a burst of 15. */
  queriesPerSecond?: number;
}

/** 1,000 pages of 1,000 rows: a million gallery resources; more is a token loop, not an inventory. */
const MAX_PAGES = 1000;

type Row = Record<string, unknown>;

const keyOf = (k: { subscriptionId: string; resourceGroup: string; gallery: string }): string => [k.subscriptionId, k.resourceGroup, k.gallery].join('/').toLowerCase();
const IMAGE_SEGMENT = /\/images\/([^/]+)/i;

export function createGraphInventory(options: GraphInventoryOptions): InventoryReader {
  const client = new ResourceGraphClient(options.credential, sdkClientOptions(options));
  const subscriptions = scopeSubscriptions(options.scopes);
  const perSecond = options.queriesPerSecond ?? 3;
  const budget = new ReadBudget(perSecond, { burst: Math.max(1, Math.round(perSecond * 5)) });

  async function rows(query: string, subject: string, who: string, opts?: CallOptions): Promise<unknown[]> {
    try {
      return await graphRows({ client, subscriptions, query, subject, maxPages: MAX_PAGES, pace: () => budget.take() }, opts);
    } catch (error) {
      const mapped = mapGraphError(error, subject, subscriptions);
      if (!(mapped instanceof ForbiddenError)) throw mapped;
      throw new ForbiddenError(`GalleryOps may not run ${subject}. Ask an administrator to grant its identity Reader on ${who} (${subscriptions.join(', ')}).`, { cause: error });
    }
  }

  return {
    async readInventory(opts?: CallOptions): Promise<GalleryInventory> {
      const found = await rows(inventoryQuery(options.scopes), 'the Azure Resource Graph query for the galleries in scope', 'the subscriptions of the galleries', opts);
      return inventoryFromRows(found);
    },

    async readFleetUsage(galleries: readonly Gallery[], definitions: readonly ImageDefinition[], opts?: CallOptions): Promise<FleetUsage> {
      const fleet = (await rows(fleetQuery(), 'the Azure Resource Graph query for scale sets and VMs using gallery images', 'the subscriptions where the scale sets and VMs run', opts)) as Row[];
      // Rows by the image name their reference names, so each definition looks only at its own candidates.
      const byImage = new Map<string, Row[]>();
      for (const row of fleet) {
        const ids = ['imageReferenceId', 'sharedGalleryImageId', 'communityGalleryImageId'].map((k) => row[k]).filter((v): v is string => typeof v === 'string');
        const name = ids.map((id) => IMAGE_SEGMENT.exec(id)?.[1]?.toLowerCase()).find((n) => n !== undefined);
        if (name === undefined) continue;
        const list = byImage.get(name);
        if (list) list.push(row);
        else byImage.set(name, [row]);
      }
      const galleryRows = new Map(galleries.map((g) => [keyOf(g), aliasRow(g)]));
      const usage = new Map<string, VersionUsage>();
      for (const d of definitions) {
        const candidates = byImage.get(d.image.toLowerCase()) ?? [];
        const gallery = galleryRows.get(keyOf(d));
        usage.set(imageKey(d), usageFromRows(gallery ? [gallery, ...candidates] : candidates, d, undefined));
      }
      return { checked: true, problems: [], of: (image) => usage.get(imageKey(image)) };
    },
  };
}

function imageKey(k: ImageKey): string {
  return `${keyOf(k)}/${k.image.toLowerCase()}`;
}

/** The gallery's aliases in the shape of the `usage` query's gallery row (see usage-rows.ts). */
function aliasRow(g: Gallery): Row {
  return { type: 'microsoft.compute/galleries', id: g.id, sharedGalleryName: g.more?.uniqueName ?? '', communityGalleryNames: g.more?.community?.publicNames ?? [] };
}
