import type { NewChangeRequest } from '../create-request';

/** A planned change request: everything but who asks and why, which the command adds. */
export type PlannedRequest = Omit<NewChangeRequest, 'requester' | 'reason'>;

/** Why a change cannot even be planned (as opposed to a gate that fails and is shown on the card). */
export type PlanRefusalCode =
  | 'nothing-to-change'
  | 'unknown-region'
  | 'no-regions'
  | 'unknown-stage'
  | 'date-in-past'
  /** `repair … in <region>` named a region that is not Failed (or not a target region). */
  | 'region-not-failed';

/** A refusal with the sentence the person in chat sees. */
export interface PlanRefusal {
  code: PlanRefusalCode;
  reason: string;
}

/** The outcome of a planner. */
export type PlanResult = { ok: true; plan: PlannedRequest } | { ok: false; refused: PlanRefusal };

export const refuse = (code: PlanRefusalCode, reason: string): PlanResult => ({ ok: false, refused: { code, reason } });
export const planned = (plan: PlannedRequest): PlanResult => ({ ok: true, plan });
