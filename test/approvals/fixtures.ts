import { readPolicyFile, type Policy } from '../../src/approvals/policy';
import type { Actor, ChangeRequest } from '../../src/approvals/change-request';
import { createChangeRequest, type NewChangeRequest } from '../../src/approvals/create-request';
import { projectPath } from '../../src/project-root';

/** The demo policy exactly as shipped, so tests break if the demo file stops saying what product.md says. */
export const demoPolicy: Policy = readPolicyFile(projectPath('config', 'policy.demo.json'));

const person = (n: number, name: string): Actor => ({
  aadObjectId: `00000000-0000-0000-0000-00000000000${20 + n}`,
  name,
  teamsUserId: `user-id-${n}`,
});

/** The chat client's users (config/playground.yml) and their demo roles. */
export const alex = person(0, 'Alex Wilber'); // requester and gal_golden approver
export const megan = person(1, 'Megan Bowen'); // publisher: requester
export const adele = person(2, 'Adele Vance'); // release manager: gal_golden approver
export const isaiah = person(3, 'Isaiah Langer'); // platform engineer: requester
export const patti = person(4, 'Patti Fernandez'); // security: gal_golden approver
export const lynne = person(5, 'Lynne Robbins'); // workload team: no rights

export const T0 = new Date('2026-11-20T09:00:00.000Z');
export const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

export const SUB = '11111111-2222-3333-4444-555555555555';
const versionId = (gallery: string, image: string, version: string) =>
  `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/${gallery}/images/${image}/versions/${version}`;

/** `promote gal_staging/dispatch 2026.6.0 to production`, as the command would plan it. */
export function stagePromotion(requester: Actor = megan, extra: Partial<NewChangeRequest> = {}): NewChangeRequest {
  return {
    kind: 'promote-stage',
    target: { subscriptionId: SUB, resourceGroup: 'rg-images', gallery: 'gal_staging', image: 'dispatch', version: '2026.6.0' },
    toStage: 'production',
    changes: [
      {
        method: 'PUT',
        resourceId: versionId('gal_golden', 'dispatch', '2026.6.0'),
        fields: [
          { field: 'storageProfile.source.id', before: null, after: versionId('gal_staging', 'dispatch', '2026.6.0') },
          { field: 'publishingProfile.excludeFromLatest', before: null, after: true },
        ],
      },
    ],
    gates: [{ name: 'Completed in every region of staging', passed: true }],
    requester: { ...requester, teamsUserId: requester.teamsUserId ?? 'user-id-x' },
    ...extra,
  };
}

/** `promote gal_golden/callcenter-desktop 2026.6.0 to latest`. */
export function latestPromotion(requester: Actor = megan, extra: Partial<NewChangeRequest> = {}): NewChangeRequest {
  return {
    kind: 'promote-latest',
    target: { subscriptionId: SUB, resourceGroup: 'rg-images', gallery: 'gal_golden', image: 'callcenter-desktop', version: '2026.6.0' },
    changes: [
      {
        method: 'PATCH',
        resourceId: versionId('gal_golden', 'callcenter-desktop', '2026.6.0'),
        fields: [{ field: 'publishingProfile.excludeFromLatest', before: true, after: false }],
      },
    ],
    gates: [{ name: 'Replication Completed in all regions', passed: true, detail: 'Completed in all 5 regions.' }],
    requester: { ...requester, teamsUserId: requester.teamsUserId ?? 'user-id-x' },
    ...extra,
  };
}

/** A pending request made at T0 under the demo policy. */
export function pendingRequest(input: NewChangeRequest = latestPromotion(), policy: Policy = demoPolicy, id = 'CR-TEST0001'): ChangeRequest {
  const created = createChangeRequest(policy, input, { now: T0, newId: () => id });
  if (!created.ok) throw new Error(`fixture refused: ${created.refused.reason}`);
  return created.request;
}
