import { NotFoundError, OutcomeUnknownError, ReplicationFailedError, UserFacingError } from '../errors';
import type { GalleryPort, GalleryWriter } from '../gallery/gallery-port';
import type { ImageKey, ImageVersion, RegionReplication, TargetRegion } from '../gallery/model';
import { regionKey } from '../gallery/region-names';
import type { ApplyOptions } from './change-applier';
import { regionsToJson, versionIdOf } from './plan/planned-fields';
import { describeRegions, failureMessage, successSummary, type RegionOutcome } from './repair-words';

/** What a repair needs: the gallery (reads with replication status, and updates) and how to watch replication. */
export interface RepairDeps {
  gallery: GalleryPort & GalleryWriter;
  /** Pause between reads of the replication status (ms). Default 15 s. */
  watchIntervalMs?: number;
  /** How long one watch may last before the outcome counts as unknown (ms). Default 3 h: big images copy for hours. */
  watchTimeoutMs?: number;
  /** Consecutive failed reads a watch tolerates (throttling, a blip) before the outcome counts as unknown. Default 10. */
  maxReadFailures?: number;
}

/** One repair: the version and the regions (as Azure names them) whose replication it re-drives. */
export interface RepairPlan {
  image: ImageKey;
  version: string;
  regions: string[];
}

/**
 * Re-drives the replication of Failed regions, the way users do by hand. First the non-destructive way: an
 * update with the unchanged target regions, which makes Azure retry them; then, for a region still Failed,
 * the fallback users report in the Azure CLI's issue tracker: remove it from the target regions and add it
 * back (it has no replica in between) — never the home region (where the version lives), which Azure cannot
 * do without. Each step is reported (and each write announced before it is sent, for the audit log); the
 * replication is watched until every region is Completed or Failed again. Throws `ReplicationFailedError`,
 * naming Azure's words, when a region ends Failed.
 */
export async function repairReplication(plan: RepairPlan, deps: RepairDeps, onOperation?: (operation: string) => void, options: ApplyOptions = {}): Promise<{ summary: string }> {
  const { image, version } = plan;
  const resourceId = versionIdOf(image, version);
  const step = async (text: string, targets?: readonly TargetRegion[]): Promise<void> => {
    await options.onProgress?.({ text, ...(targets ? { write: { method: 'PATCH', resourceId, fields: { 'publishingProfile.targetRegions': regionsToJson(targets) } } } : {}) });
  };
  const update = (targets: TargetRegion[]) => deps.gallery.updateVersion(image, version, { targetRegions: targets }, onOperation ? { onOperation } : {});
  const watch = (regions: string[], doing: string) => watchReplication(plan, regions, doing, deps, step, options.signal);

  const current = await deps.gallery.getVersion(image, version, { withReplication: true });
  const targets = withRegions(current, plan.regions);
  const home = (region: string): boolean => current.location !== '' && regionKey(region) === regionKey(current.location);

  await step(`${describeRegions(plan.regions)}: asking Azure to retry (an update with the unchanged target regions)`, targets);
  await update(targets);
  const outcome = await watch(plan.regions, 'retrying');
  const stillFailed = plan.regions.filter((r) => outcome.get(r)?.state === 'Failed');
  const movable = stillFailed.filter((r) => !home(r));
  const readded: string[] = [];
  if (movable.length > 0) {
    const keep = targets.filter((t) => !movable.some((r) => regionKey(r) === regionKey(t.name)));
    await step(`${describeRegions(movable)}: still Failed after the retry; removing ${movable.length === 1 ? 'it' : 'them'} from the target regions (no replica there until added back)`, keep);
    await removeThenAddBack(() => update(keep), async () => {
      await step(`${describeRegions(movable)}: removed; adding ${movable.length === 1 ? 'it' : 'them'} back`, targets);
      await update(targets);
    }, movable, plan);
    readded.push(...movable);
    for (const [region, r] of await watch(movable, 'replicating afresh')) outcome.set(region, r);
  }
  const failed = plan.regions.filter((r) => outcome.get(r)?.state !== 'Completed');
  if (failed.length > 0) throw new ReplicationFailedError(failureMessage(plan, outcome, readded, home));
  return { summary: successSummary(plan, readded) };
}

/** The version's target regions, plus any repaired region an interrupted earlier attempt removed (with the version's defaults). */
function withRegions(v: ImageVersion, regions: readonly string[]): TargetRegion[] {
  const targets = [...v.targetRegions];
  for (const name of regions) {
    if (targets.some((t) => regionKey(t.name) === regionKey(name))) continue;
    targets.push({ name, ...(v.replicaCount === undefined ? {} : { regionalReplicaCount: v.replicaCount }), ...(v.storageAccountType === undefined ? {} : { storageAccountType: v.storageAccountType }), excludeFromLatest: false });
  }
  return targets;
}

