import { regionKey } from '../gallery/region-names';
import type { WatchEvent } from '../subscriptions/watch-event';
import { escapeMarkdown } from './escape-text';
import { formatDay, formatTimestamp } from './format-date';
import { formatRelativeTime } from './relative-time';
import { runButton } from './run-button';
import { afterText } from './transition-text';
import type { WatchEventCardData } from './watch-event-card';

/** What every event card shares: where the image lives, when the event was seen, the footer and the subscription's buttons. */
export interface CardFrame {
  /** `gallery/image`, as typed in commands. */
  image: string;
  /** The same, escaped for card text. */
  name: string;
  where: { title: string; value: string };
  seen: { title: string; value: string };
  seenAt: Date;
  base: Pick<WatchEventCardData, 'details' | 'next' | 'footer' | 'note' | 'subscriptionId' | 'showMute'>;
}

/** A region that reached Completed or Failed, or stands still (stuck) while Replicating. */
export function replicationCard(event: WatchEvent, f: CardFrame): WatchEventCardData {
  const region = escapeMarkdown(event.region ?? '');
  const buttons = [runButton('Image status', `image status ${f.image} ${event.version}`), runButton('Evidence', `evidence ${f.image} ${event.version}`)];
  const facts = [{ title: 'Image', value: f.name }, f.where, { title: 'Version', value: event.version }];
  if (event.stuck) {
    const at = event.stuck.progress === undefined ? 'an unknown progress' : `${event.stuck.progress} %`;
    const since = new Date(event.stuck.since);
    return {
      ...f.base,
      mark: '⚠ REPLICATION STUCK',
      markColor: 'warning',
      title: `${f.name} ${event.version} has been at ${at} in ${region} since ${formatRelativeTime(since, f.seenAt)}`,
      facts: [...facts, { title: 'Region', value: `${region}: Replicating, ${at}` }, { title: 'Unmoved since', value: formatTimestamp(since) }, f.seen],
      next: 'Azure may still finish it: watch it with **Image status**. If it ends Failed, this subscription says so, with the `repair` line to type.',
      buttons,
    };
  }
  const failed = event.state === 'Failed';
  const after = afterText(event);
  const headline = failed ? `${f.name} ${event.version} failed to replicate to ${region}` : `${f.name} ${event.version} finished replicating to ${region}`;
  return {
    ...f.base,
    mark: failed ? '✗ REPLICATION FAILED' : after ? '✓ REPLICATION RECOVERED' : '✓ REPLICATION COMPLETED',
    markColor: failed ? 'attention' : 'good',
    title: after ? `${headline} ${after}` : headline,
    facts: [...facts, { title: 'Region', value: `${region}: ${event.state ?? ''}${after ? ` (${after})` : ''}` }, f.seen],
    details: failed ? `✗ Azure says: ${escapeMarkdown(event.details ?? 'no reason given')}` : '',
    next: failed ? `To re-drive it, type \`repair ${f.image} ${event.version} in ${regionKey(event.region ?? '')}\` (a change request, approved like the others).` : '',
    buttons,
  };
}

/** An in-use version within an EOL_ALERT_DAYS threshold of its end of life. */
export function endOfLifeCard(event: WatchEvent, f: CardFrame): WatchEventCardData {
  const eol = event.endOfLife!;
  const days = eol.daysLeft === 1 ? '1 day' : `${eol.daysLeft} days`;
  return {
    ...f.base,
    mark: `⏳ END OF LIFE IN ${days.toUpperCase()}`,
    markColor: eol.daysLeft <= 7 ? 'attention' : 'warning',
    title: `${f.name} ${event.version} reaches its end of life on ${formatDay(new Date(eol.date))}, and is still in use`,
    facts: [
      { title: 'Image', value: f.name },
      f.where,
      { title: 'Version', value: event.version },
      { title: 'End of life', value: `${formatDay(new Date(eol.date))} (in ${days})` },
      { title: 'Run by', value: escapeMarkdown(eol.usedBy.join(', ')) },
      f.seen,
    ],
    next: `Move them to a newer version (\`promote ${f.image} ‹version› to latest\`) before then; **Usage** lists them with their resource groups.`,
    buttons: [runButton('Usage', `usage ${f.image} ${event.version}`), runButton('Versions', `versions ${f.image}`)],
  };
}

/** A change request that has waited REMINDER_HOURS without a decision. */
export function reminderCard(event: WatchEvent, f: CardFrame): WatchEventCardData {
  const r = event.reminder!;
  const approvers = r.approvers.map((a) => a.name).join(', ') || 'nobody: the policy names no approver';
  return {
    ...f.base,
    mark: '⏳ WAITING FOR A DECISION',
    markColor: 'warning',
    title: `${escapeMarkdown(r.requestId)} has waited ${formatRelativeTime(new Date(r.createdAt), f.seenAt).replace(/ ago$/, '')} for approval`,
    facts: [
      { title: 'Request', value: escapeMarkdown(`${r.requestId}: ${r.title}`) },
      { title: 'Asked by', value: `${escapeMarkdown(r.requester)}, ${formatTimestamp(new Date(r.createdAt))}` },
      { title: 'Approvers', value: escapeMarkdown(approvers) },
      { title: 'Expires', value: `${formatTimestamp(new Date(r.expiresAt))} (${formatRelativeTime(new Date(r.expiresAt), f.seenAt)})` },
      f.where,
      f.seen,
    ],
    next: `Approvers: open it with **Show request** (or type \`request ${r.requestId}\`) to approve or reject it.`,
    buttons: [runButton('Show request', `request ${r.requestId}`), runButton('Pending', 'pending')],
  };
}
