/** Request and pending card replies over the inputs change-request-card.test.ts and pending-card.test.ts use. */
import type { ChangeRequest, PlannedChange } from '../../../src/approvals/change-request';
import { transition } from '../../../src/approvals/transition';
import { changeRequestCard, type RequestCardInput } from '../../../src/cards/change-request-card';
import { pendingCard } from '../../../src/cards/pending-card';
import type { JsonValue } from '../../../src/json-value';
import { adele, alex, demoPolicy, latestPromotion, megan, minutes, pendingRequest, stagePromotion, SUB } from '../../approvals/fixtures';
import type { CardSample } from './command-samples';
import { after, approved, approversOf, byState, executing, NOW, pending, STATES, VIEWS, waitingAhead, approvedAhead } from './request-fixtures';

const HOSTILE = '*Eve* [x](http://evil) <script>alert(1)</script>';
const versionId = (gallery: string, image: string, version: string): string =>
  `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/${gallery}/images/${image}/versions/${version}`;
const regions = (n: number, prefix = 'region'): JsonValue[] =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i}`, regionalReplicaCount: (i % 3) + 1, storageAccountType: 'Standard_LRS' }));

function requestSample(label: string, request: ChangeRequest, extra: Partial<RequestCardInput> = {}): CardSample {
  return { label: `request: ${label}`, reply: changeRequestCard({ request, approvers: approversOf(request), now: NOW, view: 'base', ...extra }) };
}

/** A request whose every line came from a hostile user or ARM name, rejected and pending. */
function hostileRequests(): ChangeRequest[] {
  const base = pendingRequest(latestPromotion(megan, { reason: `_because_ ${HOSTILE}`, warnings: [`scale set ${HOSTILE} still uses it`] }));
  const r: ChangeRequest = {
    ...base,
    // A failing gate as an older request may have stored it (new ones are refused when asked).
    gates: [{ name: 'Gate **x**', passed: false, detail: HOSTILE }],
    requester: { aadObjectId: '00000000-0000-0000-0000-000000000099', name: HOSTILE, teamsUserId: 'user-id-9' },
    changes: [{ method: 'PATCH', resourceId: base.changes[0]!.resourceId, fields: [{ field: '<b>odd</b>', before: '- item', after: HOSTILE }] }],
    rejection: { by: { ...adele, name: `${HOSTILE} (Adele)` }, at: minutes(1).toISOString(), comment: HOSTILE },
    state: 'rejected',
  };
  return [r, { ...r, state: 'pending' }];
}

function oddChanges(): ChangeRequest[] {
  const regionChange: PlannedChange = {
    method: 'PATCH',
    resourceId: versionId('gal_golden', 'dispatch', '2026.6.0'),
    fields: [{ field: 'publishingProfile.targetRegions', before: regions(1), after: [...regions(2), { name: 'North Europe', excludeFromLatest: true }] }],
  };
  const retire: PlannedChange = {
    method: 'PATCH',
    resourceId: versionId('gal_golden', 'callcenter-desktop', '2026.4.0'),
    fields: [
      { field: 'publishingProfile.excludeFromLatest', before: false, after: true },
      { field: 'publishingProfile.endOfLifeDate', before: null, after: '2026-11-20T00:00:00.000Z' },
    ],
  };
  const huge: PlannedChange[] = Array.from({ length: 40 }, (_, i) => ({
    method: 'PUT',
    resourceId: versionId('gal_golden', `image-${i}`, '2026.6.0'),
    fields: [
      { field: 'publishingProfile.targetRegions', before: null, after: regions(60, 'a-very-long-region-name-') },
      { field: 'storageProfile.source.id', before: null, after: versionId('gal_staging', `image-${i}`, '2026.6.0') },
    ],
  }));
  const pathological = {
    ...after(pendingRequest(latestPromotion(megan, { changes: huge, reason: 'x'.repeat(5000), warnings: Array.from({ length: 100 }, () => 'w'.repeat(2000)) })), [{ type: 'approve', by: adele }]),
    // Failing gates as an older request may have stored them (new ones are refused when asked).
    gates: Array.from({ length: 100 }, (_, i) => ({ name: `gate ${i}`, passed: i % 2 === 0, detail: 'd'.repeat(2000) })),
  };
  return [
    pendingRequest({ ...latestPromotion(megan), kind: 'promote-regions', changes: [regionChange] }),
    pendingRequest({ ...latestPromotion(megan), kind: 'retire', changes: [retire], warnings: ['2 scale sets still reference this version: vmss-agents, vmss-batch'] }),
    pendingRequest({ ...latestPromotion(megan), kind: 'promote-regions', changes: [{ ...regionChange, fields: [{ field: 'publishingProfile.targetRegions', before: regions(30), after: regions(60) }] }] }),
    { ...pathological, state: 'pending' },
    pathological,
  ];
}

function changeRequestSamples(): CardSample[] {
  const users = ['user-id-2', 'user-id-4'];
  const many = Array.from({ length: 100 }, (_, i) => `29:${'u'.repeat(60)}${i}`);
  return [
    ...STATES.flatMap((state) => VIEWS.map((view) => requestSample(`${state}, ${view} view`, byState[state](), { view, refreshUserIds: users }))),
    ...STATES.map((state) => requestSample(`${state}, no refresh users`, byState[state]())),
    requestSample('approve ahead, pending', waitingAhead()),
    requestSample('approve ahead, approved and waiting', approvedAhead()),
    requestSample('stage promotion', pendingRequest(stagePromotion(megan, { reason: 'security fixes for November' }))),
    requestSample('self-approval allowed', pendingRequest(latestPromotion(alex)), { allowSelfApproval: true }),
    requestSample('approver without a name', pendingRequest(latestPromotion(alex)), { approvers: [{ id: 'ffff' }] }),
    requestSample('two of three', after({ ...pending(), requiredApprovals: 2 }, [{ type: 'approve', by: adele }]), { view: 'read-only' }),
    requestSample('execution started', after(approved(), [{ type: 'startExecution' }])),
    requestSample('re-sent after restart', after(executing(), [{ type: 'reconcile', actual: { outcome: 'not-applied' } }])),
    requestSample('rejected without comment', after(pending(), [{ type: 'reject', by: adele }])),
    requestSample('past its deadline', pending(), { now: minutes(24 * 60 + 5), refreshUserIds: ['user-id-2'] }),
    ...(['good', 'warning', 'attention', 'default'] as const).map((tone) => requestSample(`${tone} notice`, pending(), { notice: { text: 'Your approval is recorded.', tone } })),
    requestSample('75 refresh users', pending(), { refreshUserIds: Array.from({ length: 75 }, (_, i) => `user-id-${i}`) }),
    requestSample('blank refresh users', pending(), { refreshUserIds: ['', '  '] }),
    requestSample('data that looks like a template', pendingRequest(latestPromotion(megan, { reason: '${requestId} ${title}' }))),
    ...hostileRequests().map((r) => requestSample(`hostile, ${r.state}`, r, { notice: { text: HOSTILE, tone: 'attention' }, approvers: [{ id: 'x', name: HOSTILE }] })),
    ...oddChanges().map((r, i) => requestSample(`odd change ${i} (${r.kind}, ${r.state})`, r, { refreshUserIds: many })),
  ];
}

/** A pending request made `minutesAfterT0` after T0 (so it expires 24 h later). */
function madeAt(minutesAfterT0: number, id: string, input = latestPromotion(megan)): ChangeRequest {
  const r = pendingRequest(input, demoPolicy, id);
  const shift = (iso: string): string => new Date(Date.parse(iso) + minutesAfterT0 * 60_000).toISOString();
  return { ...r, createdAt: shift(r.createdAt), expiresAt: shift(r.expiresAt) };
}

function pendingSamples(): CardSample[] {
  const at = minutes(60);
  const sample = (label: string, requests: ChangeRequest[], page = 1, now = at): CardSample => ({
    label: `pending: ${label}`,
    reply: pendingCard({ kind: 'personal', toDecide: requests, own: requests.slice(0, 2) }, now, page),
  });
  const shared = (label: string, galleries: Array<{ gallery: string; requests: ChangeRequest[] }>): CardSample => ({
    label: `pending, shared: ${label}`,
    reply: pendingCard({ kind: 'shared', galleries }, at, 1),
  });
  const twoOfThree = { ...madeAt(10, 'CR-LATER001', stagePromotion(megan, { reason: 'x' })), requiredApprovals: 2 };
  const many = Array.from({ length: 25 }, (_, i) => madeAt(i, `CR-${String(i).padStart(8, '0')}`));
  const long = (i: number): ChangeRequest => {
    const r = madeAt(i, `CR-LONG${String(i).padStart(4, '0')}`);
    return { ...r, target: { ...r.target, image: `image-${'x'.repeat(80)}-${i}` }, requester: { ...r.requester, name: 'N'.repeat(200) } };
  };
  return [
    sample('nothing open', []),
    sample('two rows', [transition(twoOfThree, { type: 'approve', by: adele }, at, demoPolicy).request, madeAt(0, 'CR-FIRST001')]),
    ...[minutes(24 * 60 - 90), minutes(24 * 60 - 5), minutes(24 * 60 + 5)].map((now) => sample(`deadline at ${now.toISOString()}`, [madeAt(0, 'CR-FIRST001')], 1, now)),
    sample('approved, not yet executed', [transition(madeAt(0, 'CR-FIRST001'), { type: 'approve', by: adele }, at, demoPolicy).request]),
    ...[1, 2, 3, 99].map((page) => sample(`25 open, page ${page}`, many, page)),
    sample('hostile requester', [{ ...madeAt(0, 'CR-FIRST001'), requester: { ...megan, name: HOSTILE, teamsUserId: 'user-id-9' } }]),
    sample('40 long titles', Array.from({ length: 40 }, (_, i) => long(i))),
    shared('nothing open anywhere', []),
    shared('one gallery, nothing open', [{ gallery: 'gal_golden', requests: [] }]),
    shared('two galleries', [{ gallery: 'gal_golden', requests: [madeAt(0, 'CR-FIRST001')] }, { gallery: 'gal_staging', requests: many.slice(0, 3) }]),
  ];
}

export function requestSamples(): CardSample[] {
  return [...changeRequestSamples(), ...pendingSamples()];
}
