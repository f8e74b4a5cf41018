import { earliestSendTime, pruneLog, TEAMS_CONVERSATION_LIMITS, validateLimits, type RateLimit } from '../../src/teams/send-pacing-window';
import { withinWindow } from './fake-time';

const TEAMS = TEAMS_CONVERSATION_LIMITS;
const times = (n: number, at: number): number[] => Array.from({ length: n }, () => at);

/** Sends `n` messages as early as the limits allow, starting at 0, each taking `latency` ms. */
function greedy(n: number, limits: readonly RateLimit[], latency = 0): number[] {
  const log: number[] = [];
  let now = 0;
  for (let i = 0; i < n; i++) {
    now = earliestSendTime(log, limits, now) + latency;
    log.push(now);
  }
  return log;
}

describe('earliestSendTime (Teams windows: 7/1 s, 8/2 s, 60/30 s, 1800/h)', () => {
  it.each<[string, number[], number, number]>([
    ['nothing sent yet', [], 0, 0],
    ['6 sent this instant: the 7th goes now', times(6, 0), 0, 0],
    ['7 sent this instant: the 8th waits a second', times(7, 0), 0, 1000],
    ['7 sent 400 ms ago: the 8th waits the rest of the second', times(7, 0), 400, 1000],
    ['7 sent exactly 1 s ago: the window has just freed', times(7, 0), 1000, 1000],
    ['7 at 0 and 1 at 1 s: the 9th waits for the 2-second window', [...times(7, 0), 1000], 1000, 2000],
    ['8 within 2 s, spread out: the 9th waits for the oldest to leave the 2-second window', [0, 300, 600, 900, 1200, 1500, 1800, 1900], 1900, 2000],
    ['60 within 30 s: the 61st waits for the oldest to leave the 30-second window', Array.from({ length: 60 }, (_, i) => i * 400), 23_600, 30_000],
    ['1800 in the hour: the next waits for the hour to pass', Array.from({ length: 1800 }, (_, i) => i * 1000), 1_799_000, 3_600_000],
    ['the clock is already past every limit', times(7, 0), 5000, 5000],
  ])('%s', (_name, log, now, expected) => {
    expect(earliestSendTime(log, TEAMS, now)).toBe(expected);
  });

  it('20 sends as fast as allowed: 7 at 0 s, 1 at 1 s, 7 at 2 s, 1 at 3 s, 4 at 4 s', () => {
    expect(greedy(20, TEAMS)).toEqual([...times(7, 0), 1000, ...times(7, 2000), 3000, ...times(4, 4000)]);
  });

  it.each([0, 37, 250])('a greedy schedule of 200 sends (latency %i ms) never breaks any window', (latency) => {
    const sent = greedy(200, TEAMS, latency);
    for (const { windowMs, max } of TEAMS) expect(withinWindow(sent, windowMs, max)).toBe(true);
    // …and is not needlessly slow: three full 30-second windows of 60, then 20 more at 8 per 2 s.
    expect(sent.at(-1)!).toBeLessThanOrEqual(94_000 + 200 * latency);
  });
});

describe('pruneLog', () => {
  it.each<[string, number[], number, number[]]>([
    ['keeps what the hour window still sees', [0, 10, 20], 3_600_000, [10, 20]],
    ['drops everything older than an hour', [0, 10, 20], 3_600_020, []],
    ['keeps an empty log empty', [], 0, []],
  ])('%s', (_name, log, now, expected) => {
    expect(pruneLog([...log], TEAMS, now)).toEqual(expected);
  });
});

describe('validateLimits', () => {
  it.each<[string, RateLimit]>([
    ['zero max', { windowMs: 1000, max: 0 }],
    ['fractional max', { windowMs: 1000, max: 1.5 }],
    ['zero window', { windowMs: 0, max: 1 }],
    ['infinite window', { windowMs: Infinity, max: 1 }],
  ])('refuses %s', (_name, limit) => {
    expect(() => validateLimits([limit])).toThrow(/invalid send rate limit/);
  });

  it('accepts the Teams limits', () => {
    expect(validateLimits(TEAMS)).toBe(TEAMS);
  });
});
