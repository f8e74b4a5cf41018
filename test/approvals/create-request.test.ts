import { createChangeRequest } from '../../src/approvals/create-request';
import { galleryThatChanges } from '../../src/approvals/gallery-that-changes';
import { parsePolicy } from '../../src/approvals/policy';
import { normalizeRequestId, randomRequestId } from '../../src/approvals/request-id';
import { alex, demoPolicy, latestPromotion, lynne, megan, stagePromotion, T0 } from './fixtures';

const deps = { now: T0, newId: () => 'CR-NEW00001' };

describe('galleryThatChanges', () => {
  const stages = demoPolicy.stages;
  it.each([
    [{ kind: 'promote-latest', gallery: 'gal_golden' }, { gallery: 'gal_golden' }],
    [{ kind: 'retire', gallery: 'gal_staging' }, { gallery: 'gal_staging' }],
    [{ kind: 'promote-regions', gallery: 'gal_other' }, { gallery: 'gal_other' }],
    [{ kind: 'promote-stage', gallery: 'gal_staging', toStage: 'Production' }, { gallery: 'gal_golden' }],
    [{ kind: 'promote-stage', gallery: 'gal_staging', toStage: 'qa' }, { refused: 'There is no stage called qa. The stages are staging → production.' }],
    [{ kind: 'promote-stage', gallery: 'gal_golden', toStage: 'staging' }, { refused: 'gal_golden is the last stage (production); there is no stage to promote it to.' }],
    [{ kind: 'promote-stage', gallery: 'gal_other', toStage: 'production' }, { refused: expect.stringMatching(/gal_other is not part of the promotion path/) }],
  ] as const)('%j → %j', (change, expected) => {
    expect(galleryThatChanges(stages, change)).toEqual(expected);
  });

  it('only the next stage', () => {
    const three = [
      { name: 'dev', gallery: 'g1' },
      { name: 'staging', gallery: 'g2' },
      { name: 'production', gallery: 'g3' },
    ];
    expect(galleryThatChanges(three, { kind: 'promote-stage', gallery: 'g1', toStage: 'production' })).toEqual({
      refused: 'g1 is stage dev; it can only be promoted to the next stage, staging.',
    });
  });
});

describe('createChangeRequest', () => {
  it('builds a pending request governed by the target stage gallery', () => {
    const result = createChangeRequest(demoPolicy, stagePromotion(alex, { reason: '  CVE fixes ' }), deps);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request).toMatchObject({
      id: 'CR-NEW00001',
      revision: 1,
      state: 'pending',
      scope: { action: 'promote', gallery: 'gal_golden', image: 'dispatch' },
      requiredApprovals: 1,
      createdAt: '2026-11-20T09:00:00.000Z',
      expiresAt: '2026-11-21T09:00:00.000Z',
      reason: 'CVE fixes',
      approvals: [],
      cards: [],
    });
    expect(result.rule.approvalsChannel).toBe('channel-image-approvals');
    expect(result.auditEvents).toEqual([
      expect.objectContaining({
        action: 'request.created',
        actor: { id: alex.aadObjectId, name: 'Alex Wilber' },
        requestId: 'CR-NEW00001',
        image: 'gal_staging/dispatch',
        version: '2026.6.0',
        details: expect.objectContaining({ kind: 'promote-stage', toStage: 'production', reason: 'CVE fixes', requiredApprovals: 1 }),
      }),
    ]);
  });

  it.each([
    ['someone who may not request', latestPromotion(lynne), demoPolicy, 'not-requester'],
    ['a gallery without a rule', { ...latestPromotion(megan), target: { ...latestPromotion().target, gallery: 'gal_other' } }, demoPolicy, 'no-rule'],
    ['a stage that is not next', stagePromotion(megan, { toStage: 'staging' }), demoPolicy, 'invalid-stage'],
    ['an unsafe retirement without override', { ...latestPromotion(megan), kind: 'retire' as const, unsafeRetirement: true }, demoPolicy, 'unsafe-retirement'],
  ])('refuses %s, with an audit record but no request id', (_name, input, policy, code) => {
    const result = createChangeRequest(policy, input, deps);
    expect(result).toMatchObject({ ok: false, refused: { code } });
    expect(result.auditEvents).toHaveLength(1);
    expect(result.auditEvents[0]).toMatchObject({ action: 'request.refused', details: { attempted: 'create', code } });
    expect(result.auditEvents[0]?.requestId).toBeUndefined();
  });

  it('requires a reason where the rule says so', () => {
    const policy = parsePolicy({
      stages: demoPolicy.stages,
      rules: [{ gallery: 'gal_golden', requesters: [megan.aadObjectId], approvers: [alex.aadObjectId], reasonRequired: true }],
    });
    expect(createChangeRequest(policy, latestPromotion(megan, { reason: '  ' }), deps)).toMatchObject({
      ok: false,
      refused: { code: 'reason-required', reason: 'Changes in gal_golden need a reason: add "because <reason>" to the command.' },
    });
    expect(createChangeRequest(policy, latestPromotion(megan, { reason: 'EOL' }), deps).ok).toBe(true);
  });

  it('allows an unsafe retirement where the policy allows the override, with a warning on the request', () => {
    const input = { ...latestPromotion(megan), kind: 'retire' as const, target: { ...latestPromotion().target, gallery: 'gal_staging' }, unsafeRetirement: true };
    const result = createChangeRequest(demoPolicy, input, deps);
    expect(result.ok && result.request.warnings).toEqual([
      "Retiring 2026.6.0 leaves gal_staging/callcenter-desktop with no version eligible for latest (allowed by the policy's override).",
    ]);
  });
});

describe('request ids', () => {
  it('are short, typable and forgiving', () => {
    let i = 0;
    expect(randomRequestId(() => i++ % 32)).toBe('CR-01234567');
    expect(randomRequestId()).toMatch(/^CR-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(normalizeRequestId(' cr-7k3f9qxo ')).toBe('CR-7K3F9QX0');
    expect(normalizeRequestId('7k3fLqxm')).toBe('CR-7K3F1QXM');
  });
});