/**
 * The removal may have happened even when its answer was lost: the region is added back either way, since a
 * region left out would have no replica at all. Adding back failing leaves it out, and the message says how to fix it.
 */
async function removeThenAddBack(remove: () => Promise<unknown>, addBack: () => Promise<void>, regions: string[], plan: RepairPlan): Promise<void> {
  try {
    await remove();
  } catch (err) {
    if (!(err instanceof OutcomeUnknownError)) throw err;
  }
  try {
    await addBack();
  } catch (err) {
    const fix = `\`image status ${plan.image.gallery}/${plan.image.image} ${plan.version}\` shows whether ${describeRegions(regions)} ${regions.length === 1 ? 'is' : 'are'} a target region again; \`promote ${plan.image.gallery}/${plan.image.image} ${plan.version} to ${regions.join(',')}\` adds ${regions.length === 1 ? 'it' : 'them'} back.`;
    if (err instanceof OutcomeUnknownError) throw new OutcomeUnknownError(`${err.userMessage} (adding ${describeRegions(regions)} back after removing ${regions.length === 1 ? 'it' : 'them'}) ${fix}`, err.accepted, { cause: err, ...(err.armFailure ? { armFailure: err.armFailure } : {}) });
    if (err instanceof UserFacingError) throw new ReplicationFailedError(`${describeRegions(regions)} ${regions.length === 1 ? 'was' : 'were'} removed from the target regions, and Azure refused to add ${regions.length === 1 ? 'it' : 'them'} back: ${err.userMessage.replace(/\.+$/, '')}. ${fix}`, { cause: err });
    throw err;
  }
}

/** Reads the replication status until every region is Completed or Failed (or gone), reporting each change. */
async function watchReplication(
  plan: RepairPlan,
  regions: string[],
  doing: string,
  deps: RepairDeps,
  step: (text: string) => Promise<void>,
  signal: AbortSignal | undefined,
): Promise<Map<string, RegionOutcome>> {
  const interval = deps.watchIntervalMs ?? 15_000;
  const deadline = Date.now() + (deps.watchTimeoutMs ?? 3 * 3_600_000);
  const label = `${plan.image.gallery}/${plan.image.image} ${plan.version}`;
  let failures = 0;
  for (;;) {
    let v: ImageVersion | undefined;
    try {
      v = await deps.gallery.getVersion(plan.image, plan.version, { withReplication: true, ...(signal ? { abortSignal: signal } : {}) });
      failures = 0;
    } catch (err) {
      if (err instanceof NotFoundError) throw err;
      if (signal?.aborted) throw stopped(label);
      if (++failures >= (deps.maxReadFailures ?? 10)) throw new OutcomeUnknownError(`Azure accepted the repair of ${label}, but its replication could not be read back: ${err instanceof UserFacingError ? err.userMessage : 'an unexpected error'}`, true, { cause: err });
    }
    if (v) {
      const states = new Map(regions.map((r) => [r, stateIn(v, r)] as const));
      await step(regions.map((r) => progressLine(r, states.get(r), doing)).join('; ')).catch(() => undefined);
      if ([...states.values()].every((s) => s === undefined || s.state === 'Completed' || s.state === 'Failed')) return states;
    }
    if (Date.now() >= deadline) throw new OutcomeUnknownError(`${describeRegions(regions)} of ${label} still replicating after the repair's watch ended; GalleryOps reads the version back until it can tell.`, true);
    await pause(interval, signal);
    if (signal?.aborted) throw stopped(label);
  }
}

function stateIn(v: ImageVersion, region: string): RegionReplication | undefined {
  return v.replication?.regions.find((r) => regionKey(r.region) === regionKey(region));
}

/** `Central US: retrying (Replicating 35 %)`, `Central US: Completed`, `Central US: Failed again`. */
function progressLine(region: string, r: RegionReplication | undefined, doing: string): string {
  if (r === undefined) return `${region}: no longer a target region`;
  if (r.state === 'Completed') return `${region}: Completed`;
  if (r.state === 'Failed') return `${region}: Failed again`;
  return `${region}: ${doing} (${r.state}${r.progress === undefined ? '' : ` ${r.progress} %`})`;
}

function stopped(label: string): OutcomeUnknownError {
  return new OutcomeUnknownError(`GalleryOps stopped following the repair of ${label} (it is shutting down); the version is read back after the restart.`, true);
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
