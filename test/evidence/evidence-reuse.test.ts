/**
 * Asking `evidence` again during an incident must not grow the store when nothing but read times changed:
 * whoever asks gets the bundle already stored (same hash and link), and the card says when and for whom it was
 * made. New facts, another version, an expired window or a pruned bundle each store a new one.
 */
import { RecentBundles } from '../../src/evidence/recent-bundles';
import { DEMO_NOW } from '../fixtures/demo-gallery';
import { cardOf, evidenceHarness, hashOn, type EvidenceHarness } from './evidence-fixture';

const WINDOW_MS = 5 * 60_000;
let h: EvidenceHarness;

beforeEach(async () => {
  h = await evidenceHarness();
  h.ctx.recentEvidence = new RecentBundles(WINDOW_MS);
});
afterEach(async () => {
  await h.close();
});

const storedCount = async (): Promise<number> => {
  const perDigit = await Promise.all([...'0123456789abcdef'].map((digit) => h.store.evidence.hashesStartingWith(digit, 1000)));
  return perDigit.flat().length;
};
const later = (ms: number): Date => new Date(DEMO_NOW.getTime() + ms);

describe('evidence asked again with unchanged facts', () => {
  test('asked again a minute later: one bundle, same hash, and the card says when and for whom it was made', async () => {
    const first = cardOf(await h.ask('evidence dispatch 2026.5.1')).text;
    expect(first).not.toContain('Bundle made');
    h.clock.now = later(60_000);
    const again = cardOf(await h.ask('evidence dispatch 2026.5.1')).text;
    expect(hashOn(again)).toBe(hashOn(first));
    expect(again).toMatch(/Bundle made: 2026-11-23 12:00 UTC \(1 min ago\) for Alex Wilber, with the same facts as read now \(no new bundle stored\)/);
    expect(await storedCount()).toBe(1);
  });

  test('changed facts (a region finished replicating) store a new bundle', async () => {
    const first = hashOn(cardOf(await h.ask('evidence dispatch 2026.5.1')).text);
    const version = h.ctx.port.versions.find((v) => v.image === 'dispatch' && v.version === '2026.5.1')!;
    version.replication = { aggregatedState: 'Completed', regions: version.replication!.regions.map((r) => ({ ...r, state: 'Completed', progress: 100 })) };
    h.clock.now = later(60_000);
    const again = cardOf(await h.ask('evidence dispatch 2026.5.1')).text;
    expect(hashOn(again)).not.toBe(first);
    expect(again).not.toContain('Bundle made');
    expect(await storedCount()).toBe(2);
  });

  test('another responder gets the same bundle, so everyone cites one hash; another version or the window passed stores a new one', async () => {
    const first = hashOn(cardOf(await h.ask('evidence dispatch 2026.5.1')).text);
    await h.ask('evidence dispatch 2026.5.0');
    expect(await storedCount()).toBe(2);
    h.ctx.caller = { id: '29:adele', name: 'Adele Vance', aadObjectId: '00000000-0000-0000-0000-000000000022' };
    h.clock.now = later(1000);
    const adele = cardOf(await h.ask('evidence dispatch 2026.5.1')).text;
    expect(hashOn(adele)).toBe(first);
    expect(adele).toMatch(/Bundle made: .* for Alex Wilber, with the same facts/);
    expect(await storedCount()).toBe(2);
    h.clock.now = later(WINDOW_MS + 2000);
    const afterWindow = cardOf(await h.ask('evidence dispatch 2026.5.1')).text;
    expect(afterWindow).not.toContain('Bundle made');
    expect(hashOn(afterWindow)).not.toBe(first);
    expect(await storedCount()).toBe(3);
  });

  test('facts that flip back while a change is applied reuse the bundle of each fact set, not one bundle per flip', async () => {
    // Under load, reads begun before and after a change finish in any order: the same version reads as before,
    // after, before again. Each fact set is stored once.
    const version = h.ctx.port.versions.find((v) => v.image === 'dispatch' && v.version === '2026.5.1')!;
    const before = version.replication!;
    const after = { aggregatedState: 'Completed' as const, regions: before.regions.map((r) => ({ ...r, state: 'Completed' as const, progress: 100 })) };
    const hashes: string[] = [];
    for (const [i, replication] of [before, after, before, after].entries()) {
      version.replication = replication;
      h.clock.now = later(1000 * (i + 1));
      hashes.push(hashOn(cardOf(await h.ask('evidence dispatch 2026.5.1')).text));
    }
    expect(hashes[2]).toBe(hashes[0]);
    expect(hashes[3]).toBe(hashes[1]);
    expect(hashes[1]).not.toBe(hashes[0]);
    expect(await storedCount()).toBe(2);
  });

  test('a bundle pruned meanwhile is not handed out: a new one is stored and its link works', async () => {
    await h.ask('evidence dispatch 2026.5.1');
    await h.store.evidence.prune(later(1), () => false);
    expect(await storedCount()).toBe(0);
    h.clock.now = later(2000);
    const again = hashOn(cardOf(await h.ask('evidence dispatch 2026.5.1')).text);
    expect(await h.store.evidence.get(again)).toBeDefined();
    expect(await storedCount()).toBe(1);
  });

  test('a window of 0 turns reuse off', async () => {
    h.ctx.recentEvidence = new RecentBundles(0);
    await h.ask('evidence dispatch 2026.5.1');
    h.clock.now = later(1000);
    await h.ask('evidence dispatch 2026.5.1');
    expect(await storedCount()).toBe(2);
  });
});
