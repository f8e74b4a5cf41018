import type { ChangeRequest, PlannedChange, RequestState } from '../../src/approvals/change-request';
import { changeRequestCard, MAX_REFRESH_USERS, type RequestCardInput } from '../../src/cards/change-request-card';
import { createCardRenderer } from '../../src/cards/render-card';
import { APPROVE_VERB, REFRESH_VERB, REJECT_VERB } from '../../src/cards/request-verbs';
import type { JsonValue } from '../../src/json-value';
import { adele, alex, latestPromotion, megan, minutes, pendingRequest, stagePromotion, SUB } from '../approvals/fixtures';
import { allActions, cardProblems, cardText, expectValidCard, MAX_CARD_BYTES } from '../helpers/validate-card';
import { after, approved, approvedAhead, approversOf, byState, executing, NOW, pending, STATES, VIEWS, waitingAhead } from './samples/request-fixtures';

const render = createCardRenderer();

function show(request: ChangeRequest, extra: Partial<RequestCardInput> = {}) {
  const reply = changeRequestCard({ request, approvers: approversOf(request), now: NOW, view: 'base', ...extra });
  const card = render(reply) as Record<string, unknown>;
  expectValidCard(card);
  return { reply, card, text: cardText(card) };
}

/** The decision buttons a user can press (titles of Action.Execute, not the card's refresh). */
const decisionVerbs = (card: unknown) =>
  allActions(card)
    .filter((a) => a.type === 'Action.Execute' && a.verb !== REFRESH_VERB)
    .map((a) => a.verb);
const topButtons = (card: Record<string, unknown>) => ((card.actions ?? []) as { title: string }[]).map((a) => a.title);

describe('every state × view', () => {
  const cases = STATES.flatMap((state) => VIEWS.map((view) => [state, view] as const));
  const badge: Record<RequestState, string> = {
    pending: 'PENDING', approved: 'APPROVED', executing: 'EXECUTING', succeeded: 'SUCCEEDED',
    failed: 'FAILED', rejected: 'REJECTED', cancelled: 'CANCELLED', expired: 'EXPIRED',
  };

  test.each(cases)('%s, %s view: valid, badge shown, buttons only on a pending request for those who may click', (state, view) => {
    const { card, text, reply } = show(byState[state](), { view, refreshUserIds: ['user-id-2', 'user-id-4'] });
    expect(text[0]).toBe('Promote callcenter-desktop 2026.6.0 to latest (gal_golden)');
    // What the approver decides on comes right under the title, then the state.
    expect(text[1]).toMatch(/^2026\.6\.0 (becomes|became|would have become) eligible for latest$/);
    expect(text[2]).toBe(badge[state]);
    const buttons = state === 'pending' && view !== 'read-only';
    expect(topButtons(card)).toEqual(buttons ? ['Approve', 'Reject'] : []);
    expect(decisionVerbs(card)).toEqual(buttons ? [APPROVE_VERB, REJECT_VERB] : []);
    // Open requests keep per-user views; once nothing can change, everyone sees the same card.
    expect('refresh' in card).toBe(['pending', 'approved', 'executing'].includes(state));
    expect(reply.summary).toMatch(new RegExp(`^CR-TEST0001 ${state}: Promote callcenter-desktop 2026.6.0 to latest \\(gal_golden\\), asked by Megan Bowen`));
    expect(reply.summary).not.toMatch(/\n/);
    // The change itself is on every card, whatever happened to it.
    expect(text).toEqual(expect.arrayContaining(['Before: true', 'After: false']));
    expect(text).toContain('Request CR-TEST0001');
  });
});

