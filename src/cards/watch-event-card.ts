import type { CardReply } from './reply';
import type { Subscription } from '../subscriptions/subscription';
import type { WatchEvent } from '../subscriptions/watch-event';
import { escapeMarkdown } from './escape-text';
import { formatTimestamp } from './format-date';
import type { Stage } from '../stages';
import { promotionButton } from './promotion-next-step';
import { runButton, type RunButton } from './run-button';
import { replicationGroupCard } from './watch-group-card';
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
  /** The subscription the Mute and Unsubscribe buttons act on ('' hides both: it is gone). */
  subscriptionId: string;
  showMute: boolean;
  /** What a click on those buttons did ("Muted until … by …"), '' before. */
  note: string;
}

/** What a Mute or Unsubscribe click did, said on the card it replaces. */
export interface CardOutcome {
  note: string;
  /** Unsubscribed: no buttons of the subscription's are left. */
  gone: boolean;
}

/**
 * One compact card per subscription event: what happened (a short status mark and a headline), where (image,
 * Azure subscription and resource group, region), when it was seen, and what to do next as buttons. `repair`
 * creates a change request and is shown as the line to type; a published version's next promotion (see
 * promotion-next-step.ts) is a button, since `promote` from a button only asks approvers.
 * Events that share a card (regions of one version reaching one state, see event-groups.ts) come as a list.
 * Every card ends with "Mute this subscription for 24 h" and "Unsubscribe"; `outcome` is what a click on them did
 * (a muted card offers "Unmute" instead of Mute).
 */
export function watchEventCard(events: WatchEvent | readonly WatchEvent[], subscription: Subscription, seenAt: Date, outcome?: CardOutcome, stages: readonly Stage[] = []): CardReply {
  const list = Array.isArray(events) ? (events as readonly WatchEvent[]) : [events as WatchEvent];
  const event = list[0]!;
  const image = `${event.image.gallery}/${event.image.image}`;
  const name = escapeMarkdown(image);
  const frame: CardFrame = {
    image,
    name,
    where: { title: 'Where', value: escapeMarkdown(`subscription ${event.image.subscriptionId}, resource group ${event.image.resourceGroup}`) },
    seen: { title: 'Seen', value: formatTimestamp(seenAt) },
    seenAt,
    base: {
      details: '',
      next: '',
      footer: `Subscription ${subscription.id}: ${escapeMarkdown(subscription.label)}, ${subscription.events.join(', ')}. Too many cards? Mute it for a day, or unsubscribe.`,
      subscriptionId: outcome?.gone ? '' : subscription.id,
      showMute: !outcome,
      note: outcome ? escapeMarkdown(outcome.note) : '',
    },
  };
  const found = list.length > 1 ? replicationGroupCard(list, frame) : cardData(event, frame, stages);
  // Muted (an outcome that is not "gone"): the card offers the way back, for a mute clicked by mistake.
  const data = outcome && !outcome.gone ? { ...found, buttons: [...found.buttons, runButton('Unmute', `unmute ${subscription.id}`)] } : found;
  const where = list.length > 1 ? ` in ${list.length} regions` : event.region ? ` in ${event.region}` : '';
  const what = event.reminder ? `${event.reminder.requestId} waits for a decision` : `${image} ${event.version}${where}`;
  return { kind: 'card', template: 'watch-event', data, summary: `${data.mark.replace(/^\S+ /, '')}: ${what}` };
}

function cardData(event: WatchEvent, f: CardFrame, stages: readonly Stage[]): WatchEventCardData {
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
        buttons: [status, evidence, ...[promotionButton(event, stages)].filter((b) => b !== undefined)],
      };
    case 'latest':
      return {
        ...f.base,
        mark: '★ LATEST CHANGED',
        markColor: 'default',
        title: `latest of ${f.name} is now ${event.version}`,
        facts: [{ title: 'Image', value: f.name }, f.where, { title: 'Latest', value: event.version }, { title: 'Before', value: event.previous ?? 'not known to this bot' }, f.seen],
        buttons: [runButton('Image status', `image status ${f.image} latest`), evidence],
      };
  }
}
