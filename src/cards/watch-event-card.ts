import type { CardReply } from '../commands/reply';
import { regionKey } from '../gallery/region-names';
import type { Subscription } from '../subscriptions/subscription';
import type { WatchEvent } from '../subscriptions/watch-event';
import { escapeMarkdown } from './escape-text';
import { formatTimestamp } from './format-date';
import { runButton, type RunButton } from './run-button';
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
  const where = { title: 'Where', value: escapeMarkdown(`subscription ${event.image.subscriptionId}, resource group ${event.image.resourceGroup}`) };
  const seen = { title: 'Seen', value: formatTimestamp(seenAt) };
  const status = runButton('Image status', `image status ${image} ${event.version}`);
  const evidence = runButton('Evidence', `evidence ${image} ${event.version}`);
  const unsubscribe = runButton('Unsubscribe', `unsubscribe ${subscription.id}`);
  const base = { details: '', next: '', footer: `Subscription ${subscription.id}: ${escapeMarkdown(subscription.label)}, ${subscription.events.join(', ')}. Not wanted here? Unsubscribe.` };
  let data: WatchEventCardData;
  if (event.kind === 'published') {
    data = {
      ...base,
      mark: '★ NEW VERSION',
      markColor: 'default',
      title: `${name} ${event.version} was published`,
      facts: [
        { title: 'Image', value: name },
        where,
        { title: 'Regions', value: escapeMarkdown((event.regions ?? []).join(', ')) || 'none listed' },
        { title: 'Latest', value: event.isLatest ? 'yes: deployments of latest get it' : 'no: latest resolves to another version' },
        seen,
      ],
      buttons: [status, evidence, unsubscribe],
    };
  } else if (event.kind === 'replication') {
    const failed = event.state === 'Failed';
    const region = escapeMarkdown(event.region ?? '');
    data = {
      ...base,
      mark: failed ? '✗ REPLICATION FAILED' : '✓ REPLICATION COMPLETED',
      markColor: failed ? 'attention' : 'good',
      title: failed ? `${name} ${event.version} failed to replicate to ${region}` : `${name} ${event.version} finished replicating to ${region}`,
      facts: [{ title: 'Image', value: name }, where, { title: 'Version', value: event.version }, { title: 'Region', value: `${region}: ${event.state ?? ''}` }, seen],
      details: failed ? `✗ Azure says: ${escapeMarkdown(event.details ?? 'no reason given')}` : '',
      next: failed ? `To re-drive it, type \`repair ${image} ${event.version} in ${regionKey(event.region ?? '')}\` (a change request, approved like the others).` : '',
      buttons: [status, evidence, unsubscribe],
    };
  } else {
    data = {
      ...base,
      mark: '★ LATEST CHANGED',
      markColor: 'default',
      title: `latest of ${name} is now ${event.version}`,
      facts: [{ title: 'Image', value: name }, where, { title: 'Latest', value: event.version }, { title: 'Before', value: event.previous ?? 'not known to this bot' }, seen],
      buttons: [runButton('Image status', `image status ${image} latest`), evidence, unsubscribe],
    };
  }
  return { kind: 'card', template: 'watch-event', data, summary: `${data.mark.replace(/^\S+ /, '')}: ${image} ${event.version}${event.region ? ` in ${event.region}` : ''}` };
}
