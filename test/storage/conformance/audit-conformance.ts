import type { AuditRecord } from '../../../src/audit/audit-record';
import { createAuditLog } from '../../../src/audit/audit-log';
import type { AuditFilter } from '../../../src/audit/audit-store';
import { hashAuditRecord } from '../../../src/audit/hash-record';
import { entry } from './fixtures';
import { itWhen, useHarness, type AuditTamper, type StoreCapabilities, type StoreHarness } from './harness';

/** The audit chain: appends, filters, tamper detection, concurrency. */
export function describeAuditConformance(name: string, makeHarness: () => Promise<StoreHarness>, caps: Required<StoreCapabilities>): void {
  describe(`${name}: audit chain`, () => {
    const harness = useHarness(makeHarness);
    const fill = async (n: number) => createAuditLog(harness().store.audit).append(...Array.from({ length: n }, (_, i) => entry(i + 1)));

    it('starts empty and intact', async () => {
      expect(await harness().store.audit.head()).toBeUndefined();
      expect(await createAuditLog(harness().store.audit).verify()).toEqual({ ok: true, count: 0 });
    });

    it('chains appends and reads them back in order', async () => {
      const written = await fill(5);
      const { audit } = harness().store;
      expect(written.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(written[1]?.prevHash).toBe(written[0]?.hash);
      expect(await audit.list()).toEqual(written);
      expect(await audit.head()).toEqual({ seq: 5, hash: written[4]?.hash });
      expect(await audit.append([])).toEqual([]);
      expect(await createAuditLog(audit).verify()).toMatchObject({ ok: true, count: 5 });
    });

    it('queues concurrent appends of one instance into one intact chain', async () => {
      const { audit } = harness().store;
      const calls = Array.from({ length: 24 }, (_, i) => audit.append([entry(i, { details: { call: i, part: 'a' } }), entry(i, { details: { call: i, part: 'b' } })]));
      const results = await Promise.all(calls);
      // Each call's records are consecutive: one unit, never interleaved with another call.
      for (const records of results) expect(records[1]?.seq).toBe((records[0]?.seq ?? 0) + 1);
      expect(await createAuditLog(audit).verify()).toMatchObject({ ok: true, count: 48 });
    });

    it('filters by request, image, version and seq range', async () => {
      const log = createAuditLog(harness().store.audit);
      const list = async (filter: AuditFilter) => (await harness().store.audit.list(filter)).map((r) => r.seq);
      await log.append(
        entry(1, { requestId: 'CR-1', image: 'gal_golden/dispatch', version: '1.0.0' }),
        entry(2, { requestId: 'CR-2', image: 'gal_golden/records' }),
        entry(3, { requestId: 'CR-1', image: 'gal_golden/dispatch', version: '1.0.1' }),
        entry(4, { requestId: 'CR-1' }),
      );
      expect(await list({ requestId: 'CR-1' })).toEqual([1, 3, 4]);
      expect(await list({ image: 'GAL_GOLDEN/records' })).toEqual([2]);
      expect(await list({ image: 'gal_golden/dispatch', version: '1.0.1' })).toEqual([3]);
      expect(await list({ fromSeq: 2 })).toEqual([2, 3, 4]);
      expect(await list({ toSeq: 2 })).toEqual([1, 2]);
      expect(await list({ fromSeq: 2, toSeq: 3 })).toEqual([2, 3]);
      expect(await list({ requestId: 'CR-1', fromSeq: 2, toSeq: 3 })).toEqual([3]);
      expect(await list({ fromSeq: 5 })).toEqual([]);
    });

    it.each([
      ['an edited record', (t: AuditTamper) => t.edit(3, (r) => ({ ...r, actor: { id: 'someone', name: 'Someone' } })), { seq: 3, problem: 'edited' }],
      ['an edited and re-hashed record', (t: AuditTamper) => t.edit(3, (r) => rehash({ ...r, action: 'nothing.happened' })), { seq: 3, problem: 'edited' }],
      ['a removed record', (t: AuditTamper) => t.remove(2), { seq: 2, problem: 'removed' }],
      ['a removed last record', (t: AuditTamper) => t.remove(5), { seq: 5, problem: 'removed' }],
      ['two swapped records', (t: AuditTamper) => t.swap(2, 3), { seq: 2, problem: 'reordered' }],
      ['a record added past the head', (t: AuditTamper) => t.put(forged(6)), { seq: 6, problem: 'inserted' }],
    ])('detects %s', async (_name, tamper, verdict) => {
      await fill(5);
      await tamper(harness().tamper);
      expect(await createAuditLog(harness().store.audit).verify()).toEqual({ ok: false, ...verdict });
    });

    it('proves an anchor (seq and a hash prefix of 16 or more hex digits) is still in the chain', async () => {
      const written = await fill(3);
      const log = createAuditLog(harness().store.audit);
      const second = written[1] as AuditRecord;
      expect(await log.verify({ anchor: { seq: 2, hash: second.hash.slice(0, 16) } })).toMatchObject({ ok: true, anchor: { seq: 2, hash: second.hash } });
      expect(await log.verify({ anchor: { seq: 2, hash: 'f'.repeat(16) } })).toEqual({ ok: false, seq: 2, problem: 'anchor-mismatch' });
      expect(await log.verify({ anchor: { seq: 9, hash: second.hash } })).toEqual({ ok: false, seq: 9, problem: 'truncated' });
    });

    itWhen(caps.concurrentInstances)('concurrent appends from two store instances make one intact chain', async () => {
      const h = harness();
      const other = await h.reopen();
      const a = createAuditLog(h.store.audit);
      const b = createAuditLog(other.audit);
      await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? a : b).append(entry(i, { action: `writer.${i % 2}` }))));
      expect(await a.verify()).toMatchObject({ ok: true, count: 24 });
      const records = await h.store.audit.list();
      expect(new Set(records.map((r) => r.details['n'])).size).toBe(24);
      await other.close();
    });

    it('survives a restart and continues the chain', async () => {
      const h = harness();
      await fill(3);
      await h.store.close();
      h.store = await h.reopen();
      await createAuditLog(h.store.audit).append(entry(4));
      expect(await createAuditLog(h.store.audit).verify()).toMatchObject({ ok: true, count: 4 });
    });
  });
}

function rehash(record: AuditRecord): AuditRecord {
  return { ...record, hash: hashAuditRecord(record) };
}

function forged(seq: number): AuditRecord {
  return rehash({ ...entry(seq), seq, prevHash: 'f'.repeat(64), hash: '' });
}
