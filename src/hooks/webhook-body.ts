import type { WatchEvent } from '../subscriptions/watch-event';
import { hookCommands, hookEventText, hookEventType } from './hook-event-text';

/** The version of the webhook body's format; a change that could break a receiver gets a new one. */
export const WEBHOOK_SCHEMA = 'galleryops.event/1';

/** A signed link to the event's evidence bundle, or none (then `links.evidenceCommand` is the way to it). */
export interface EvidenceLink {
  url: string;
  /** ISO 8601 UTC: the link stops working then. */
  expiresAt: string;
}

/** The JSON a `webhook` hook POSTs (README "Outgoing hooks" documents it field by field). */
export interface WebhookBody {
  schema: typeof WEBHOOK_SCHEMA;
  /** The event's deterministic id: also the Idempotency-Key header; a receiver that saw it may ignore a repeat. */
  id: string;
  /** `published`, `latest`, `replication.completed`, `replication.failed` or `replication.stuck`. */
  type: string;
  /** When the watcher detected it (ISO 8601 UTC); ARM does not say when a region changed state. */
  detectedAt: string;
  /** The hook (policy file `hooks[].name`) this was sent for. */
  hook: string;
  gallery: { subscriptionId: string; resourceGroup: string; name: string };
  image: string;
  version: string;
  region?: string;
  state?: 'Completed' | 'Failed' | 'Stuck';
  /** ARM's error text for a Failed region. */
  error?: string;
  /** A stuck region: its unmoved progress (%) and since when. */
  stuck?: { progress?: number; since: string };
  /** `published`: target regions and whether latest resolves to it. */
  regions?: string[];
  isLatest?: boolean;
  text: string;
  links: { evidence?: string; evidenceExpiresAt?: string; evidenceCommand: string; statusCommand: string; repairCommand?: string };
}

/** The body for one event; `evidence` only when a public, signed link to a stored bundle exists. */
export function webhookBody(event: WatchEvent, hook: string, detectedAt: Date, evidence?: EvidenceLink): WebhookBody {
  const commands = hookCommands(event);
  const state = event.stuck ? 'Stuck' : event.state;
  return {
    schema: WEBHOOK_SCHEMA,
    id: event.id,
    type: hookEventType(event),
    detectedAt: detectedAt.toISOString(),
    hook,
    gallery: { subscriptionId: event.image.subscriptionId, resourceGroup: event.image.resourceGroup, name: event.image.gallery },
    image: event.image.image,
    version: event.version,
    ...(event.region ? { region: event.region } : {}),
    ...(state ? { state } : {}),
    ...(event.details ? { error: event.details } : {}),
    ...(event.stuck ? { stuck: event.stuck } : {}),
    ...(event.kind === 'published' ? { regions: event.regions ?? [], isLatest: event.isLatest ?? false } : {}),
    text: hookEventText(event),
    links: {
      ...(evidence ? { evidence: evidence.url, evidenceExpiresAt: evidence.expiresAt } : {}),
      evidenceCommand: commands.evidence,
      statusCommand: commands.status,
      ...(commands.repair ? { repairCommand: commands.repair } : {}),
    },
  };
}
