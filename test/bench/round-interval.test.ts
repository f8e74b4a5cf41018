import { bootstrapInterval } from '../../bench/round-interval';

const mean = (values: readonly number[]) => (picks: readonly number[]) => picks.reduce((sum, i) => sum + values[i]!, 0) / picks.length;

describe('bootstrapInterval (the ratios bench: where a pooled figure could land with other rounds)', () => {
  it('is the textbook interval of a mean: 90 % of resamples within about 1.645 standard errors', () => {
    // 0..99: mean 49.5, standard deviation 28.9, standard error of the mean 2.89, so about 44.7 to 54.3.
    const values = Array.from({ length: 100 }, (_, i) => i);
    const { low, high } = bootstrapInterval(values.length, mean(values), { iterations: 4000 });
    expect(low).toBeGreaterThan(43.5);
    expect(low).toBeLessThan(46);
    expect(high).toBeGreaterThan(53);
    expect(high).toBeLessThan(55.5);
  });

  it('is as wide as the rounds disagree: identical rounds give a point, spread rounds a span that holds their pooled figure', () => {
    expect(bootstrapInterval(4, mean([1.2, 1.2, 1.2, 1.2]))).toEqual({ low: 1.2, high: 1.2 });
    const spread = [0.96, 1.34, 1.45, 1.23];
    const { low, high } = bootstrapInterval(spread.length, mean(spread));
    expect(low).toBeGreaterThanOrEqual(0.96);
    expect(high).toBeLessThanOrEqual(1.45);
    expect(low).toBeLessThan(1.245);
    expect(high).toBeGreaterThan(1.245);
  });

  it('resamples whole rounds with replacement, each pick a round index', () => {
    const seen = new Set<number>();
    let repeats = 0;
    bootstrapInterval(5, (picks) => {
      expect(picks).toHaveLength(5);
      for (const i of picks) seen.add(i);
      if (new Set(picks).size < picks.length) repeats++;
      return 0;
    }, { iterations: 200 });
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
    // Drawing 5 of 5 with replacement repeats one in all but 5!/5^5 (3.8 %) of draws.
    expect(repeats).toBeGreaterThan(170);
  });

  it('prints the same interval for the same rounds (seeded), another for another seed', () => {
    const values = [0.9, 1.1, 1.4, 1.2, 1.0, 1.3];
    const a = bootstrapInterval(values.length, mean(values), { level: 0.5 });
    expect(bootstrapInterval(values.length, mean(values), { level: 0.5 })).toEqual(a);
    const others = [1, 2, 3, 4, 5].map((seed) => bootstrapInterval(values.length, mean(values), { level: 0.5, iterations: 50, seed }));
    expect(new Set(others.map((o) => `${o.low}-${o.high}`)).size).toBeGreaterThan(1);
  });

  it('refuses no rounds', () => {
    expect(() => bootstrapInterval(0, () => 1)).toThrow(RangeError);
  });
});
