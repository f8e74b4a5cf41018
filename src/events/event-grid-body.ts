/**
 * What an Azure Event Grid webhook delivery (Event Grid schema: a JSON array of events) asks of the bot. Pure:
 * the route authenticates first, then reads the body here. CloudEvents deliveries are not accepted (the README
 * tells operators to keep the default Event Grid schema).
 */

/** The event Event Grid sends once, when a subscription to this endpoint is created. */
export const VALIDATION_EVENT = 'Microsoft.EventGrid.SubscriptionValidationEvent';
/** The Azure Resource Manager events that say a gallery resource changed. */
export const RESOURCE_EVENTS: readonly string[] = ['Microsoft.Resources.ResourceWriteSuccess', 'Microsoft.Resources.ResourceDeleteSuccess'];

/** A delivery carries at most this many events (Event Grid batches are at most 1 MB; a watcher wake needs no more). */
export const MAX_EVENTS = 5000;

export type EventGridBody =
  | { kind: 'validation'; validationCode: string }
  /** `changed`: the ARM ids of gallery resources written or deleted (deduplicated); `ignored`: every other event. */
  | { kind: 'events'; changed: string[]; ignored: number }
  | { kind: 'bad'; reason: string };

// A gallery or anything under it, in ARM's id form (any letter case, as ARM ids vary).
const GALLERY_RESOURCE = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/galleries\/[^/]+(\/[^/]+\/[^/]+)*\/?$/i;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a parsed JSON body. Anything that is not an array of events is `bad`, with a reason safe to answer with. */
export function readEventGridBody(body: unknown): EventGridBody {
  if (!Array.isArray(body)) return { kind: 'bad', reason: 'expected a JSON array of Event Grid events (Event Grid schema)' };
  if (body.length === 0) return { kind: 'bad', reason: 'the array holds no event' };
  if (body.length > MAX_EVENTS) return { kind: 'bad', reason: `more than ${MAX_EVENTS} events in one delivery` };
  if (!body.every((e) => isObject(e) && typeof e['eventType'] === 'string')) return { kind: 'bad', reason: 'every event needs an eventType string' };
  const events = body as Array<Record<string, unknown>>;
  const validation = events.find((e) => e['eventType'] === VALIDATION_EVENT);
  if (validation) {
    const code = isObject(validation['data']) ? validation['data']['validationCode'] : undefined;
    if (typeof code !== 'string' || code.length === 0 || code.length > 200) return { kind: 'bad', reason: 'the validation event has no data.validationCode' };
    return { kind: 'validation', validationCode: code };
  }
  const changed = new Map<string, string>();
  let ignored = 0;
  for (const event of events) {
    const id = galleryResourceOf(event);
    if (id === undefined) ignored += 1;
    else if (!changed.has(id.toLowerCase())) changed.set(id.toLowerCase(), id);
  }
  return { kind: 'events', changed: [...changed.values()], ignored };
}

/** The changed gallery resource's id: data.resourceUri, else the subject (Azure sets both to the resource id). */
function galleryResourceOf(event: Record<string, unknown>): string | undefined {
  if (!RESOURCE_EVENTS.includes(event['eventType'] as string)) return undefined;
  const data = isObject(event['data']) ? event['data'] : {};
  const candidates = [data['resourceUri'], event['subject']];
  for (const c of candidates) {
    if (typeof c === 'string' && c.length <= 1024 && GALLERY_RESOURCE.test(c)) return c.replace(/\/+$/, '');
  }
  return undefined;
}
