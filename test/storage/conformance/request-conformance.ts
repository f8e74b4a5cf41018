import type { ChangeRequest } from '../../../src/approvals/change-request';
import { transition } from '../../../src/approvals/transition';
import { createAuditLog } from '../../../src/audit/audit-log';
import { adele, demoPolicy, latestPromotion, megan, minutes, pendingRequest, stagePromotion } from '../../approvals/fixtures';
import { onOwnVersion } from './claim-fixtures';
import { create, entry, replace, requestWithEveryField } from './fixtures';
import { itWhen, useHarness, type StoreCapabilities, type StoreHarness } from './harness';

/** Change requests: the atomic commit of a request write and its audit records, and the listings. */
export function describeRequestConformance(name: string, makeHarness: () => Promise<StoreHarness>, caps: Required<StoreCapabilities>): void {
  describe(`${name}: change requests`, () => {
    const harness = useHarness(makeHarness);
    const auditCount = async () => (await harness().store.audit.list()).length;

    it('creates, reads back exactly, and refuses a second create of the same id', async () => {
      const { store } = harness();
      const r = pendingRequest();
      expect(await store.requests.get(r.id)).toBeUndefined();
      expect(await create(store, r)).toEqual({ ok: true, records: [], request: r });
      expect(await store.requests.get(r.id)).toEqual(r);
      expect(await create(store, { ...r, reason: 'other' }, [entry(1)])).toEqual({ ok: false, reason: 'exists' });
      expect((await store.requests.get(r.id))?.reason).toBeUndefined();
      expect(await auditCount()).toBe(0);
    });

    it('stores the audit records of the unit and stamps the request with the last one as its anchor', async () => {
      const { store } = harness();
      const r = pendingRequest();
      const result = await create(store, r, [entry(1, { requestId: r.id }), entry(2, { requestId: r.id })]);
      if (!result.ok) throw new Error(`commit refused: ${result.reason}`);
      expect(result.records.map((x) => x.seq)).toEqual([1, 2]);
      const anchor = { seq: 2, hash: result.records[1]?.hash };
      expect(result.request).toEqual({ ...r, auditAnchor: anchor });
      expect(await store.requests.get(r.id)).toEqual(result.request);
      expect(await store.audit.list()).toEqual(result.records);
      expect(await store.audit.head()).toEqual(anchor);

      const approved = transition(r, { type: 'approve', by: adele }, minutes(1), demoPolicy);
      const next = await replace(store, approved.request, 1, approved.auditEvents);
      expect(next).toMatchObject({ ok: true, request: { revision: 2, auditAnchor: { seq: 2 + approved.auditEvents.length } } });
      // A unit with no records leaves the anchor as the caller gave it.
      const stored = (await store.requests.get(r.id)) as ChangeRequest;
      expect(await replace(store, { ...stored, revision: 3, reason: 'card posted' }, 2)).toMatchObject({ ok: true, records: [], request: { auditAnchor: stored.auditAnchor } });
    });

    it('appends audit records alone when the unit has no request', async () => {
      const { store } = harness();
      const result = await store.requests.commit({ audit: [entry(1), entry(2)] });
      expect(result).toMatchObject({ ok: true, records: [{ seq: 1 }, { seq: 2 }] });
      expect(result.ok && result.request).toBeFalsy();
      expect(await auditCount()).toBe(2);
    });

    it('treats ids that could escape the store as not found', async () => {
      for (const id of ['../requests/x', 'a/b', '', '.hidden', 'x?y']) expect(await harness().store.requests.get(id)).toBeUndefined();
    });

    it('replaces only at the expected revision; stale and not-found store nothing, records included', async () => {
      const { store } = harness();
      const r = pendingRequest();
      await create(store, r);
      const approved = transition(r, { type: 'approve', by: adele }, minutes(1), demoPolicy).request;
      expect(await replace(store, approved, 1)).toMatchObject({ ok: true, request: approved });
      expect(await store.requests.get(r.id)).toEqual(approved);
      const stale = await replace(store, { ...approved, revision: 3, reason: 'late' }, 1, [entry(1)]);
      expect(stale).toEqual({ ok: false, reason: 'stale', current: approved });
      expect((await store.requests.get(r.id))?.revision).toBe(2);
      expect(await replace(store, { ...r, id: 'CR-MISSING1' }, 1, [entry(2)])).toEqual({ ok: false, reason: 'not-found' });
      expect(await auditCount()).toBe(0);
    });

    it('stores a decision and its records both or neither: a record that cannot be stored leaves the request as it was', async () => {
      const { store } = harness();
      const r = pendingRequest();
      await create(store, r, [entry(1)]);
      const before = await store.requests.get(r.id);
      const head = await store.audit.head();
      const approved = transition(r, { type: 'approve', by: adele }, minutes(1), demoPolicy).request;
      // NaN has no JSON form: the unit's second record can be neither hashed nor written, so nothing of the unit may stay.
      const unstorable = entry(3, { details: { ratio: Number.NaN } });
      await expect(replace(store, approved, 1, [entry(2), unstorable])).rejects.toThrow();
      expect(await store.requests.get(r.id)).toEqual(before);
      expect(await store.audit.head()).toEqual(head);
      expect(await auditCount()).toBe(1);
      await expect(create(store, onOwnVersion(pendingRequest(latestPromotion(), demoPolicy, 'CR-NEVER001')), [unstorable])).rejects.toThrow();
      expect(await store.requests.get('CR-NEVER001')).toBeUndefined();
      expect(await replace(store, approved, 1, [entry(2)])).toMatchObject({ ok: true });
      expect(await createAuditLog(store.audit).verify()).toMatchObject({ ok: true, count: 2 });
    });

    it('20 concurrent commits on one revision: exactly one wins, and only its record is stored', async () => {
      const { store } = harness();
      const r = pendingRequest();
      await create(store, r);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => replace(store, { ...r, revision: 2, reason: `writer ${i}` }, 1, [entry(i, { details: { writer: i } })])),
      );
      const winners = results.flatMap((res, i) => (res.ok ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(results.filter((res) => !res.ok && res.reason === 'stale')).toHaveLength(19);
      expect((await store.requests.get(r.id))?.reason).toBe(`writer ${winners[0]}`);
      expect((await store.audit.list()).map((x) => x.details['writer'])).toEqual([winners[0]]);
    });

    itWhen(caps.concurrentInstances)('20 instances racing to start an approved request: one moves it to executing', async () => {
      const h = harness();
      const approved = transition(pendingRequest(), { type: 'approve', by: adele }, minutes(1), demoPolicy).request;
      await create(h.store, approved);
      const other = await h.reopen();
      const starters = Array.from({ length: 20 }, async (_, i) => {
        const store = i % 2 === 0 ? h.store : other;
        const current = (await store.requests.get(approved.id)) as ChangeRequest;
        const result = transition(current, { type: 'startExecution' }, minutes(2), demoPolicy);
        if (!result.ok) return false;
        return (await replace(store, result.request, current.revision, result.auditEvents)).ok;
      });
      expect((await Promise.all(starters)).filter(Boolean)).toHaveLength(1);
      expect(await h.store.requests.get(approved.id)).toMatchObject({ state: 'executing', revision: 3, execution: { attempts: 1 } });
      expect(await createAuditLog(h.store.audit).verify()).toMatchObject({ ok: true });
      await other.close();
    });

    it('lists open requests oldest first, and requests by image (source or stage target)', async () => {
      const { store } = harness();
      const a = pendingRequest(latestPromotion(megan), demoPolicy, 'CR-AAAAAAA1');
      const b = { ...pendingRequest(stagePromotion(megan), demoPolicy, 'CR-BBBBBBB2'), createdAt: minutes(-5).toISOString() };
      const c = { ...pendingRequest(latestPromotion(megan), demoPolicy, 'CR-CCCCCCC3'), state: 'rejected' as const };
      for (const r of [a, b, c]) await create(store, r);
      expect((await store.requests.listOpen()).map((r) => r.id)).toEqual(['CR-BBBBBBB2', 'CR-AAAAAAA1']);
      expect((await store.requests.listByImage('GAL_GOLDEN', 'callcenter-desktop')).map((r) => r.id)).toEqual(['CR-AAAAAAA1', 'CR-CCCCCCC3']);
      expect((await store.requests.listByImage('gal_golden', 'dispatch')).map((r) => r.id)).toEqual(['CR-BBBBBBB2']);
      expect((await store.requests.listByImage('gal_staging', 'dispatch')).map((r) => r.id)).toEqual(['CR-BBBBBBB2']);
      expect(await store.requests.listByImage('gal_golden', 'records')).toEqual([]);
      // A request that closes leaves the open list.
      const rejected = transition(a, { type: 'reject', by: adele }, minutes(1), demoPolicy).request;
      await replace(store, rejected, 1);
      expect((await store.requests.listOpen()).map((r) => r.id)).toEqual(['CR-BBBBBBB2']);
    });

    it('keeps every field of a request, heartbeatAt and the whole execution included', async () => {
      const { store } = harness();
      const full = requestWithEveryField();
      expect(await create(store, full)).toMatchObject({ ok: true, request: full });
      expect(await store.requests.get(full.id)).toEqual(full);
      expect((await store.requests.listByImage('gal_staging', 'dispatch'))[0]).toEqual(full);
    });

    it('keeps a large request whole', async () => {
      const { store } = harness();
      const r = pendingRequest();
      const big = { ...r, warnings: Array.from({ length: 400 }, (_, i) => `warning ${i}: ${'é'.repeat(100)} ✓`) };
      await create(store, big);
      expect(await store.requests.get(r.id)).toEqual(big);
    });

    it('survives a restart', async () => {
      const h = harness();
      const r = pendingRequest();
      await create(h.store, r);
      await h.store.close();
      h.store = await h.reopen();
      expect(await h.store.requests.get(r.id)).toEqual(r);
      expect((await h.store.requests.listOpen()).map((x) => x.id)).toEqual([r.id]);
    });
  });
}