describe('what a user reads', () => {
  test('a pending request: what, who, why, when, the exact change, gates, who may approve and the deadline', () => {
    const { text } = show(pending());
    expect(text).toEqual([
      'Promote callcenter-desktop 2026.6.0 to latest (gal_golden)',
      '2026.6.0 becomes eligible for latest',
      'PENDING',
      'Waiting for 1 more approval from Alex Wilber, Adele Vance or Patti Fernandez',
      'Requested by: Megan Bowen',
      'Reason: no reason given',
      'Asked: 2026-11-20 09:00 UTC (1 min ago)',
      'Version: gal_golden/callcenter-desktop 2026.6.0',
      'Approvals: 0 of 1',
      'May approve: Alex Wilber, Adele Vance and Patti Fernandez',
      'Expires: 2026-11-21 09:00 UTC (in 23 h)',
      'What will change',
      'Update gallery image version gal_golden/callcenter-desktop/2026.6.0',
      'Excluded from latest (publishingProfile.excludeFromLatest)',
      'Before: true',
      'After: false',
      'Gates (checked when asked, and again before the change is made)',
      '✓ Replication Completed in all regions — Completed in all 5 regions.',
      'Only the approvers named above can approve or reject; the bot checks every click.',
      'Request CR-TEST0001',
      `Gallery gal_golden · subscription ${SUB} · resource group rg-images`,
      'Updated 2026-11-20 09:01 UTC',
    ]);
  });

  test.each<[RequestCardInput['view'], string]>([
    ['base', 'Only the approvers named above can approve or reject; the bot checks every click.'],
    ['approver', 'You may approve or reject this request.'],
    ['read-only', 'Only the approvers named above can decide; this card updates when they do.'],
  ])('the %s view says who can act', (view, hint) => {
    const { text } = show(pending(), { view });
    expect(text).toContain(hint);
    expect(text).toContain('Waiting for 1 more approval from Alex Wilber, Adele Vance or Patti Fernandez');
  });

  test('a stage promotion names the next stage and the gallery it creates the version in; "does not exist" is said once', () => {
    const { text } = show(pendingRequest(stagePromotion(megan, { reason: 'security fixes for November' })));
    expect(text[0]).toBe('Promote dispatch 2026.6.0 to production (gal_golden)');
    expect(text[1]).toBe('Creates dispatch 2026.6.0 in gal_golden (production), from gal_staging, excluded from latest there');
    expect(text).toEqual(expect.arrayContaining([
      'Reason: security fixes for November',
      'Version: gal_staging/dispatch 2026.6.0',
      'Create gallery image version gal_golden/dispatch/2026.6.0 (it does not exist yet)',
      'Source: gallery image version gal_staging/dispatch/2026.6.0',
      'Excluded from latest: true',
      '✓ Completed in every region of staging',
      `Gallery gal_golden · subscription ${SUB} · resource group rg-images`,
    ]));
    expect(text.join('\n').match(/does not exist/g)).toHaveLength(1);
    expect(text.filter((l) => /^(Before|After):/.test(l))).toEqual([]);
  });

  test.each<[string, RequestState, string]>([
    ['pending', 'pending', 'Latest moves from 2026.5.0 to 2026.6.0'],
    ['carried out', 'succeeded', 'Latest moved from 2026.5.0 to 2026.6.0'],
    ['rejected', 'rejected', 'Latest would have moved from 2026.5.0 to 2026.6.0'],
  ])('a promotion to latest, %s, leads with latest moving, not only excludeFromLatest true → false', (_name, state, line) => {
    const r = { ...byState[state](), latest: { before: '2026.5.0', after: '2026.6.0' } };
    const { text } = show(r);
    expect(text[1]).toBe(line);
    expect(text).toEqual(expect.arrayContaining(['Before: true', 'After: false']));
  });

  test.each<[string, { before?: string; after?: string }, string]>([
    ['nothing is latest now', { after: '2026.6.0' }, '2026.6.0 becomes latest (no version is latest now)'],
    ['a higher version stays latest', { before: '2026.7.0', after: '2026.7.0' }, 'Latest stays 2026.7.0: 2026.6.0 becomes eligible, but 2026.7.0 is higher'],
  ])('promotion to latest when %s', (_name, latest, line) => {
    expect(show({ ...pending(), latest }).text[1]).toBe(line);
  });

  test.each<[string, { before?: string; after?: string }, string]>([
    ['not the latest', { before: '2026.5.0', after: '2026.5.0' }, '2026.4.0 leaves latest for good; latest stays 2026.5.0'],
    ['the latest', { before: '2026.4.0', after: '2026.3.0' }, '2026.4.0 leaves latest for good; latest moves from 2026.4.0 to 2026.3.0'],
    ['the last eligible one', { before: '2026.4.0' }, '2026.4.0 leaves latest for good; no version is latest after it'],
  ])('a retirement of %s leads with what happens to latest', (_name, latest, line) => {
    const r = pendingRequest({
      ...latestPromotion(megan),
      kind: 'retire',
      target: { ...latestPromotion().target, version: '2026.4.0' },
      changes: [{ method: 'PATCH', resourceId: versionId('gal_golden', 'callcenter-desktop', '2026.4.0'), fields: [{ field: 'publishingProfile.excludeFromLatest', before: false, after: true }] }],
      latest,
    });
    expect(show(r).text[1]).toBe(line);
  });

  test('the requester is not offered as an approver unless the rule allows self-approval', () => {
    const r = pendingRequest(latestPromotion(alex));
    expect(show(r).text).toContain('May approve: Adele Vance and Patti Fernandez');
    expect(show(r).text).toContain('Waiting for 1 more approval from Adele Vance or Patti Fernandez');
    expect(show(r, { allowSelfApproval: true }).text).toContain('May approve: Alex Wilber, Adele Vance and Patti Fernandez');
    expect(show(r, { approvers: [{ id: 'ffff' }] }).text).toContain('May approve: ffff');
  });

  test('two of three: one approval so far, with name and time, and who is still missing', () => {
    const r = after({ ...pending(), requiredApprovals: 2 }, [{ type: 'approve', by: adele }]);
    const { text } = show(r, { view: 'read-only' });
    expect(text).toEqual(expect.arrayContaining([
      'Waiting for 1 more approval from Alex Wilber or Patti Fernandez',
      'Approvals: 1 of 2',
      '✓ Adele Vance · 2026-11-20 09:01 UTC',
    ]));
  });

  test.each<[RequestState, string, string[]]>([
    ['approved', 'Approved; the change is being started in Azure.', ['What will change', 'Approvals: 1 of 1', '✓ Adele Vance · 2026-11-20 09:01 UTC', 'Decision', 'Approved: 2026-11-20 09:01 UTC (just now)']],
    ['executing', 'Azure accepted the change and is carrying it out.', ['What is changing', 'Azure operation', 'Started: 2026-11-20 09:01 UTC (just now)', 'Attempt: 1', 'Operation: 5f0c2a1e-op']],
    ['succeeded', 'Done: callcenter-desktop 2026.6.0 is now eligible for latest', ['What changed', 'Operation: 5f0c2a1e-op', 'Finished: 2026-11-20 09:01 UTC (just now)']],
    ['failed', 'Azure refused the change: Another operation is in progress on the version.', ['What was asked (Azure refused it)', 'Error code: Conflict', 'Finished: 2026-11-20 09:01 UTC (just now)']],
    ['rejected', 'Rejected by Adele Vance', ['What was asked (nothing changed)', 'Rejected', 'When: 2026-11-20 09:01 UTC (just now)', 'Comment: not before the freeze ends']],
    ['cancelled', 'Cancelled by Megan Bowen', ['What was asked (nothing changed)', 'Cancelled', 'When: 2026-11-20 09:01 UTC (just now)']],
    ['expired', 'Expired with 0 of 1 approvals; nothing was changed. Ask again to start over.', ['What was asked (nothing changed)', 'Expired', 'When: 2026-11-21 09:00 UTC (in 23 h)']],
  ])('%s: what happened, next to the badge and in detail', (state, detail, lines) => {
    const { text } = show(byState[state]());
    expect(text[3]).toBe(detail);
    expect(text).toEqual(expect.arrayContaining(lines));
    // Only a pending request has a deadline or approvers to wait for.
    expect(text.filter((l) => /^(Expires|May approve):|^Waiting for/.test(l))).toEqual([]);
  });

  test('executing before ARM accepted the write, and a re-sent attempt after a restart', () => {
    const started = after(approved(), [{ type: 'startExecution' }]);
    expect(show(started).text).toEqual(expect.arrayContaining(['Sending the change to Azure.', 'Operation: not accepted by Azure yet']));
    const resent = after(executing(), [{ type: 'reconcile', actual: { outcome: 'not-applied' } }]);
    expect(show(resent).text).toContain('Attempt: 2 (re-sent after a restart found the change not applied)');
  });

  test('a rejection without a comment says so', () => {
    expect(show(after(pending(), [{ type: 'reject', by: adele }])).text).toContain('Comment: no comment given');
  });

  test('a pending request past its deadline shows as expired, without buttons or refresh', () => {
    const { card, text } = show(pending(), { now: minutes(24 * 60 + 5), refreshUserIds: ['user-id-2'] });
    expect(text[2]).toBe('EXPIRED');
    expect(text).toContain('When: 2026-11-21 09:00 UTC (5 min ago)');
    expect(topButtons(card)).toEqual([]);
    expect('refresh' in card).toBe(false);
  });

  test.each<[NonNullable<RequestCardInput['notice']>['tone'], string]>([
    ['good', 'good'], ['warning', 'warning'], ['attention', 'attention'], ['default', 'emphasis'],
  ])('a %s notice sits above the title, its icon saying what its colour says', (tone, style) => {
    const { card, text } = show(pending(), { notice: { text: 'Your approval is recorded.', tone } });
    const icon = { good: '✓ ', warning: '⚠ ', attention: '✗ ', default: '' }[tone];
    expect(text[0]).toBe(`${icon}Your approval is recorded.`);
    expect((card.body as { style?: string }[])[0]!.style).toBe(style);
  });
});

