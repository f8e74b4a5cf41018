import { formatTimestamp } from '../cards/format-date';
import { nextDigestAt, type DigestSchedule } from './digest-schedule';
import type { Subscription } from './subscription';

/** `daily at 09:00 Europe/Berlin (next: 2026-12-06 08:00 UTC)`: the next send in UTC, as every card's times are. */
export function describeDigest(schedule: DigestSchedule, now: Date): string {
  return `daily at ${schedule.time} ${schedule.timeZone} (next: ${formatTimestamp(nextDigestAt(schedule, now))})`;
}

/** What a subscription sends, in words: its events, and the digest with its time when `now` is given. */
export function subscribedTo(s: Pick<Subscription, 'events' | 'digest'>, now?: Date): string {
  const digest = s.digest ? [now ? `digest ${describeDigest(s.digest, now)}` : 'digest'] : [];
  return [...s.events, ...digest].join(', ');
}
