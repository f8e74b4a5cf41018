/**
 * What the executor does with an approved plan, without the bot: the stored change turned back into the adapter
 * call and made through the real SDK against the emulator; and Microsoft's example versions made ready for it.
 */
import { executionPlanOf, type PlanResult } from '../../../src/approvals/plan';
import type { ArmGallery } from '../../../src/gallery/arm';
import type { RunningEmulator, SeedEntry } from '../../../emulator/start-emulator';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw ARM bodies

/**
 * A copy of an example set's seed whose version (the third entry) is ready to promote: Microsoft's create
 * examples answer `Updating`, without replication status, some with a policy violation; served Succeeded,
 * Completed in every target region and unflagged, as a version a gate passes is.
 */
export function readyToPromote(seed: readonly SeedEntry[]): (SeedEntry & { resource: Json })[] {
  const entries = seed.map((e) => ({ ...e, resource: structuredClone(e.resource) as Json }));
  const props = entries[2]!.resource['properties'];
  props['provisioningState'] = 'Succeeded';
  props['safetyProfile'] = { allowDeletionOfReplicatedLocations: false, reportedForPolicyViolation: false };
  props['replicationStatus'] = { aggregatedState: 'Completed', summary: props.publishingProfile.targetRegions.map((r: Json) => ({ region: r['name'], state: 'Completed', progress: 100 })) };
  return entries;
}

/** Carries out `planned` as the executor would and returns the write bodies the emulator received for it. */
export async function carryOut(planned: PlanResult, gallery: ArmGallery, emulator: RunningEmulator): Promise<{ method: string; path: string; body: Json }[]> {
  if (!planned.ok) throw new Error(planned.refused.reason);
  const failing = planned.plan.gates.filter((g) => !g.passed).map((g) => g.name);
  if (failing.length > 0) throw new Error(`gates fail: ${failing.join(', ')}`);
  const call = executionPlanOf({ id: 'CR-TESTWRITE', changes: planned.plan.changes });
  const sent = emulator.writesReceived().length;
  if (call.op === 'create') await gallery.createVersion(call.image, call.version, call.spec);
  else if (call.op === 'update') await gallery.updateVersion(call.image, call.version, call.patch);
  else throw new Error(`a ${call.op} is several writes; use the executor`);
  return emulator.writesReceived().slice(sent).map((w) => ({ method: w.method, path: w.path, body: w.body as Json }));
}
