import type { ChangeRequest, RequestState } from '../../../src/approvals/change-request';
import { claimKey } from '../../../src/approvals/field-claims';
import { transition } from '../../../src/approvals/transition';
import { createAuditLog } from '../../../src/audit/audit-log';
import { adele, demoPolicy, megan, minutes, pendingRequest, stagePromotion } from '../../approvals/fixtures';
import { DISPATCH_2026_4, EOL_FIELD, retire } from './claim-fixtures';
import { create, entry, replace } from './fixtures';
import { itWhen, useHarness, type StoreCapabilities, type StoreHarness } from './harness';

/** The same request moved to `state` (as the state machine would, one revision on). */
const moved = (r: ChangeRequest, state: RequestState): ChangeRequest => ({ ...r, revision: r.revision + 1, state });

/**
 * Claims: every open request holds the fields it sets, stored in the same unit as the request, so two open
 * requests never set the same field of one version, and no crash can leave a claim without its request.
 */
export function describeClaimConformance(name: string, makeHarness: () => Promise<StoreHarness>, caps: Required<StoreCapabilities>): void {
  describe(`${name}: claims on the fields open requests set`, () => {
    const harness = useHarness(makeHarness);

    it('refuses a create that sets a field an open request sets, naming the holder; nothing of it is stored', async () => {
      const { store } = harness();
      const first = retire('CR-FIRST001');
      await create(store, first, [entry(1, { requestId: first.id })]);
      const second = retire('CR-SECOND01', '2027-01-31');
      const refused = await create(store, second, [entry(2, { requestId: second.id })]);
      expect(refused).toEqual({ ok: false, reason: 'claimed', holder: first.id, field: expect.stringMatching(/^\/subscriptions\/.*\/versions\/2026\.4\.0#publishingProfile\./) });
      expect(await store.requests.get(second.id)).toBeUndefined();
      expect((await store.audit.list()).map((r) => r.requestId)).toEqual([first.id]);
      // Letter case of the ARM id does not matter (ARM ids vary in case).
      const upper = retire('CR-UPPER001', '2026-12-31', DISPATCH_2026_4.toUpperCase());
      expect(await create(store, upper)).toMatchObject({ ok: false, reason: 'claimed', holder: first.id });
    });

    it('leaves other fields of the version, and the same field of other versions, free', async () => {
      const { store } = harness();
      await create(store, retire('CR-FIRST001'));
      const regions = retire('CR-REGIONS1');
      regions.changes = [{ method: 'PATCH', resourceId: DISPATCH_2026_4, fields: [{ field: 'publishingProfile.targetRegions', before: [], after: [{ name: 'westus2' }] }] }];
      expect(await create(store, regions)).toMatchObject({ ok: true });
      expect(await create(store, retire('CR-OTHERV01', '2027-01-31', DISPATCH_2026_4.replace('2026.4.0', '2026.5.0')))).toMatchObject({ ok: true });
      expect(await create(store, pendingRequest(stagePromotion(megan), demoPolicy, 'CR-STAGE001'))).toMatchObject({ ok: true });
    });

    it('keeps the claim while the request is pending, approved or executing', async () => {
      const { store } = harness();
      let r = retire('CR-FIRST001');
      await create(store, r);
      for (const state of ['approved', 'executing'] as const) {
        const next = moved(r, state);
        expect(await replace(store, next, r.revision)).toMatchObject({ ok: true });
        r = next;
        expect(await create(store, retire(`CR-${state.slice(0, 4).toUpperCase()}0001`, '2027-01-31'))).toMatchObject({ ok: false, reason: 'claimed', holder: r.id });
      }
    });

    it.each(['succeeded', 'failed', 'rejected', 'cancelled', 'expired'] as const)('releases the claims in the unit that moves a request to %s', async (state) => {
      const { store } = harness();
      const first = retire('CR-FIRST001');
      await create(store, first);
      const final = moved(first, state);
      expect(await replace(store, final, 1, [entry(1, { requestId: first.id })])).toMatchObject({ ok: true });
      expect(await create(store, retire('CR-SECOND01', '2027-01-31'))).toMatchObject({ ok: true });
      // The claim now belongs to the second request: a third is refused, naming it.
      expect(await create(store, retire('CR-THIRD001', '2027-02-28'))).toMatchObject({ ok: false, reason: 'claimed', holder: 'CR-SECOND01' });
    });

    it('releases the claims when a late click expires the request on the way (lazy expiry)', async () => {
      const { store } = harness();
      const first = retire('CR-FIRST001');
      await create(store, first);
      const late = transition(first, { type: 'approve', by: adele }, new Date(Date.parse(first.expiresAt) + 60_000), demoPolicy);
      expect(late.request.state).toBe('expired');
      expect(await replace(store, late.request, 1, late.auditEvents)).toMatchObject({ ok: true });
      expect(await create(store, retire('CR-SECOND01', '2027-01-31'))).toMatchObject({ ok: true });
    });

    it('a request stored already final claims nothing; a replace that keeps it open claims nothing new', async () => {
      const { store } = harness();
      await create(store, { ...retire('CR-DONE0001'), state: 'rejected' });
      expect(await create(store, retire('CR-FIRST001'))).toMatchObject({ ok: true });
      const decided = transition(retire('CR-FIRST001'), { type: 'reject', by: adele }, minutes(1), demoPolicy);
      expect(await replace(store, decided.request, 1, decided.auditEvents)).toMatchObject({ ok: true });
      expect(await create(store, retire('CR-AFTER001'))).toMatchObject({ ok: true });
    });

    it('a create that cannot be stored leaves no claim behind (one unit): the next create goes through', async () => {
      const { store } = harness();
      // NaN has no JSON form: the record cannot be written, so neither the request nor its claims may stay.
      await expect(create(store, retire('CR-BROKEN01'), [entry(1, { details: { ratio: Number.NaN } })])).rejects.toThrow();
      expect(await store.requests.get('CR-BROKEN01')).toBeUndefined();
      expect(await create(store, retire('CR-SECOND01', '2027-01-31'))).toMatchObject({ ok: true });
    });

    it('a failed release (unstorable record) keeps the claim with the still-open request', async () => {
      const { store } = harness();
      const first = retire('CR-FIRST001');
      await create(store, first);
      await expect(replace(store, moved(first, 'cancelled'), 1, [entry(1, { details: { ratio: Number.NaN } })])).rejects.toThrow();
      expect(await create(store, retire('CR-SECOND01', '2027-01-31'))).toMatchObject({ ok: false, reason: 'claimed', holder: first.id });
    });

    it('10 concurrent creates setting one field to different values: exactly one is stored', async () => {
      const { store } = harness();
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => create(store, retire(`CR-RACE000${i}`, `2027-01-${String(10 + i)}`), [entry(i)])));
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const holder = (winners[0] as { request: ChangeRequest }).request.id;
      expect(results.filter((r) => !r.ok)).toEqual(Array(9).fill({ ok: false, reason: 'claimed', holder, field: expect.any(String) }));
      expect((await store.requests.listOpen()).map((r) => r.id)).toEqual([holder]);
      expect(await createAuditLog(store.audit).verify()).toMatchObject({ ok: true, count: 1 });
    });

    itWhen(caps.concurrentInstances)('two instances racing creates that set one field differently: exactly one request exists', async () => {
      const h = harness();
      const other = await h.reopen();
      for (let round = 0; round < 5; round++) {
        const [a, b] = [retire(`CR-A${round}000001`.slice(0, 11), '2027-01-31'), retire(`CR-B${round}000001`.slice(0, 11), '2027-02-28')];
        const results = await Promise.all([create(h.store, a, [entry(1, { requestId: a.id })]), create(other, b, [entry(2, { requestId: b.id })])]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        const open = await h.store.requests.listOpen();
        expect(open).toHaveLength(1);
        const loser = results.find((r) => !r.ok);
        expect(loser).toMatchObject({ ok: false, reason: 'claimed', holder: open[0]!.id });
        expect([claimKey(DISPATCH_2026_4, 'publishingProfile.excludeFromLatest'), claimKey(DISPATCH_2026_4, EOL_FIELD)]).toContain((loser as { field: string }).field);
        // Close the round's winner so the next round races on a free field again.
        const winner = open[0]!;
        expect(await replace(h.store, moved(winner, 'cancelled'), winner.revision, [entry(3, { requestId: winner.id })])).toMatchObject({ ok: true });
      }
      expect(await createAuditLog(h.store.audit).verify()).toMatchObject({ ok: true, count: 10 });
      await other.close();
    });
  });
}
