import { NotFoundError } from '../errors';
import type { GalleryPort } from '../gallery/gallery-port';
import type { ImageKey } from '../gallery/model';
import type { UsageReader, VersionUsage } from '../gallery/usage-port';
import type { Stage } from '../stages';
import type { ChangeRequest } from './change-request';
import { decodeChange } from './plan/decode-change';
import { planPromoteLatest, planPromoteRegions, planPromoteStage, planRepair, planRetire, type PlanResult } from './plan';
import { sameId } from './same-id';
import { startOfUtcDay } from '../utc-day';

/** What someone asks to change, once names and the version are resolved. */
export type ChangeAsk =
  | { kind: 'promote-latest'; image: ImageKey; version: string }
  | { kind: 'promote-regions'; image: ImageKey; version: string; regions: string[] }
  | { kind: 'promote-stage'; image: ImageKey; version: string; toStage: string }
  | { kind: 'retire'; image: ImageKey; version: string; on?: Date }
  /** `regions` as typed (`in …`); absent: every Failed region. */
  | { kind: 'repair'; image: ImageKey; version: string; regions?: string[] };

export interface PlanDeps {
  gallery: GalleryPort;
  usage?: UsageReader;
  stages: readonly Stage[];
  now: () => Date;
}

const NO_USAGE: VersionUsage = { scaleSets: [], vms: [] };

/**
 * Reads what a plan needs from ARM (the version with replication status; for retirement the sibling versions
 * and who runs it; for a stage copy whether the definition and version exist there) and plans the change.
 * The same code re-checks an approved request's gates just before the write.
 */
export async function planFromGallery(ask: ChangeAsk, deps: PlanDeps): Promise<PlanResult> {
  const now = deps.now();
  const version = await deps.gallery.getVersion(ask.image, ask.version, { withReplication: true });
  switch (ask.kind) {
    case 'promote-latest':
      // The siblings say what latest is now and becomes: what the approver decides on.
      return planPromoteLatest(version, now, await deps.gallery.listVersions(ask.image));
    case 'promote-regions':
      return planPromoteRegions(version, ask.regions, now);
    case 'promote-stage': {
      const stage = deps.stages.find((s) => sameId(s.name, ask.toStage));
      const target = stage ? { ...ask.image, gallery: stage.gallery } : undefined;
      const definitionExists = target ? await definitionIn(deps.gallery, target) : false;
      const versionExists = target && definitionExists ? await versionIn(deps.gallery, target, ask.version) : false;
      return planPromoteStage(version, deps.stages, ask.toStage, definitionExists, versionExists, now);
    }
    case 'retire': {
      const [siblings, usage] = await Promise.all([deps.gallery.listVersions(ask.image), deps.usage ? deps.usage.findUsage(ask.image, ask.version) : NO_USAGE]);
      return planRetire(version, siblings, usage, ask.on, now);
    }
    case 'repair':
      return planRepair(version, ask.regions);
  }
}

/** The ask a stored request was planned from, so its gates can be evaluated again on live data at `now`. */
export function askOf(request: ChangeRequest, now: Date): ChangeAsk {
  const { subscriptionId, resourceGroup, gallery, image, version } = request.target;
  const key: ImageKey = { subscriptionId, resourceGroup, gallery, image };
  switch (request.kind) {
    case 'promote-latest':
      return { kind: 'promote-latest', image: key, version };
    case 'promote-stage':
      return { kind: 'promote-stage', image: key, version, toStage: request.toStage ?? '' };
    case 'promote-regions': {
      const { after } = decodeChange(request);
      const before = new Set(currentRegions(request).map((r) => r.toLowerCase()));
      return { kind: 'promote-regions', image: key, version, regions: (after.targetRegions ?? []).map((r) => r.name).filter((n) => !before.has(n.toLowerCase())) };
    }
    case 'retire': {
      const { after } = decodeChange(request);
      // Asked for "today" before midnight UTC and approved after it, the approved date is in the past by now; the
      // planner refuses past dates for new requests, but the gates do not depend on the date and the write sends
      // the approved one, so re-check as of today instead of refusing what was approved.
      const on = after.endOfLifeDate !== undefined && after.endOfLifeDate >= startOfUtcDay(now) ? after.endOfLifeDate : undefined;
      return { kind: 'retire', image: key, version, ...(on ? { on } : {}) };
    }
    case 'repair':
      // The regions it was approved for, by the names Azure showed: each must still be Failed.
      return { kind: 'repair', image: key, version, regions: decodeChange(request).after.repairRegions ?? [] };
  }
}

function currentRegions(request: ChangeRequest): string[] {
  const field = request.changes[0]?.fields.find((f) => f.field === 'publishingProfile.targetRegions');
  const before = Array.isArray(field?.before) ? field.before : [];
  return before.flatMap((r) => (r && typeof r === 'object' && !Array.isArray(r) && typeof r.name === 'string' ? [r.name] : []));
}

async function definitionIn(gallery: GalleryPort, image: ImageKey): Promise<boolean> {
  try {
    const images = await gallery.listImages(image);
    return images.some((i) => sameId(i.image, image.image));
  } catch (err) {
    if (err instanceof NotFoundError) return false;
    throw err;
  }
}

async function versionIn(gallery: GalleryPort, image: ImageKey, version: string): Promise<boolean> {
  try {
    await gallery.getVersion(image, version);
    return true;
  } catch (err) {
    if (err instanceof NotFoundError) return false;
    throw err;
  }
}
