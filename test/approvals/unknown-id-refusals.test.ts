/**
 * Typed `approve CR-<random>` in a loop must not grow the audit log with the loop: per person the first refusal
 * is recorded, the rest of a window become one record with a count, and someone who keeps going gets longer
 * windows (doubling up to an hour), so a day of it costs a few records an hour. Counts are never lost.
 */
import type { AuditEntry } from '../../src/audit/audit-record';
import { UnknownIdRefusals } from '../../src/approvals/unknown-id-refusals';

const MINUTE = 60_000;
const T0 = Date.parse('2026-12-01T00:00:00.000Z');

function refusal(person: string, at: number, requestId: string): AuditEntry {
  return { at: new Date(at).toISOString(), actor: { id: person, name: person }, action: 'request.refused', details: { attempted: 'approve', code: 'not-found', requestId } };
}

function harness() {
  const written: AuditEntry[] = [];
  const refusals = new UnknownIdRefusals(async (entries) => void written.push(...entries), { windowMs: MINUTE, maxWindowMs: 60 * MINUTE });
  /** One refusal by `person` every `everyMs` from `from` for `forMs`; returns when it stopped. */
  const loop = async (person: string, from: number, forMs: number, everyMs: number): Promise<number> => {
    let at = from;
    for (; at < from + forMs; at += everyMs) await refusals.refuse(refusal(person, at, `CR-${at}`), `CR-${at}`, new Date(at));
    return at;
  };
  const counted = (person: string): number =>
    written.filter((e) => e.actor.id === person).reduce((sum, e) => sum + (typeof e.details['count'] === 'number' ? (e.details['count'] as number) : 1), 0);
  return { written, refusals, loop, counted };
}

describe('refusals for unknown request ids', () => {
  test('one minute of a loop: the first at once, the rest one record with the count', async () => {
    const h = harness();
    await h.loop('mallory', T0, 59_000, 1000);
    expect(h.written).toHaveLength(1);
    await h.refusals.flushDue(new Date(T0 + MINUTE));
    expect(h.written).toHaveLength(2);
    expect(h.written[1]!.details).toMatchObject({ count: 58, code: 'not-found' });
  });

  test('an hour of a loop (one a second) costs a handful of records, and every refusal is counted', async () => {
    const h = harness();
    const end = await h.loop('mallory', T0, 60 * MINUTE, 1000);
    await h.refusals.flushAll(new Date(end));
    // Windows of 1, 2, 4, 8, 16, 32 minutes (the last one cut by the hour): the first refusal, then one summary
    // per window (a window that continues the loop has no record of its own first refusal).
    expect(h.written.length).toBe(7);
    expect(h.counted('mallory')).toBe(3600);
    const lengths = h.written.filter((e) => e.details['count'] !== undefined).map((e) => (Date.parse(String(e.details['until'])) - Date.parse(String(e.details['from']))) / MINUTE);
    expect(lengths.slice(0, 5)).toEqual([1, 2, 4, 8, 16]);
  });

  test('a day of it stays at one record an hour once the window is an hour long', async () => {
    const h = harness();
    const end = await h.loop('mallory', T0, 24 * 60 * MINUTE, 10_000);
    await h.refusals.flushAll(new Date(end));
    expect(h.written.length).toBeLessThanOrEqual(24 + 7);
    expect(h.counted('mallory')).toBe(24 * 60 * 6);
  });

  test('a quiet spell as long as the last window resets it: a mistyped id next week is a one-minute window again', async () => {
    const h = harness();
    const end = await h.loop('alex', T0, 3 * MINUTE, 1000);
    await h.refusals.flushDue(new Date(end + 10 * MINUTE));
    const before = h.written.length;
    const later = end + 7 * 24 * 60 * MINUTE;
    await h.loop('alex', later, 10_000, 1000);
    await h.refusals.flushDue(new Date(later + MINUTE));
    const summary = h.written.slice(before).find((e) => e.details['count'] !== undefined)!;
    expect(Date.parse(String(summary.details['until'])) - Date.parse(String(summary.details['from']))).toBe(MINUTE);
  });

  test("people do not share windows: another person's first refusal is recorded at once", async () => {
    const h = harness();
    await h.loop('mallory', T0, 30_000, 1000);
    await h.refusals.refuse(refusal('adele', T0 + 31_000, 'CR-TYPO0001'), 'CR-TYPO0001', new Date(T0 + 31_000));
    expect(h.written.map((e) => e.actor.id)).toEqual(['mallory', 'adele']);
  });
});
