import { imageKeyText, type WatchEvent } from './watch-event';

/**
 * Which card an event belongs on. Regions of one version reaching the same state (Completed, Failed, or stuck)
 * share one card: a version replicating to 30 regions is one card that grows, not 30. Every other event is
 * about one thing only (a version, a threshold, a request) and keeps a card of its own.
 */
export function eventGroupKey(event: WatchEvent): string {
  if (event.kind !== 'replication') return event.id;
  // A state's later transition (`Completed#2`, a recovery) is a card of its own, not an update of the first one.
  const state = event.stuck ? 'Stuck' : event.state ? event.id.slice(event.id.lastIndexOf('|') + 1) : 'unknown';
  return `replication|${imageKeyText(event.image)}/${event.version}|${state}`;
}

/** Events in cards: those sharing a group key, in the order their first event came. */
export function groupEvents(events: readonly WatchEvent[]): WatchEvent[][] {
  const groups = new Map<string, WatchEvent[]>();
  for (const event of events) {
    const key = eventGroupKey(event);
    const group = groups.get(key);
    if (group) group.push(event);
    else groups.set(key, [event]);
  }
  return [...groups.values()];
}
