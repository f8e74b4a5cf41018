import { applyEvent, type ApplyDeps } from '../../src/approvals/apply-event';
import { parsePolicy } from '../../src/approvals/policy';
import { createAuditLog } from '../../src/audit/audit-log';
import type { Store } from '../../src/storage/store';
import { openTempStore } from '../helpers/temp-store';
import { adele, alex, demoPolicy, latestPromotion, megan, minutes, patti, pendingRequest } from './fixtures';

let store: Store;
let cleanup: () => Promise<void>;
let deps: ApplyDeps;
beforeEach(async () => {
  ({ store, cleanup } = await openTempStore());
  deps = { requests: store.requests, policy: demoPolicy, now: () => minutes(1) };
});
afterEach(() => cleanup());

const actions = async () => (await store.audit.list()).map((r) => `${r.action}${r.details['code'] ? `:${String(r.details['code'])}` : ''}`);

describe('applyEvent', () => {
  it('persists the transition and appends its audit records', async () => {
    await store.requests.commit({ request: { create: pendingRequest() }, audit: [] });
    const result = await applyEvent(deps, 'CR-TEST0001', { type: 'approve', by: adele });
    expect(result).toMatchObject({ ok: true, request: { state: 'approved', revision: 2 } });
    expect(await store.requests.get('CR-TEST0001')).toMatchObject({ state: 'approved', revision: 2 });
    expect(await actions()).toEqual(['request.approved']);
  });

  it('stamps the stored request with the audit record written with it (the anchor a card names)', async () => {
    await store.requests.commit({ request: { create: pendingRequest() }, audit: [] });
    const result = await applyEvent(deps, 'CR-TEST0001', { type: 'approve', by: adele });
    const [record] = await store.audit.list();
    expect(result).toMatchObject({ ok: true, request: { auditAnchor: { seq: record!.seq, hash: record!.hash } } });
    expect((await store.requests.get('CR-TEST0001'))?.auditAnchor).toEqual({ seq: record!.seq, hash: record!.hash });
  });

  it('audits a refusal without writing the request', async () => {
    await store.requests.commit({ request: { create: pendingRequest() }, audit: [] });
    expect(await applyEvent(deps, 'CR-TEST0001', { type: 'approve', by: megan })).toMatchObject({ ok: false, refused: { code: 'not-approver' } });
    expect((await store.requests.get('CR-TEST0001'))?.revision).toBe(1);
    expect(await actions()).toEqual(['request.refused:not-approver']);
  });

  it('persists a lazy expiry even though the click is refused', async () => {
    await store.requests.commit({ request: { create: pendingRequest() }, audit: [] });
    const late = { ...deps, now: () => minutes(25 * 60) };
    expect(await applyEvent(late, 'CR-TEST0001', { type: 'approve', by: adele })).toMatchObject({ ok: false, refused: { code: 'expired' } });
    expect(await store.requests.get('CR-TEST0001')).toMatchObject({ state: 'expired', revision: 2 });
    expect(await actions()).toEqual(['request.expired', 'request.refused:expired']);
  });

  it('refuses, and audits, an unknown request id', async () => {
    expect(await applyEvent(deps, 'CR-NOPE0000', { type: 'cancel', by: megan })).toMatchObject({ ok: false, refused: { code: 'not-found' } });
    expect(await actions()).toEqual(['request.refused:not-found']);
  });

  it('20 simultaneous approve-then-execute clicks: one execution, every other click refused and audited', async () => {
    const policy = parsePolicy({
      stages: demoPolicy.stages,
      rules: [{ gallery: 'gal_golden', requesters: [megan.aadObjectId], approvers: [adele.aadObjectId, patti.aadObjectId, alex.aadObjectId], minApprovals: 2 }],
    });
    await store.requests.commit({ request: { create: pendingRequest(latestPromotion(megan), policy) }, audit: [] });
    const both = { ...deps, policy };
    const clickers = [adele, patti, alex];
    const clicks = Array.from({ length: 20 }, async (_, i) => {
      const approved = await applyEvent(both, 'CR-TEST0001', { type: 'approve', by: clickers[i % 3] as typeof adele });
      if (!approved.ok || approved.request.state !== 'approved') return false;
      return (await applyEvent(both, 'CR-TEST0001', { type: 'startExecution' })).ok;
    });
    expect((await Promise.all(clicks)).filter(Boolean)).toHaveLength(1);
    const final = await store.requests.get('CR-TEST0001');
    expect(final).toMatchObject({ state: 'executing', requiredApprovals: 2 });
    expect(final?.approvals).toHaveLength(2);
    const log = await actions();
    expect(log.filter((a) => a === 'execution.started')).toHaveLength(1);
    expect(log.filter((a) => a === 'request.approved')).toHaveLength(2);
    expect(log.filter((a) => a.startsWith('request.refused'))).toHaveLength(18);
    expect(await createAuditLog(store.audit).verify()).toMatchObject({ ok: true, count: 22 });
  });
});
