import { NotFoundError } from '../errors';
import type { ArmGallery } from '../gallery/arm';
import type { UsageReader } from '../gallery/usage-port';
import type { Stage } from '../stages';
import type { ChangeApplier, ObservedState } from './change-applier';
import type { Gate } from './change-request';
import { executionPlanOf, isApplied, LATEST_STAYS_GATE, stillReplicating } from './plan';
import { askOf, planFromGallery } from './plan-from-gallery';
import { repairReplication, type RepairDeps } from './repair-replication';

export interface ArmChangeApplierDeps {
  gallery: ArmGallery;
  usage?: UsageReader;
  stages: readonly Stage[];
  now: () => Date;
  /** How a repair watches replication (interval, time limit); defaults in `repair-replication.ts`. */
  repair?: Omit<RepairDeps, 'gallery'>;
}

/** Carries out requests through the ARM adapter (the SDK's long-running operations) and reads ARM back to reconcile. */
export function createArmChangeApplier(deps: ArmChangeApplierDeps): ChangeApplier {
  return {
    async recheckGates(request, options = {}) {
      const plan = await planFromGallery(askOf(request, deps.now()), deps);
      if (!plan.ok) return [{ name: plan.refused.reason, passed: false }];
      // An unsafe retirement the policy allows was accepted with a warning when it was asked; its failing gate
      // is the very thing the override accepts, so it must not stop the approved change.
      const overridden = (g: Gate): boolean => options.allowUnsafeRetirement === true && plan.plan.unsafeRetirement === true && g.name === LATEST_STAYS_GATE;
      return plan.plan.gates.filter((g) => !g.passed && !overridden(g));
    },

    async apply(request, onOperation, applyOptions) {
      const plan = executionPlanOf(request);
      if (plan.op === 'repair') return repairReplication(plan, { ...deps.repair, gallery: deps.gallery }, onOperation, applyOptions);
      const options = onOperation ? { onOperation } : {};
      if (plan.op === 'update') {
        const v = await deps.gallery.updateVersion(plan.image, plan.version, plan.patch, options);
        return { summary: `${plan.image.gallery}/${plan.image.image} ${plan.version} updated (provisioning ${v.provisioningState ?? 'Succeeded'}).` };
      }
      const v = await deps.gallery.createVersion(plan.image, plan.version, plan.spec, options);
      return {
        summary: `${plan.image.gallery}/${plan.image.image} ${plan.version} created from ${request.target.gallery}, excluded from latest; replication to ${plan.spec.targetRegions.length} ${plan.spec.targetRegions.length === 1 ? 'region' : 'regions'} continues in Azure (provisioning ${v.provisioningState ?? 'Succeeded'}).`,
      };
    },

    async observe(request): Promise<ObservedState> {
      const plan = executionPlanOf(request);
      let actual;
      try {
        // A repair's target state is replication, which ARM reports only when asked for it.
        actual = plan.op === 'repair' ? await deps.gallery.getVersion(plan.image, plan.version, { withReplication: true }) : await deps.gallery.getVersion(plan.image, plan.version);
      } catch (err) {
        if (err instanceof NotFoundError) return { outcome: 'not-applied' };
        throw err;
      }
      const state = actual.provisioningState ?? 'Succeeded';
      if (state === 'Creating' || state === 'Updating' || state === 'Deleting' || state === 'Migrating') {
        return { outcome: 'in-progress', detail: `${plan.version} is ${state}` };
      }
      const replicating = stillReplicating(request, actual);
      if (replicating.length > 0) return { outcome: 'in-progress', detail: `${replicating.join(', ')} still replicating` };
      if (isApplied(request, actual)) return { outcome: 'applied', summary: `Azure already shows the requested state of ${plan.image.gallery}/${plan.image.image} ${plan.version}.` };
      return { outcome: 'not-applied' };
    },
  };
}

