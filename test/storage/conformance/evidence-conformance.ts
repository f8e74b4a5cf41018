import { canonicalJson } from '../../../src/audit/canonical-json';
import type { EvidenceBundle } from '../../../src/evidence/evidence-bundle';
import { bundleMatchesHash, recomputeBundleHash, sealBundle } from '../../../src/evidence/seal-bundle';
import type { JsonValue } from '../../../src/json-value';
import { minutes } from '../../approvals/fixtures';
import { armResponse, bundle, partsOf, snapshot } from './bundle-fixtures';
import { itWhen, useHarness, type StoreCapabilities, type StoreHarness } from './harness';

/** Evidence bundles: exact round trip (same canonical hash), parts kept once, pruning. */
export function describeEvidenceConformance(name: string, makeHarness: () => Promise<StoreHarness>, caps: Required<StoreCapabilities>): void {
  describe(`${name}: evidence`, () => {
    const harness = useHarness(makeHarness);

    it('gives back a bundle with exactly the canonical bytes it was sealed with', async () => {
      const { evidence } = harness().store;
      const b = bundle('2026.6.0', [snapshot('2026.6.0'), snapshot('versions', 'versions')]);
      expect(await evidence.get(b.sha256)).toBeUndefined();
      await evidence.put(b, minutes(0));
      const got = (await evidence.get(b.sha256)) as JsonValue;
      expect(got).toEqual(b);
      expect(recomputeBundleHash(got)).toBe(b.sha256);
      expect(bundleMatchesHash(got, b.sha256)).toBe(true);
      expect(canonicalJson(got)).toBe(canonicalJson(b as unknown as JsonValue));
    });

    it('stores the same bundle twice as once, and survives a restart', async () => {
      const h = harness();
      const b = bundle('2026.6.0', [snapshot('2026.6.0')]);
      await h.store.evidence.put(b, minutes(0));
      await h.store.evidence.put(b, minutes(5));
      await h.store.close();
      h.store = await h.reopen();
      expect(await h.store.evidence.get(b.sha256)).toEqual(b);
      // Stored once: the second put did not move its time, so a prune before minute 1 removes it.
      expect(await h.store.evidence.prune(minutes(1), () => false)).toMatchObject({ bundles: 1 });
    });

    it('finds bundles by the start of their hash (the short hash in a file name), in order and at most as many as asked', async () => {
      const { evidence } = harness().store;
      const b = bundle('2026.6.0', [snapshot('2026.6.0')]);
      const twin = (digit: string): EvidenceBundle => ({ ...b, sha256: `abcdef12${digit.repeat(56)}` });
      for (const x of [b, twin('1'), twin('0')]) await evidence.put(x, minutes(0));
      expect(await evidence.hashesStartingWith(b.sha256.slice(0, 8), 5)).toEqual([b.sha256]);
      expect(await evidence.hashesStartingWith(b.sha256, 5)).toEqual([b.sha256]);
      expect(await evidence.hashesStartingWith('abcdef12', 5)).toEqual([twin('0').sha256, twin('1').sha256]);
      expect(await evidence.hashesStartingWith('abcdef12', 1)).toEqual([twin('0').sha256]);
      expect(await evidence.hashesStartingWith('abcdef13', 5)).toEqual([]);
      // Not a hex prefix: nothing, never a query built from it.
      for (const odd of ['', 'ABCDEF12', "ab' or 1=1", 'abcdef1%']) expect(await evidence.hashesStartingWith(odd, 5)).toEqual([]);
    });

    itWhen(caps.evidenceParts)('keeps a snapshot two bundles share once', async () => {
      const h = harness();
      const shared = snapshot('2026.6.0');
      const a = bundle('2026.6.0', [shared], 'a');
      const b = bundle('2026.6.0', [shared, snapshot('2026.6.1')], 'b');
      await h.store.evidence.put(a, minutes(0));
      expect(await h.evidencePartCount!()).toBe(partsOf(a).size);
      await h.store.evidence.put(b, minutes(0));
      const union = new Set([...partsOf(a), ...partsOf(b)]);
      expect(union.size).toBeLessThan(partsOf(a).size + partsOf(b).size);
      expect(await h.evidencePartCount!()).toBe(union.size);
      for (const x of [a, b]) expect(recomputeBundleHash((await h.store.evidence.get(x.sha256)) as JsonValue)).toBe(x.sha256);
    });

    itWhen(caps.evidenceParts)('a bundle that differs only in when usage was read stores no new parts', async () => {
      const h = harness();
      const first = bundle('2026.6.2', [snapshot('2026.6.2')], 'same');
      const reread = sealBundle({ ...first, usage: { ...first.usage, readAt: minutes(9).toISOString() } }).bundle;
      await h.store.evidence.put(first, minutes(0));
      const before = await h.evidencePartCount!();
      await h.store.evidence.put(reread, minutes(0));
      expect(await h.evidencePartCount!()).toBe(before);
      expect(recomputeBundleHash((await h.store.evidence.get(reread.sha256)) as JsonValue)).toBe(reread.sha256);
    });

    it("keeps ARM's verbatim answers whole at any size (over 64 KiB, over 1 MiB), each body once", async () => {
      const h = harness();
      const large = armResponse('{"name":"large","properties":{"ratio":1.0}}', 70 * 1024);
      const huge = armResponse('{"name":"huge","properties":{"ratio":1.0}}', 1_100_000);
      expect(Buffer.byteLength(large.body!, 'utf8')).toBeGreaterThan(64 * 1024);
      expect(Buffer.byteLength(huge.body!, 'utf8')).toBeGreaterThan(1024 * 1024);
      const a = bundle('2026.6.0', [{ ...snapshot('2026.6.0'), verbatim: { responses: [large, huge] } }], 'a');
      const b = bundle('2026.6.0', [{ ...snapshot('2026.6.0'), verbatim: { responses: [huge] } }], 'b');
      await h.store.evidence.put(a, minutes(0));
      await h.store.evidence.put(b, minutes(90));
      for (const x of [a, b]) {
        const got = (await h.store.evidence.get(x.sha256)) as JsonValue;
        expect(canonicalJson(got)).toBe(canonicalJson(x as unknown as JsonValue));
        expect(bundleMatchesHash(got, x.sha256)).toBe(true);
      }
      const back = (await h.store.evidence.get(a.sha256)) as unknown as EvidenceBundle;
      const kept = back.snapshots[0]!.verbatim;
      expect('responses' in kept && kept.responses.map((r) => r.body)).toEqual([large.body, huge.body]);
      if (caps.evidenceParts) expect(await h.evidencePartCount!()).toBe(new Set([...partsOf(a), ...partsOf(b)]).size);
      // The huge body is b's too: pruning a leaves it whole.
      expect(await h.store.evidence.prune(minutes(60), () => false)).toMatchObject({ bundles: 1 });
      expect(canonicalJson((await h.store.evidence.get(b.sha256)) as JsonValue)).toBe(canonicalJson(b as unknown as JsonValue));
      expect(h.store.damaged()).toEqual([]);
    });

    it('prunes old bundles unless kept, and the parts nothing refers to any more', async () => {
      const h = harness();
      const shared = snapshot('2026.6.0');
      const old = bundle('1.0.0', [shared, snapshot('only-in-old')]);
      const kept = bundle('2.0.0', [shared]);
      const recent = bundle('1.0.0', [snapshot('recent')], 'recent');
      await h.store.evidence.put(old, minutes(0));
      await h.store.evidence.put(kept, minutes(0));
      await h.store.evidence.put(recent, minutes(120));
      const result = await h.store.evidence.prune(minutes(60), (subject) => subject.version === '2.0.0');
      const stillReferenced = new Set([...partsOf(kept), ...partsOf(recent)]);
      expect(result).toEqual({ bundles: 1, parts: [...partsOf(old)].filter((p) => !stillReferenced.has(p)).length });
      expect(result.parts).toBeGreaterThan(0);
      expect(await h.store.evidence.get(old.sha256)).toBeUndefined();
      for (const x of [kept, recent] as EvidenceBundle[]) expect(await h.store.evidence.get(x.sha256)).toEqual(x);
      if (caps.evidenceParts) expect(await h.evidencePartCount!()).toBe(stillReferenced.size);
      expect(await h.store.evidence.prune(minutes(60), (subject) => subject.version === '2.0.0')).toEqual({ bundles: 0, parts: 0 });
    });
  });
}
