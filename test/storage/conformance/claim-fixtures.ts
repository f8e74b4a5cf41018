import type { ChangeRequest } from '../../../src/approvals/change-request';
import type { NewChangeRequest } from '../../../src/approvals/create-request';
import { demoPolicy, megan, pendingRequest, SUB } from '../../approvals/fixtures';

/** The ARM id of gal_golden/dispatch 2026.4.0. */
export const DISPATCH_2026_4 = `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/gal_golden/images/dispatch/versions/2026.4.0`;
export const EOL_FIELD = 'publishingProfile.endOfLifeDate';

/** `retire gal_golden/dispatch 2026.4.0 on <day>`, as the planner writes it (`resourceId` may vary in letter case). */
export function retirement(day: string, resourceId = DISPATCH_2026_4): NewChangeRequest {
  return {
    kind: 'retire',
    target: { subscriptionId: SUB, resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'dispatch', version: '2026.4.0' },
    changes: [
      {
        method: 'PATCH',
        resourceId,
        fields: [
          { field: 'publishingProfile.excludeFromLatest', before: false, after: true },
          { field: EOL_FIELD, before: '2027-04-01T00:00:00.000Z', after: `${day}T00:00:00.000Z` },
        ],
      },
    ],
    gates: [{ name: 'Another version stays eligible for latest', passed: true }],
    requester: { ...megan, teamsUserId: 'user-id-1' },
  };
}

/** A pending retirement with its own id. */
export const retire = (id: string, day = '2026-12-31', resourceId?: string): ChangeRequest => pendingRequest(retirement(day, resourceId), demoPolicy, id);

/**
 * The same request aimed at a version of its own (its id in the ARM id), so it claims no field another test
 * request claims: for tests about something else that store several open requests from one fixture.
 */
export function onOwnVersion(request: ChangeRequest): ChangeRequest {
  return { ...request, changes: request.changes.map((c) => ({ ...c, resourceId: `${c.resourceId}-${request.id.toLowerCase()}` })) };
}