describe('buttons', () => {
  test('Approve: Action.Execute with the approve verb and only the request id, Submit fallback for old clients', () => {
    const { card } = show(pending());
    const [approve, reject] = card.actions as Record<string, unknown>[];
    expect(approve).toEqual({
      type: 'Action.Execute', title: 'Approve', style: 'positive', verb: APPROVE_VERB, data: { requestId: 'CR-TEST0001' },
      fallback: { type: 'Action.Submit', title: 'Approve', style: 'positive', data: { verb: APPROVE_VERB, requestId: 'CR-TEST0001' } },
    });
    expect(reject).toMatchObject({ type: 'Action.ShowCard', title: 'Reject' });
  });

  test('Reject: an optional multi-line comment (500 characters) and an Action.Execute with the reject verb', () => {
    const { card } = show(pending());
    const showCard = (card.actions as { card: { body: unknown[]; actions: unknown[] } }[])[1]!.card;
    expect(showCard.body).toEqual([expect.objectContaining({ type: 'Input.Text', id: 'comment', isMultiline: true, maxLength: 500 })]);
    expect(showCard.body[0]).not.toHaveProperty('isRequired');
    expect(showCard.actions).toEqual([{
      type: 'Action.Execute', title: 'Reject', style: 'destructive', verb: REJECT_VERB, data: { requestId: 'CR-TEST0001' },
      fallback: { type: 'Action.Submit', title: 'Reject', style: 'destructive', data: { verb: REJECT_VERB, requestId: 'CR-TEST0001' } },
    }]);
  });

  test('the verbs are the exported constants', () => {
    expect([APPROVE_VERB, REJECT_VERB, REFRESH_VERB]).toEqual(['galleryops.approve', 'galleryops.reject', 'galleryops.refresh']);
  });
});

