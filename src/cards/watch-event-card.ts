import type { CardReply } from './reply';
import type { Subscription } from '../subscriptions/subscription';
import type { WatchEvent } from '../subscriptions/watch-event';
import { escapeMarkdown } from './escape-text';
import { formatTimestamp } from './format-date';
import { runButton, type RunButton } from './run-button';
import { endOfLifeCard, reminderCard, replicationCard, type CardFrame } from './watch-alert-cards';
import type { CardColor } from './status-mark';

export interface WatchEventCardData {
  mark: string;
  markColor: CardColor;
  title: string;
  facts: { title: string; value: string }[];
  /** ARM's error text for a Failed region ('' otherwise). */
  details: string;
  /** The command to type next when it cannot be a button ('' otherwise). */
  next: string;
  footer: string;
  buttons: RunButton[];
}

/**
 * One compact card per subscription event: what happened (a short status mark and a headline), where (image,
 * Azure subscription and resource group, region), when it was seen, and what to do next as buttons. `repair`
 * creates a change request, and buttons only run read-only commands, so it is shown as the line to type.
 */
export function watchEventCard(event: WatchEvent, subscription: Subscription, seenAt: Date): CardReply {
  const image = `${event.image.gallery}/${event.image.image}`;
  const name = escapeMarkdown(image);
  const frame: CardFrame = {
    image,
    name,
    where: { title: 'Where', value: escapeMarkdown(`subscription ${event.image.subscriptionId}, resource group ${event.image.resourceGroup}`) },
    seen: { title: 'Seen', value: formatTimestamp(seenAt) },
    seenAt,
    base: { details: '', next: '', footer: `Subscription ${subscription.id}: ${escapeMarkdown(subscription.label)}, ${subscription.events.join(', ')}. Not wanted here? Unsubscribe.` },
    unsubscribe: runButton('Unsubscribe', `unsubscribe ${subscription.id}`),
  };
  const data = cardData(event, frame);
  const where = event.region ? ` in ${event.region}` : '';
  const what = event.reminder ? `${event.reminder.requestId} waits for a decision` : `${image} ${event.version}${where}`;
  return { kind: 'card', template: 'watch-event', data, summary: `${data.mark.replace(/^\S+ /, '')}: ${what}` };
}

function cardData(event: WatchEvent, f: CardFrame): WatchEventCardData {
  const status = runButton('Image status', `image status ${f.image} ${event.version}`);
  const evidence = runButton('Evidence', `evidence ${f.image} ${event.version}`);
  switch (event.kind) {
    case 'replication':
      return replicationCard(event, f);
    case 'eol':
      return endOfLifeCard(event, f);
    case 'requests':
      return reminderCard(event, f);
    case 'published':
      return {
        ...f.base,
        mark: '★ NEW VERSION',
        markColor: 'default',
        title: `${f.name} ${event.version} was published`,
        facts: [
          { title: 'Image', value: f.name },
          f.where,
          { title: 'Regions', value: escapeMarkdown((event.regions ?? []).join(', ')) || 'none listed' },
          { title: 'Latest', value: event.isLatest ? 'yes: deployments of latest get it' : `no: latest resolves to ${event.latestVersion ?? 'another version'}` },
          f.seen,
        ],
        buttons: [status, evidence, f.unsubscribe],
      };
    case 'latest':
      return {
        ...f.base,
        mark: '★ LATEST CHANGED',
        markColor: 'default',
        title: `latest of ${f.name} is now ${event.version}`,
        facts: [{ title: 'Image', value: f.name }, f.where, { title: 'Latest', value: event.version }, { title: 'Before', value: event.previous ?? 'not known to this bot' }, f.seen],
        buttons: [runButton('Image status', `image status ${f.image} latest`), evidence, f.unsubscribe],
      };
  }
}
