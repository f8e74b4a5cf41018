/**
 * The end-of-life date a fix command proposes for a version that has none.
 *
 * Policy (why, as a platform engineer would set it): a fix command is something people paste, so it must never
 * carry a date in the past. The desired date is the age limit after publishing. When that is still ahead, it is
 * proposed as is. When it has passed (a version published years ago), writing it would mark the version past its
 * end of life at once, with no notice to the scale sets and VMs that may pin it, and would backdate a decision
 * nobody took then; so the proposal is today plus a notice period, and the card says that the desired date is
 * past and why this one is proposed instead. With no age limit there is no date to derive:
 * the command keeps a `<YYYY-MM-DD>` placeholder for the owner to choose, rather than a made-up date.
 */
import { isoDay, startOfUtcDay } from '../utc-day';

const DAY_MS = 86_400_000;

/**
 * Days of notice when the desired date has passed: long enough for the owners of pinned scale sets to move
 * to a newer version (one sprint and a maintenance window), short enough that an overdue version does not
 * linger another quarter. It also matches `report`'s "end of life within 30 days" warning, so those owners
 * are told again as the date approaches.
 */
export const END_OF_LIFE_NOTICE_DAYS = 30;

/** What to propose: a day, or none; and, when the desired day has passed, the sentence saying so. */
export interface EndOfLifeSuggestion {
  /** `YYYY-MM-DD`, always after today; undefined when there is nothing to derive it from. */
  day?: string;
  /** The desired day (published + age limit), when it is today or earlier. */
  desiredPast?: string;
  /** For the card: why `day` is not the desired day. */
  note?: string;
}

export function suggestEndOfLife(publishedDate: Date | undefined, maxAgeDays: number | undefined, now: Date): EndOfLifeSuggestion {
  if (maxAgeDays === undefined || publishedDate === undefined) return {};
  const desired = new Date(publishedDate.getTime() + maxAgeDays * DAY_MS);
  const today = startOfUtcDay(now);
  // An end of life on today's date has already passed (utc-day.ts): the earliest date that is not past is tomorrow.
  if (startOfUtcDay(desired).getTime() > today.getTime()) return { day: isoDay(desired) };
  const day = isoDay(new Date(today.getTime() + END_OF_LIFE_NOTICE_DAYS * DAY_MS));
  return {
    day,
    desiredPast: isoDay(desired),
    note: `Its desired end of life, ${isoDay(desired)} (${maxAgeDays} days after publishing), is past; the fix proposes ${day}, ${END_OF_LIFE_NOTICE_DAYS} days from today, so whoever still runs it has notice.`,
  };
}