describe('refresh (per-user views)', () => {
  test('names the refresh verb and the request, for the given users', () => {
    const { card } = show(pending(), { refreshUserIds: ['user-id-2', 'user-id-4'] });
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', verb: REFRESH_VERB, data: { requestId: 'CR-TEST0001' } },
      userIds: ['user-id-2', 'user-id-4'],
    });
  });

  test('more than 60 users (with repeats) are capped at 60 distinct ids', () => {
    const ids = Array.from({ length: 75 }, (_, i) => `user-id-${i}`);
    const { card } = show(pending(), { refreshUserIds: [...ids.slice(0, 5), ...ids] });
    const userIds = (card.refresh as { userIds: string[] }).userIds;
    expect(MAX_REFRESH_USERS).toBe(60);
    expect(userIds).toHaveLength(60);
    expect(new Set(userIds).size).toBe(60);
    expect(userIds).toEqual(ids.slice(0, 60));
  });

  test.each([[undefined], [[]], [['', '  ']]])('no users (%j): no refresh property at all', (refreshUserIds) => {
    const { card } = show(pending(), refreshUserIds ? { refreshUserIds } : {});
    expect(Object.keys(card)).not.toContain('refresh');
  });
});

describe('text from users and ARM is escaped', () => {
  const hostile = '*Eve* [x](http://evil) <script>alert(1)</script>';

  test('names, reasons, comments, gates, warnings and values show as typed, never as markup', () => {
    const eve = { aadObjectId: '00000000-0000-0000-0000-000000000099', name: hostile, teamsUserId: 'user-id-9' };
    const base = pendingRequest(latestPromotion(megan, {
      reason: `_because_ ${hostile}`,
      warnings: [`scale set ${hostile} still uses it`],
    }));
    const r: ChangeRequest = {
      ...base,
      // A failing gate as an older request may have stored it (new ones are refused when asked).
      gates: [{ name: 'Gate **x**', passed: false, detail: hostile }],
      requester: { ...eve },
      changes: [{ method: 'PATCH', resourceId: base.changes[0]!.resourceId, fields: [{ field: '<b>odd</b>', before: '- item', after: hostile }] }],
      rejection: { by: { ...adele, name: `${hostile} (Adele)` }, at: minutes(1).toISOString(), comment: hostile },
      state: 'rejected',
    };
    for (const request of [r, { ...r, state: 'pending' as const }]) {
      const { card, text, reply } = show(request, { notice: { text: hostile, tone: 'attention' }, approvers: [{ id: 'x', name: hostile }] });
      const json = JSON.stringify(card);
      expect(json).not.toContain('<script>');
      expect(json).not.toMatch(/[^\\]\]\(/);
      expect(json).not.toMatch(/(^|[^\\])\*Eve/);
      const escaped = '\\*Eve\\* \\[x\\](http://evil) ‹script›alert(1)‹/script›';
      expect(text).toContain(`Requested by: ${escaped}`);
      expect(text).toContain(`Reason: \\_because\\_ ${escaped}`);
      expect(text).toContain(`⚠ scale set ${escaped} still uses it`);
      expect(text).toContain(`✗ Gate \\*\\*x\\*\\* — ${escaped}`);
      expect(text).toContain('‹b›odd‹/b›');
      expect(text).toContain('Before: \\- item');
      expect(text).toContain(`After: ${escaped}`);
      expect(text[0]).toBe(`✗ ${escaped}`);
      if (request.state === 'rejected') {
        expect(text).toEqual(expect.arrayContaining([`Rejected by ${escaped} (Adele)`, `Comment: ${escaped}`]));
      } else {
        expect(text).toContain(`May approve: ${escaped}`);
      }
      // The summary is plain text for notifications; the Teams layer escapes it for chat.
      expect(reply.summary).toContain('asked by *Eve*');
    }
  });

  test('data that looks like a template expression stays literal', () => {
    const r = pendingRequest(latestPromotion(megan, { reason: '${requestId} ${title}' }));
    const card = render(changeRequestCard({ request: r, approvers: approversOf(r), now: NOW, view: 'base' }));
    expect(cardText(card)).toContain('Reason: ${requestId} ${title}');
    expect(cardText(card)[0]).toBe('Promote callcenter-desktop 2026.6.0 to latest (gal_golden)');
    // Only the literal data contains `${`; everything else is valid.
    expect(cardProblems(card)).toEqual(['unexpanded template expression ${…} left in the card']);
  });
});

