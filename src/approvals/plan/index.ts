/** Planners: from what was read in the gallery to the exact change a request carries, and back to an ARM call. */
export { executionPlanOf, type ExecutionPlan } from './execution-plan';
export { isApplied, replicationStateIn, stillReplicating } from './is-applied';
export { planPromoteLatest } from './plan-promote-latest';
export { planPromoteRegions } from './plan-promote-regions';
export { planPromoteStage } from './plan-promote-stage';
export { NONE_REPLICATING_GATE, planRepair } from './plan-repair';
export type { PlannedRequest, PlanRefusal, PlanRefusalCode, PlanResult } from './plan-result';
export { LATEST_STAYS_GATE, planRetire } from './plan-retire';
