import { regionKey } from '../gallery/region-names';
import type { WatchEvent } from '../subscriptions/watch-event';
import { escapeMarkdown } from './escape-text';
import { formatTimestamp } from './format-date';
import { runButton } from './run-button';
import { afterText } from './transition-text';
import type { CardFrame } from './watch-alert-cards';
import type { WatchEventCardData } from './watch-event-card';

/**
 * Several regions of one version that reached the same state (see event-groups.ts), on one card: a burst of 30
 * regions completing reads as one list that grows as more complete, not 30 cards. Failed and stuck regions are
 * one fact each, since each has its own reason or progress.
 */
export function replicationGroupCard(events: readonly WatchEvent[], f: CardFrame): WatchEventCardData {
  const first = events[0]!;
  const regions = events.map((e) => escapeMarkdown(e.region ?? ''));
  const count = `${events.length} regions`;
  const head = `${f.name} ${first.version}`;
  const facts = [{ title: 'Image', value: f.name }, f.where, { title: 'Version', value: first.version }];
  const buttons = [runButton('Image status', `image status ${f.image} ${first.version}`), runButton('Evidence', `evidence ${f.image} ${first.version}`)];
  if (first.stuck) {
    return {
      ...f.base,
      mark: '⚠ REPLICATION STUCK',
      markColor: 'warning',
      title: `${head} has stopped moving in ${count}`,
      facts: [...facts, ...events.map((e, i) => ({ title: regions[i]!, value: stuckText(e) })), f.seen],
      next: 'Azure may still finish them: watch them with **Image status**. If one ends Failed, this subscription says so, with the `repair` line to type.',
      buttons,
    };
  }
  // A later transition of its regions (see event-groups.ts): they changed back, each since its own time.
  const again = first.before !== undefined;
  const since = (e: WatchEvent) => (e.before ? ` (${afterText(e)})` : '');
  if (first.state === 'Failed') {
    const keys = events.map((e) => regionKey(e.region ?? '')).join(',');
    return {
      ...f.base,
      mark: '✗ REPLICATION FAILED',
      markColor: 'attention',
      title: `${head} failed to replicate to ${count}${again ? ' after they had completed' : ''}`,
      facts: [...facts, ...events.map((e, i) => ({ title: regions[i]!, value: `Failed${since(e)}: ${escapeMarkdown(e.details ?? 'no reason given')}` })), f.seen],
      next: `To re-drive them, type \`repair ${f.image} ${first.version} in ${keys}\` (a change request, approved like the others).`,
      buttons,
    };
  }
  return {
    ...f.base,
    mark: again ? '✓ REPLICATION RECOVERED' : '✓ REPLICATION COMPLETED',
    markColor: 'good',
    title: `${head} finished replicating to ${count}${again ? ' after failing' : ''}`,
    facts: [...facts, { title: 'Regions', value: events.map((e, i) => `${regions[i]!}${since(e)}`).join(', ') }, f.seen],
    buttons,
  };
}

function stuckText(e: WatchEvent): string {
  const at = e.stuck?.progress === undefined ? 'unknown progress' : `${e.stuck.progress} %`;
  return `Replicating, ${at}, unmoved since ${formatTimestamp(new Date(e.stuck?.since ?? 0))}`;
}