const versionId = (gallery: string, image: string, version: string) =>
  `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/${gallery}/images/${image}/versions/${version}`;
const region = (name: string, replicas?: number, storage?: string): JsonValue => ({
  name,
  ...(replicas !== undefined ? { regionalReplicaCount: replicas } : {}),
  ...(storage ? { storageAccountType: storage } : {}),
});
const regions = (n: number, prefix = 'region'): JsonValue[] => Array.from({ length: n }, (_, i) => region(`${prefix}${i}`, (i % 3) + 1, 'Standard_LRS'));

describe('field values in words', () => {
  test('target regions: names with replica counts, and what the change adds', () => {
    const change: PlannedChange = {
      method: 'PATCH',
      resourceId: versionId('gal_golden', 'dispatch', '2026.6.0'),
      fields: [{
        field: 'publishingProfile.targetRegions',
        before: [region('West Europe', 1, 'Standard_LRS')],
        after: [region('West Europe', 1, 'Standard_LRS'), region('East US 2', 2, 'Standard_ZRS'), { ...(region('North Europe') as object), excludeFromLatest: true }],
      }],
    };
    const r = pendingRequest({ ...latestPromotion(megan), kind: 'promote-regions', changes: [change] });
    const { text } = show(r);
    expect(text[0]).toBe('Promote callcenter-desktop 2026.6.0 to East US 2, North Europe (gal_golden)');
    expect(text).toEqual(expect.arrayContaining([
      'Target regions (publishingProfile.targetRegions)',
      'Before: 1 region: West Europe (1 replica, Standard_LRS)',
      'After: 3 regions: West Europe (1 replica, Standard_LRS), East US 2 (2 replicas, Standard_ZRS), North Europe (default replicas, excluded from latest)',
      'Adds East US 2, North Europe',
    ]));
  });

  test('retirement: end of life from not set to a UTC date, and exclusion from latest', () => {
    const r = pendingRequest({
      ...latestPromotion(megan),
      kind: 'retire',
      target: { ...latestPromotion().target, version: '2026.4.0' },
      changes: [{
        method: 'PATCH',
        resourceId: versionId('gal_golden', 'callcenter-desktop', '2026.4.0'),
        fields: [
          { field: 'publishingProfile.excludeFromLatest', before: false, after: true },
          { field: 'publishingProfile.endOfLifeDate', before: null, after: '2026-11-20T00:00:00.000Z' },
        ],
      }],
      warnings: ['2 scale sets still reference this version: vmss-agents, vmss-batch'],
    });
    const { text } = show(r);
    expect(text[0]).toBe('Retire callcenter-desktop 2026.4.0 (gal_golden)');
    expect(text).toEqual(expect.arrayContaining([
      'End of life (publishingProfile.endOfLifeDate)',
      'Before: not set',
      'After: 2026-11-20 00:00 UTC',
      'Warnings',
      '⚠ 2 scale sets still reference this version: vmss-agents, vmss-batch',
    ]));
  });
});

