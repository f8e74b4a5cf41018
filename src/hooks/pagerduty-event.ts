import { regionKey } from '../gallery/region-names';
import type { WatchEvent } from '../subscriptions/watch-event';
import { imageKeyText } from '../subscriptions/watch-event';
import { hookCommands, hookEventText, hookEventType, hookImageName } from './hook-event-text';
import type { EvidenceLink } from './webhook-body';

/** What PagerDuty is asked to do for a replication event (nothing for a region that was never announced in trouble). */
export type PagerDutyAction = 'trigger' | 'resolve';

/** An Events API v2 request body (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/). */
export interface PagerDutyEvent {
  routing_key: string;
  event_action: PagerDutyAction;
  dedup_key: string;
  client?: string;
  payload?: {
    summary: string;
    source: string;
    severity: 'critical' | 'error' | 'warning' | 'info';
    timestamp: string;
    component: string;
    group: string;
    class: string;
    custom_details: Record<string, string | number>;
  };
  links?: { href: string; text: string }[];
}

/**
 * One alert per version and region: a failure and a stall of the same region are one incident in PagerDuty,
 * and the region completing resolves it under the same key. Lower case, as event ids are.
 */
export function pagerDutyDedupKey(event: WatchEvent): string {
  return `galleryops:${imageKeyText(event.image)}/${event.version}:${regionKey(event.region ?? '')}`;
}

/** Failed and stuck regions open (or update) the alert; a Completed region resolves it. */
export function pagerDutyAction(event: WatchEvent): PagerDutyAction | undefined {
  if (event.kind !== 'replication') return undefined;
  if (event.state === 'Completed') return 'resolve';
  return event.state === 'Failed' || event.stuck ? 'trigger' : undefined;
}

// PagerDuty cuts a summary at 1024 characters; ARM's error text can be long.
const MAX_SUMMARY = 1024;

/** The Events API v2 body; a resolve carries only the key, as PagerDuty asks. */
export function pagerDutyEvent(event: WatchEvent, action: PagerDutyAction, routingKey: string, detectedAt: Date, evidence?: EvidenceLink): PagerDutyEvent {
  const dedup = pagerDutyDedupKey(event);
  if (action === 'resolve') return { routing_key: routingKey, event_action: 'resolve', dedup_key: dedup };
  const commands = hookCommands(event);
  const summary = hookEventText(event);
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedup,
    client: 'GalleryOps',
    payload: {
      summary: summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY - 1)}…` : summary,
      source: `${hookImageName(event)} ${event.version}`,
      // A failure needs someone; a stall may still finish on its own.
      severity: event.state === 'Failed' ? 'error' : 'warning',
      timestamp: detectedAt.toISOString(),
      component: event.region ?? '',
      group: event.image.gallery,
      class: hookEventType(event),
      custom_details: {
        subscriptionId: event.image.subscriptionId,
        resourceGroup: event.image.resourceGroup,
        eventId: event.id,
        ...(event.details ? { error: event.details } : {}),
        ...(event.stuck ? { stuckSince: event.stuck.since, ...(event.stuck.progress === undefined ? {} : { progress: event.stuck.progress }) } : {}),
        evidenceCommand: commands.evidence,
        ...(commands.repair ? { repairCommand: commands.repair } : {}),
      },
    },
    ...(evidence ? { links: [{ href: evidence.url, text: `Evidence bundle (signed link, valid until ${evidence.expiresAt})` }] } : {}),
  };
}
