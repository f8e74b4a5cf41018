import { OPEN_STATES, type ChangeRequest, type PlannedChange } from './change-request';

/**
 * The key of one field of one version: the version's ARM id in lower case (ARM ids vary in letter case) and
 * the field's ARM property path, e.g. `/subscriptions/…/versions/2026.4.0#publishingProfile.endOfLifeDate`.
 */
export function claimKey(resourceId: string, field: string): string {
  return `${resourceId.toLowerCase()}#${field}`;
}

/**
 * The fields an open request claims: every field it will set. A store holds each claim for one open request
 * at a time and stores the request together with its claims (or refuses it), so two open requests never set
 * the same field of one version, whatever instance stored them. Final requests claim nothing: a store
 * releases the claims in the unit that moves a request to a final state. Claims follow from `changes`, which
 * never change after a request is created.
 */
export function claimsOf(request: ChangeRequest): string[] {
  return OPEN_STATES.includes(request.state) ? fieldKeysOf(request.changes) : [];
}

/** The claim key of every field a plan sets, each once (what a request claims while open, and releases). */
export function fieldKeysOf(changes: readonly PlannedChange[]): string[] {
  return [...new Set(changes.flatMap((change) => change.fields.map((f) => claimKey(change.resourceId, f.field))))];
}