describe('size', () => {
  test('60 regions: every region is listed and the card stays well under 80 KB', () => {
    const change: PlannedChange = {
      method: 'PATCH',
      resourceId: versionId('gal_golden', 'callcenter-desktop', '2026.6.0'),
      fields: [{ field: 'publishingProfile.targetRegions', before: regions(30), after: regions(60) }],
    };
    const { card, text } = show(pendingRequest({ ...latestPromotion(megan), kind: 'promote-regions', changes: [change] }));
    expect(text[0]).toBe('Promote callcenter-desktop 2026.6.0 to region30, region31, region32 and 27 more regions (gal_golden)');
    const afterLine = text.find((l) => l.startsWith('After: 60 regions'))!;
    expect(afterLine).toMatch(/, region59 \(3 replicas, Standard_LRS\)$/);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES / 4);
  });

  test('a pathological request (40 writes of long region lists, many gates and warnings) stays valid under 80 KB and says what it left out', () => {
    const changes: PlannedChange[] = Array.from({ length: 40 }, (_, i) => ({
      method: 'PUT',
      resourceId: versionId('gal_golden', `image-${i}`, '2026.6.0'),
      fields: [
        { field: 'publishingProfile.targetRegions', before: null, after: regions(60, 'a-very-long-region-name-') },
        { field: 'storageProfile.source.id', before: null, after: versionId('gal_staging', `image-${i}`, '2026.6.0') },
      ],
    }));
    const request = {
      ...after(pendingRequest(latestPromotion(megan, { changes, reason: 'x'.repeat(5000), warnings: Array.from({ length: 100 }, () => 'w'.repeat(2000)) })), [{ type: 'approve', by: adele }]),
      // Failing gates as an older request may have stored them (new ones are refused when asked).
      gates: Array.from({ length: 100 }, (_, i) => ({ name: `gate ${i}`, passed: i % 2 === 0, detail: 'd'.repeat(2000) })),
    };
    for (const r of [{ ...request, state: 'pending' as const }, request]) {
      const { card, text } = show(r, { refreshUserIds: Array.from({ length: 100 }, (_, i) => `29:${'u'.repeat(60)}${i}`) });
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
      expect(text.some((l) => /^⚠ \d+ more field changes are not shown here \(card size limit\)\.$/.test(l))).toBe(true);
      expect(text).toEqual(expect.arrayContaining(['✗ and 80 more gates, 30 of them failed (card size limit)', '⚠ and 90 more warnings (card size limit)']));
      // Failed gates come first: they are what an approver must weigh.
      expect(text.filter((l) => l.startsWith('✗ gate')).length).toBe(20);
    }
  });
});

describe('approve ahead', () => {
  test('pending: the first line says what it waits for; the waiting gate is marked as waiting, not failed', () => {
    const { text } = show(waitingAhead(), { view: 'approver' });
    expect(text[0]).toBe('⏳ Runs when Southeast Asia finishes replicating (40 % now).');
    expect(text).toContain('PENDING');
    expect(text.join('\n')).toMatch(/⏳ Replication Completed in all regions — southeastasia Replicating 40 % Runs when Southeast Asia finishes replicating \(40 % now\)\./);
    expect(text.join('\n')).not.toMatch(/✗/);
  });

  test('approved: APPROVED · WAITING, nothing sent to Azure yet; a click\'s answer still leads the card', () => {
    const { text } = show(approvedAhead());
    expect(text[0]).toBe('⏳ Runs when Southeast Asia finishes replicating (40 % now).');
    expect(text).toContain('APPROVED · WAITING');
    expect(text.join('\n')).toMatch(/Approved ahead; runs when Southeast Asia finishes replicating \(40 % now\)\. Nothing has been sent to Azure yet\./);
    const clicked = show(approvedAhead(), { notice: { text: 'You approved CR-TEST0001.', tone: 'good' } });
    expect(clicked.text[0]).toBe('✓ You approved CR-TEST0001.');
  });
});
