import { quoteInput } from '../cards/escape-text';
import { UsageError } from '../errors';
import { canonicalTimeZone, DEFAULT_DIGEST, parseTimeOfDay, type DigestSchedule } from './digest-schedule';
import { WATCH_EVENT_KINDS, type WatchEventKind } from './subscription';

export const SUBSCRIBE_USAGE = 'subscribe <gallery|gallery/image|image|all> [to <event>[,<event>…]] [at <HH:MM> [<time zone>]]';

/** The daily summary: not an event the watcher detects, so it is not one of WATCH_EVENT_KINDS. */
const DIGEST = 'digest';
const DIGEST_USAGE = 'subscribe <gallery|image|all> to digest at <HH:MM> [<IANA time zone, e.g. Europe/Berlin>]';
/** Words people may use for what another event covers. */
const PART_OF: Record<string, WatchEventKind> = { stuck: 'replication', failed: 'replication', completed: 'replication', reminders: 'requests', approvals: 'requests' };

/** `subscribe` as typed: the scope's words, and the events (all of this version's kinds when none are named). */
export interface SubscribeArgs {
  /** `all`, or a gallery or image name as typed. */
  target: string;
  events: WatchEventKind[];
  /** `digest` was named: when to send it. */
  digest?: DigestSchedule;
  /** No `at` was typed, so the digest got DEFAULT_DIGEST (the confirmation says so). */
  digestDefaulted?: boolean;
}

/** Reads `<scope> [to <event>[,<event>…]]`; events may be separated by commas, spaces or both. */
export function parseSubscribe(typed: readonly string[]): SubscribeArgs {
  const at = typed.findIndex((a) => a.toLowerCase() === 'at');
  const args = at < 0 ? typed : typed.slice(0, at);
  const to = args.findIndex((a) => a.toLowerCase() === 'to');
  const scopeWords = to < 0 ? args : args.slice(0, to);
  if (scopeWords.length === 0) throw new UsageError('Say what to watch: a gallery, an image, `gallery/image` or `all`.', SUBSCRIBE_USAGE);
  if (scopeWords.length > 1) throw new UsageError(`I did not expect ${quoteInput(scopeWords[1]!)} here; name one gallery or image.`, SUBSCRIBE_USAGE);
  const target = scopeWords[0]!;
  if (to < 0) {
    if (at >= 0) throw new UsageError('`at` sets the time of the daily digest: add `to digest` before it.', DIGEST_USAGE);
    return { target, events: [...WATCH_EVENT_KINDS] };
  }
  const words = args.slice(to + 1).flatMap((w) => w.split(',')).map((w) => w.trim().toLowerCase()).filter((w) => w !== '');
  if (words.length === 0) throw new UsageError(`Name the events after \`to\`: ${WATCH_EVENT_KINDS.join(', ')}.`, SUBSCRIBE_USAGE);
  const events: WatchEventKind[] = [];
  let digest = false;
  for (const word of words) {
    if (word === DIGEST) {
      digest = true;
      continue;
    }
    const kind = WATCH_EVENT_KINDS.find((k) => k === word) ?? PART_OF[word];
    if (!kind) throw new UsageError(`${quoteInput(word)} is not an event I know; choose from ${[...WATCH_EVENT_KINDS, DIGEST].join(', ')}.`, SUBSCRIBE_USAGE);
    if (!events.includes(kind)) events.push(kind);
  }
  if (!digest) {
    if (at >= 0) throw new UsageError('`at` sets the time of the daily digest: add `digest` to the events.', DIGEST_USAGE);
    return { target, events };
  }
  if (at < 0) return { target, events, digest: { ...DEFAULT_DIGEST }, digestDefaulted: true };
  return { target, events, digest: parseDigestTime(typed.slice(at + 1)) };
}

/** `<HH:MM> [<zone>]` after `at`; the zone defaults to UTC and is checked against the zones Intl knows. */
function parseDigestTime(words: readonly string[]): DigestSchedule {
  if (words.length === 0) throw new UsageError('Say when after `at`: a time such as `09:00`, and a time zone such as `Europe/Berlin` (UTC when none is named).', DIGEST_USAGE);
  if (words.length > 2) throw new UsageError(`I did not expect ${quoteInput(words[2]!)} after the time zone.`, DIGEST_USAGE);
  const time = parseTimeOfDay(words[0]!);
  if (!time) throw new UsageError(`${quoteInput(words[0]!)} is not a time of day; write it as HH:MM, 24-hour, from 00:00 to 23:59 (e.g. \`09:00\`).`, DIGEST_USAGE);
  if (words.length === 1) return { time, timeZone: DEFAULT_DIGEST.timeZone };
  const timeZone = canonicalTimeZone(words[1]!);
  if (!timeZone) throw new UsageError(`${quoteInput(words[1]!)} is not a time zone I know; use an IANA name such as \`Europe/Berlin\`, \`America/New_York\` or \`UTC\`.`, DIGEST_USAGE);
  return { time, timeZone };
}
