/** A clock that only moves when something sleeps: sleeping advances it at once, so tests never really wait. */
export class FakeTime {
  readonly sleeps: number[] = [];
  constructor(public nowMs = 1_700_000_000_000) {}
  readonly now = (): number => this.nowMs;
  /** The same as `now`, named as createSendPacing takes it. */
  readonly clock = (): number => this.nowMs;
  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.nowMs += Math.max(0, ms);
  };
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

/** True when no interval of `windowMs` (half-open, as the limiter counts) holds more than `max` of `times`. */
export function withinWindow(times: readonly number[], windowMs: number, max: number): boolean {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted.every((t, i) => sorted.filter((u, j) => j >= i && u - t < windowMs).length <= max);
}
