/**
 * The ARM side of the minimal bot's `arm` mode (baseline-bot.ts): the calls GalleryOps makes for
 * `image status dispatch 2026.05` once warm, through the real @azure/arm-compute SDK against the emulator —
 * the definition's version list read at start and again every 60 s (GalleryOps' version index, default TTL
 * 60 s), then one GET of the version the list resolves `2026.05` to, with replication and validation expanded,
 * shared by the commands within STATUS_READ_SHARE_MS of it as GalleryOps shares it. Calls are counted per command (AsyncLocalStorage, as bench-bot.ts counts GalleryOps')
 * and reported on stdout with the same `usage` line (usage-lines.ts), so both bots pay the same for being measured.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ComputeManagementClient, type GalleryImageVersion } from '@azure/arm-compute';
import { STATUS_READ_SHARE_MS } from '../src/gallery/shared-version-reads';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { reportUsage } from './usage-lines';

const [RG, GALLERY, IMAGE, PREFIX] = ['rg-images', 'gal_golden', 'dispatch', [2026, 5]] as const;
const INDEX_TTL_MS = 60_000;

export interface ArmTarget {
  endpoint: string;
  ca: string;
  subscriptionId: string;
}

/** Facts for the card from one command's ARM reads; `conversationId` names the usage line. */
export type ArmRead = (conversationId: string) => Promise<Array<{ title: string; value: string }>>;

export async function armReader(target: ArmTarget): Promise<ArmRead> {
  const als = new AsyncLocalStorage<{ calls: number }>();
  const counter: PipelinePolicy = {
    name: 'baselineArmCounter',
    async sendRequest(request, next) {
      const u = als.getStore();
      if (u) u.calls += 1;
      return next(request);
    },
  };
  const client = new ComputeManagementClient({ getToken: async () => ({ token: 'baseline', expiresOnTimestamp: Date.now() + 3_600_000 }) }, target.subscriptionId, {
    endpoint: target.endpoint,
    tlsOptions: { ca: target.ca },
    additionalPolicies: [{ policy: counter, position: 'perRetry' }],
  });
  let version = await resolve(client);
  setInterval(() => void resolve(client).then((v) => (version = v), (err: unknown) => console.error('baseline list failed', err)), INDEX_TTL_MS).unref();
  // GalleryOps shares a version's read among askers within STATUS_READ_SHARE_MS (shared-version-reads.ts): so does
  // this bot, so that both make the same calls per command.
  let shared: { at: number; version: string; read: Promise<GalleryImageVersion> } | undefined;
  return async (conversationId) => {
    const usage = { calls: 0 };
    if (!shared || shared.version !== version || Date.now() - shared.at >= STATUS_READ_SHARE_MS) {
      const read = als.run(usage, () => client.galleryImageVersions.get(RG, GALLERY, IMAGE, version, { expand: 'ReplicationStatus,ValidationProfile' }));
      shared = { at: Date.now(), version, read };
      read.catch(() => (shared = undefined));
    }
    const v = await shared.read;
    reportUsage({ conversationId, calls: usage.calls, ms: 0 });
    return [
      { title: 'Version', value: v.name ?? version },
      { title: 'State', value: v.provisioningState ?? 'unknown' },
      { title: 'Replication', value: v.replicationStatus?.aggregatedState ?? 'unknown' },
      { title: 'Regions', value: (v.publishingProfile?.targetRegions ?? []).map((r) => r.name).join(', ') },
    ];
  };
}

/** The highest version under the prefix, from ARM's paged list (what GalleryOps' version index resolves). */
async function resolve(client: ComputeManagementClient): Promise<string> {
  let best: number[] | undefined;
  for await (const v of client.galleryImageVersions.listByGalleryImage(RG, GALLERY, IMAGE)) {
    const parts = (v.name ?? '').split('.').map(Number);
    if (parts[0] !== PREFIX[0] || parts[1] !== PREFIX[1]) continue;
    if (!best || parts[2]! > best[2]!) best = parts;
  }
  if (!best) throw new Error(`no ${IMAGE} version under ${PREFIX.join('.')}`);
  return best.join('.');
}
