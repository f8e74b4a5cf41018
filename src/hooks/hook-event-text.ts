import { regionKey } from '../gallery/region-names';
import { afterText } from '../cards/transition-text';
import type { WatchEvent } from '../subscriptions/watch-event';

/** What a hook calls an event: the kind, and for replication the state reached (`replication.failed`, …). */
export function hookEventType(event: WatchEvent): string {
  if (event.kind !== 'replication') return event.kind;
  return `replication.${event.stuck ? 'stuck' : (event.state ?? 'unknown').toLowerCase()}`;
}

/** `gal_golden/dispatch`, as commands take it. */
export function hookImageName(event: WatchEvent): string {
  return `${event.image.gallery}/${event.image.image}`;
}

/** One line a person reads in the incident tool, as the card's headline says it. */
export function hookEventText(event: WatchEvent): string {
  const what = `${hookImageName(event)} ${event.version}`;
  switch (hookEventType(event)) {
    case 'published':
      return `${what} was published${event.isLatest ? ' and is latest' : ''}`;
    case 'latest':
      return `latest of ${hookImageName(event)} is now ${event.version}`;
    case 'replication.completed':
      return `Replication of ${what} completed in ${event.region}${again(event)}`;
    case 'replication.failed':
      return `Replication of ${what} failed in ${event.region}${again(event)}${event.details ? `: ${event.details}` : ''}`;
    case 'replication.stuck':
      return `Replication of ${what} in ${event.region} has not moved from ${event.stuck?.progress ?? '?'}% since ${event.stuck?.since}`;
    default:
      return `${event.kind}: ${what}`;
  }
}

/** The commands a responder types next in Teams: its evidence, its status and, for a Failed region, the repair. */
export function hookCommands(event: WatchEvent): { evidence: string; status: string; repair?: string } {
  const image = hookImageName(event);
  return {
    evidence: `evidence ${image} ${event.version}`,
    status: `image status ${image} ${event.version}`,
    ...(event.state === 'Failed' && event.region ? { repair: `repair ${image} ${event.version} in ${regionKey(event.region)}` } : {}),
  };
}

/** A region that changed back (a recovery, a new failure), as the card says it. */
function again(event: WatchEvent): string {
  const text = afterText(event);
  return text ? ` ${text}` : '';
}
