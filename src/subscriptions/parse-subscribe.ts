import { quoteInput } from '../cards/escape-text';
import { UsageError } from '../errors';
import { WATCH_EVENT_KINDS, type WatchEventKind } from './subscription';

export const SUBSCRIBE_USAGE = 'subscribe <gallery|gallery/image|image|all> [to <event>[,<event>…]]';

/** Events the issue names that this version does not deliver yet: refused by name, so nobody waits for them. */
const LATER = new Set(['digest']);
/** Words people may use for what another event covers. */
const PART_OF: Record<string, WatchEventKind> = { stuck: 'replication', failed: 'replication', completed: 'replication', reminders: 'requests', approvals: 'requests' };

/** `subscribe` as typed: the scope's words, and the events (all of this version's kinds when none are named). */
export interface SubscribeArgs {
  /** `all`, or a gallery or image name as typed. */
  target: string;
  events: WatchEventKind[];
}

/** Reads `<scope> [to <event>[,<event>…]]`; events may be separated by commas, spaces or both. */
export function parseSubscribe(args: readonly string[]): SubscribeArgs {
  const to = args.findIndex((a) => a.toLowerCase() === 'to');
  const scopeWords = to < 0 ? args : args.slice(0, to);
  if (scopeWords.length === 0) throw new UsageError('Say what to watch: a gallery, an image, `gallery/image` or `all`.', SUBSCRIBE_USAGE);
  if (scopeWords.length > 1) throw new UsageError(`I did not expect ${quoteInput(scopeWords[1]!)} here; name one gallery or image.`, SUBSCRIBE_USAGE);
  const target = scopeWords[0]!;
  if (to < 0) return { target, events: [...WATCH_EVENT_KINDS] };
  const words = args.slice(to + 1).flatMap((w) => w.split(',')).map((w) => w.trim().toLowerCase()).filter((w) => w !== '');
  if (words.length === 0) throw new UsageError(`Name the events after \`to\`: ${WATCH_EVENT_KINDS.join(', ')}.`, SUBSCRIBE_USAGE);
  const events: WatchEventKind[] = [];
  for (const word of words) {
    if (LATER.has(word)) throw new UsageError(`${quoteInput(word)} events are not available yet; this version announces ${WATCH_EVENT_KINDS.join(', ')}.`, SUBSCRIBE_USAGE);
    const kind = WATCH_EVENT_KINDS.find((k) => k === word) ?? PART_OF[word];
    if (!kind) throw new UsageError(`${quoteInput(word)} is not an event I know; choose from ${WATCH_EVENT_KINDS.join(', ')}.`, SUBSCRIBE_USAGE);
    if (!events.includes(kind)) events.push(kind);
  }
  return { target, events };
}
