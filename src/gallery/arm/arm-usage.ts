/**
 * The UsageReader over ARM lists of scale sets and VMs, through the real `@azure/arm-compute` client. One
 * `listAll` of each per subscription; a later Resource Graph query (one call for every subscription) can
 * replace this behind the same interface.
 */
import type { CallOptions } from '../gallery-port';
import { parseImageReference, sameImage, sameVersion } from '../image-reference';
import type { ImageKey } from '../model';
import type { UsageReader, UsageRef, VersionUsage } from '../usage-port';
import type { GalleryScope } from './arm-gallery';
import { computeClients, type ComputeClientOptions } from './compute-clients';
import { mapArmError } from './map-errors';

export interface ArmUsageOptions extends ComputeClientOptions {
  /** The configured gallery scopes; their subscriptions are searched. */
  scopes: GalleryScope[];
}

/** What both SDK models carry that matters here. */
interface Deployment {
  id?: string;
  name?: string;
  imageReferenceId?: string;
}

const RESOURCE_GROUP = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\//i;

export function createArmUsage(options: ArmUsageOptions): UsageReader {
  const client = computeClients(options);
  // Workloads run in their own resource groups (the demo's scale sets are in rg-dispatch-prod, not rg-images),
  // so a resource-group scope still means its whole subscription here; each subscription is listed once.
  const subscriptions = [...new Map(options.scopes.map((s) => [s.subscriptionId.toLowerCase(), s.subscriptionId])).values()];

  async function listIn(subscriptionId: string, opts?: CallOptions): Promise<{ scaleSets: Deployment[]; vms: Deployment[] }> {
    try {
      const compute = client(subscriptionId);
      const scaleSets: Deployment[] = [];
      const vms: Deployment[] = [];
      await Promise.all([
        (async () => {
          for await (const s of compute.virtualMachineScaleSets.listAll({ abortSignal: opts?.abortSignal })) {
            scaleSets.push({ id: s.id, name: s.name, imageReferenceId: s.virtualMachineProfile?.storageProfile?.imageReference?.id });
          }
        })(),
        (async () => {
          // VMs of a Flexible scale set are listed here too: each may still run an older image than the set's model.
          for await (const v of compute.virtualMachines.listAll({ abortSignal: opts?.abortSignal })) {
            vms.push({ id: v.id, name: v.name, imageReferenceId: v.storageProfile?.imageReference?.id });
          }
        })(),
      ]);
      return { scaleSets, vms };
    } catch (error) {
      throw mapArmError(error, `the scale sets and virtual machines of subscription ${subscriptionId}`);
    }
  }

  return {
    async findUsage(image: ImageKey, version?: string, opts?: CallOptions): Promise<VersionUsage> {
      const perSubscription = await Promise.all(subscriptions.map((sub) => listIn(sub, opts)));
      const pick = (found: Deployment[]): UsageRef[] =>
        found
          .map((d) => usageRef(d, image, version))
          .filter((r): r is UsageRef => r !== undefined)
          .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      return {
        scaleSets: pick(perSubscription.flatMap((p) => p.scaleSets)),
        vms: pick(perSubscription.flatMap((p) => p.vms)),
      };
    },
  };
}

/** The reference when `d` deploys `image` (the definition, or `version` when given); undefined otherwise. */
function usageRef(d: Deployment, image: ImageKey, version: string | undefined): UsageRef | undefined {
  const ref = parseImageReference(d.imageReferenceId);
  if (ref === undefined || d.id === undefined || d.imageReferenceId === undefined || !sameImage(ref, image)) return undefined;
  if (version !== undefined && ref.version !== undefined && !sameVersion(ref.version, version)) return undefined;
  const scope = RESOURCE_GROUP.exec(d.id);
  return {
    id: d.id,
    name: d.name ?? d.id.split('/').pop() ?? d.id,
    resourceGroup: scope?.[2] ?? '',
    subscriptionId: scope?.[1] ?? '',
    imageReferenceId: d.imageReferenceId,
    pinned: ref.version !== undefined,
  };
}
