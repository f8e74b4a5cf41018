/**
 * How far a pooled figure could have moved with other rounds: a percentile bootstrap over the bench's rounds.
 * The ratios bench pools a few short windows per bot on a shared machine, where one round's ratio ranged from
 * 0.96 to 1.95 within a run (6 December); the pooled ratio stays the verdict, and this interval says how much
 * weight it bears. Rounds are resampled whole (GalleryOps' window with the minimal bot's of the same round), so
 * a busy spell that fell on both stays paired.
 */

export interface IntervalOptions {
  /** Share of resampled statistics inside the interval (default 0.9). */
  level?: number;
  iterations?: number;
  /** The same rounds give the same interval from run to run of this code. */
  seed?: number;
}

/**
 * The central `level` share of `statistic` over `iterations` resamplings of `rounds` round indices with
 * replacement. `statistic` gets the picked indices (repeats included) and returns the pooled figure over them.
 */
export function bootstrapInterval(rounds: number, statistic: (picks: readonly number[]) => number, options: IntervalOptions = {}): { low: number; high: number } {
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`rounds must be a positive integer, got ${rounds}`);
  const { level = 0.9, iterations = 2000, seed = 7 } = options;
  const random = mulberry32(seed);
  const values: number[] = [];
  const picks = new Array<number>(rounds);
  for (let i = 0; i < iterations; i++) {
    for (let j = 0; j < rounds; j++) picks[j] = Math.floor(random() * rounds);
    values.push(statistic(picks));
  }
  values.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  const at = (q: number) => values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))]!;
  return { low: at(tail), high: at(1 - tail) };
}

/** A small seeded generator (Mulberry32): the interval must not change between two printings of the same rounds. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
